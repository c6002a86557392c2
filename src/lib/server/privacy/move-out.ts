import type { Ctx } from '../shared/context';
import type { PersonalDataKind } from './model';
import { eraseAccount } from './erase';

export const DEFAULT_MOVE_OUT_GRACE_DAYS = 30;

/**
 * Members who moved out: every membership they had has ended (by the tenancy import or staff),
 * the last one longer ago than the grace period of its corporation, and nobody manages the
 * account (no staff or partner role). Oldest first, at most `limit`.
 */
export async function movedOutAccounts(ctx: Ctx, limit = 100): Promise<string[]> {
	const today = ctx.clock().toISOString().slice(0, 10);
	const rows = await ctx.db.query<{ account_id: string }>(
		`SELECT m.account_id FROM memberships m
		 JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id
		 JOIN accounts a ON a.id = m.account_id AND a.anonymised_at IS NULL
		 LEFT JOIN privacy_settings s ON s.corporation_id = c.corporation_id
		 WHERE NOT EXISTS (SELECT 1 FROM staff_roles r WHERE r.account_id = m.account_id)
		   AND NOT EXISTS (SELECT 1 FROM partner_staff p WHERE p.account_id = m.account_id)
		 GROUP BY m.account_id
		 HAVING bool_and(m.ends_on IS NOT NULL AND m.ends_on <= $1::date)
		    AND max(m.ends_on + COALESCE(s.move_out_grace_days, $2)) <= $1::date
		 ORDER BY max(m.ends_on), m.account_id LIMIT $3`,
		[today, DEFAULT_MOVE_OUT_GRACE_DAYS, limit]
	);
	return rows.map((r) => r.account_id);
}

/** The daily job: erases every moved-out member after their grace period (the same erasure as a deletion). */
export async function eraseMovedOut(ctx: Ctx, kinds: readonly PersonalDataKind[]): Promise<number> {
	let erased = 0;
	for (const accountId of await movedOutAccounts(ctx)) {
		if (await eraseAccount(ctx, kinds, { accountId, reason: 'move_out', actorId: null })) erased++;
	}
	return erased;
}
