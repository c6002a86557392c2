import type { Queryable } from '../db/client';

export interface BuurtBalances {
	funding: { id: string; balance: number } | null;
	buurtpot: { id: string; balance: number } | null;
}

/**
 * The buurt's funding and buurtpot accounts with their balances, without creating them (a buurt
 * that never had money has neither). Reads one statement, so both come from one snapshot.
 */
export async function getBuurtBalances(q: Queryable, { buurtId, ledger = 'EUR' }: { buurtId: string; ledger?: string }): Promise<BuurtBalances> {
	const rows = await q.query<{ id: string; kind: string; balance: number }>(
		`SELECT id, kind, balance FROM ledger_accounts WHERE ledger = $1 AND buurt_id = $2 AND kind IN ('funding', 'buurtpot')`,
		[ledger, buurtId]
	);
	const pick = (kind: string) => {
		const a = rows.find((r) => r.kind === kind);
		return a ? { id: a.id, balance: Number(a.balance) } : null;
	};
	return { funding: pick('funding'), buurtpot: pick('buurtpot') };
}
