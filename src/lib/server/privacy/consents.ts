import { z } from 'zod';
import type { Queryable, Tx } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { idOf } from '../shared/text';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import { iso, type ConsentHow, type ConsentRecord } from './model';

/**
 * Consent records: one row per consent given (what, what exactly, when, how, recorded by whom);
 * withdrawing keeps the row and says when and how. The module that asks for a consent records it
 * in its own transaction (`recordConsent`), so the consent and what it allows commit together.
 */
export async function recordConsent(
	tx: Queryable,
	c: { accountId: string; kind: string; scope?: string | null; how: ConsentHow; byAccountId?: string | null; at: Date }
): Promise<string> {
	const [row] = await tx.query<{ id: string }>(
		`INSERT INTO consent_records (account_id, kind, scope, given_at, given_how, given_by) VALUES ($1, $2, $3, $4, $5, $6)
		 ON CONFLICT (account_id, kind, COALESCE(scope, '')) WHERE withdrawn_at IS NULL DO UPDATE SET kind = EXCLUDED.kind
		 RETURNING id`,
		[c.accountId, c.kind, c.scope ?? null, c.at, c.how, c.byAccountId ?? null]
	);
	return row.id;
}

/** Ends the live consent of a kind (and scope), when the module's own setting is switched off. */
export async function endConsent(tx: Queryable, c: { accountId: string; kind: string; scope?: string | null; how: ConsentHow | 'erasure'; at: Date }): Promise<number> {
	const rows = await tx.query(
		`UPDATE consent_records SET withdrawn_at = $4, withdrawn_how = $5
		 WHERE account_id = $1 AND kind = $2 AND COALESCE(scope, '') = COALESCE($3, '') AND withdrawn_at IS NULL RETURNING id`,
		[c.accountId, c.kind, c.scope ?? null, c.at, c.how]
	);
	return rows.length;
}

type ConsentRow = { id: string; kind: string; scope: string | null; given_at: Date; given_how: ConsentHow; given_by: string | null; account_id: string; withdrawn_at: Date | null; withdrawn_how: string | null };
const present = (r: ConsentRow): ConsentRecord => ({
	id: r.id,
	kind: r.kind,
	scope: r.scope,
	givenAt: iso(r.given_at)!,
	givenHow: r.given_how,
	givenByOther: !!r.given_by && r.given_by !== r.account_id,
	withdrawnAt: iso(r.withdrawn_at),
	withdrawnHow: r.withdrawn_how
});

/** Every consent the person gave, live ones first, newest first. */
export async function listConsents(q: Queryable, accountId: string): Promise<ConsentRecord[]> {
	const rows = await q.query<ConsentRow>(
		`SELECT id, kind, scope, given_at, given_how, given_by, account_id, withdrawn_at, withdrawn_how FROM consent_records
		 WHERE account_id = $1 ORDER BY (withdrawn_at IS NULL) DESC, given_at DESC, id LIMIT 500`,
		[accountId]
	);
	return rows.map(present);
}

/**
 * What withdrawing a consent of a kind does in the module that asked for it (switch the setting
 * off, remove the photo …), inside the same transaction. The registry hands these in.
 */
export type ConsentEffects = Record<string, (tx: Tx, c: { accountId: string; scope: string | null; at: Date }) => Promise<void>>;

export const withdrawConsentSchema = z.object({ consentId: idOf('privacy.not_found') });

/**
 * The person withdraws one of their consents (from the privacy page or the API): the row keeps
 * when it was given and now says when and how it was withdrawn, the owning module's effect runs,
 * and an audit row is written, all in one transaction. Errors: privacy.not_found (also for
 * someone else's consent), privacy.consent_withdrawn (already withdrawn).
 */
export async function withdrawConsent(ctx: Ctx, actor: { accountId: string }, input: unknown, effects: ConsentEffects, how: ConsentHow = 'web'): Promise<ConsentRecord> {
	const v = parseInput(withdrawConsentSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx.query<ConsentRow>('SELECT * FROM consent_records WHERE id = $1 AND account_id = $2 FOR UPDATE', [v.consentId, actor.accountId]);
		if (!row) throw new DomainError('privacy.not_found');
		if (row.withdrawn_at) throw new DomainError('privacy.consent_withdrawn');
		const [updated] = await tx.query<ConsentRow>('UPDATE consent_records SET withdrawn_at = $2, withdrawn_how = $3 WHERE id = $1 RETURNING *', [row.id, at, how]);
		await effects[row.kind]?.(tx, { accountId: actor.accountId, scope: row.scope, at });
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'privacy.consent_withdrawn', subject: `account:${actor.accountId}`, details: { kind: row.kind, scope: row.scope } });
		return present(updated);
	});
}
