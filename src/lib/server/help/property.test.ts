import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { DomainError } from '../shared/errors';
import { topUpBuurt } from '../pot';
import { createHelpFixture, type HelpFixture, type Persona } from './test-fixtures';
import { decide, type HelpAction, type HelpRole } from './state-machine';
import { publicStates, type HelpState } from './model';
import { publishHelpRequest, redirectHelpRequest, rejectHelpRequest, returnHelpRequest } from './check-help-request';
import { cancelHelpRequest, confirmHelpRequest, disputeHelpRequest, resubmitHelpRequest } from './asker-actions';
import { markHelpRequestDone, releaseHelpRequest, takeHelpRequest } from './helper-actions';
import { settleHelpRequest } from './settle-help-request';
import { runTransition } from './engine';
import type { Actor } from '../people';

/**
 * Random sequences of actions by random people, run through the real use cases on the real
 * database, against a model built from the state machine table: the database agrees with the
 * model at every step, never reaches an invalid state, writes one history row per change and
 * nothing for a refusal, and pays the rewards at most once (exactly once when confirmed).
 */

let db: Db;
let ctx: TestCtx;
let f: HelpFixture;
const actors = {} as Record<Persona, Actor>;
const personas: Persona[] = ['asker', 'supervisor', 'staff', 'helper', 'member', 'outsider'];

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	f = await createHelpFixture(db, ctx);
	for (const p of personas) actors[p] = await f.actor(p);
	await topUpBuurt(ctx, await f.actor('staff'), { buurtId: f.lindebuurt, account: 'funding', amountCents: 10_000_000, note: 'Genoeg voor alles', idempotencyKey: 'property-test-funding' });
});
afterAll(() => db.close());

type Step = { action: HelpAction; by: Persona | 'system' };
const reason = 'Een reden voor de vrager.';
const run = (s: Step, id: string): Promise<unknown> => {
	const a = s.by === 'system' ? null : actors[s.by];
	const input = { requestId: id, reason };
	switch (s.action) {
		case 'publish': return publishHelpRequest(ctx, a!, input);
		case 'return': return returnHelpRequest(ctx, a!, input);
		case 'redirect': return redirectHelpRequest(ctx, a!, input);
		case 'reject': return rejectHelpRequest(ctx, a!, input);
		case 'resubmit': return resubmitHelpRequest(ctx, a!, input);
		case 'cancel': return cancelHelpRequest(ctx, a!, input);
		case 'take': return takeHelpRequest(ctx, a!, { requestId: id });
		case 'release': return releaseHelpRequest(ctx, a!, input);
		case 'mark_done': return markHelpRequestDone(ctx, a!, input);
		case 'confirm': return confirmHelpRequest(ctx, a!, input);
		case 'dispute': return disputeHelpRequest(ctx, a!, input);
		case 'settle_confirm': return settleHelpRequest(ctx, a!, { ...input, outcome: 'confirm' });
		case 'settle_reopen': return settleHelpRequest(ctx, a!, { ...input, outcome: 'reopen' });
		case 'settle_close': return settleHelpRequest(ctx, a!, { ...input, outcome: 'close' });
		case 'auto_confirm': return runTransition(ctx, a, { action: 'auto_confirm', requestId: id, input });
		case 'flag_waiting': return runTransition(ctx, a, { action: 'flag_waiting', requestId: id, input, changes: (_r, _role, at) => ({ set: { waiting_since: at } }) });
	}
};

interface Model {
	state: HelpState;
	checker: Persona | null;
	helper: Persona | null;
}

const buurtMembers: Persona[] = ['asker', 'supervisor', 'helper', 'member'];

/** What the table says should happen, from the model's point of view. */
function expectedOutcome(m: Model, s: Step): { ok: true; to: HelpState } | { ok: false; code: string } {
	if (s.by === 'system') {
		const d = decide(s.action, m.state, { roles: new Set<HelpRole>(['system']), isAsker: false, isChecker: false });
		return d.ok ? d : { ok: false, code: d.code };
	}
	const p = s.by;
	const visible = p === 'asker' || p === m.helper || p === 'supervisor' || p === 'staff' || (buurtMembers.includes(p) && publicStates.includes(m.state));
	if (!visible) return { ok: false, code: 'help.not_found' };
	const roles = new Set<HelpRole>();
	if (p === 'asker') roles.add('asker');
	if (p === 'supervisor') roles.add('supervisor');
	if (p === 'staff') roles.add('staff');
	if (p === m.helper) roles.add('helper');
	if (buurtMembers.includes(p)) roles.add('member');
	const d = decide(s.action, m.state, { roles, isAsker: p === 'asker', isChecker: p === m.checker });
	return d.ok ? d : { ok: false, code: d.code };
}

const actions: HelpAction[] = ['publish', 'return', 'redirect', 'reject', 'resubmit', 'cancel', 'take', 'release', 'mark_done', 'confirm', 'dispute', 'auto_confirm', 'settle_confirm', 'settle_reopen', 'settle_close', 'flag_waiting'];
// Biased towards the happy path so that runs reach the later states often.
const stepArb = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom<Step>({ action: 'publish', by: 'supervisor' }, { action: 'take', by: 'helper' }, { action: 'take', by: 'member' }, { action: 'mark_done', by: 'helper' }, { action: 'mark_done', by: 'member' }, { action: 'confirm', by: 'asker' }, { action: 'dispute', by: 'asker' }) },
	{ weight: 2, arbitrary: fc.record({ action: fc.constantFrom(...actions), by: fc.constantFrom<Persona | 'system'>(...personas, 'system') }) }
);

describe('property: random action sequences through the use cases', () => {
	it('agree with the table, stay valid, and reward at most once', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 14 }), async (steps) => {
				const id = await f.ask();
				const m: Model = { state: 'to_check', checker: null, helper: null };
				let changes = 1; // the ask
				for (const s of steps) {
					const expected = expectedOutcome(m, s);
					let code: string | null = null;
					try {
						await run(s, id);
					} catch (e) {
						if (!(e instanceof DomainError)) throw e;
						code = e.code;
					}
					if (expected.ok) {
						expect(code, `${s.action} by ${s.by} in ${m.state}`).toBeNull();
						if (s.action === 'publish') m.checker = s.by as Persona;
						if (s.action === 'take') m.helper = s.by as Persona;
						if (s.action === 'release' || s.action === 'settle_reopen') m.helper = null;
						m.state = expected.to;
						changes++;
					} else {
						expect(code, `${s.action} by ${s.by} in ${m.state}`).toBe(expected.code);
					}
					const [row] = await db.query<{ state: HelpState; n: number; rewards: number; transfers: number }>(
						`SELECT r.state, (SELECT count(*)::int FROM help_history h WHERE h.request_id = r.id) AS n,
							(SELECT count(*)::int FROM help_rewards w WHERE w.request_id = r.id) AS rewards,
							(SELECT count(*)::int FROM ledger_transfers t WHERE t.id = 'help.reward:' || r.id::text) AS transfers
						 FROM help_requests r WHERE r.id = $1`,
						[id]
					);
					expect(row.state).toBe(m.state);
					expect(row.n).toBe(changes);
					expect(row.rewards).toBe(m.state === 'confirmed' ? 1 : 0);
					expect(row.transfers).toBe(m.state === 'confirmed' ? 1 : 0);
				}
			}),
			{ numRuns: Number(process.env.HELP_PROPERTY_RUNS ?? 40) }
		);
	});
});
