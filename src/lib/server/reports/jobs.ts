import type { JobDefinition } from '../shared/boss';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { isDomainError } from '../shared/errors';
import { runTransition } from './engine';
import { linkRedirectedRequests } from './from-help';
import { dutchDate } from './working-days';
import { DEFAULT_RETENTION_MONTHS } from './model';

/** Per run, so one slow run never holds the queue for long; the next run continues. */
const BATCH = 200;

/**
 * Flags open reports past their due date once (overdue_at), with a history row and a
 * report.overdue notification to the handler. Idempotent: a flagged or closed report is skipped.
 */
export async function flagOverdueReports(ctx: Ctx): Promise<number> {
	const today = dutchDate(ctx.clock());
	const due = await ctx.db.query<{ id: string }>(
		'SELECT id FROM reports WHERE closed_at IS NULL AND overdue_at IS NULL AND due_on < $1::date ORDER BY due_on, id LIMIT $2',
		[today, BATCH]
	);
	let flagged = 0;
	for (const { id } of due) {
		try {
			await runTransition(ctx, null, {
				action: 'flag_overdue',
				reportId: id,
				input: { reportId: id },
				check: (_tx, r) => {
					if (r.overdue_at) throw Object.assign(new Error('already flagged'), { skip: true });
				},
				changes: (_tx, r, _role, at) => ({ set: { overdue_at: at }, details: { dueOn: r.due_on } })
			});
			flagged++;
		} catch (err) {
			if ((err as { skip?: boolean }).skip) continue;
			if (!isDomainError(err)) throw err;
			ctx.log.info({ reportId: id, code: err.code }, 'overdue flag skipped');
		}
	}
	return flagged;
}

/**
 * Retention: the personal data of reporters in reports closed longer ago than the corporation's
 * retention period (default 12 months) is removed, in one statement per table inside one
 * transaction per batch: the reporter and their home (the complex stays), followers, the
 * satisfaction comment (the score stays for the figures), the reporter's own notes in the history
 * (the report_history trigger allows exactly this scrub), photos, and the text of a private report
 * (a nuisance report names neighbours). Public text stays: the buurt could read it anyway.
 */
export async function anonymiseClosedReports(ctx: Ctx): Promise<number> {
	const now = ctx.clock();
	return ctx.db.transaction((tx) => anonymiseClosedReportsIn(tx, now));
}

/** The same, one batch, inside the caller's transaction (privacy's retention run: `closed_reports`). */
export async function anonymiseClosedReportsIn(tx: Queryable, now: Date): Promise<number> {
	{
		const due = await tx.query<{ id: string; reporter_id: string | null }>(
			`SELECT r.id, r.reporter_id FROM reports r LEFT JOIN report_settings s ON s.corporation_id = r.corporation_id
			 WHERE r.closed_at IS NOT NULL AND r.anonymised_at IS NULL
			   AND r.closed_at < $1::timestamptz - make_interval(months => COALESCE(s.retention_months, $2))
			 ORDER BY r.closed_at, r.id LIMIT $3 FOR UPDATE OF r SKIP LOCKED`,
			[now, DEFAULT_RETENTION_MONTHS, BATCH]
		);
		if (!due.length) return 0;
		const ids = due.map((d) => d.id);
		await tx.query(
			`UPDATE report_history h SET actor_id = NULL, note = CASE WHEN h.actor_role = 'reporter' THEN NULL ELSE h.note END
			 FROM reports r WHERE h.report_id = r.id AND r.id = ANY($1::uuid[]) AND h.actor_id IS NOT DISTINCT FROM r.reporter_id AND r.reporter_id IS NOT NULL`,
			[ids]
		);
		await tx.query('DELETE FROM report_followers WHERE report_id = ANY($1::uuid[])', [ids]);
		await tx.query('DELETE FROM report_photos WHERE report_id = ANY($1::uuid[])', [ids]);
		await tx.query('UPDATE report_satisfaction SET comment = NULL WHERE report_id = ANY($1::uuid[])', [ids]);
		await tx.query(
			`UPDATE reports SET reporter_id = NULL, unit_id = NULL, hide_reporter_name = true, anonymised_at = $2, updated_at = $2,
				description = CASE WHEN visibility = 'private' THEN NULL ELSE description END,
				answers = CASE WHEN visibility = 'private' THEN '{}'::jsonb ELSE answers END
			 WHERE id = ANY($1::uuid[])`,
			[ids, now]
		);
		return ids.length;
	}
}

// The retention of closed reports runs in privacy's daily retention job (`closed_reports`), which records its counts.
export const reportJobs: JobDefinition[] = [
	{ name: 'reports.flag_overdue', cron: '11 * * * *', handler: async (ctx) => void (await flagOverdueReports(ctx)) },
	{ name: 'reports.from_help', cron: '* * * * *', handler: async (ctx) => void (await linkRedirectedRequests(ctx)) }
];
