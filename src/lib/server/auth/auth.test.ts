import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { seedDemo, demoPassword, type DemoKey, generateSignupCodes, loadActor } from '../people';
import { loginWithPassword, requestLoginLink, loginWithLink } from './login';
import { requestPasswordReset, resetPassword } from './password-reset';
import { signUpWithCode } from './sign-up';
import { sessionAccountId } from './sessions';
import { listAudit } from '../audit';
import { DomainError } from '../shared/errors';

let db: Db;
let ctx: TestCtx;
let ids: Record<DemoKey, string>;

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	ids = await seedDemo(ctx);
});
afterAll(() => db.close());

const code = async (p: Promise<unknown>) => {
	try {
		await p;
	} catch (e) {
		if (e instanceof DomainError) return { code: e.code, fields: e.fields };
		throw e;
	}
	throw new Error('expected a DomainError');
};

const linkFrom = (text: string) => new URL(/https?:\/\/\S+/.exec(text)![0]).searchParams.get('token')!;

describe('login', () => {
	it('logs in with the right password and starts a session', async () => {
		const r = await loginWithPassword(ctx, { email: 'ANNA@demo.noaber.test ', password: demoPassword, client: 't1' });
		expect(await sessionAccountId(db, r.token, ctx.clock())).toBe(ids.tenant);
		expect((await listAudit(db, { action: 'auth.login' })).some((a) => a.actor_id === ids.tenant)).toBe(true);
	});

	it('answers the same for a wrong password and an unknown address', async () => {
		expect((await code(loginWithPassword(ctx, { email: 'anna@demo.noaber.test', password: 'wrong-password', client: 't2' }))).code).toBe('auth.invalid_credentials');
		expect((await code(loginWithPassword(ctx, { email: 'nobody@demo.noaber.test', password: 'wrong-password', client: 't2' }))).code).toBe('auth.invalid_credentials');
	});

	it('shows a field error for a malformed address or an over-long password', async () => {
		expect((await code(loginWithPassword(ctx, { email: 'not-an-email', password: 'x', client: 't3' }))).fields).toEqual({ email: 'validation.email' });
		expect((await code(loginWithPassword(ctx, { email: 'a@b.nl', password: 'x'.repeat(201), client: 't3' }))).fields).toEqual({ password: 'validation.too_long' });
	});

	it('never locks out a person who keeps logging in correctly', async () => {
		for (let i = 0; i < 15; i++) await loginWithPassword(ctx, { email: 'carla@demo.noaber.test', password: demoPassword, client: 'same-client' });
		await expect(loginWithPassword(ctx, { email: 'carla@demo.noaber.test', password: demoPassword, client: 'same-client' })).resolves.toBeTruthy();
	});

	it('ten wrong passwords limit only that client for that address: another client still logs in', async () => {
		for (let i = 0; i < 10; i++) await code(loginWithPassword(ctx, { email: 'bram@demo.noaber.test', password: 'guess-' + i, client: 'neighbour' }));
		// The pair is limited, even with the right password…
		expect((await code(loginWithPassword(ctx, { email: 'bram@demo.noaber.test', password: demoPassword, client: 'neighbour' }))).code).toBe('auth.login_rate_limited');
		// …and it says the same for an address nobody has, from that client too (no account finding).
		for (let i = 0; i < 10; i++) await code(loginWithPassword(ctx, { email: 'nobody-here@demo.noaber.test', password: 'guess-' + i, client: 'neighbour' }));
		expect((await code(loginWithPassword(ctx, { email: 'nobody-here@demo.noaber.test', password: 'x', client: 'neighbour' }))).code).toBe('auth.login_rate_limited');
		// Bram himself, from his own connection, is not locked out.
		await expect(loginWithPassword(ctx, { email: 'bram@demo.noaber.test', password: demoPassword, client: 'bram-at-home' })).resolves.toBeTruthy();
		// Other addresses from the guessing client still work (up to the per-client limit).
		await expect(loginWithPassword(ctx, { email: 'anna@demo.noaber.test', password: demoPassword, client: 'neighbour' })).resolves.toBeTruthy();
		ctx.advance(16 * 60_000);
		await expect(loginWithPassword(ctx, { email: 'bram@demo.noaber.test', password: demoPassword, client: 'neighbour' })).resolves.toBeTruthy();
	});

	it('the owner gets in with an e-mailed link while the pair is limited, from that same client', async () => {
		for (let i = 0; i < 10; i++) await code(loginWithPassword(ctx, { email: 'wim@demo.noaber.test', password: 'guess-' + i, client: 'shared-wifi' }));
		expect((await code(loginWithPassword(ctx, { email: 'wim@demo.noaber.test', password: demoPassword, client: 'shared-wifi' }))).code).toBe('auth.login_rate_limited');
		await requestLoginLink(ctx, { email: 'wim@demo.noaber.test', client: 'shared-wifi' });
		const r = await loginWithLink(ctx, { token: linkFrom(ctx.mailbox.at(-1)!.text) });
		expect(r.accountId).toBe(ids.employee);
	});

	it('one client cannot spray many addresses: 50 wrong passwords in 15 minutes stop it', async () => {
		for (let i = 0; i < 50; i++) await code(loginWithPassword(ctx, { email: `spray-${i}@demo.noaber.test`, password: 'x', client: 'sprayer' }));
		expect((await code(loginWithPassword(ctx, { email: 'hanna@demo.noaber.test', password: demoPassword, client: 'sprayer' }))).code).toBe('auth.login_rate_limited');
		await expect(loginWithPassword(ctx, { email: 'hanna@demo.noaber.test', password: demoPassword, client: 'hanna-phone' })).resolves.toBeTruthy();
	});
});

describe('login link', () => {
	it('mails a one-time link that works once and expires after 15 minutes', async () => {
		await requestLoginLink(ctx, { email: 'noor@demo.noaber.test', client: 'l1' });
		const token = linkFrom(ctx.mailbox.at(-1)!.text);
		expect(ctx.mailbox.at(-1)!.to).toBe('noor@demo.noaber.test');
		const r = await loginWithLink(ctx, { token });
		expect(r.accountId).toBe(ids.helper);
		expect((await code(loginWithLink(ctx, { token }))).code).toBe('auth.link_invalid');

		await requestLoginLink(ctx, { email: 'noor@demo.noaber.test', client: 'l1' });
		const late = linkFrom(ctx.mailbox.at(-1)!.text);
		ctx.advance(16 * 60_000);
		expect((await code(loginWithLink(ctx, { token: late }))).code).toBe('auth.link_expired');
	});

	it('someone asking links for another address does not use up the owner\'s requests', async () => {
		for (let i = 0; i < 5; i++) await requestLoginLink(ctx, { email: 'gert@demo.noaber.test', client: 'prankster' });
		expect((await code(requestLoginLink(ctx, { email: 'gert@demo.noaber.test', client: 'prankster' }))).code).toBe('auth.rate_limited');
		// Unknown addresses answer the same way, so the limit tells nothing about accounts.
		for (let i = 0; i < 5; i++) await requestLoginLink(ctx, { email: 'ghost-2@demo.noaber.test', client: 'prankster-2' });
		expect((await code(requestLoginLink(ctx, { email: 'ghost-2@demo.noaber.test', client: 'prankster-2' }))).code).toBe('auth.rate_limited');
		await requestLoginLink(ctx, { email: 'gert@demo.noaber.test', client: 'gert-office' });
		expect(ctx.mailbox.at(-1)!.to).toBe('gert@demo.noaber.test');
	});

	it('sends nothing for an unknown address, and says nothing about it', async () => {
		const before = ctx.mailbox.length;
		await expect(requestLoginLink(ctx, { email: 'ghost@demo.noaber.test', client: 'l2' })).resolves.toBeUndefined();
		expect(ctx.mailbox.length).toBe(before);
	});
});

describe('password reset', () => {
	it('sets a new password and ends old sessions', async () => {
		const old = await loginWithPassword(ctx, { email: 'hanna@demo.noaber.test', password: demoPassword, client: 'r1' });
		await requestPasswordReset(ctx, { email: 'hanna@demo.noaber.test', client: 'r1' });
		const token = linkFrom(ctx.mailbox.at(-1)!.text);
		expect((await code(resetPassword(ctx, { token, password: 'short' }))).fields).toEqual({ password: 'auth.password_too_short' });
		await resetPassword(ctx, { token, password: 'a-new-long-passphrase' });
		expect(await sessionAccountId(db, old.token, ctx.clock())).toBeNull();
		await expect(loginWithPassword(ctx, { email: 'hanna@demo.noaber.test', password: 'a-new-long-passphrase', client: 'r2' })).resolves.toBeTruthy();
	});
});

describe('sign-up with a letter code', () => {
	it('creates a member of the unit, once per code', async () => {
		const staff = (await loadActor(db, ids.employee, ctx.clock()))!;
		const [complex] = await db.query<{ id: string }>("SELECT id FROM complexes WHERE code = 'C-200'");
		const letters = await generateSignupCodes(ctx, staff, { complexId: complex.id });
		expect(letters).toHaveLength(12);
		const typed = letters[0].code.toLowerCase().replace('-', ' ');
		const r = await signUpWithCode(ctx, { code: typed, name: 'Piet Nieuw', email: 'piet@example.nl', password: 'lang-genoeg-wachtwoord', client: 's1' });
		const actor = (await loadActor(db, r.accountId, ctx.clock()))!;
		expect(actor.memberships.map((m) => m.unitId)).toEqual([letters[0].unit.id]);

		const again = await code(signUpWithCode(ctx, { code: letters[0].code, name: 'Iemand', email: 'iemand@example.nl', password: 'lang-genoeg-wachtwoord', client: 's2' }));
		expect(again).toEqual({ code: 'auth.code_invalid', fields: { code: 'auth.code_invalid' } });
		const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM accounts WHERE email = 'iemand@example.nl'");
		expect(n).toBe(0);
	});

	it('refuses a taken e-mail address without using up the code', async () => {
		const staff = (await loadActor(db, ids.employee, ctx.clock()))!;
		const [complex] = await db.query<{ id: string }>("SELECT id FROM complexes WHERE code = 'C-300'");
		const [letter] = await generateSignupCodes(ctx, staff, { complexId: complex.id });
		const taken = await code(signUpWithCode(ctx, { code: letter.code, name: 'X', email: 'anna@demo.noaber.test', password: 'lang-genoeg-wachtwoord', client: 's3' }));
		expect(taken.code).toBe('auth.email_taken');
		await expect(signUpWithCode(ctx, { code: letter.code, name: 'X', email: 'x@example.nl', password: 'lang-genoeg-wachtwoord', client: 's3' })).resolves.toBeTruthy();
	});

	it('lets only staff of the corporation print codes', async () => {
		const tenant = (await loadActor(db, ids.tenant, ctx.clock()))!;
		const [complex] = await db.query<{ id: string }>("SELECT id FROM complexes WHERE code = 'C-200'");
		expect((await code(generateSignupCodes(ctx, tenant, { complexId: complex.id }))).code).toBe('people.forbidden');
	});
});
