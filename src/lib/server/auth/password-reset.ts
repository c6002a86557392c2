import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import { translator, isLocale } from '$lib/i18n';
import { hashPassword } from './crypto';
import { countAttempt } from './rate-limit';
import { endAllSessions } from './sessions';
import { consumeToken, issueToken } from './tokens';
import { email, newPassword } from './schemas';

/** Mails a reset link (60 minutes) when the address is known; answers the same either way. */
export async function requestPasswordReset(ctx: Ctx, input: { email: unknown; client: string }): Promise<void> {
	const v = parseInput(z.object({ email }), input);
	const now = ctx.clock();
	await countAttempt(ctx.db, { key: `reset:${v.email}`, limit: 5, windowSeconds: 3600, now });
	await countAttempt(ctx.db, { key: `reset-client:${input.client}`, limit: 20, windowSeconds: 3600, now });
	const [account] = await ctx.db.query<{ id: string; locale: string }>(
		'SELECT id, locale FROM accounts WHERE lower(email) = $1 AND disabled_at IS NULL',
		[v.email]
	);
	if (!account) return;
	const token = await issueToken(ctx.db, { accountId: account.id, purpose: 'reset', now });
	const t = translator(isLocale(account.locale) ? account.locale : 'nl');
	await ctx.mail.send({
		to: v.email,
		subject: t('mail.reset.subject'),
		text: t('mail.reset.body', { url: `${ctx.publicUrl}/password/reset?token=${token}` })
	});
}

export const resetPasswordSchema = z.object({ token: plainText().min(1).max(200), password: newPassword });

/**
 * Sets a new password with a reset link and ends every other session of the account.
 * Errors: validation.invalid, auth.link_invalid, auth.link_expired.
 */
export async function resetPassword(ctx: Ctx, input: { token: unknown; password: unknown }): Promise<string> {
	const v = parseInput(resetPasswordSchema, input);
	const now = ctx.clock();
	const hash = await hashPassword(v.password);
	return ctx.db.transaction(async (tx) => {
		const accountId = await consumeToken(tx, { token: v.token, purpose: 'reset', now });
		await tx.query('UPDATE accounts SET password_hash = $2 WHERE id = $1', [accountId, hash]);
		await endAllSessions(tx, accountId);
		await recordAudit(tx, { at: now, actorId: accountId, action: 'auth.password_reset' });
		return accountId;
	});
}
