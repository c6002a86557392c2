import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db, Tx } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { translator } from '$lib/i18n';
import { listInbox, presentInboxItem } from '../notifications';
import { memberAccountIds } from '../people';
import { createRoundFixture, type RoundFixture } from './test-fixtures';
import { castBallot } from './ballots';
import { closeRound } from './results';

let db: Db;
let ctx: TestCtx;
let f: RoundFixture;
beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	f = await createRoundFixture(db, ctx);
});
afterAll(() => db.close());

const recipients = async (roundId: string, type: string) =>
	(await db.query<{ account_id: string }>('SELECT account_id FROM notification_items WHERE subject_id = $1 AND type = $2', [roundId, type])).map((r) => r.account_id).sort();

describe('round notifications', () => {
	it('every member of the buurt hears a round opened and its results, in one statement each; the other buurt hears nothing', async () => {
		const bankje = await f.accepted('Bankje', 40_000);
		// Count the notification INSERTs the open makes: one, whatever the size of the buurt.
		const statements: string[] = [];
		const transaction = db.transaction.bind(db);
		const counting = (tx: Tx) =>
			new Proxy(tx, {
				get: (t, k) =>
					k === 'query'
						? (sql: string, params?: unknown[]) => {
								if (/INSERT INTO notification_items/.test(sql)) statements.push(sql);
								return t.query(sql, params);
							}
						: Reflect.get(t, k)
			});
		db.transaction = ((fn: (tx: Tx) => Promise<unknown>) => transaction((tx) => fn(counting(tx)))) as Db['transaction'];
		const round = await f.open({ proposalIds: [bankje] });
		db.transaction = transaction;
		expect(statements).toHaveLength(1);

		const members = (await memberAccountIds(db, f.lindebuurt, ctx.clock())).filter((id) => id !== f.ids.wim).sort();
		expect(members.length).toBeGreaterThan(5);
		expect(await recipients(round, 'round.opened')).toEqual(members);
		expect(await recipients(round, 'round.opened')).not.toContain(f.ids.olga);
		const [item] = (await listInbox(ctx, await f.actor('noor'))).items.filter((i) => i.type === 'round.opened');
		expect(presentInboxItem(translator('en'), 'http://x', item)).toMatchObject({ title: 'Voting round in Lindebuurt: Buurtpot voorjaar', path: `/rounds/${round}` });
		expect(presentInboxItem(translator('nl'), 'http://x', item).title).toBe('Stemronde in Lindebuurt: Buurtpot voorjaar');

		expect(await recipients(round, 'round.results')).toEqual([]);
		await castBallot(ctx, await f.actor('noor'), { roundId: round, choices: ['1'] });
		ctx.advance(25 * f.hour);
		await closeRound(ctx, null, { roundId: round });
		expect(await recipients(round, 'round.results')).toEqual((await memberAccountIds(db, f.lindebuurt, ctx.clock())).sort());
		// Closing again (the job racing staff) tells nobody twice.
		await closeRound(ctx, await f.actor('wim'), { roundId: round });
		expect((await recipients(round, 'round.results')).length).toBe((await memberAccountIds(db, f.lindebuurt, ctx.clock())).length);
	});
});
