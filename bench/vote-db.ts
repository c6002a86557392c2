/**
 * Buurtpot vote through the database: 50,000 secret ballots over 60 proposals are stored the way
 * real rounds store them (buurtpot_round_ballots: random key, choices, nothing else), then read
 * back and counted with every rule. Printed side by side with counting the same election in
 * memory (bench/vote.ts), so the cost of the database part is visible as a ratio.
 *
 * PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a fresh database next to the
 * one named, dropped afterwards), else in-memory PGlite.
 *
 * Run alone with `npx tsx bench/vote-db.ts`; bench/run.ts can import benchVoteDb().
 */

import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino from 'pino';
import { connectPostgres, openPglite, type Db } from '../src/lib/server/db/client';
import { migrate } from '../src/lib/server/db/migrate';
import { createBuurt, createCorporation } from '../src/lib/server/places';
import { countApproval, countEqualShares, countKnapsack, type CountInput } from '../src/lib/server/counting/index';
import { insertAnonymousBallots, loadBallots, closeRound } from '../src/lib/server/rounds';
import type { Ctx } from '../src/lib/server/shared/context';
import { makeBenchElection } from './vote';

const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));

async function freshDatabase(): Promise<{ db: Db; kind: string; drop: () => Promise<void> }> {
	const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
	if (!url) {
		const db = await openPglite();
		await migrate(db, migrationsDir);
		return { db, kind: 'PGlite (in memory)', drop: () => db.close() };
	}
	const name = `noaber_bench_vote_${randomBytes(4).toString('hex')}`;
	const admin = await connectPostgres(url, 1);
	await admin.exec(`CREATE DATABASE ${name}`);
	const target = new URL(url);
	target.pathname = `/${name}`;
	const db = await connectPostgres(target.toString(), 4);
	await migrate(db, migrationsDir);
	return {
		db,
		kind: `PostgreSQL (${target.host})`,
		async drop() {
			await db.close();
			await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await admin.close();
		}
	};
}

const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;

export async function benchVoteDb(options: { voters?: number; proposals?: number } = {}): Promise<void> {
	const voters = options.voters ?? 50_000;
	const proposals = options.proposals ?? 60;
	const election = makeBenchElection({ voters, proposals });
	const { db, kind, drop } = await freshDatabase();
	try {
		// A buurt, a staff account and an open round with the election's proposals (costs in whole euros).
		const now = new Date();
		const { buurtId, corporationId, accountId } = await db.transaction(async (tx) => {
			const corporationId = await createCorporation(tx, { name: 'Bench' });
			const buurtId = await createBuurt(tx, { corporationId, gemeente: { code: 'GM9998', name: 'Bench' }, wijk: { code: 'WK999801', name: 'Bench' }, code: 'BU99980101', cbsYear: 2025, name: 'Benchbuurt' });
			const [a] = await tx.query<{ id: string }>(`INSERT INTO accounts (email, name) VALUES ('bench@example.test', 'Bench') RETURNING id`);
			return { buurtId, corporationId, accountId: a.id };
		});
		const [round] = await db.query<{ id: string }>(
			`INSERT INTO buurtpot_rounds (buurt_id, corporation_id, title, budget_source, budget_cents, rule, utility, opens_at, closes_at, created_by, created_at)
			 VALUES ($1, $2, 'Bench', 'amount', $3, 'equal-shares', 'cost', $4, $5, $6, $4) RETURNING id`,
			[buurtId, corporationId, election.budget * 100, new Date(now.getTime() - 3600_000), new Date(now.getTime() + 3600_000), accountId]
		);
		await db.query(
			`INSERT INTO buurtpot_round_proposals (round_id, project_id, title, cost_cents, position)
			 SELECT $1, t.pid, 'Voorstel ' || t.pid, t.cost, t.pos FROM unnest($2::text[], $3::bigint[]) WITH ORDINALITY AS t(pid, cost, pos)`,
			[round.id, election.projects.map((p) => p.id), election.projects.map((p) => p.cost * 100)]
		);

		// Who voted: one household per ballot (the close checks that the two tables agree).
		await db.query(
			`WITH c AS (INSERT INTO complexes (corporation_id, buurt_id, code, name) VALUES ($1, $2, 'B', 'Bench') RETURNING id),
			 u AS (INSERT INTO units (complex_id, eenheid, street, house_number, postcode, place)
				SELECT c.id, 'B-' || n, 'Benchstraat', n, '9998 AA', 'Bench' FROM c, generate_series(1, $3::int) AS n RETURNING id)
			 INSERT INTO buurtpot_round_voters (round_id, unit_id, voted_via, voted_on) SELECT $4, id, 'online', current_date FROM u`,
			[corporationId, buurtId, voters, round.id]
		);

		let start = performance.now();
		await db.transaction((tx) => insertAnonymousBallots(tx, round.id, election.ballots));
		const insertMs = ms(start);

		start = performance.now();
		const stored = await loadBallots(db, round.id);
		const readMs = ms(start);
		if (stored.length !== voters) throw new Error(`read back ${stored.length} ballots, stored ${voters}`);
		const fromDb: CountInput = { budget: election.budget, projects: election.projects, ballots: stored };

		const rules: [string, (input: CountInput) => { winners: string[] }][] = [
			['knapsack', countKnapsack],
			['approval', countApproval],
			['equal-shares (cost)', (input) => countEqualShares(input, { utility: 'cost' })],
			['equal-shares (unit)', (input) => countEqualShares(input, { utility: 'unit' })]
		];
		// Warm the JIT on a small election so the figures measure counting, not compilation.
		const warmUp = makeBenchElection({ voters: 2_000, proposals });
		for (const [, run] of rules) run(warmUp);

		console.log(`Buurtpot vote through the database: ${voters.toLocaleString('en')} ballots over ${proposals} proposals on ${kind}`);
		console.log(`  store ${voters.toLocaleString('en')} ballots (one transaction)   ${insertMs.toFixed(1).padStart(8)} ms`);
		console.log(`  read them back                                ${readMs.toFixed(1).padStart(8)} ms`);
		console.log(`  ${'rule'.padEnd(22)} ${'in memory'.padStart(10)} ${'read + count'.padStart(13)} ${'ratio'.padStart(7)}   same winners`);
		for (const [rule, run] of rules) {
			start = performance.now();
			const direct = run(election);
			const memoryMs = ms(start);
			start = performance.now();
			const viaDb = run({ ...fromDb, ballots: await loadBallots(db, round.id) });
			const dbMs = ms(start);
			const same = JSON.stringify(direct.winners) === JSON.stringify(viaDb.winners);
			console.log(`  ${rule.padEnd(22)} ${memoryMs.toFixed(1).padStart(8)} ms ${dbMs.toFixed(1).padStart(10)} ms ${(dbMs / Math.max(memoryMs, 0.1)).toFixed(1).padStart(6)}×   ${same ? 'yes' : 'NO'}`);
			if (!same) throw new Error(`${rule}: counting from the database gave other winners`);
		}

		// The real close: lock, write every ballot again (new random keys, random order), count once
		// (Equal Shares, cost utility), store the result, delete the secret.
		const ctx = { db, clock: () => new Date(now.getTime() + 2 * 3600_000), log: pino({ level: 'silent' }) } as unknown as Ctx;
		start = performance.now();
		await closeRound(ctx, null, { roundId: round.id });
		console.log(`  close the round (re-key, count once, store)  ${ms(start).toFixed(1).padStart(8)} ms`);
	} finally {
		await drop();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	benchVoteDb().catch((err) => {
		console.error(err);
		process.exit(1);
	});
}
