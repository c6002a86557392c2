import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { accountColumns, accountKinds, ledgerCodeSchema, type LedgerAccount } from './model';
import { sqlState } from './transaction';

export const ensureAccountSchema = z
	.object({
		ledger: ledgerCodeSchema.default('EUR'),
		kind: z.enum(accountKinds),
		/** Required for funding, buurtpot and expense; absent for world. */
		buurtId: z.uuid().nullable().default(null),
		at: z.date()
	})
	.refine((a) => (a.kind === 'world') === (a.buurtId === null), {
		message: 'ledger.buurt_required',
		path: ['buurtId']
	});
export type EnsureAccountInput = z.input<typeof ensureAccountSchema>;

/**
 * Returns the ledger's account of this kind for this buurt (or the ledger's world account),
 * creating it on first use. Idempotent and safe under concurrency: the unique key decides.
 * Only the world account may go below zero.
 *
 * Errors: `validation.invalid` (fields: ledger, kind, buurtId → `ledger.buurt_required`),
 * `ledger.buurt_not_found`.
 */
export async function ensureAccount(q: Queryable, input: EnsureAccountInput): Promise<LedgerAccount> {
	const { ledger, kind, buurtId, at } = parseInput(ensureAccountSchema, input);
	try {
		const [created] = await q.query<LedgerAccount>(
			`INSERT INTO ledger_accounts (ledger, kind, buurt_id, may_go_negative, created_at)
			 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING ${accountColumns}`,
			[ledger, kind, buurtId, kind === 'world', at]
		);
		if (created) return created;
	} catch (err) {
		if (sqlState(err) === '23503') throw new DomainError('ledger.buurt_not_found', { buurtId });
		throw err;
	}
	// Lost the race or existed already; READ COMMITTED's fresh snapshot sees the winner.
	const existing = await findAccount(q, { ledger, kind, buurtId });
	if (!existing) throw new Error(`ledger account (${ledger}, ${kind}, ${buurtId}) vanished after conflict`);
	return existing;
}

/** The account of this kind for this buurt (or the world account when buurtId is null). */
export async function findAccount(
	q: Queryable,
	{ ledger, kind, buurtId }: { ledger: string; kind: LedgerAccount['kind']; buurtId: string | null }
): Promise<LedgerAccount | null> {
	// Two spellings so the unique index serves both: `= NULL` never matches.
	const [row] =
		buurtId === null
			? await q.query<LedgerAccount>(
					`SELECT ${accountColumns} FROM ledger_accounts WHERE ledger = $1 AND kind = $2 AND buurt_id IS NULL`,
					[ledger, kind]
				)
			: await q.query<LedgerAccount>(
					`SELECT ${accountColumns} FROM ledger_accounts WHERE ledger = $1 AND kind = $2 AND buurt_id = $3`,
					[ledger, kind, buurtId]
				);
	return row ?? null;
}

export const ensureBuurtAccountsSchema = z.object({
	ledger: ledgerCodeSchema.default('EUR'),
	buurtId: z.uuid(),
	at: z.date()
});

/**
 * The three accounts every buurt has on a ledger: the corporation's funding account, the
 * buurtpot and the expense account buurtpot payouts go to. Idempotent.
 *
 * Errors: `validation.invalid`, `ledger.buurt_not_found`.
 */
export async function ensureBuurtAccounts(
	q: Queryable,
	input: z.input<typeof ensureBuurtAccountsSchema>
): Promise<{ funding: LedgerAccount; buurtpot: LedgerAccount; expense: LedgerAccount }> {
	const { ledger, buurtId, at } = parseInput(ensureBuurtAccountsSchema, input);
	const funding = await ensureAccount(q, { ledger, kind: 'funding', buurtId, at });
	const buurtpot = await ensureAccount(q, { ledger, kind: 'buurtpot', buurtId, at });
	const expense = await ensureAccount(q, { ledger, kind: 'expense', buurtId, at });
	return { funding, buurtpot, expense };
}

export const getAccountSchema = z.object({ accountId: z.uuid() });

/**
 * One account with its cached balance and version.
 *
 * Errors: `validation.invalid`, `ledger.account_not_found`.
 */
export async function getAccount(q: Queryable, input: z.input<typeof getAccountSchema>): Promise<LedgerAccount> {
	const { accountId } = parseInput(getAccountSchema, input);
	const [row] = await q.query<LedgerAccount>(`SELECT ${accountColumns} FROM ledger_accounts WHERE id = $1`, [
		accountId
	]);
	if (!row) throw new DomainError('ledger.account_not_found', { accountId });
	return row;
}

/**
 * The account's balance (in the ledger's unit, e.g. cents) and version; the balance is the
 * cached one, which checkLedger proves equal to the sum of the account's entries.
 *
 * Errors: `validation.invalid`, `ledger.account_not_found`.
 */
export async function getBalance(
	q: Queryable,
	input: z.input<typeof getAccountSchema>
): Promise<{ accountId: string; ledger: string; balance: number; version: number }> {
	const account = await getAccount(q, input);
	return { accountId: account.id, ledger: account.ledger, balance: account.balance, version: account.version };
}
