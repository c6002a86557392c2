import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client';
import { DomainError } from './errors';

export interface IdempotentCall {
	actorId: string;
	/** From the form's hidden `idempotencyKey` or the API's Idempotency-Key header; none → no replay. */
	key: string | undefined;
	/** The use case, e.g. 'help.ask'. Its namespace is also the error's: `help.idempotency_mismatch`. */
	operation: string;
	/** The validated input (without the key): a retry must carry the same content. */
	input: unknown;
	at: Date;
}

const stable = (v: unknown): unknown =>
	v instanceof Date
		? v.toISOString()
		: Array.isArray(v)
			? v.map(stable)
			: v && typeof v === 'object'
				? Object.fromEntries(
						Object.entries(v)
							.filter(([k, x]) => k !== 'idempotencyKey' && x !== undefined)
							.sort(([a], [b]) => (a < b ? -1 : 1))
							.map(([k, x]) => [k, stable(x)])
					)
				: v;

export const fingerprintOf = (operation: string, input: unknown) =>
	createHash('sha256').update(JSON.stringify([operation, stable(input)])).digest('hex');

/**
 * Runs `work` once per (actor, key) inside the caller's transaction. A retry with the same key
 * and the same content returns the first result (a double-clicked form makes exactly one
 * request); the same key with other content is refused (`<namespace>.idempotency_mismatch`,
 * 409). A concurrent retry waits on the key's unique index until the first one commits, then
 * answers from it. If `work` throws, the transaction rolls back and the key is free again.
 * Results must be plain JSON (ids, states, numbers).
 */
export async function withIdempotency<T>(tx: Queryable, call: IdempotentCall, work: () => Promise<T>): Promise<T> {
	if (!call.key) return work();
	const fingerprint = fingerprintOf(call.operation, call.input);
	const claimed = await tx.query(
		`INSERT INTO help_idempotency (actor_id, key, operation, fingerprint, created_at) VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT DO NOTHING RETURNING key`,
		[call.actorId, call.key, call.operation, fingerprint, call.at]
	);
	if (claimed.length === 0) {
		const [earlier] = await tx.query<{ operation: string; fingerprint: string; result: T | null }>(
			'SELECT operation, fingerprint, result FROM help_idempotency WHERE actor_id = $1 AND key = $2',
			[call.actorId, call.key]
		);
		const namespace = call.operation.split('.')[0];
		if (!earlier || earlier.operation !== call.operation || earlier.fingerprint !== fingerprint || earlier.result === null)
			throw new DomainError(`${namespace}.idempotency_mismatch`, {});
		return earlier.result;
	}
	const result = await work();
	await tx.query('UPDATE help_idempotency SET result = $3::jsonb WHERE actor_id = $1 AND key = $2', [
		call.actorId,
		call.key,
		JSON.stringify(result ?? null)
	]);
	return result;
}

/**
 * The keys this person used since `since` that start with `prefix`, newest first. Forms hand a
 * used key out again for a while (web/forms.ts `formKeys`), so a form sent again after Back
 * answers with the first result instead of making a second one.
 */
export async function recentKeys(db: Queryable, opts: { actorId: string; prefix: string; since: Date }): Promise<string[]> {
	const rows = await db.query<{ key: string }>(
		`SELECT key FROM help_idempotency WHERE actor_id = $1 AND created_at >= $2 AND starts_with(key, $3)
		 ORDER BY created_at DESC LIMIT 200`,
		[opts.actorId, opts.since, opts.prefix]
	);
	return rows.map((r) => r.key);
}
