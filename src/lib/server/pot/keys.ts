import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Money moves once per request. Every transfer of the pot (top-up, payout, reversal) takes its
 * ledger id from the request's idempotency key: sha256 over (actor, operation, key). A retry —
 * a double click, a proxy that resends, a client that tries again days later, after a restart
 * or after the help_idempotency row was pruned — names the same transfer, and the ledger's own
 * idempotency answers it (same content: the first result; other content: a mismatch). The hash
 * keeps the id short and of one shape whatever the key's length.
 */

/** Required here (the transfer id is made from it); the same shape as help_idempotency's CHECK. */
export const potIdempotencyKeySchema = z
	.string({ error: 'pot.idempotency_key_required' })
	.regex(/^[A-Za-z0-9._:-]{8,100}$/, 'help.idempotency_key_invalid');

const digest = (actorId: string, operation: string, key: string) => createHash('sha256').update(JSON.stringify([actorId, operation, key])).digest('hex');

/** The ledger transfer id of one request: `<prefix>:<64 hex>` (fits the ledger's 128 characters). */
export const keyedTransferId = (prefix: string, actorId: string, operation: string, key: string) => `${prefix}:${digest(actorId, operation, key)}`;

/** A uuid made from the same three (for rows that belong to the transfer, e.g. a payment). */
export function keyedUuid(actorId: string, operation: string, key: string): string {
	const h = digest(actorId, `${operation}#row`, key);
	const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The ledger code of a proposal's payout (buurtpot → expense); proposals posts it, the pot page shows it. */
export const PAYOUT_CODE = 'buurtpot.payout';
/** The ledger id of the payout made by this request. */
export const payoutTransferId = (actorId: string, key: string) => keyedTransferId(PAYOUT_CODE, actorId, 'proposals.pay', key);
