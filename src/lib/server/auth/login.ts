import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import { parseInput } from '../shared/validate';
import { DomainError } from '../shared/errors';
import { recordAudit } from '../audit';
import { translator, isLocale } from '$lib/i18n';
import { verifyPassword } from './crypto';
import { assertUnderLimit, countAttempt, countFailure } from './rate-limit';
import { createSession } from './sessions';
import { consumeToken, issueToken } from './tokens';
import { email } from './schemas';

export const loginSchema = z.object({
	email,
	password: plainText().min(1, 'validation.required').max(200, 'validation.too_long')
});

export interface LoginResult {
	accountId: string;
	token: string;
	expires: Date;
}

const sessionDays = 30;

/**
 * The password tries that are counted. Ten wrong passwords lock only the pair (this client,
 * this address), so a neighbour cannot lock someone else out from their own connection; one
 * client cannot spray many addresses (50); and an address under attack from many clients is
 * still limited (100, more than one client can reach). The e-mailed login link is never
 * blocked by these: the owner can always get in with it.
 */
export const passwordLimits = (emailAddress: string, client: string, now: Date) => [
	{ key: `login-pair:${client}|${emailAddress}`, limit: 10, windowSeconds: 900, now },
	{ key: `login-client:${client}`, limit: 50, windowSeconds: 900, now },
	{ key: `login:${emailAddress}`, limit: 100, windowSeconds: 900, now }
];

/**
 * Logs in with e-mail and password.
 * Errors: validation.invalid, auth.invalid_credentials (the same for unknown e-mail and wrong
 * password), auth.login_rate_limited (see `passwordLimits`; the message points to the login link,
 * the same for known and unknown addresses).
 */
export async function loginWithPassword(ctx: Ctx, input: { email: unknown; password: unknown; client: string }): Promise<LoginResult> {
	const v = parseInput(loginSchema, input);
	const now = ctx.clock();
	// Failed tries are counted; a correct password costs nothing.
	const limits = passwordLimits(v.email, input.client, now);
	try {
		for (const l of limits) await assertUnderLimit(ctx.db, l);
	} catch (err) {
		if (err instanceof DomainError && err.code === 'auth.rate_limited') throw new DomainError('auth.login_rate_limited');
		throw err;
	}
	const [account] = await ctx.db.query<{ id: string; password_hash: string | null }>(
		'SELECT id, password_hash FROM accounts WHERE lower(email) = $1 AND disabled_at IS NULL',
		[v.email]
	);
	const ok = await verifyPassword(v.password, account?.password_hash ?? null);
	if (!account || !ok) {
		for (const l of limits) await countFailure(ctx.db, l);
		await recordAudit(ctx.db, { at: now, actorId: account?.id ?? null, action: 'auth.login_failed', details: { method: 'password' } });
		throw new DomainError('auth.invalid_credentials');
	}
	return ctx.db.transaction(async (tx) => {
		const session = await createSession(tx, account.id, now, sessionDays);
		await recordAudit(tx, { at: now, actorId: account.id, action: 'auth.login', details: { method: 'password' } });
		return { accountId: account.id, ...session };
	});
}

export const loginLinkSchema = z.object({ email });

/**
 * E-mails a one-time login link (15 minutes). Answers the same whether or not the address is
 * known, so the form cannot be used to find out who has an account.
 */
export async function requestLoginLink(ctx: Ctx, input: { email: unknown; client: string }): Promise<void> {
	const v = parseInput(loginLinkSchema, input);
	const now = ctx.clock();
	// Per pair and per client, so nobody can use up someone else's link requests; the ceiling per
	// address only stops a mailbox from being flooded — the links already sent there still work.
	await countAttempt(ctx.db, { key: `link-pair:${input.client}|${v.email}`, limit: 5, windowSeconds: 900, now });
	await countAttempt(ctx.db, { key: `link-client:${input.client}`, limit: 20, windowSeconds: 900, now });
	await countAttempt(ctx.db, { key: `link:${v.email}`, limit: 20, windowSeconds: 900, now });
	const [account] = await ctx.db.query<{ id: string; locale: string }>(
		'SELECT id, locale FROM accounts WHERE lower(email) = $1 AND disabled_at IS NULL',
		[v.email]
	);
	if (!account) return;
	const token = await issueToken(ctx.db, { accountId: account.id, purpose: 'login', now });
	const t = translator(isLocale(account.locale) ? account.locale : 'nl');
	await ctx.mail.send({
		to: v.email,
		subject: t('mail.login_link.subject'),
		text: t('mail.login_link.body', { url: `${ctx.publicUrl}/login/link?token=${token}` })
	});
}

/** Errors: auth.link_invalid, auth.link_expired. */
export async function loginWithLink(ctx: Ctx, input: { token: string }): Promise<LoginResult> {
	const now = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const accountId = await consumeToken(tx, { token: input.token, purpose: 'login', now });
		const session = await createSession(tx, accountId, now, sessionDays);
		await recordAudit(tx, { at: now, actorId: accountId, action: 'auth.login', details: { method: 'link' } });
		return { accountId, ...session };
	});
}
