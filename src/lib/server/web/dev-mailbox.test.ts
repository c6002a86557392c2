import { describe, expect, it } from 'vitest';
import { mayOpenDevMailbox } from './dev-mailbox';
import type { StaffRole } from '../people';

type Viewer = { staff: { corporationId: string; role: StaffRole }[] };
const admin: Viewer = { staff: [{ corporationId: 'c', role: 'admin' }] };
const wijkconsulent: Viewer = { staff: [{ corporationId: 'c', role: 'wijkconsulent' }] };
const tenant: Viewer = { staff: [] };
const open = (clientAddress: string, actor: Viewer | null, demo = true, outbox = true) => mayOpenDevMailbox({ demo, outbox, clientAddress, actor });

describe('the development mailbox', () => {
	it('opens for this machine and for a logged-in admin', () => {
		expect(['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.1.2.3'].map((a) => open(a, null))).toEqual([true, true, true, true]);
		expect(open('203.0.113.7', admin)).toBe(true);
	});
	it('stays shut for anyone else on the network, logged in or not, and outside demo mode', () => {
		expect(open('203.0.113.7', null)).toBe(false);
		expect(open('203.0.113.7', tenant)).toBe(false);
		expect(open('203.0.113.7', wijkconsulent)).toBe(false);
		expect(open('10.0.0.5', null)).toBe(false);
		expect(open('127.0.0.1.evil.example', null)).toBe(false);
		expect(open('127.0.0.1', admin, false)).toBe(false);
		expect(open('127.0.0.1', admin, true, false)).toBe(false);
	});
});
