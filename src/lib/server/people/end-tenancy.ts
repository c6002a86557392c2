import type { Queryable } from '../db/client';
import { emitWebhookEvent } from '../webhooks';

/**
 * A tenancy ended: the tenant members of that home stop being members on its end date, unless
 * another tenancy of the home runs on after it (a new contract at the same address). Each one
 * ended is told to the corporation's systems (member.left). What happens to their account after
 * that is the privacy module's grace period, not this import's.
 */
export async function endMembershipsOfUnit(tx: Queryable, e: { corporationId: string; unitId: string; endsOn: string; at: Date }): Promise<number> {
	const ended = await tx.query<{ account_id: string }>(
		`UPDATE memberships m SET ends_on = $2::date
		 WHERE m.unit_id = $1 AND m.kind = 'tenant' AND m.starts_on <= $2::date AND (m.ends_on IS NULL OR m.ends_on > $2::date)
		   AND NOT EXISTS (SELECT 1 FROM tenancies t WHERE t.unit_id = $1 AND (t.ends_on IS NULL OR t.ends_on > $2::date))
		 RETURNING m.account_id`,
		[e.unitId, e.endsOn]
	);
	for (const m of ended) await emitWebhookEvent(tx, { type: 'member.left', at: e.at, corporationId: e.corporationId, data: { accountId: m.account_id, unitId: e.unitId, endsOn: e.endsOn, how: 'tenancy_ended' } });
	return ended.length;
}
