import { iso, needlesOf, REMOVED_TEXT, type PersonalDataKind } from '../privacy';

const named = (col: string) => `${col} ILIKE ANY (SELECT '%' || n || '%' FROM unnest($2::text[]) n)`;

/**
 * Moderation's personal data (privacy's table): the reports the person made (what, why, their
 * note), the decisions about their content and about them (hidden, removed, warned, suspended —
 * with the reason and the reviewer's note, as their own history page shows them; never who
 * reported them), and their suspensions.
 *
 * Erasure: the reports they made stay as counted (a hidden item stays hidden) but lose their note;
 * the copy of their reported words (`moderation_items.excerpt`) becomes "[verwijderd]" like the
 * content itself; decisions and suspensions stay as the corporation's record (append-only;
 * migration 0178 lets the erasure rewrite them), with any note that names the person emptied;
 * "house rules seen" goes.
 */
export const moderationData: PersonalDataKind = {
	kind: 'moderation',
	module: 'moderation',
	messageKey: 'privacy.kinds.moderation',
	export: async (q, accountId) => {
		const reports = await q.query<{ content_kind: string; reason: string; note: string; at: Date }>(
			'SELECT i.content_kind, r.reason, r.note, r.at FROM moderation_reports r JOIN moderation_items i ON i.id = r.item_id WHERE r.reporter_id = $1 ORDER BY r.at, r.id',
			[accountId]
		);
		const decisions = await q.query<{ content_kind: string | null; excerpt: string | null; kind: string; reason: string | null; note: string | null; until: Date | null; at: Date }>(
			`SELECT i.content_kind, i.excerpt, d.kind, d.reason, d.note, d.until, d.at FROM moderation_decisions d LEFT JOIN moderation_items i ON i.id = d.item_id
			 WHERE d.account_id = $1 ORDER BY d.at, d.id`,
			[accountId]
		);
		const suspensions = await q.query<{ starts_at: Date; ends_at: Date; lifted_at: Date | null; reason: string }>(
			'SELECT starts_at, ends_at, lifted_at, reason FROM moderation_suspensions WHERE account_id = $1 ORDER BY starts_at, id',
			[accountId]
		);
		return [
			...reports.map((r) => ({ what: 'report_made', contentKind: r.content_kind, reason: r.reason, note: r.note, at: iso(r.at) })),
			...decisions.map((d) => ({ what: 'decision', kind: d.kind, contentKind: d.content_kind, content: d.excerpt, reason: d.reason, note: d.note, until: iso(d.until), at: iso(d.at) })),
			...suspensions.map((x) => ({ what: 'suspension', startsAt: iso(x.starts_at), endsAt: iso(x.ends_at), liftedAt: iso(x.lifted_at), reason: x.reason }))
		];
	},
	order: 41,
	erase: async (tx, s) => {
		const needles = needlesOf(s);
		let n = 0;
		n += (await tx.query(`UPDATE moderation_reports SET note = '' WHERE reporter_id = $1 AND note <> '' RETURNING id`, [s.accountId])).length;
		n += (await tx.query(`UPDATE moderation_items SET excerpt = $3, note = CASE WHEN ${named('note')} THEN NULL ELSE note END WHERE author_id = $1 RETURNING id`, [s.accountId, needles, REMOVED_TEXT])).length;
		n += (await tx.query(`UPDATE moderation_decisions SET note = NULL WHERE (account_id = $1 OR actor_id = $1) AND ${named('note')} RETURNING id`, [s.accountId, needles])).length;
		n += (await tx.query(`UPDATE moderation_suspensions SET note = NULL WHERE account_id = $1 AND ${named('note')} RETURNING id`, [s.accountId, needles])).length;
		n += (await tx.query('DELETE FROM moderation_rules_seen WHERE account_id = $1 RETURNING account_id', [s.accountId])).length;
		return n;
	}
};

export const moderationPersonalData = [moderationData];
