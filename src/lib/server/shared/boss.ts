import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../db/client';
import type { Ctx } from './context';

export type JobHandler = (ctx: Ctx, data: Record<string, unknown>) => Promise<void>;

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
	for (const job of jobs) {
		await boss.createQueue(job.name);
		await boss.work(job.name, { batchSize: 1 }, async ([j]) => {
			log.info({ job: job.name, jobId: j.id }, 'job start');
			await job.handler(ctx, (j.data ?? {}) as Record<string, unknown>);
		});
		if (job.cron) await boss.schedule(job.name, job.cron);
	}
}
