import type { JobDefinition } from '../shared/boss';
import type { Ctx } from '../shared/context';
import { isDomainError } from '../shared/errors';
import { runTransition } from './engine';
import { defaultHelpSettings } from './settings';

/** Per run, so one slow run never holds the queue for long; the next run continues. */
const BATCH = 200;

/**
 * Confirms done requests whose asker neither confirmed nor disputed within the buurt's
 * auto-confirm days (default 7); each in its own transaction with its rewards. Idempotent: a
 * request confirmed meanwhile is skipped by the state machine.
 */
export async function autoConfirmDueRequests(ctx: Ctx): Promise<number> {
	const now = ctx.clock();
	const due = await ctx.db.query<{ id: string }>(
		`SELECT r.id FROM help_requests r LEFT JOIN help_settings s ON s.buurt_id = r.buurt_id
		 WHERE r.state = 'done' AND r.done_at <= $1::timestamptz - make_interval(days => COALESCE(s.auto_confirm_days, $2))
		 ORDER BY r.done_at LIMIT $3`,
		[now, defaultHelpSettings.autoConfirmDays, BATCH]
	);
	let confirmed = 0;
	for (const { id } of due) {
		try {
			await runTransition(ctx, null, { action: 'auto_confirm', requestId: id, input: { requestId: id } });
			confirmed++;
		} catch (err) {
			if (!isDomainError(err)) throw err;
			ctx.log.info({ requestId: id, code: err.code }, 'auto-confirm skipped');
		}
	}
	return confirmed;
}

/**
 * Flags published requests nobody took within the buurt's waiting days (default 5): they show
 * as "waiting" to supervisors and staff, and the asker is told what happens next.
 */
export async function flagWaitingRequests(ctx: Ctx): Promise<number> {
	const now = ctx.clock();
	const due = await ctx.db.query<{ id: string }>(
		`SELECT r.id FROM help_requests r LEFT JOIN help_settings s ON s.buurt_id = r.buurt_id
		 WHERE r.state = 'published' AND r.waiting_since IS NULL
		   AND r.published_at <= $1::timestamptz - make_interval(days => COALESCE(s.waiting_days, $2))
		 ORDER BY r.published_at LIMIT $3`,
		[now, defaultHelpSettings.waitingDays, BATCH]
	);
	let flagged = 0;
	for (const { id } of due) {
		try {
			await runTransition(ctx, null, {
				action: 'flag_waiting',
				requestId: id,
				input: { requestId: id },
				check: (r) => {
					// Raced with a take or another run: nothing to flag.
					if (r.waiting_since) throw Object.assign(new Error('already flagged'), { skip: true });
				},
				changes: (_r, _role, at) => ({ set: { waiting_since: at } })
			});
			flagged++;
		} catch (err) {
			if ((err as { skip?: boolean }).skip) continue;
			if (!isDomainError(err)) throw err;
			ctx.log.info({ requestId: id, code: err.code }, 'waiting flag skipped');
		}
	}
	return flagged;
}

/** Idempotency keys only need to outlive a retry. */
export async function pruneIdempotencyKeys(ctx: Ctx): Promise<void> {
	await ctx.db.query('DELETE FROM help_idempotency WHERE created_at < $1', [new Date(ctx.clock().getTime() - 7 * 24 * 3600 * 1000)]);
}

export const helpJobs: JobDefinition[] = [
	{ name: 'help.auto_confirm', cron: '*/15 * * * *', handler: async (ctx) => void (await autoConfirmDueRequests(ctx)) },
	{ name: 'help.flag_waiting', cron: '7 * * * *', handler: async (ctx) => void (await flagWaitingRequests(ctx)) },
	{ name: 'help.prune_idempotency', cron: '23 3 * * *', handler: (ctx) => pruneIdempotencyKeys(ctx) }
];
