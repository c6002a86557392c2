import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The signature scheme (README "Webhooks"): header
 *   Noaber-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 * The timestamp is inside the signed text, so a captured delivery cannot be replayed later
 * than the receiver's tolerance; receivers compare in constant time.
 */
export const SIGNATURE_HEADER = 'noaber-signature';

export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('hex')}`;

export function signWebhook(secret: string, timestamp: number, body: string): string {
	const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
	return `t=${timestamp},v1=${mac}`;
}

/**
 * What a receiver does (and what the tests do as a receiver): true when the header carries a
 * v1 signature of this body by this secret, made within `toleranceSeconds` of `now`.
 */
export function verifyWebhookSignature(secret: string, header: string | null, body: string, now: Date, toleranceSeconds = 300): boolean {
	if (!header) return false;
	const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
	const t = Number(parts.t);
	if (!Number.isInteger(t) || !parts.v1 || !/^[0-9a-f]{64}$/.test(parts.v1)) return false;
	if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
	const expected = Buffer.from(signWebhook(secret, t, body).split('v1=')[1], 'hex');
	return timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'));
}
