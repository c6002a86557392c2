import type { Actor } from '../people';

const loopback = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * The development mailbox holds every account's mail, with one-time login and reset links: on a
 * public demo that is an account takeover. Only a request from this machine (loopback) or a
 * logged-in admin may open it, and only in demo mode with the outbox mailer.
 */
export function mayOpenDevMailbox(opts: { demo: boolean; outbox: boolean; clientAddress: string; actor: Pick<Actor, 'staff'> | null }): boolean {
	if (!opts.demo || !opts.outbox) return false;
	if (loopback.test(opts.clientAddress)) return true;
	return !!opts.actor?.staff.some((s) => s.role === 'admin');
}
