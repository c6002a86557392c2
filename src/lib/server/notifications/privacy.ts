import type { Queryable, Tx } from '../db/client';
import { iso, type PersonalDataKind } from '../privacy';
import { notificationTypes } from './types';

/**
 * Others' inbox items keep their text about a subject, but a person who was erased leaves it:
 * `set` overwrites those params on the items about these subjects (a title the person wrote),
 * and with `whoWas` only where `who` was that first name (the person who replied, took, …).
 * Called by the modules that own the subjects, inside the erasure's transaction.
 */
export async function scrubNotificationParams(tx: Queryable, s: { subjectKind: string; subjectIds: string[]; set: Record<string, string>; whoWas?: string }): Promise<number> {
	if (!s.subjectIds.length) return 0;
	const rows = await tx.query(
		`UPDATE notification_items SET params = params || (SELECT COALESCE(jsonb_object_agg(k, v), '{}'::jsonb) FROM jsonb_each($3::jsonb) AS e(k, v) WHERE params ? k)
		 WHERE subject_kind = $1 AND subject_id = ANY($2::text[]) AND ($4::text IS NULL OR params->>'who' = $4) RETURNING id`,
		[s.subjectKind, s.subjectIds, JSON.stringify(s.set), s.whoWas ?? null]
	);
	return rows.length;
}

export const notificationData: PersonalDataKind = {
	kind: 'notifications',
	module: 'notifications',
	messageKey: 'privacy.kinds.notifications',
	export: async (q, accountId) => {
		const prefs = await q.query<{ type: string; mode: string; updated_at: Date }>('SELECT type, mode, updated_at FROM notification_preferences WHERE account_id = $1 ORDER BY type', [accountId]);
		const items = await q.query<{ type: string; subject_kind: string; subject_id: string; params: unknown; created_at: Date; read_at: Date | null; mail: string | null }>(
			`SELECT i.type, i.subject_kind, i.subject_id, i.params, i.created_at, i.read_at,
			        (SELECT d.status FROM notification_deliveries d WHERE d.item_id = i.id LIMIT 1) AS mail
			 FROM notification_items i WHERE i.account_id = $1 ORDER BY i.created_at, i.id LIMIT 5000`,
			[accountId]
		);
		return [
			...prefs.map((p) => ({ what: 'setting', type: p.type, mode: p.mode, changedAt: iso(p.updated_at) })),
			...items.map((i) => ({ what: 'inbox_item', type: i.type, subject: `${i.subject_kind}:${i.subject_id}`, params: i.params, at: iso(i.created_at), readAt: iso(i.read_at), email: i.mail }))
		];
	},
	order: 70,
	erase: async (tx, s) => {
		let n = (await tx.query('DELETE FROM notification_deliveries WHERE account_id = $1 RETURNING id', [s.accountId])).length;
		n += (await tx.query('DELETE FROM notification_items WHERE account_id = $1 RETURNING id', [s.accountId])).length;
		n += (await tx.query('DELETE FROM notification_preferences WHERE account_id = $1 RETURNING type', [s.accountId])).length;
		return n;
	}
};

/** Withdrawing the consent to e-mail: every type goes to 'off' (the inbox stays) and waiting mails are dropped. */
export async function switchOffEmail(tx: Tx, c: { accountId: string; at: Date }): Promise<void> {
	await tx.query(
		`INSERT INTO notification_preferences (account_id, type, mode, updated_at) SELECT $1, t, 'off', $3 FROM unnest($2::text[]) AS t
		 ON CONFLICT (account_id, type) DO UPDATE SET mode = 'off', updated_at = EXCLUDED.updated_at`,
		[c.accountId, [...notificationTypes], c.at]
	);
	await tx.query(`UPDATE notification_deliveries SET status = 'skipped', last_error = 'consent withdrawn' WHERE account_id = $1 AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < $2)`, [c.accountId, c.at]);
}
