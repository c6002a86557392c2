import type { ReportState } from './model';

/**
 * The meldingen state machine: ONE table. Every change of a report is one of these actions;
 * anything else is refused with a clear error. Creating a report enters 'new' and is the only
 * way in.
 *
 *   new ──acknowledge──▶ acknowledged ──start──▶ in_progress (optionally scheduled on a date; start again reschedules)
 *    │                       │                       │
 *    └───────────────────────┴───────────────────────┴──resolve──▶ resolved ──reopen ("klopt niet", ≤ 14 days)──▶ reopened
 *                                                     ├─reject (reason)──▶ rejected
 *                                                     ├─forward (to another party)──▶ forwarded ──record_reply──▶ forwarded
 *                                                     └─merge (into another open report)──▶ merged
 *   reopened behaves like acknowledged (the handler picks it up again).
 *   new ──withdraw──▶ withdrawn; new ──edit──▶ new (the reporter changes their text)
 *   any open state ──assign──▶ same (another handler); ──flag_overdue──▶ same (the job)
 *
 * Roles are relative to the report: its reporter; staff of the report's corporation; the
 * partner organisation it is routed to (a supplier's work order, the municipality); the system.
 */
export const reportRoles = ['reporter', 'staff', 'partner', 'system'] as const;
export type ReportRole = (typeof reportRoles)[number];

export interface Transition {
	from: readonly ReportState[];
	/** 'same' for events that do not change the state. */
	to: ReportState | 'same';
	/** Who may do it; the first role the actor holds is recorded in the history. */
	roles: readonly ReportRole[];
	/** The note the reporter reads. */
	note: 'required' | 'optional' | 'none';
	/** Counts as the handler's first response (for the buurt's figures). */
	responds?: true;
}

const active: readonly ReportState[] = ['new', 'acknowledged', 'in_progress', 'reopened'];

export const transitions = {
	acknowledge: { from: ['new', 'reopened'], to: 'acknowledged', roles: ['staff', 'partner'], note: 'required', responds: true },
	start: { from: active, to: 'in_progress', roles: ['staff', 'partner'], note: 'required', responds: true },
	resolve: { from: active, to: 'resolved', roles: ['staff', 'partner'], note: 'required', responds: true },
	reject: { from: active, to: 'rejected', roles: ['staff'], note: 'required', responds: true },
	forward: { from: active, to: 'forwarded', roles: ['staff'], note: 'required', responds: true },
	record_reply: { from: ['forwarded'], to: 'same', roles: ['staff'], note: 'required' },
	merge: { from: active, to: 'merged', roles: ['staff'], note: 'required', responds: true },
	reopen: { from: ['resolved'], to: 'reopened', roles: ['reporter'], note: 'required' },
	withdraw: { from: ['new'], to: 'withdrawn', roles: ['reporter'], note: 'optional' },
	edit: { from: ['new'], to: 'same', roles: ['reporter'], note: 'none' },
	assign: { from: active, to: 'same', roles: ['staff'], note: 'none' },
	flag_overdue: { from: active, to: 'same', roles: ['system'], note: 'none' }
} as const satisfies Record<string, Transition>;

export type ReportAction = keyof typeof transitions;
export const reportActions = Object.keys(transitions) as ReportAction[];
/** Actions a person takes through POST /reports/{id}/transitions (edit, assign and the job have their own doors). */
export const transitionActions = ['acknowledge', 'start', 'resolve', 'reject', 'forward', 'record_reply', 'merge', 'reopen', 'withdraw'] as const satisfies readonly ReportAction[];
export type TransitionAction = (typeof transitionActions)[number];

export type Decision = { ok: true; to: ReportState; role: ReportRole } | { ok: false; code: string; details: Record<string, unknown> };

/** The friendliest error for an action that does not fit the report's state. */
function stateConflict(action: ReportAction, state: ReportState): string {
	if (action === 'edit' || action === 'withdraw') return 'reports.not_new';
	if (action === 'reopen') return 'reports.not_resolved';
	if (state === 'withdrawn') return 'reports.withdrawn';
	if (!active.includes(state) && action !== 'record_reply') return 'reports.closed';
	return 'reports.state_conflict';
}

/**
 * Pure: may someone with these roles do this action on a report in this state? The role first
 * (403), then the state (409). Used by the use cases and handed to pages (only the buttons that work).
 */
export function decide(action: ReportAction, state: ReportState, roles: ReadonlySet<ReportRole>): Decision {
	const t: Transition = transitions[action];
	const role = t.roles.find((r) => roles.has(r));
	if (!role) return { ok: false, code: 'reports.forbidden', details: { action } };
	if (!t.from.includes(state)) return { ok: false, code: stateConflict(action, state), details: { action, state } };
	return { ok: true, to: t.to === 'same' ? state : t.to, role };
}

/**
 * Replays a history (in seq order) to the state it leads to; every row must start where the one
 * before it ended (the first from nothing), else the history is broken and this throws.
 */
export function replay(history: readonly { from_state: ReportState | null; to_state: ReportState }[]): ReportState | null {
	let state: ReportState | null = null;
	for (const [i, h] of history.entries()) {
		if (h.from_state !== state) throw new Error(`history row ${i + 1} starts at ${h.from_state}, not at ${state}`);
		state = h.to_state;
	}
	return state;
}
