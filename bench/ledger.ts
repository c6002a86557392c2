import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { connectPostgres, type Db } from '../src/lib/server/db/client';
import { migrate } from '../src/lib/server/db/migrate';
import { checkLedger, ensureBuurtAccounts, topUp, transfer, MAX_AMOUNT } from '../src/lib/server/ledger/index';
import { createBuurt, createPerson } from '../src/lib/server/ledger/test-fixtures';

/**
 * Ledger throughput against a same-run reference: Superbuurt-style rewards (three legs from a
 * buurt's funding account into its buurtpot, each attributed to a person) through the ledger's
 * own use case, then `pgbench -N` (simple-update: UPDATE + SELECT + INSERT per transaction) on
 * the same server with the same clients and duration. Absolute figures depend on the machine;
 * the ratio is what we track (target ≥ 0.5×).
 *
 * Rewards are spread over many buurten, as in production; pgbench's accounts are likewise
 * spread (scale = clients). All clients on one buurt would instead serialise on its two rows.
 * Both sides get the same clients and duration, a one-second warm-up and a fresh checkpoint.
 *
 * What a reward costs next to a pgbench transaction: one round trip instead of five, but 2 row
 * locks, 7 rows written (1 transfer, 3 legs, 2 entries — one per account, see migration 0021 —
 * and 1 audit row) with their indexes, constraints and foreign keys, and 2 balance updates
 * (HOT, thanks to the accounts' fillfactor), against pgbench's 1 update and 1 unindexed insert.
 * The per-leg ratio is printed beside the per-transaction one.
 */
const execFileAsync = promisify(execFile);
const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));
const TARGET_RATIO = 0.5;
const LEGS_PER_REWARD = 3;

export interface LedgerBenchOptions {
	/** A PostgreSQL server URL; fresh databases are created next to the one it names, then dropped. */
	url: string;
	seconds: number;
	clients: number;
	/** How many buurten the rewards spread over (default 100). */
	buurten?: number;
}

export async function benchLedger(opts: LedgerBenchOptions): Promise<void> {
	const buurten = opts.buurten ?? 100;
	const suffix = randomBytes(4).toString('hex');
	const ledgerDb = `noaber_bench_ledger_${suffix}`;
	const pgbenchDb = `noaber_bench_pgbench_${suffix}`;
	const admin = await connectPostgres(opts.url, 1);
	try {
		await admin.exec(`CREATE DATABASE ${ledgerDb}`);
		await admin.exec(`CREATE DATABASE ${pgbenchDb}`);
		console.log(`ledger bench: ${opts.clients} clients, ${opts.seconds} s each, rewards over ${buurten} buurten`);

		const ledger = await runLedgerRewards(urlFor(opts.url, ledgerDb), opts, buurten);
		await untilNoConnections(admin, ledgerDb);
		const reference = await runPgbench(urlFor(opts.url, pgbenchDb), opts);

		const ratio = ledger.tps / reference.tps;
		const legRatio = (ledger.tps * LEGS_PER_REWARD) / reference.tps;
		console.log(`  ledger rewards   ${ledger.tps.toFixed(0).padStart(7)} tx/s  (${ledger.count} rewards of ${LEGS_PER_REWARD} legs = ${(ledger.tps * LEGS_PER_REWARD).toFixed(0)} legs/s; ledger check ${ledger.checkOk ? 'ok' : 'FAILED'})`);
		console.log(`  pgbench -N       ${reference.tps.toFixed(0).padStart(7)} tx/s`);
		console.log(`  ratio            ${ratio.toFixed(2)}×  (target ≥ ${TARGET_RATIO}×: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}); per leg ${legRatio.toFixed(2)}×`);
		if (!ledger.checkOk) throw new Error('ledger check failed after the benchmark');
	} finally {
		for (const name of [ledgerDb, pgbenchDb]) {
			await untilNoConnections(admin, name);
			await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		}
		await admin.close();
	}
}

function urlFor(serverUrl: string, database: string): string {
	const url = new URL(serverUrl);
	url.pathname = `/${database}`;
	return url.toString();
}

interface LedgerRun {
	tps: number;
	count: number;
	checkOk: boolean;
}

async function runLedgerRewards(url: string, opts: LedgerBenchOptions, buurten: number): Promise<LedgerRun> {
	const db = await connectPostgres(url, opts.clients);
	try {
		await migrate(db, migrationsDir);
		const world = await seed(db, buurten);
		const rewardFor = rewardMaker(world);
		// A short warm-up: the first transfers pay for JIT and plan caches, not for the ledger.
		await runFor(db, opts.clients, 1, 'warmup', rewardFor);
		await checkpoint(url);
		const { count, elapsed } = await runFor(db, opts.clients, opts.seconds, 'bench', rewardFor);
		const check = await checkLedger(db);
		return { tps: count / elapsed, count, checkOk: check.ok };
	} finally {
		await db.close();
	}
}

interface Seeded {
	pairs: { funding: string; buurtpot: string }[];
	people: string[];
}

async function seed(db: Db, buurten: number): Promise<Seeded> {
	const at = new Date();
	const staff = await createPerson(db, 'Bench Staf');
	const people: string[] = [];
	for (let i = 0; i < 30; i++) people.push(await createPerson(db, `Bench ${i}`));
	const pairs = [];
	for (let i = 0; i < buurten; i++) {
		const { funding, buurtpot } = await ensureBuurtAccounts(db, { buurtId: await createBuurt(db), at });
		// Enough that no reward ever waits for money: we measure throughput, not limits.
		await topUp(db, { id: `bench-budget-${i}`, accountId: funding.id, amount: MAX_AMOUNT, note: 'Bench budget', actorId: staff, at });
		pairs.push({ funding: funding.id, buurtpot: buurtpot.id });
	}
	return { pairs, people };
}

/** A reward like the Superbuurt module's: asker, helper and supervisor each credited. */
function rewardMaker({ pairs, people }: Seeded) {
	const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
	return (id: string) => {
		const { funding, buurtpot } = pick(pairs);
		const leg = (code: string, amount: number) => ({
			debitAccountId: funding,
			creditAccountId: buurtpot,
			amount,
			attributedTo: pick(people),
			code
		});
		return {
			id,
			code: 'superbuurt.reward',
			actorId: null,
			at: new Date(),
			legs: [leg('asker', 100), leg('helper', 500), leg('supervisor', 250)]
		};
	};
}

async function runFor(
	db: Db,
	clients: number,
	seconds: number,
	label: string,
	rewardFor: ReturnType<typeof rewardMaker>
): Promise<{ count: number; elapsed: number }> {
	const started = performance.now();
	const deadline = started + seconds * 1000;
	let count = 0;
	const client = async (n: number) => {
		for (let i = 0; performance.now() < deadline; i++) {
			await transfer(db, rewardFor(`${label}-${n}-${i}`));
			count++;
		}
	};
	await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
	return { count, elapsed: (performance.now() - started) / 1000 };
}

/**
 * pgbench's own simple-update script (-N) in its own database, scaled to at least one branch per
 * client (pgbench's rule for a fair run; -N itself only updates pgbench_accounts, which then has
 * 100,000 rows per client), warmed up for a second like the ledger, from a fresh checkpoint.
 */
async function runPgbench(url: string, opts: LedgerBenchOptions): Promise<{ tps: number }> {
	const u = new URL(url);
	const connection = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')];
	const database = u.pathname.slice(1);
	const env = { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) };
	const scale = String(Math.max(1, opts.clients));
	await execFileAsync('pgbench', ['-i', '-q', '-s', scale, ...connection, database], { env });
	const threads = String(Math.max(1, Math.min(opts.clients, cpus().length)));
	const run = (seconds: number) =>
		execFileAsync('pgbench', ['-N', '-c', String(opts.clients), '-j', threads, '-T', String(seconds), ...connection, database], {
			env
		});
	await run(1);
	await checkpoint(url);
	const { stdout } = await run(opts.seconds);
	const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout);
	if (!match) throw new Error(`could not read pgbench's result:\n${stdout}`);
	return { tps: Number(match[1]) };
}

/**
 * Both runs start from a checkpoint, so neither pays for the other's dirty pages or for the
 * first writes of pages after a checkpoint (full-page images). Needs superuser or pg_checkpoint;
 * without it the runs just start where they are.
 */
async function checkpoint(url: string): Promise<void> {
	const db = await connectPostgres(url, 1);
	try {
		await db.exec('CHECKPOINT');
	} catch {
		// not allowed: measure anyway
	} finally {
		await db.close();
	}
}

/** DROP … WITH (FORCE) would kill connections a closed pool is still saying goodbye on. */
async function untilNoConnections(admin: Db, database: string): Promise<void> {
	for (let i = 0; i < 100; i++) {
		const [{ n }] = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [
			database
		]);
		if (n === 0) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

// `tsx bench/ledger.ts [seconds] [clients]` runs it alone; `npm run bench -- ledger` calls benchLedger.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
	if (!url) {
		console.error('Set BENCH_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres');
		process.exit(2);
	}
	await benchLedger({ url, seconds: Number(process.argv[2] ?? 10), clients: Number(process.argv[3] ?? 8) });
}
