import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { idOf, plainText } from '../shared/text';
import { recordAudit } from '../audit';
import { isAdminOf, type Actor } from '../people';
import { isLoopbackHttp, parseRoleMap, type ProviderRow, type ProviderView } from './model';

const issuerUrl = plainText()
	.trim()
	.max(500, 'validation.too_long')
	.refine((v) => {
		try {
			const u = new URL(v);
			return !u.username && !u.password && !u.search && !u.hash && (u.protocol === 'https:' || isLoopbackHttp(v));
		} catch {
			return false;
		}
	}, 'sso.issuer_https');

export const saveProviderSchema = z.object({
	corporationId: idOf('sso.not_found'),
	issuer: issuerUrl,
	clientId: plainText().trim().min(1, 'validation.required').max(200, 'validation.too_long'),
	// Left empty when editing: the stored secret stays.
	clientSecret: plainText().trim().max(500, 'validation.too_long').default(''),
	groupsClaim: plainText().trim().regex(/^[A-Za-z0-9_:./-]{1,100}$/, 'sso.claim_invalid').default('groups'),
	roleMap: plainText().max(5000, 'validation.too_long')
});

/**
 * An admin of the corporation sets (or changes) its OpenID Connect provider: issuer, client,
 * the groups claim and which group gives which staff role. Audited without the secret. Errors:
 * sso.not_found (not an admin there), validation.invalid (issuer: sso.issuer_https; roleMap:
 * sso.role_map_invalid | sso.role_map_empty; clientSecret: validation.required on a first save).
 */
export async function saveSsoProvider(ctx: Ctx, actor: Actor, input: unknown): Promise<ProviderView> {
	const v = parseInput(saveProviderSchema, input);
	if (!isAdminOf(actor, v.corporationId)) throw new DomainError('sso.not_found');
	const { map, badLines } = parseRoleMap(v.roleMap);
	if (badLines.length) throw new DomainError('validation.invalid', { fieldParams: { roleMap: { lines: badLines.join(', ') } } }, { roleMap: 'sso.role_map_invalid' });
	if (!Object.keys(map).length) throw new DomainError('validation.invalid', {}, { roleMap: 'sso.role_map_empty' });
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [existing] = await tx.query<{ client_secret: string }>('SELECT client_secret FROM sso_providers WHERE corporation_id = $1 FOR UPDATE', [v.corporationId]);
		const secret = v.clientSecret || existing?.client_secret;
		if (!secret) throw new DomainError('validation.invalid', {}, { clientSecret: 'validation.required' });
		await tx.query(
			`INSERT INTO sso_providers (corporation_id, issuer, client_id, client_secret, groups_claim, role_map, updated_by, updated_at)
			 VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)
			 ON CONFLICT (corporation_id) DO UPDATE SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id, client_secret = EXCLUDED.client_secret,
				groups_claim = EXCLUDED.groups_claim, role_map = EXCLUDED.role_map, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
			[v.corporationId, v.issuer, v.clientId, secret, v.groupsClaim, JSON.stringify(map), actor.accountId, at]
		);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'sso.provider_saved', subject: `corporation:${v.corporationId}`, details: { issuer: v.issuer, clientId: v.clientId, groupsClaim: v.groupsClaim, roleMap: map, secretChanged: !!v.clientSecret } });
		return { corporation_id: v.corporationId, issuer: v.issuer, client_id: v.clientId, groups_claim: v.groupsClaim, role_map: map, updated_at: at, hasSecret: true };
	});
}

/** The corporation's provider for its admin (without the secret), or null. Errors: sso.not_found. */
export async function getSsoProvider(db: Queryable, actor: Actor, corporationId: string): Promise<ProviderView | null> {
	if (!isAdminOf(actor, corporationId)) throw new DomainError('sso.not_found');
	const [p] = await db.query<ProviderView>(
		'SELECT corporation_id, issuer, client_id, groups_claim, role_map, updated_at, true AS "hasSecret" FROM sso_providers WHERE corporation_id = $1',
		[corporationId]
	);
	return p ?? null;
}

/** The full row, for the sign-in itself only. */
export async function providerRow(db: Queryable, corporationId: string): Promise<ProviderRow | null> {
	const [p] = await db.query<ProviderRow>('SELECT * FROM sso_providers WHERE corporation_id = $1', [corporationId]);
	return p ?? null;
}

/** Corporations whose staff can sign in through their own provider: the login page lists them. */
export async function listSsoCorporations(db: Queryable): Promise<{ id: string; name: string }[]> {
	return db.query<{ id: string; name: string }>('SELECT c.id, c.name FROM sso_providers p JOIN corporations c ON c.id = p.corporation_id ORDER BY c.name, c.id');
}
