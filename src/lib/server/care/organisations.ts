import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import { isStaffOf, loadActor, staffCorporationIds, type Actor } from '../people';

/**
 * The care organisations of a corporation as its staff manage them for the care bridge: who
 * coordinates each (and so reads the log of its care requests), and its API token for
 * /api/v1/care/** — as Open311's keys (open311/keys.ts): one active token per organisation,
 * 256 random bits shown once, stored as SHA-256 only, acting as its contact (a partner employee
 * of the organisation) cut down to that one partner role. Each step is an audit row.
 * Names come from people's tables (read-only joins, docs/ARCHITECTURE.md "Known crossings").
 */

export interface CareOrganisation {
	id: string;
	name: string;
	corporationId: string;
	staff: { accountId: string; name: string; coordinator: boolean }[];
	token: { id: string; prefix: string; contactName: string; createdAt: Date } | null;
}

/** The care organisations of the corporations the actor is staff of. */
export async function listCareOrganisations(db: Queryable, actor: Actor): Promise<CareOrganisation[]> {
	const corporations = staffCorporationIds(actor);
	if (!corporations.length) return [];
	const rows = await db.query<{ id: string; name: string; corporation_id: string; staff: { account_id: string; name: string; coordinator: boolean }[]; token: { id: string; prefix: string; contact_name: string; created_at: string } | null }>(
		`SELECT o.id, o.name, o.corporation_id,
			COALESCE((SELECT json_agg(json_build_object('account_id', a.id, 'name', a.name, 'coordinator', EXISTS (SELECT 1 FROM care_coordinators k WHERE k.organisation_id = o.id AND k.account_id = a.id)) ORDER BY a.name)
				FROM partner_staff p JOIN accounts a ON a.id = p.account_id WHERE p.organisation_id = o.id AND a.disabled_at IS NULL), '[]'::json) AS staff,
			(SELECT json_build_object('id', t.id, 'prefix', t.token_prefix, 'contact_name', a.name, 'created_at', t.created_at)
				FROM care_api_tokens t JOIN accounts a ON a.id = t.contact_id WHERE t.organisation_id = o.id AND t.revoked_at IS NULL) AS token
		 FROM organisations o WHERE o.kind = 'care' AND o.corporation_id = ANY($1::uuid[]) ORDER BY o.name`,
		[corporations]
	);
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		corporationId: r.corporation_id,
		staff: r.staff.map((s) => ({ accountId: s.account_id, name: s.name, coordinator: s.coordinator })),
		token: r.token ? { id: r.token.id, prefix: r.token.prefix, contactName: r.token.contact_name, createdAt: new Date(r.token.created_at) } : null
	}));
}

/** The partner entry of `accountId` for the care organisation `organisationId`, or null. */
async function carePartnerOf(db: Queryable, accountId: string, organisationId: string, now: Date) {
	const person = await loadActor(db, accountId, now);
	const partner = person?.partners.find((p) => p.organisationId === organisationId && p.kind === 'care');
	return person && partner ? { person, partner } : null;
}

export const setCoordinatorSchema = z.object({
	organisationId: z.uuid('care.organisation_not_found'),
	accountId: z.uuid('care.organisation_not_found'),
	coordinator: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean())
});

/**
 * Staff of the corporation make a partner employee of a care organisation its coordinator (or
 * not). Errors: care.organisation_not_found (not a care employee of an organisation of the
 * actor's corporation).
 */
export async function setCareCoordinator(ctx: Ctx, actor: Actor, input: unknown): Promise<{ coordinator: boolean }> {
	const v = parseInput(setCoordinatorSchema, input);
	const at = ctx.clock();
	const found = await carePartnerOf(ctx.db, v.accountId, v.organisationId, at);
	if (!found || !isStaffOf(actor, found.partner.corporationId)) throw new DomainError('care.organisation_not_found');
	return ctx.db.transaction(async (tx) => {
		if (v.coordinator) await tx.query('INSERT INTO care_coordinators (organisation_id, account_id, added_by, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [v.organisationId, v.accountId, actor.accountId, at]);
		else await tx.query('DELETE FROM care_coordinators WHERE organisation_id = $1 AND account_id = $2', [v.organisationId, v.accountId]);
		await recordAudit(tx, { at, actorId: actor.accountId, action: v.coordinator ? 'care.coordinator_added' : 'care.coordinator_removed', subject: `organisation:${v.organisationId}`, corporationId: found.partner.corporationId, details: { accountId: v.accountId } });
		return { coordinator: v.coordinator };
	});
}

export const hashCareToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const prefixOf = (token: string) => token.slice(0, 10);

/** Stores a token (its hash) in the caller's transaction; the demo seed uses it with its fixed token. */
export async function insertCareToken(tx: Queryable, k: { token: string; corporationId: string; organisationId: string; contactId: string; createdBy: string | null; at: Date }): Promise<string | null> {
	const [row] = await tx.query<{ id: string }>(
		`INSERT INTO care_api_tokens (corporation_id, organisation_id, contact_id, token_hash, token_prefix, created_by, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
		[k.corporationId, k.organisationId, k.contactId, hashCareToken(k.token), prefixOf(k.token), k.createdBy, k.at]
	);
	return row?.id ?? null;
}

export const issueCareTokenSchema = z.object({ organisationId: z.uuid('care.organisation_not_found'), contactId: z.uuid('care.organisation_not_found') });

/**
 * Staff issue a care organisation's API token, acting as `contactId`. The token is in the answer
 * only. Errors: care.organisation_not_found, care.token_exists (revoke the active one first).
 */
export async function issueCareToken(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; token: string; prefix: string }> {
	const v = parseInput(issueCareTokenSchema, input);
	const at = ctx.clock();
	const found = await carePartnerOf(ctx.db, v.contactId, v.organisationId, at);
	if (!found || !isStaffOf(actor, found.partner.corporationId)) throw new DomainError('care.organisation_not_found');
	const token = `care-${randomBytes(32).toString('base64url')}`;
	return ctx.db.transaction(async (tx) => {
		const id = await insertCareToken(tx, { token, corporationId: found.partner.corporationId, organisationId: v.organisationId, contactId: v.contactId, createdBy: actor.accountId, at });
		if (!id) throw new DomainError('care.token_exists');
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'care.token_issued', subject: `organisation:${v.organisationId}`, corporationId: found.partner.corporationId, details: { tokenId: id, prefix: prefixOf(token) } });
		return { id, token, prefix: prefixOf(token) };
	});
}

export const revokeCareTokenSchema = z.object({ id: z.uuid('care.token_not_found') });

/** Staff revoke a token of their corporation. Errors: care.token_not_found. */
export async function revokeCareToken(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const v = parseInput(revokeCareTokenSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [k] = await tx.query<{ id: string; corporation_id: string; organisation_id: string; token_prefix: string }>(
			'SELECT id, corporation_id, organisation_id, token_prefix FROM care_api_tokens WHERE id = $1 AND revoked_at IS NULL FOR UPDATE',
			[v.id]
		);
		if (!k || !isStaffOf(actor, k.corporation_id)) throw new DomainError('care.token_not_found');
		await tx.query('UPDATE care_api_tokens SET revoked_at = $2, revoked_by = $3 WHERE id = $1', [k.id, at, actor.accountId]);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'care.token_revoked', subject: `organisation:${k.organisation_id}`, corporationId: k.corporation_id, details: { tokenId: k.id, prefix: k.token_prefix } });
		return { id: k.id };
	});
}

/**
 * The actor behind a care API token, or null (unknown, revoked, or the contact left the
 * organisation or is disabled): the contact as a partner of that one care organisation only —
 * never as staff, member or vetted helper.
 */
export async function careTokenActor(db: Queryable, token: string, now: Date): Promise<Actor | null> {
	if (!token.startsWith('care-') || token.length > 200) return null;
	const [k] = await db.query<{ organisation_id: string; contact_id: string }>('SELECT organisation_id, contact_id FROM care_api_tokens WHERE token_hash = $1 AND revoked_at IS NULL', [hashCareToken(token)]);
	if (!k) return null;
	const found = await carePartnerOf(db, k.contact_id, k.organisation_id, now);
	if (!found) return null;
	return { ...found.person, memberships: [], memberBuurtIds: [], supervisorBuurtIds: [], ambassadorBuurtIds: [], staff: [], partners: [found.partner] };
}
