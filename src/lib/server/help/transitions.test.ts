import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import type { Actor } from '../people';
import { publishHelpRequest, redirectHelpRequest, rejectHelpRequest, returnHelpRequest } from './check-help-request';
import { cancelHelpRequest, confirmHelpRequest, disputeHelpRequest, resubmitHelpRequest } from './asker-actions';
import { markHelpRequestDone, releaseHelpRequest, takeHelpRequest } from './helper-actions';
import { settleHelpRequest } from './settle-help-request';
import type { HelpState } from './model';
import { openHelpTests, errorOf, helpReads, reason, type Persona, type HelpFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: HelpFixture;

beforeAll(async () => {
	f = await openHelpTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

const { stateOf, historyCount } = helpReads(() => db);

type Call = (a: Actor, id: string) => Promise<unknown>;
const calls: Record<string, { state: HelpState; call: Call }> = {
	publish: { state: 'to_check', call: (a, id) => publishHelpRequest(ctx, a, { requestId: id, reason }) },
	return: { state: 'to_check', call: (a, id) => returnHelpRequest(ctx, a, { requestId: id, reason }) },
	redirect: { state: 'to_check', call: (a, id) => redirectHelpRequest(ctx, a, { requestId: id, reason }) },
	reject: { state: 'to_check', call: (a, id) => rejectHelpRequest(ctx, a, { requestId: id, reason }) },
	resubmit: { state: 'returned', call: (a, id) => resubmitHelpRequest(ctx, a, { requestId: id, reason: 'Dinsdag past.' }) },
	cancel: { state: 'to_check', call: (a, id) => cancelHelpRequest(ctx, a, { requestId: id }) },
	take: { state: 'published', call: (a, id) => takeHelpRequest(ctx, a, { requestId: id }) },
	release: { state: 'taken', call: (a, id) => releaseHelpRequest(ctx, a, { requestId: id }) },
	mark_done: { state: 'taken', call: (a, id) => markHelpRequestDone(ctx, a, { requestId: id }) },
	confirm: { state: 'done', call: (a, id) => confirmHelpRequest(ctx, a, { requestId: id }) },
	dispute: { state: 'done', call: (a, id) => disputeHelpRequest(ctx, a, { requestId: id, reason }) },
	settle_confirm: { state: 'disputed', call: (a, id) => settleHelpRequest(ctx, a, { requestId: id, outcome: 'confirm', reason }) },
	settle_reopen: { state: 'disputed', call: (a, id) => settleHelpRequest(ctx, a, { requestId: id, outcome: 'reopen', reason }) },
	settle_close: { state: 'disputed', call: (a, id) => settleHelpRequest(ctx, a, { requestId: id, outcome: 'close', reason }) }
};

// Expected outcome of every person action × every persona, on a request of Anna's (asker) that
// Bram (supervisor) checked and Noor (helper) took where applicable. Kees is another member,
// Olga lives in another buurt, Wim is staff. 'ok' or the error code.
const F = 'help.forbidden';
const N = 'help.not_found';
const expected: Record<string, Record<Persona, string>> = {
	publish: { asker: F, supervisor: 'ok', staff: 'ok', helper: N, member: N, outsider: N },
	return: { asker: F, supervisor: 'ok', staff: 'ok', helper: N, member: N, outsider: N },
	redirect: { asker: F, supervisor: 'ok', staff: 'ok', helper: N, member: N, outsider: N },
	reject: { asker: F, supervisor: 'ok', staff: 'ok', helper: N, member: N, outsider: N },
	resubmit: { asker: 'ok', supervisor: F, staff: F, helper: N, member: N, outsider: N },
	cancel: { asker: 'ok', supervisor: F, staff: F, helper: N, member: N, outsider: N },
	take: { asker: 'help.own_request', supervisor: 'help.own_check', staff: F, helper: 'ok', member: 'ok', outsider: N },
	release: { asker: F, supervisor: F, staff: 'ok', helper: 'ok', member: F, outsider: N },
	mark_done: { asker: F, supervisor: F, staff: F, helper: 'ok', member: F, outsider: N },
	confirm: { asker: 'ok', supervisor: F, staff: F, helper: F, member: F, outsider: N },
	dispute: { asker: 'ok', supervisor: F, staff: F, helper: F, member: F, outsider: N },
	settle_confirm: { asker: F, supervisor: F, staff: 'ok', helper: F, member: F, outsider: N },
	settle_reopen: { asker: F, supervisor: F, staff: 'ok', helper: F, member: F, outsider: N },
	settle_close: { asker: F, supervisor: F, staff: 'ok', helper: F, member: F, outsider: N }
};

describe('every transition × every role, through the use cases', () => {
	for (const [action, byPersona] of Object.entries(expected)) {
		for (const [persona, outcome] of Object.entries(byPersona) as [Persona, string][]) {
			it(`${action} by ${persona}: ${outcome}`, async () => {
				const { state, call } = calls[action];
				const id = await f.requestIn(state);
				const before = await historyCount(id);
				const a = await f.actor(persona);
				if (outcome === 'ok') {
					await call(a, id);
					expect(await stateOf(id)).not.toBe(state);
					expect(await historyCount(id)).toBe(before + 1);
				} else {
					expect((await errorOf(call(a, id))).code).toBe(outcome);
					expect(await stateOf(id)).toBe(state);
					expect(await historyCount(id)).toBe(before);
				}
			});
		}
	}
});
