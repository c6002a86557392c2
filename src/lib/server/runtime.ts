import type PgBoss from 'pg-boss';
import { config, type Config } from './config';
import { connectPostgres, openPglite, type Db } from './db/client';
import { lockDataDir } from './db/data-lock';
import { migrate } from './db/migrate';
import { outboxMailer, smtpMailer } from './mail/mailer';
import { createLogger } from './log';
import { createBoss, startWorker } from './shared/boss';
import { runLedgerCheck } from './ledger';
import { jobs } from './job-registry';
import { seedDemoNeighbourhood, isSeeded } from './demo';
import type { Ctx } from './shared/context';

export interface Runtime {
	config: Config;
	ctx: Ctx;
	boss?: PgBoss;
	stop(): Promise<void>;
}

/**
 * Opens everything one Noaber process needs: the database (PGlite in DATA_DIR, or the server at
 * DATABASE_URL), migrations, demo data on first start, mail, and the job worker.
 */
export async function startRuntime(opts: { web: boolean; worker: boolean; cfg?: Config }): Promise<Runtime> {
	const cfg = opts.cfg ?? config();
	const log = createLogger(cfg.LOG_LEVEL);
	let unlock = () => {};
	let db: Db;
	if (cfg.DATABASE_URL) {
		db = await connectPostgres(cfg.DATABASE_URL, cfg.DATABASE_POOL_SIZE);
	} else {
		unlock = lockDataDir(cfg.dataDir);
		try {
			db = await openPglite(cfg.dataDir);
		} catch (err) {
			unlock();
			throw err;
		}
	}
	const applied = await migrate(db);
	if (applied.length) log.info({ applied }, 'migrations applied');
	const mail = cfg.SMTP_URL ? await smtpMailer(cfg.SMTP_URL, cfg.MAIL_FROM) : outboxMailer(db);
	if (!cfg.SMTP_URL && cfg.production) log.warn('SMTP_URL is not set: mail is kept in the outbox table and not sent');
	// Lists and the dashboard may read from a replica (docs/ARCHITECTURE.md, "Growing past one database server").
	const readDb = cfg.DATABASE_URL && cfg.DATABASE_READ_URL ? await connectPostgres(cfg.DATABASE_READ_URL, cfg.DATABASE_POOL_SIZE) : undefined;
	const ctx: Ctx = { db, readDb, clock: () => new Date(), mail, log, publicUrl: cfg.publicUrl, demo: cfg.demo };
	if (cfg.demo && !(await isSeeded(db))) {
		await seedDemoNeighbourhood(ctx);
		log.info('demo neighbourhood seeded');
	}
	let boss: PgBoss | undefined;
	if (opts.worker) {
		boss = createBoss(db, cfg.DATABASE_URL);
		boss.on('error', (err) => log.error({ err }, 'job queue error'));
		await boss.start();
		await startWorker(boss, ctx, jobs, log);
		log.info('job worker started');
		// Prove the ledger's invariants after every start too, not only hourly (a broken one is
		// logged at error level, audited and shown on admins' home page).
		void runLedgerCheck(ctx).catch((err) => log.error({ err }, 'ledger check could not run'));
	}
	let stopped = false;
	return {
		config: cfg,
		ctx,
		boss,
		async stop() {
			if (stopped) return;
			stopped = true;
			await boss?.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => {});
			await db.close();
			await readDb?.close();
			unlock();
		}
	};
}
