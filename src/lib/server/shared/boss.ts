import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../db/client';
import type { Ctx } from './context';
import { observeJob } from './metrics';

/** Lets a job hand work to another job (a dispatcher to its deliveries), with pg-boss's send options. */
export type SendJob = (name: string, data: Record<string, unknown>, options?: PgBoss.SendOptions) => Promise<unknown>;
export type JobHandler = (ctx: Ctx, data: Record<string, unknown>, send?: SendJob) => Promise<void>;

export interface JobDefinition {
	name: string;
	handler: JobHandler;
	/** cron expression (UTC) for recurring jobs */
	cron?: string;
}

/**
 * pg-boss on either database. On PGlite it runs in-process through executeSql: PGlite's
 * extended protocol takes one statement with parameters, so parameterless SQL (pg-boss's own
 * migrations) goes through exec.
 */
export function createBoss(db: Db, url?: string): PgBoss {
	if (url) return new PgBoss({ connectionString: url, schema: 'pgboss' });
	return new PgBoss({
		schema: 'pgboss',
		db: {
			async executeSql(text: string, values?: unknown[]) {
				if (!values || values.length === 0) {
					if (/;\s*\S/.test(text.trim().replace(/;\s*$/, ''))) {
						await db.exec(text);
						return { rows: [] };
					}
				}
				return { rows: await db.query(text, values ?? []) };
			}
		}
	} as ConstructorParameters<typeof PgBoss>[0]);
}

export async function startWorker(boss: PgBoss, ctx: Ctx, jobs: JobDefinition[], log: Logger): Promise<void> {
	const send: SendJob = (name, data, options) => boss.send(name, data, options ?? {});
	for (const job of jobs) {
		await boss.createQueue(job.name);
		await boss.work(job.name, { batchSize: 1 }, async ([j]) => {
			log.info({ job: job.name, jobId: j.id }, 'job start');
			await observeJob(job.name, () => job.handler(ctx, (j.data ?? {}) as Record<string, unknown>, send));
		});
		if (job.cron) await boss.schedule(job.name, job.cron);
	}
}
