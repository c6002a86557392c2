import type { Ctx } from '../shared/context';
import { recordAudit } from '../audit';
import type { ErasureSubject, PersonalDataKind } from './model';

/** Lets this transaction rewrite the append-only tables that hold people's words (migration 0170). */
export const allowPrivacyRewrites = (tx: { query: (sql: string) => Promise<unknown> }) => tx.query("SELECT set_config('noaber.privacy_erasure', 'on', true)");

/**
 * Erases one person (art. 17), in ONE transaction: every kind's eraser runs in its order (the
 * account row last), then an audit row records the counts. Ledger transfers, legs and entries are
 * never touched: the legs keep the account's opaque id, which now names nobody. Idempotent: an
 * account already anonymised returns `null`. `actorId` is the person themself, or null for the
 * move-out job.
 */
export async function eraseAccount(
	ctx: Ctx,
	kinds: readonly PersonalDataKind[],
	opts: { accountId: string; reason: ErasureSubject['reason']; actorId: string | null }
): Promise<Record<string, number> | null> {
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		await allowPrivacyRewrites(tx);
		const [account] = await tx.query<{ id: string; name: string; email: string; anonymised_at: Date | null }>(
			'SELECT id, name, email, anonymised_at FROM accounts WHERE id = $1 FOR UPDATE',
			[opts.accountId]
		);
		if (!account || account.anonymised_at) return null;
		// Every home the person ever had here, written out as people write it, to find in free text.
		const homes = await tx.query<{ street: string; house_number: number; addition: string; postcode: string }>(
			`SELECT u.street, u.house_number, u.addition, u.postcode FROM memberships m JOIN units u ON u.id = m.unit_id WHERE m.account_id = $1`,
			[account.id]
		);
		const addresses = homes.flatMap((h) => [`${h.street} ${h.house_number}${h.addition}`, `${h.street} ${h.house_number} ${h.addition}`.trim()]);
		const subject: ErasureSubject = { accountId: account.id, name: account.name, email: account.email, addresses: [...new Set(addresses)], at, reason: opts.reason };
		const counts: Record<string, number> = {};
		for (const k of [...kinds].sort((a, b) => (a.order ?? 50) - (b.order ?? 50))) counts[k.kind] = await k.erase(tx, subject);
		await recordAudit(tx, { at, actorId: opts.actorId, action: 'privacy.account_erased', subject: `account:${account.id}`, details: { reason: opts.reason, counts } });
		return counts;
	});
}
