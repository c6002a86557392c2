import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import { parseInput } from '../shared/validate';
import { DomainError } from '../shared/errors';
import { recordAudit } from '../audit';
import { emitWebhookEvent } from '../webhooks';
import { hashPassword, hashToken, normaliseLetterCode } from './crypto';
import { countAttempt } from './rate-limit';
import { createSession } from './sessions';
import { email, newPassword, personName } from './schemas';
import type { LoginResult } from './login';

export const signUpSchema = z.object({
	code: plainText().trim().min(1, 'validation.required').max(40, 'validation.too_long').transform(normaliseLetterCode),
	name: personName,
	email,
	password: newPassword,
	locale: z.enum(['nl', 'en']).default('nl')
});

/**
 * Signs up a tenant with the code from the letter for their address: creates the account and
 * its membership of that unit, uses up the code, and starts a session — all or nothing.
 * Errors: validation.invalid; auth.code_invalid (wrong, used, revoked or expired code — one
 * message, so codes cannot be probed); auth.email_taken; auth.rate_limited.
 */
export async function signUpWithCode(ctx: Ctx, input: Record<string, unknown> & { client: string }): Promise<LoginResult> {
	const v = parseInput(signUpSchema, input);
	const now = ctx.clock();
	await countAttempt(ctx.db, { key: `signup-client:${input.client}`, limit: 10, windowSeconds: 900, now });
	const hash = await hashPassword(v.password);
	return ctx.db.transaction(async (tx) => {
		const [code] = await tx.query<{ unit_id: string }>(
			`SELECT unit_id FROM signup_codes WHERE code_hash = $1 AND used_at IS NULL AND revoked_at IS NULL
			 AND expires_at > $2 FOR UPDATE`,
			[hashToken(v.code), now]
		);
		if (!code) throw new DomainError('auth.code_invalid', {}, { code: 'auth.code_invalid' });
		const [taken] = await tx.query('SELECT 1 FROM accounts WHERE lower(email) = $1', [v.email]);
		if (taken) throw new DomainError('auth.email_taken', {}, { email: 'auth.email_taken' });
		const [account] = await tx.query<{ id: string }>(
			'INSERT INTO accounts (email, name, password_hash, locale, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
			[v.email, v.name, hash, v.locale, now]
		);
		await tx.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', $3::date)`, [
			account.id,
			code.unit_id,
			now.toISOString().slice(0, 10)
		]);
		await tx.query('UPDATE signup_codes SET used_at = $2, used_by = $3 WHERE code_hash = $1', [hashToken(v.code), now, account.id]);
		await recordAudit(tx, { at: now, actorId: account.id, action: 'auth.sign_up', subject: `unit:${code.unit_id}` });
		await emitWebhookEvent(tx, { type: 'member.joined', at: now, unitId: code.unit_id, data: { accountId: account.id, unitId: code.unit_id, how: 'sign_up' } });
		const session = await createSession(tx, account.id, now, 30);
		return { accountId: account.id, ...session };
	});
}
