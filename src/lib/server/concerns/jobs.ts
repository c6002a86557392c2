import type { JobDefinition } from '../shared/boss';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { recordAudit } from '../audit';
import { forgetNotifications } from '../notifications';
import { DEFAULT_CASE_RETENTION_DAYS, DEFAULT_RETENTION_DAYS } from './model';

export interface RetentionRun {
	deleted: number;
	reduced: number;
}

/**
 * Retention, in one transaction per run:
 * - a concern without a case (untriaged, no action, contact made, referred) raised longer ago
 *   than the corporation's retention_days (default 90) is DELETED, with its referrals and every
 *   inbox item and unsent e-mail about it — nothing of it is kept, not even anonymised;
 * - a case (outcome 'case_opened') opened longer ago than case_retention_days (default 365)
 *   keeps only its outcome: home, reporter, category, text, note and referrals go.
 * Each corporation's run is one audit row with the counts, never content, also when both are 0.
 * Runs daily inside privacy's retention job (rule `concerns`, concerns/privacy.ts).
 */
export async function applyConcernRetention(ctx: Pick<Ctx, 'db' | 'clock'>): Promise<RetentionRun> {
	return ctx.db.transaction((tx) => applyConcernRetentionIn(tx, ctx.clock()));
}

/** The same, inside the caller's transaction (privacy's retention run). */
export async function applyConcernRetentionIn(tx: Queryable, now: Date): Promise<RetentionRun> {
	const deleted = await tx.query<{ id: string; corporation_id: string }>(
		`DELETE FROM concerns WHERE id IN (
		   SELECT k.id FROM concerns k LEFT JOIN concern_settings s ON s.corporation_id = k.corporation_id
		   WHERE k.reduced_at IS NULL AND k.outcome IS DISTINCT FROM 'case_opened'
		     AND k.created_at < $1::timestamptz - make_interval(days => COALESCE(s.retention_days, $2))
		 ) RETURNING id, corporation_id`,
		[now, DEFAULT_RETENTION_DAYS]
	);
	const reducedIds = await tx.query<{ id: string; corporation_id: string }>(
		`SELECT k.id, k.corporation_id FROM concerns k LEFT JOIN concern_settings s ON s.corporation_id = k.corporation_id
		 WHERE k.reduced_at IS NULL AND k.outcome = 'case_opened'
		   AND k.outcome_at < $1::timestamptz - make_interval(days => COALESCE(s.case_retention_days, $2))
		 FOR UPDATE OF k`,
		[now, DEFAULT_CASE_RETENTION_DAYS]
	);
	const reduced = reducedIds.map((r) => r.id);
	if (reduced.length) {
		await tx.query('DELETE FROM concern_referrals WHERE concern_id = ANY($1::uuid[])', [reduced]);
		await tx.query(
			`UPDATE concerns SET unit_id = NULL, reporter_id = NULL, category = NULL, body = NULL, may_contact = false, flagged = false,
			   triage_note = NULL, triaged_by = NULL, reduced_at = $2 WHERE id = ANY($1::uuid[])`,
			[reduced, now]
		);
	}
	await forgetNotifications(tx, 'concern', [...deleted.map((d) => d.id), ...reduced]);
	// One row per corporation that has concerns or settings: the run is visible to its admins.
	const corporations = await tx.query<{ id: string }>(
		`SELECT corporation_id AS id FROM concern_settings UNION SELECT DISTINCT corporation_id FROM concerns UNION SELECT unnest($1::uuid[])`,
		[[...new Set([...deleted, ...reducedIds].map((r) => r.corporation_id))]]
	);
	for (const { id } of corporations) {
		await recordAudit(tx, {
			at: now,
			actorId: null,
			action: 'concerns.retention_run',
			subject: `corporation:${id}`,
			corporationId: id,
			details: { deleted: deleted.filter((d) => d.corporation_id === id).length, reduced: reducedIds.filter((r) => r.corporation_id === id).length }
		});
	}
	return { deleted: deleted.length, reduced: reduced.length };
}

/**
 * The retention now runs in privacy's daily `privacy.retention` (rule `concerns`); the job keeps
 * its name, without a schedule, so a schedule an older version left in pg-boss still finds a worker.
 */
export const concernJobs: JobDefinition[] = [{ name: 'concerns.retention', handler: async (ctx) => void (await applyConcernRetention(ctx)) }];
