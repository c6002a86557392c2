import type { HelpState } from './model';

/**
 * The Superbuurt state machine: ONE table. Every state change of a help request is one of these
 * actions; anything else is refused with a clear error. Creating a request (ask) enters
 * 'to_check' and is the only way in.
 *
 *   to_check ──publish──▶ published ──take──▶ taken ──mark_done──▶ done ──confirm / auto_confirm──▶ confirmed
 *      │ ▲                  │  ▲                 │                   │
 *      │ └──resubmit── returned                  └──release──────────┘ (back to published)
 *      ├──return──▶ returned                                        done ──dispute──▶ disputed
 *      ├──redirect──▶ redirected (a report for the corporation)     disputed ──settle_confirm──▶ confirmed
 *      └──reject──▶ rejected                                        disputed ──settle_reopen──▶ published
 *   to_check / returned / published ──cancel──▶ cancelled            disputed ──settle_close──▶ closed
 *   published ──flag_waiting──▶ published (nobody took it in time; a flag, no state change)
 *
 * Roles are relative to the request: the asker (or the person who asked on their behalf), an
 * active supervisor of the buurt, staff of the buurt's corporation, the helper who took it, any
 * member of the buurt, and the system (jobs).
 */
export const helpRoles = ['asker', 'supervisor', 'staff', 'helper', 'member', 'system'] as const;
export type HelpRole = (typeof helpRoles)[number];

export interface Transition {
	from: readonly HelpState[];
	/** 'same' for events that do not change the state (flag_waiting). */
	to: HelpState | 'same';
	/** Who may do it; the first role the actor holds is recorded in the history. */
	roles: readonly HelpRole[];
	/** A reason the asker reads. */
	reason: 'required' | 'optional' | 'none';
	/** The asker (or their proxy) may not do this on their own request. */
	notOwn?: true;
	/** The person who published the request may not do this (checker and helper are different people). */
	notChecker?: true;
	/** Confirms the request: the rewards go to the buurtpot. */
	rewards?: true;
}

export const transitions = {
	publish: { from: ['to_check'], to: 'published', roles: ['supervisor', 'staff'], reason: 'required', notOwn: true },
	return: { from: ['to_check'], to: 'returned', roles: ['supervisor', 'staff'], reason: 'required', notOwn: true },
	redirect: { from: ['to_check'], to: 'redirected', roles: ['supervisor', 'staff'], reason: 'required', notOwn: true },
	reject: { from: ['to_check'], to: 'rejected', roles: ['supervisor', 'staff'], reason: 'required', notOwn: true },
	resubmit: { from: ['returned'], to: 'to_check', roles: ['asker'], reason: 'optional' },
	cancel: { from: ['to_check', 'returned', 'published'], to: 'cancelled', roles: ['asker'], reason: 'optional' },
	take: { from: ['published'], to: 'taken', roles: ['member'], reason: 'none', notOwn: true, notChecker: true },
	release: { from: ['taken'], to: 'published', roles: ['helper', 'staff'], reason: 'optional' },
	mark_done: { from: ['taken'], to: 'done', roles: ['helper'], reason: 'optional' },
	confirm: { from: ['done'], to: 'confirmed', roles: ['asker'], reason: 'optional', rewards: true },
	dispute: { from: ['done'], to: 'disputed', roles: ['asker'], reason: 'required' },
	auto_confirm: { from: ['done'], to: 'confirmed', roles: ['system'], reason: 'none', rewards: true },
	settle_confirm: { from: ['disputed'], to: 'confirmed', roles: ['staff'], reason: 'required', rewards: true },
	settle_reopen: { from: ['disputed'], to: 'published', roles: ['staff'], reason: 'required' },
	settle_close: { from: ['disputed'], to: 'closed', roles: ['staff'], reason: 'required' },
	flag_waiting: { from: ['published'], to: 'same', roles: ['system'], reason: 'none' }
} as const satisfies Record<string, Transition>;

export type HelpAction = keyof typeof transitions;
export const helpActions = Object.keys(transitions) as HelpAction[];
/** Actions a person can take (the others belong to jobs). */
export const personActions = helpActions.filter((a) => !(transitions[a].roles as readonly HelpRole[]).includes('system'));

/** How the actor stands to one request: their roles, and whether they asked or checked it. */
export interface Standing {
	roles: ReadonlySet<HelpRole>;
	isAsker: boolean;
	isChecker: boolean;
}

export type Decision =
	| { ok: true; to: HelpState; role: HelpRole }
	| { ok: false; code: string; details: Record<string, unknown> };

/** The friendliest error for an action that does not fit the request's state. */
function stateConflict(action: HelpAction, state: HelpState): string {
	if (action === 'take' && ['taken', 'done', 'disputed', 'confirmed', 'closed'].includes(state)) return 'help.already_taken';
	if ((action === 'confirm' || action === 'auto_confirm' || action === 'settle_confirm') && state === 'confirmed') return 'help.already_confirmed';
	if (action === 'mark_done' && ['done', 'disputed', 'confirmed', 'closed'].includes(state)) return 'help.already_done';
	if (['publish', 'return', 'redirect', 'reject'].includes(action) && state !== 'to_check') return 'help.already_checked';
	if (action === 'cancel' && state === 'cancelled') return 'help.already_cancelled';
	return 'help.state.conflict';
}

/**
 * Pure: may this actor do this action on a request in this state? Checks, in order, the role
 * (403), then "not on your own request" (400), then the state (409). Used by the use cases and by
 * pages (to show only the buttons that work).
 */
export function decide(action: HelpAction, state: HelpState, standing: Standing): Decision {
	const t: Transition = transitions[action];
	const role = t.roles.find((r) => standing.roles.has(r));
	if (!role) return { ok: false, code: 'help.forbidden', details: { action } };
	if (t.notOwn && standing.isAsker) return { ok: false, code: 'help.own_request', details: { action } };
	if (t.notChecker && standing.isChecker) return { ok: false, code: 'help.own_check', details: { action } };
	if (!t.from.includes(state)) return { ok: false, code: stateConflict(action, state), details: { action, state } };
	return { ok: true, to: t.to === 'same' ? state : t.to, role };
}
