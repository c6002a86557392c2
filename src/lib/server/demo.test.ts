import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from './db/test-db';
import type { Db } from './db/client';
import { testCtx } from './shared/test-ctx';
import { checkLedger } from './ledger';
import { seedDemoNeighbourhood } from './demo';

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(() => db.close());

describe('The demo neighbourhood', () => {
	it('funds both buurten, completes one request and leaves one open', async () => {
		const ctx = testCtx(db);
		await seedDemoNeighbourhood(ctx);
		const states = await db.query<{ state: string }>('SELECT state FROM help_requests ORDER BY created_at');
		expect(states.map((s) => s.state)).toEqual(['confirmed', 'published']);
		const pots = await db.query<{ kind: string; balance: number }>(
			`SELECT a.kind, a.balance FROM ledger_accounts a JOIN buurten b ON b.id = a.buurt_id WHERE b.name = 'Lindebuurt' ORDER BY a.kind`
		);
		expect(pots.map((p) => [p.kind, Number(p.balance)])).toEqual(expect.arrayContaining([['buurtpot', 1500], ['funding', 23_500]]));
		expect((await checkLedger(db)).ok).toBe(true);
	});
});
