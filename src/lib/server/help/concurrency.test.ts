import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { httpStatusFor } from '../shared/errors';
import { confirmHelpRequest } from './asker-actions';
import { takeHelpRequest } from './helper-actions';
import { openHelpTests, type HelpFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: HelpFixture;

beforeAll(async () => {
	f = await openHelpTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

describe('two neighbours take the same request at the same moment', () => {
	it('exactly one wins; the other hears it was already taken (409)', async () => {
		const id = await f.requestIn('published');
		const [noor, kees] = [await f.actor('helper'), await f.actor('member')];
		const results = await Promise.allSettled([takeHelpRequest(ctx, noor, { requestId: id }), takeHelpRequest(ctx, kees, { requestId: id })]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(lost.reason.code).toBe('help.already_taken');
		expect(httpStatusFor(lost.reason.code)).toBe(409);
		const [row] = await db.query<{ helper_id: string }>('SELECT helper_id FROM help_requests WHERE id = $1', [id]);
		expect([f.ids.helper, f.ids.member]).toContain(row.helper_id);
		expect((await db.query(`SELECT 1 FROM help_history WHERE request_id = $1 AND action = 'take'`, [id])).length).toBe(1);
	});

	it('ten confirmations at once pay the reward exactly once', async () => {
		const id = await f.requestIn('done');
		const anna = await f.actor('asker');
		const results = await Promise.allSettled(Array.from({ length: 10 }, () => confirmHelpRequest(ctx, anna, { requestId: id })));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(new Set(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code))).toEqual(new Set(['help.already_confirmed']));
		expect((await db.query('SELECT 1 FROM help_rewards WHERE request_id = $1', [id])).length).toBe(1);
		expect((await db.query('SELECT 1 FROM ledger_transfers WHERE id = $1', [`help.reward:${id}`])).length).toBe(1);
	});
});
