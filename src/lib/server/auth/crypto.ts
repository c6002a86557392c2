import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt is memory-hard and built into Node: no native add-on to install. N=2^15 uses 32 MiB.
const N = 2 ** 15;
const r = 8;
const p = 1;
const maxmem = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFKC'), salt, 32, { N: n, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)))
	);
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, N);
	return `scrypt$${N}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
	// With no stored hash we still spend the same time, so timing does not reveal accounts.
	const [scheme, n, salt, key] = (stored ?? `scrypt$${N}$${randomBytes(16).toString('base64url')}$`).split('$');
	if (scheme !== 'scrypt') return false;
	const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n));
	const expected = Buffer.from(key, 'base64url');
	return stored !== null && expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A random secret for cookies and links; only its hash is stored. */
export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// Letter codes: no 0/O, 1/I/L, so they can be typed from paper without confusion.
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newLetterCode(): string {
	const bytes = randomBytes(10);
	const chars = [...bytes].map((b) => codeAlphabet[b % codeAlphabet.length]);
	return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}
/** People type codes with spaces, lower case or without the dash. */
export const normaliseLetterCode = (code: string) => {
	const c = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
	return c.length === 10 ? `${c.slice(0, 5)}-${c.slice(5)}` : c;
};
