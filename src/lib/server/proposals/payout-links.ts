import type { Queryable } from '../db/client';
import type { Actor } from '../people';
import { canViewBuurtProposals } from './policy';

/** What the pot page says about a payout: which plan it paid, to whom, and its receipt. */
export interface PayoutLink {
	proposalId: string;
	title: string;
	payee: string;
	receiptId: string | null;
}

/**
 * The payments behind these ledger transfers of one buurt (payouts and reversed payouts), for
 * whoever may see the buurt's proposals; anyone else gets an empty map (the pot page then says
 * only that a plan was paid).
 */
export async function payoutLinksForTransfers(db: Queryable, actor: Actor, buurt: { id: string; corporationId: string }, transferIds: string[]): Promise<Map<string, PayoutLink>> {
	if (!transferIds.length || !canViewBuurtProposals(actor, { buurt_id: buurt.id, corporation_id: buurt.corporationId })) return new Map();
	const rows = await db.query<{ transfer_id: string; proposal_id: string; title: string; payee: string; receipt_file_id: string | null }>(
		`SELECT pay.transfer_id, pay.proposal_id, p.title, pay.payee, pay.receipt_file_id
		   FROM buurtpot_payments pay JOIN buurtpot_proposals p ON p.id = pay.proposal_id
		  WHERE pay.buurt_id = $1 AND pay.transfer_id = ANY($2::text[])`,
		[buurt.id, transferIds]
	);
	return new Map(rows.map((r) => [r.transfer_id, { proposalId: r.proposal_id, title: r.title, payee: r.payee, receiptId: r.receipt_file_id }]));
}
