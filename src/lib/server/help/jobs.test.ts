import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { takeHelpRequest } from './helper-actions';
import { listCheckQueue, listOpenRequests } from './queries';
import { autoConfirmDueRequests, flagWaitingRequests } from './jobs';
import { DAY_MS } from './model';
import { openHelpTests, helpReads, type HelpFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: HelpFixture;

beforeAll(async () => {
	f = await openHelpTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

const { stateOf } = helpReads(() => db);

describe('jobs', () => {
	it('confirms automatically after N days unless disputed, and pays the rewards', async () => {
		const local = testCtx(db, ctx.clock());
		const done = await f.requestIn('done');
		const disputed = await f.requestIn('disputed');
		local.advance(6 * DAY_MS);
		await autoConfirmDueRequests(local);
		expect(await stateOf(done)).toBe('done');
		local.advance(1 * DAY_MS + 1000);
		await autoConfirmDueRequests(local);
		expect(await stateOf(done)).toBe('confirmed');
		expect(await stateOf(disputed)).toBe('disputed');
		const [h] = await db.query<{ actor_id: string | null; actor_role: string }>(`SELECT actor_id, actor_role FROM help_history WHERE request_id = $1 AND action = 'auto_confirm'`, [done]);
		expect(h).toEqual({ actor_id: null, actor_role: 'system' });
		expect((await db.query(`SELECT 1 FROM help_rewards WHERE request_id = $1 AND status = 'paid'`, [done])).length).toBe(1);
		// Running again does nothing more.
		expect(await autoConfirmDueRequests(local)).toBe(0);
	});

	it('flags published requests nobody took as waiting, tells the asker, supervisors and staff', async () => {
		const local = testCtx(db, ctx.clock());
		const id = await f.requestIn('published');
		local.advance(5 * DAY_MS + 1000);
		expect(await flagWaitingRequests(local)).toBeGreaterThanOrEqual(1);
		expect(await flagWaitingRequests(local)).toBe(0);
		const queue = await listCheckQueue(db, await f.actor('supervisor'), local.clock());
		expect(queue.waiting.map((r) => r.id)).toContain(id);
		const told = await db.query<{ account_id: string }>(`SELECT account_id FROM notification_items WHERE subject_id = $1 AND type = 'help.waiting'`, [id]);
		expect(told.map((t) => t.account_id)).toEqual(expect.arrayContaining([f.ids.asker, f.ids.supervisor, f.ids.staff]));
		const list = await listOpenRequests(db, await f.actor('member'), { buurtId: f.lindebuurt, sort: 'oldest' }, local.clock());
		expect(list.waiting).toBeGreaterThanOrEqual(1);
		// Taking it clears the flag.
		await takeHelpRequest(local, await f.actor('helper'), { requestId: id });
		const [row] = await db.query<{ waiting_since: Date | null }>('SELECT waiting_since FROM help_requests WHERE id = $1', [id]);
		expect(row.waiting_since).toBeNull();
	});
});
