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
 * Logs in with e-mail and password.
 * Errors: validation.invalid, auth.invalid_credentials (the same for unknown e-mail and wrong
 * password), auth.rate_limited (after 10 failed tries per e-mail address, or 50 per client, in
 * 15 minutes).
 */
export async function loginWithPassword(ctx: Ctx, input: { email: unknown; password: unknown; client: string }): Promise<LoginResult> {
	const v = parseInput(loginSchema, input);
	const now = ctx.clock();
	// Failed tries are counted per address and per client; a correct password costs nothing.
	const limits = [
		{ key: `login:${v.email}`, limit: 10, windowSeconds: 900, now },
		{ key: `login-client:${input.client}`, limit: 50, windowSeconds: 900, now }
	];
	for (const l of limits) await assertUnderLimit(ctx.db, l);
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
	await countAttempt(ctx.db, { key: `link:${v.email}`, limit: 5, windowSeconds: 900, now });
	await countAttempt(ctx.db, { key: `link-client:${input.client}`, limit: 20, windowSeconds: 900, now });
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
