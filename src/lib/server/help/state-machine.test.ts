import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, helpActions, helpRoles, transitions, type HelpAction, type HelpRole, type Standing } from './state-machine';
import { helpStates, type HelpState } from './model';
import { httpStatusFor } from '../shared/errors';

/**
 * The specification, written out by hand (not derived from the table it tests): which roles may
 * do each action, and from which states.
 */
const spec: Record<HelpAction, { roles: HelpRole[]; from: HelpState[]; to: HelpState | 'same' }> = {
	publish: { roles: ['supervisor', 'staff'], from: ['to_check'], to: 'published' },
	return: { roles: ['supervisor', 'staff'], from: ['to_check'], to: 'returned' },
	redirect: { roles: ['supervisor', 'staff'], from: ['to_check'], to: 'redirected' },
	reject: { roles: ['supervisor', 'staff'], from: ['to_check'], to: 'rejected' },
	resubmit: { roles: ['asker'], from: ['returned'], to: 'to_check' },
	cancel: { roles: ['asker'], from: ['to_check', 'returned', 'published'], to: 'cancelled' },
	take: { roles: ['member'], from: ['published'], to: 'taken' },
	release: { roles: ['helper', 'staff'], from: ['taken'], to: 'published' },
	mark_done: { roles: ['helper'], from: ['taken'], to: 'done' },
	confirm: { roles: ['asker'], from: ['done'], to: 'confirmed' },
	dispute: { roles: ['asker'], from: ['done'], to: 'disputed' },
	auto_confirm: { roles: ['system'], from: ['done'], to: 'confirmed' },
	settle_confirm: { roles: ['staff'], from: ['disputed'], to: 'confirmed' },
	settle_reopen: { roles: ['staff'], from: ['disputed'], to: 'published' },
	settle_close: { roles: ['staff'], from: ['disputed'], to: 'closed' },
	flag_waiting: { roles: ['system'], from: ['published'], to: 'same' }
};

const standing = (roles: HelpRole[], opts: { isAsker?: boolean; isChecker?: boolean } = {}): Standing => ({
	roles: new Set(roles),
	isAsker: opts.isAsker ?? roles.includes('asker'),
	isChecker: opts.isChecker ?? false
});

describe('the state machine table', () => {
	it('has exactly the specified actions', () => {
		expect(helpActions.sort()).toEqual(Object.keys(spec).sort());
	});

	// Every transition × every role × every state: allowed, or refused with the right error.
	for (const action of Object.keys(spec) as HelpAction[]) {
		for (const role of helpRoles) {
			it(`${action} by ${role}`, () => {
				const s = spec[action];
				for (const state of helpStates) {
					// The asker role alone, so the "not on your own request" rule does not interfere.
					const d = decide(action, state, standing([role], { isAsker: role === 'asker' }));
					if (!s.roles.includes(role)) {
						expect(d, `${action} by ${role} in ${state}`).toMatchObject({ ok: false, code: 'help.forbidden' });
					} else if (!s.from.includes(state)) {
						expect(d.ok, `${action} by ${role} in ${state}`).toBe(false);
						if (!d.ok) expect(httpStatusFor(d.code), `${d.code} is a conflict`).toBe(409);
					} else {
						expect(d, `${action} by ${role} in ${state}`).toEqual({ ok: true, to: s.to === 'same' ? state : s.to, role });
					}
				}
			});
		}
	}

	it('forbidden transitions name the problem clearly', () => {
		expect(decide('take', 'taken', standing(['member']))).toMatchObject({ ok: false, code: 'help.already_taken' });
		expect(decide('confirm', 'confirmed', standing(['asker']))).toMatchObject({ ok: false, code: 'help.already_confirmed' });
		expect(decide('publish', 'published', standing(['supervisor']))).toMatchObject({ ok: false, code: 'help.already_checked' });
		expect(decide('mark_done', 'done', standing(['helper']))).toMatchObject({ ok: false, code: 'help.already_done' });
		expect(decide('confirm', 'taken', standing(['asker']))).toMatchObject({ ok: false, code: 'help.state.conflict', details: { action: 'confirm', state: 'taken' } });
	});

	it('nobody checks or takes their own request, and the checker does not help', () => {
		for (const action of ['publish', 'return', 'redirect', 'reject'] as const) {
			expect(decide(action, 'to_check', standing(['supervisor', 'member'], { isAsker: true }))).toMatchObject({ ok: false, code: 'help.own_request' });
			expect(decide(action, 'to_check', standing(['staff'], { isAsker: true }))).toMatchObject({ ok: false, code: 'help.own_request' });
		}
		expect(decide('take', 'published', standing(['member'], { isAsker: true }))).toMatchObject({ ok: false, code: 'help.own_request' });
		expect(decide('take', 'published', standing(['member', 'supervisor'], { isChecker: true }))).toMatchObject({ ok: false, code: 'help.own_check' });
		expect(httpStatusFor('help.own_request')).toBe(400);
		expect(httpStatusFor('help.forbidden')).toBe(403);
	});

	it('records the first listed role the actor holds (a supervisor who is also staff earns as supervisor)', () => {
		expect(decide('publish', 'to_check', standing(['staff', 'supervisor']))).toMatchObject({ ok: true, role: 'supervisor' });
	});

	it('only confirmations carry rewards, and each ends in confirmed', () => {
		const rewarding = helpActions.filter((a) => (transitions[a] as { rewards?: true }).rewards);
		expect(rewarding.sort()).toEqual(['auto_confirm', 'confirm', 'settle_confirm']);
		for (const a of rewarding) expect(transitions[a].to).toBe('confirmed');
	});

	it('property: any sequence of actions by any roles stays in the state machine and confirms at most once', () => {
		const terminal: HelpState[] = ['confirmed', 'redirected', 'rejected', 'cancelled', 'closed'];
		fc.assert(
			fc.property(
				fc.array(fc.record({ action: fc.constantFrom(...helpActions), roles: fc.subarray([...helpRoles], { minLength: 1 }), isChecker: fc.boolean() }), { maxLength: 40 }),
				(steps) => {
					let state: HelpState = 'to_check';
					let confirmations = 0;
					for (const step of steps) {
						const d = decide(step.action, state, standing(step.roles, { isChecker: step.isChecker }));
						if (!d.ok) continue;
						expect(helpStates).toContain(d.to);
						// Nothing leaves a terminal state.
						expect(terminal).not.toContain(state);
						if ((transitions[step.action] as { rewards?: true }).rewards) confirmations++;
						state = d.to;
					}
					expect(confirmations).toBeLessThanOrEqual(1);
					if (confirmations === 1) expect(state).toBe('confirmed');
				}
			),
			{ numRuns: 2000 }
		);
	});
});
