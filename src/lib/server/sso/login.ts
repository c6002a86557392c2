import * as oidc from 'openid-client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { createSession, hashToken, newToken } from '../auth';
import { recordAudit } from '../audit';
import { isLoopbackHttp, LOGIN_MINUTES, rolesFor, staffRoles, type ProviderRow } from './model';
import { providerRow } from './providers';

/**
 * The provider's configuration, fetched from its discovery document for each sign-in (sign-ins
 * are rare; a changed key set or endpoint is picked up at once). openid-client checks what the
 * provider sends against Noaber's injected clock (clockSkew), so expiry is testable.
 */
async function configFor(ctx: Pick<Ctx, 'clock'>, p: ProviderRow): Promise<oidc.Configuration> {
	const skew = Math.round((ctx.clock().getTime() - Date.now()) / 1000);
	const insecure = isLoopbackHttp(p.issuer);
	try {
		return await oidc.discovery(new URL(p.issuer), p.client_id, { client_secret: p.client_secret, [oidc.clockSkew]: skew }, undefined, insecure ? { execute: [oidc.allowInsecureRequests] } : undefined);
	} catch {
		throw new DomainError('sso.provider_unreachable');
	}
}

/**
 * Starts a staff sign-in at the corporation's provider: a state (its hash kept), a PKCE
 * verifier and a nonce, then the provider's authorization URL to send the browser to.
 * Errors: sso.not_found (no provider for that corporation), sso.provider_unreachable.
 */
export async function startSsoLogin(ctx: Ctx, input: { corporationId: string; redirectUri: string; next: string }): Promise<URL> {
	if (!/^[0-9a-f-]{36}$/.test(input.corporationId)) throw new DomainError('sso.not_found');
	const p = await providerRow(ctx.db, input.corporationId);
	if (!p) throw new DomainError('sso.not_found');
	const config = await configFor(ctx, p);
	const state = newToken();
	const verifier = oidc.randomPKCECodeVerifier();
	const nonce = oidc.randomNonce();
	const now = ctx.clock();
	await ctx.db.query('DELETE FROM sso_logins WHERE expires_at < $1', [now]);
	await ctx.db.query('INSERT INTO sso_logins (state_hash, corporation_id, code_verifier, nonce, next, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
		hashToken(state),
		p.corporation_id,
		verifier,
		nonce,
		input.next,
		new Date(now.getTime() + LOGIN_MINUTES * 60_000)
	]);
	return oidc.buildAuthorizationUrl(config, {
		redirect_uri: input.redirectUri,
		scope: 'openid email profile',
		state,
		nonce,
		code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
		code_challenge_method: 'S256'
	});
}

/**
 * The provider sent the browser back. openid-client checks state, issuer (also the `iss`
 * parameter), audience, nonce, PKCE, signature and expiry of the ID token; then the person's
 * groups must give at least one staff role. The account is found by issuer + subject, else
 * by e-mail, else made (no password: it signs in here only). A member's account never signs in
 * this way. The staff roles of that corporation follow the groups at every sign-in. Audited.
 * Errors: sso.login_expired (unknown or old state), sso.login_failed (any check failed),
 * sso.no_staff_role, sso.member_refused, sso.provider_unreachable.
 */
export async function finishSsoLogin(ctx: Ctx, callbackUrl: URL, redirectUri: string): Promise<{ token: string; expires: Date; next: string; accountId: string }> {
	const now = ctx.clock();
	const state = callbackUrl.searchParams.get('state') ?? '';
	const [login] = await ctx.db.query<{ corporation_id: string; code_verifier: string; nonce: string; next: string }>(
		'DELETE FROM sso_logins WHERE state_hash = $1 AND expires_at > $2 RETURNING corporation_id, code_verifier, nonce, next',
		[hashToken(state), now]
	);
	if (!login) throw new DomainError('sso.login_expired');
	const p = await providerRow(ctx.db, login.corporation_id);
	if (!p) throw new DomainError('sso.login_expired');
	const config = await configFor(ctx, p);
	// The provider answers on the registered redirect URI; a proxy in front may have changed the host.
	const current = new URL(redirectUri);
	current.search = callbackUrl.search;
	let claims: oidc.IDToken;
	try {
		const tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: login.code_verifier, expectedState: state, expectedNonce: login.nonce, idTokenExpected: true });
		claims = tokens.claims()!;
	} catch (err) {
		ctx.log.warn({ corporationId: p.corporation_id, err: err instanceof Error ? err.message : String(err) }, 'sso sign-in refused');
		await audit(ctx, p, null, 'sso.login_refused', { reason: 'checks_failed' });
		throw new DomainError('sso.login_failed');
	}
	const roles = rolesFor(claims[p.groups_claim], p.role_map);
	const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
	if (!roles.length || !email) {
		await audit(ctx, p, null, 'sso.login_refused', { reason: !email ? 'no_email' : 'no_staff_role', subject: claims.sub });
		throw new DomainError('sso.no_staff_role');
	}
	const name = (typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email.split('@')[0]).slice(0, 100);
	return ctx.db.transaction(async (tx) => {
		const [byIdentity] = await tx.query<{ account_id: string }>('SELECT account_id FROM sso_identities WHERE issuer = $1 AND subject = $2', [claims.iss, claims.sub]);
		const [byEmail] = byIdentity ? [] : await tx.query<{ id: string }>('SELECT id FROM accounts WHERE lower(email) = $1', [email]);
		let accountId = byIdentity?.account_id ?? byEmail?.id;
		if (accountId) {
			const [member] = await tx.query('SELECT 1 FROM memberships WHERE account_id = $1 AND (ends_on IS NULL OR ends_on > $2::date)', [accountId, now.toISOString().slice(0, 10)]);
			const [disabled] = await tx.query('SELECT 1 FROM accounts WHERE id = $1 AND disabled_at IS NOT NULL', [accountId]);
			if (member || disabled) {
				await recordAudit(tx, { at: now, actorId: accountId, action: 'sso.login_refused', subject: `corporation:${p.corporation_id}`, details: { reason: member ? 'member' : 'disabled' } });
				throw new DomainError('sso.member_refused');
			}
		} else {
			[{ id: accountId }] = await tx.query<{ id: string }>('INSERT INTO accounts (email, name, password_hash, locale, created_at) VALUES ($1, $2, NULL, $3, $4) RETURNING id', [email, name, 'nl', now]);
		}
		await tx.query(
			`INSERT INTO sso_identities (issuer, subject, account_id, corporation_id, last_login_at) VALUES ($1, $2, $3, $4, $5)
			 ON CONFLICT (issuer, subject) DO UPDATE SET last_login_at = EXCLUDED.last_login_at`,
			[claims.iss, claims.sub, accountId, p.corporation_id, now]
		);
		// The provider is the source of truth for this corporation's roles: the groups decide, every time.
		// (A crossing at the table level: sso writes people's staff_roles for its own corporation only.)
		// Only the roles a provider can give are synced: the social team is chosen in Noaber by admins.
		await tx.query('DELETE FROM staff_roles WHERE account_id = $1 AND corporation_id = $2 AND role = ANY($4::text[]) AND NOT (role = ANY($3::text[]))', [accountId, p.corporation_id, roles, staffRoles]);
		await tx.query('INSERT INTO staff_roles (account_id, corporation_id, role) SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING', [accountId, p.corporation_id, roles]);
		await recordAudit(tx, { at: now, actorId: accountId, action: 'auth.sso_login', subject: `corporation:${p.corporation_id}`, details: { issuer: claims.iss, roles } });
		const session = await createSession(tx, accountId, now, 1);
		return { ...session, next: login.next, accountId };
	});
}

async function audit(ctx: Ctx, p: ProviderRow, actorId: string | null, action: string, details: Record<string, unknown>) {
	await recordAudit(ctx.db, { at: ctx.clock(), actorId, action, subject: `corporation:${p.corporation_id}`, details, corporationId: p.corporation_id });
}
