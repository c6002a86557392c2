import type { Queryable } from '../db/client';
import { scrubNotificationParams } from '../notifications';
import { iso, type PersonalDataKind, type RetentionKind } from '../privacy';
import { anonymiseClosedReportsIn } from './jobs';
import { retentionMonthsOf } from './settings';

/**
 * Meldingen's personal data (privacy's table). On erasure the reporter leaves every report:
 * a closed one is anonymised as retention would do it later (`anonymiseClosedReports`'s rules,
 * now); an open one keeps what the handler needs to fix it — the place and the text — without
 * the reporter (nobody to tell, no name). Their notes and "klopt niet" words go; followed reports are unfollowed.
 */
export const reportData: PersonalDataKind = {
	kind: 'reports',
	module: 'reports',
	messageKey: 'privacy.kinds.reports',
	export: async (q, accountId) => {
		const reports = await q.query<Record<string, unknown> & { created_at: Date; closed_at: Date | null; score: number | null; comment: string | null }>(
			`SELECT r.id, b.name AS buurt, r.state, r.visibility, r.description, r.answers, r.location_kind AS "locationKind", r.address_label AS "addressLabel",
			        r.created_at, r.closed_at, s.score, s.comment,
			        (SELECT count(*)::int FROM report_photos p WHERE p.report_id = r.id AND p.purpose = 'report') AS photos
			 FROM reports r JOIN buurten b ON b.id = r.buurt_id LEFT JOIN report_satisfaction s ON s.report_id = r.id
			 WHERE r.reporter_id = $1 ORDER BY r.created_at, r.id`,
			[accountId]
		);
		const notes = await q.query<{ report_id: string; at: Date; action: string; note: string | null }>(
			`SELECT h.report_id, h.at, h.action, h.note FROM report_history h JOIN reports r ON r.id = h.report_id
			 WHERE r.reporter_id = $1 AND h.note IS NOT NULL AND (h.actor_id = $1 OR h.actor_role <> 'reporter') ORDER BY h.report_id, h.seq`,
			[accountId]
		);
		const followed = await q.query<{ report_id: string; supports: boolean; since: Date }>('SELECT report_id, supports, since FROM report_followers WHERE account_id = $1 ORDER BY since', [accountId]);
		return [
			...reports.map(({ created_at, closed_at, score, comment, ...r }) => ({ what: 'report', ...r, createdAt: iso(created_at), closedAt: iso(closed_at), satisfaction: score == null ? null : { score, comment } })),
			...notes.map((n) => ({ what: 'step', reportId: n.report_id, at: iso(n.at), action: n.action, note: n.note })),
			...followed.map((f) => ({ what: 'followed', reportId: f.report_id, supports: f.supports, since: iso(f.since) }))
		];
	},
	order: 35,
	erase: async (tx, s) => eraseReporter(tx, s.accountId, s.at)
};

async function eraseReporter(tx: Queryable, accountId: string, at: Date): Promise<number> {
	const mine = await tx.query<{ id: string; closed: boolean }>('SELECT id, closed_at IS NOT NULL AS closed FROM reports WHERE reporter_id = $1 ORDER BY id FOR UPDATE', [accountId]);
	const ids = mine.map((r) => r.id);
	const closed = mine.filter((r) => r.closed).map((r) => r.id);
	// report_history's trigger allows exactly this scrub: the reporter's id and their own notes.
	await tx.query(`UPDATE report_history SET actor_id = NULL, note = CASE WHEN actor_role = 'reporter' THEN NULL ELSE note END WHERE actor_id = $1`, [accountId]);
	await tx.query('DELETE FROM report_photos WHERE report_id = ANY($1::uuid[])', [closed]);
	await tx.query('UPDATE report_photos SET added_by = NULL WHERE added_by = $1', [accountId]);
	await tx.query('UPDATE report_satisfaction SET comment = NULL WHERE report_id = ANY($1::uuid[])', [ids]);
	await tx.query(
		`UPDATE reports SET reporter_id = NULL, hide_reporter_name = true, updated_at = $2,
		   unit_id = CASE WHEN closed_at IS NOT NULL THEN NULL ELSE unit_id END,
		   anonymised_at = CASE WHEN closed_at IS NOT NULL THEN $2 ELSE anonymised_at END,
		   description = CASE WHEN closed_at IS NOT NULL AND visibility = 'private' THEN NULL ELSE description END,
		   answers = CASE WHEN closed_at IS NOT NULL AND visibility = 'private' THEN '{}'::jsonb ELSE answers END
		 WHERE id = ANY($1::uuid[])`,
		[ids, at]
	);
	const unfollowed = await tx.query('DELETE FROM report_followers WHERE account_id = $1 RETURNING report_id', [accountId]);
	await scrubNotificationParams(tx, { subjectKind: 'report', subjectIds: ids, set: {} });
	return ids.length + unfollowed.length;
}

/** Closed reports: the reporter's data after the corporation's months (set on the reports' own settings). */
export const closedReportRetention: RetentionKind = {
	kind: 'closed_reports',
	module: 'reports',
	messageKey: 'privacy.retention.closed_reports',
	defaultDays: 365,
	periodOf: async (q, corporationId) => ({ days: Math.round((await retentionMonthsOf(q, corporationId)) * 30.44), setAt: '/staff/reports/routing' }),
	// In batches of 200 (anonymiseClosedReportsIn), all within the retention's one transaction.
	run: async (tx, { now }) => {
		let total = 0;
		for (let i = 0; i < 50; i++) {
			const n = await anonymiseClosedReportsIn(tx, now);
			total += n;
			if (n < 200) break;
		}
		return total;
	}
};

export const reportsPersonalData = [reportData];
