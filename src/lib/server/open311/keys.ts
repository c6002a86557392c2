import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { plainText } from '../shared/text';
import { recordAudit } from '../audit';
import { isStaffOf, loadActor, staffCorporationIds, type Actor } from '../people';

/**
 * Open311 API keys: one active key per partner organisation, issued and revoked by staff of
 * the corporation (each with an audit row), stored as the SHA-256 of the key only. The key is
 * 256 random bits, so a fast hash is enough (no password to guess); it is shown once, when it is
 * issued. A key acts as its contact — a partner staff member of the organisation — limited to
 * that organisation: never as staff or member, whatever else the contact is.
 */

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');
const prefixOf = (key: string) => key.slice(0, 9);

export interface KeyRow {
	id: string;
	corporation_id: string;
	organisation_id: string;
	organisation_name: string;
	contact_id: string;
	contact_name: string;
	label: string;
	key_prefix: string;
	created_at: Date;
	revoked_at: Date | null;
}

// Display names of the organisation and the contact: read-only joins on people's reference
// tables, as other modules do for names (docs/ARCHITECTURE.md, "Known crossings").
const keyColumns = `k.id, k.corporation_id, k.organisation_id, o.name AS organisation_name, k.contact_id, a.name AS contact_name, k.label, k.key_prefix, k.created_at, k.revoked_at`;
const keyFrom = 'FROM open311_keys k JOIN organisations o ON o.id = k.organisation_id JOIN accounts a ON a.id = k.contact_id';

/** The partner entry of `contactId` for `organisationId` (null: no such partner staff member). */
async function partnerOf(db: Queryable, contactId: string, organisationId: string, now: Date) {
	const contact = await loadActor(db, contactId, now);
	const partner = contact?.partners.find((p) => p.organisationId === organisationId);
	return contact && partner ? { contact, partner } : null;
}

/** Stores a key (the hash) in the caller's transaction; the demo seed uses it with its fixed key. */
export async function insertKey(tx: Queryable, k: { key: string; corporationId: string; organisationId: string; contactId: string; label: string; createdBy: string | null; at: Date }): Promise<string | null> {
	const [row] = await tx.query<{ id: string }>(
		`INSERT INTO open311_keys (corporation_id, organisation_id, contact_id, label, key_hash, key_prefix, created_by, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
		[k.corporationId, k.organisationId, k.contactId, k.label, hashKey(k.key), prefixOf(k.key), k.createdBy, k.at]
	);
	return row?.id ?? null;
}

export const issueKeySchema = z.object({
	organisationId: z.uuid('open311.organisation_not_found'),
	contactId: z.uuid('open311.organisation_not_found'),
	label: plainText().trim().min(1, 'validation.required').max(120, 'validation.too_long').optional()
});

/**
 * Staff issue the organisation's key, acting as `contactId` (one of its partner staff). The key
 * itself is in the answer only, never stored. Errors: open311.forbidden (not staff),
 * open311.organisation_not_found (no organisation of the actor's corporation with that
 * contact), open311.key_exists (revoke the active key first), validation.invalid.
 */
export async function issueOpen311Key(ctx: Ctx, actor: Actor, input: unknown): Promise<KeyRow & { key: string }> {
	if (!staffCorporationIds(actor).length) throw new DomainError('open311.forbidden');
	const v = parseInput(issueKeySchema, input);
	const at = ctx.clock();
	const found = await partnerOf(ctx.db, v.contactId, v.organisationId, at);
	if (!found || !isStaffOf(actor, found.partner.corporationId)) throw new DomainError('open311.organisation_not_found');
	const key = `o311_${randomBytes(32).toString('base64url')}`;
	return ctx.db.transaction(async (tx) => {
		const id = await insertKey(tx, { key, corporationId: found.partner.corporationId, organisationId: v.organisationId, contactId: v.contactId, label: v.label ?? found.partner.name, createdBy: actor.accountId, at });
		if (!id) throw new DomainError('open311.key_exists');
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'open311.key_issued', subject: `organisation:${v.organisationId}`, details: { keyId: id, prefix: prefixOf(key), contactId: v.contactId }, corporationId: found.partner.corporationId });
		const [row] = await tx.query<KeyRow>(`SELECT ${keyColumns} ${keyFrom} WHERE k.id = $1`, [id]);
		return { ...row, key };
	});
}

export const revokeKeySchema = z.object({ id: z.uuid('open311.key_not_found') });

/** Staff revoke a key of their corporation (again: nothing changes). Errors: open311.key_not_found. */
export async function revokeOpen311Key(ctx: Ctx, actor: Actor, input: unknown): Promise<KeyRow> {
	const v = parseInput(revokeKeySchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [k] = await tx.query<KeyRow>(`SELECT ${keyColumns} ${keyFrom} WHERE k.id = $1 FOR UPDATE OF k`, [v.id]);
		if (!k || !isStaffOf(actor, k.corporation_id)) throw new DomainError('open311.key_not_found');
		if (k.revoked_at) return k;
		await tx.query('UPDATE open311_keys SET revoked_at = $2, revoked_by = $3 WHERE id = $1', [k.id, at, actor.accountId]);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'open311.key_revoked', subject: `organisation:${k.organisation_id}`, details: { keyId: k.id, prefix: k.key_prefix }, corporationId: k.corporation_id });
		return { ...k, revoked_at: at };
	});
}

export const listKeysSchema = z.object({ corporationId: z.uuid('open311.forbidden').optional() });

/** The keys of the actor's corporation, newest first, without secrets. Errors: open311.forbidden. */
export async function listOpen311Keys(db: Queryable, actor: Actor, input: unknown): Promise<KeyRow[]> {
	const v = parseInput(listKeysSchema, input);
	const corporationId = v.corporationId ?? staffCorporationIds(actor)[0];
	if (!corporationId || !isStaffOf(actor, corporationId)) throw new DomainError('open311.forbidden');
	return db.query<KeyRow>(`SELECT ${keyColumns} ${keyFrom} WHERE k.corporation_id = $1 ORDER BY k.created_at DESC, k.id`, [corporationId]);
}

export interface KeyHolder {
	keyId: string;
	corporationId: string;
	organisationId: string;
	/** The contact as a partner of this one organisation only. */
	actor: Actor;
}

/**
 * The holder of an API key, or null: unknown, revoked, or its contact no longer works for the
 * organisation (or is disabled). The actor is cut down to the one partner organisation.
 */
export async function keyHolder(db: Queryable, apiKey: string, now: Date): Promise<KeyHolder | null> {
	if (!apiKey || apiKey.length > 200) return null;
	const [k] = await db.query<{ id: string; corporation_id: string; organisation_id: string; contact_id: string }>(
		'SELECT id, corporation_id, organisation_id, contact_id FROM open311_keys WHERE key_hash = $1 AND revoked_at IS NULL',
		[hashKey(apiKey)]
	);
	if (!k) return null;
	const found = await partnerOf(db, k.contact_id, k.organisation_id, now);
	if (!found) return null;
	const actor: Actor = { ...found.contact, memberships: [], memberBuurtIds: [], supervisorBuurtIds: [], ambassadorBuurtIds: [], staff: [], partners: [found.partner] };
	return { keyId: k.id, corporationId: k.corporation_id, organisationId: k.organisation_id, actor };
}
