import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable, Tx } from '../db/client';
import { reversePotTransfer } from '../proposals';
import { key, openPotTests, type PotFixture } from './test-fixtures';
import { getPotOverview, topUpBuurt, type PotOverview } from '.';

/** The pot page reads in one snapshot: balances, movements and pending never contradict each other. */

let f: PotFixture;
beforeAll(async () => {
	f = await openPotTests();
});
afterAll(() => f.close());

const sums = (p: PotOverview) => ({
	funding: p.movements.reduce((s, m) => s + m.fundingCents, 0),
	buurtpot: p.movements.reduce((s, m) => s + m.buurtpotCents, 0)
});

/**
 * The database as getPotOverview sees it, with one thing added: right after the balances are
 * read, `meanwhile` runs — once — and sees whether that read ran in a REPEATABLE READ,
 * READ ONLY transaction.
 */
function interrupted(db: Db, meanwhile: (settings: { isolation: string; readOnly: string }) => Promise<void>): Db {
	let done = false;
	const wrap = <Q extends Queryable>(q: Q): Q =>
		({
			...q,
			async query<T>(sql: string, params?: unknown[]) {
				const rows = await q.query<T>(sql, params);
				if (!done && /kind IN \('funding', 'buurtpot'\)/.test(sql)) {
					done = true;
					const [settings] = await q.query<{ isolation: string; readOnly: string }>(
						`SELECT current_setting('transaction_isolation') AS isolation, current_setting('transaction_read_only') AS "readOnly"`
					);
					await meanwhile(settings);
				}
				return rows;
			}
		}) as Q;
	return { ...wrap(db), transaction: <T>(fn: (tx: Tx) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))) } as Db;
}

describe('the pot overview', () => {
	it('shows balances that equal the sum of the movements it shows, for a small pot', async () => {
		await f.topUp('funding', 10_000);
		const pot = await f.topUp('buurtpot', 50_000);
		const id = await f.wonProposal(45_000);
		const paid = await f.pay(id, 20_000);
		await reversePotTransfer(f.ctx, await f.actor('wim'), { buurtId: f.lindebuurt, transferId: paid.transferId, reason: 'Verkeerd bedrag.', idempotencyKey: key() });
		await f.pay(id, 15_000);
		const p = await getPotOverview(f.db, await f.actor('anna'), { buurtId: f.lindebuurt });
		expect(p.movements.length).toBeLessThan(50);
		expect(p.movements.map((m) => m.kind)).toEqual(['payout', 'reversal', 'payout', 'top_up', 'top_up']);
		expect({ funding: p.fundingCents, buurtpot: p.buurtpotCents }).toEqual(sums(p));
		expect(p).toMatchObject({ fundingCents: 10_000, buurtpotCents: 35_000 });
		expect(p.movements.find((m) => m.transferId === pot.transferId)?.note).toBe('Leefbaarheidsbudget 2026');
	});

	it('reads everything in one REPEATABLE READ, READ ONLY snapshot, so money that moves meanwhile is in all of it or in none', async () => {
		const wim = await f.actor('wim');
		let seen = { isolation: '', readOnly: '' };
		const db = interrupted(f.db, async (settings) => {
			seen = settings;
			// On a server, another connection books a top-up between the reads (PGlite has one
			// connection: a write would wait for the snapshot to end).
			if (f.db.kind === 'postgres') await topUpBuurt(f.ctx, wim, { buurtId: f.lindebuurt, account: 'buurtpot', amountCents: 777, note: 'Tussendoor', idempotencyKey: key() });
		});
		const p = await getPotOverview(db, await f.actor('anna'), { buurtId: f.lindebuurt });
		expect(seen).toEqual({ isolation: 'repeatable read', readOnly: 'on' });
		expect({ funding: p.fundingCents, buurtpot: p.buurtpotCents }).toEqual(sums(p));
		expect(p.movements.some((m) => m.note === 'Tussendoor')).toBe(false);
		if (f.db.kind === 'postgres') {
			const later = await getPotOverview(f.db, await f.actor('anna'), { buurtId: f.lindebuurt });
			expect(later.buurtpotCents).toBe(p.buurtpotCents + 777);
			expect(later.movements[0].note).toBe('Tussendoor');
		}
	});
});
