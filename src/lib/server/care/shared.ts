import { z } from 'zod';
import type { Queryable } from '../db/client';
import { recordAuditMany } from '../audit';
import { careColumns, careFrom, type CareRequestRow } from './model';
import type { CareViewer } from './policy';

/** Form and API keys: a retry with the same key returns the first result. */
export const idempotencyKeySchema = z
	.string()
	.regex(/^[A-Za-z0-9._:-]{8,100}$/, 'care.idempotency_key_invalid')
	.optional();

export const requestIdSchema = z.uuid('care.not_found');

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One request row (locked for the use cases that change it); null for a malformed or unknown id. */
export async function loadCareRequest(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<CareRequestRow | null> {
	if (!uuid.test(id)) return null;
	const [row] = await q.query<CareRequestRow>(`SELECT ${careColumns} ${careFrom} WHERE r.id = $1 ${opts.lock ? 'FOR UPDATE OF r' : ''}`, [id]);
	return row ?? null;
}

/** Whether the person has an offer on the request (any state). */
export async function hasOffer(q: Queryable, requestId: string, accountId: string): Promise<boolean> {
	const [row] = await q.query('SELECT 1 FROM care_offers WHERE request_id = $1 AND helper_id = $2', [requestId, accountId]);
	return !!row;
}

/**
 * Every read of a care request is an audit row (who, what, when) — staff of the care
 * organisation, helpers and API clients alike — so the organisation's coordinator can see who
 * read their requests. One statement for a whole list; rows are grouped by corporation.
 */
export async function auditCareReads(q: Queryable, v: CareViewer, rows: Pick<CareRequestRow, 'id' | 'corporation_id'>[], how: 'detail' | 'list', at: Date): Promise<void> {
	const byCorporation = new Map<string, string[]>();
	for (const r of rows) byCorporation.set(r.corporation_id, [...(byCorporation.get(r.corporation_id) ?? []), `care_request:${r.id}`]);
	for (const [corporationId, subjects] of byCorporation)
		await recordAuditMany(q, { at, actorId: v.actor.accountId, action: how === 'detail' ? 'care.request_read' : 'care.request_listed', subjects, corporationId });
}
