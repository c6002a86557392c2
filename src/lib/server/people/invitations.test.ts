import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { seedDemo, type DemoKey } from './demo-seed';
import { loadActor, personaOf, type Actor } from './actor';
import { acceptInvitation, createOrganisation, inviteAccount } from './invitations';
import { listAudit } from '../audit';

let db: Db;
let ctx: TestCtx;
let ids: Record<DemoKey, string>;
let admin: Actor;
let employee: Actor;
let corporationId: string;
beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	ids = await seedDemo(ctx);
	admin = (await loadActor(db, ids.admin, ctx.clock()))!;
	employee = (await loadActor(db, ids.employee, ctx.clock()))!;
	corporationId = admin.staff[0].corporationId;
});
afterAll(() => db.close());

const tokenFrom = (text: string) => new URL(/https?:\/\/\S+/.exec(text)![0]).searchParams.get('token')!;

describe('invitations', () => {
	it('lets an admin invite a huismeester, who sets a password and lands as staff', async () => {
		await inviteAccount(ctx, admin, { kind: 'staff', corporationId, role: 'huismeester', email: 'Henk@Example.nl', name: 'Henk', locale: 'nl' });
		const mail = ctx.mailbox.at(-1)!;
		expect(mail.to).toBe('henk@example.nl');
		const r = await acceptInvitation(ctx, { token: tokenFrom(mail.text), password: 'een-goed-wachtwoord' });
		const henk = (await loadActor(db, r.accountId, ctx.clock()))!;
		expect(henk.staff).toEqual([{ corporationId, role: 'huismeester' }]);
		expect(personaOf(henk)).toBe('employee');
		const grant = (await listAudit(db, { action: 'people.role_granted' }))[0];
		expect(grant).toMatchObject({ actor_id: ids.admin, subject: `account:${r.accountId}` });
	});

	it('does not let a wijkconsulent make staff, but does let them invite a partner', async () => {
		await expect(inviteAccount(ctx, employee, { kind: 'staff', corporationId, role: 'admin', email: 'x@example.nl', name: 'X' })).rejects.toMatchObject({ code: 'people.forbidden' });
		const organisationId = await createOrganisation(ctx, employee, { corporationId, kind: 'supplier', name: 'Schilder & Zn' });
		await inviteAccount(ctx, employee, { kind: 'partner', organisationId, email: 'piet@schilder.nl', name: 'Piet' });
		const r = await acceptInvitation(ctx, { token: tokenFrom(ctx.mailbox.at(-1)!.text), password: 'een-goed-wachtwoord' });
		expect(personaOf((await loadActor(db, r.accountId, ctx.clock()))!)).toBe('supplier');
	});

	it('lets staff invite a neighbour of an address by its unit number', async () => {
		await inviteAccount(ctx, employee, { kind: 'member', corporationId, eenheid: 'C-300-005', email: 'mien@example.nl', name: 'Mien' });
		const r = await acceptInvitation(ctx, { token: tokenFrom(ctx.mailbox.at(-1)!.text), password: 'een-goed-wachtwoord' });
		const mien = (await loadActor(db, r.accountId, ctx.clock()))!;
		expect(mien.memberships).toHaveLength(1);
		expect(personaOf(mien)).toBe('tenant');
	});

	it('names the field when the unit number is unknown, and writes nothing', async () => {
		const err = await inviteAccount(ctx, employee, { kind: 'member', corporationId, eenheid: 'NOPE', email: 'nobody@example.nl', name: 'N' }).catch((e) => e);
		expect(err.fields).toEqual({ eenheid: 'people.unit_not_found' });
		expect(await db.query("SELECT 1 FROM accounts WHERE email = 'nobody@example.nl'")).toEqual([]);
	});

	it('refuses an invitation link twice', async () => {
		await inviteAccount(ctx, admin, { kind: 'staff', corporationId, role: 'wijkconsulent', email: 'twee@example.nl', name: 'Twee' });
		const token = tokenFrom(ctx.mailbox.at(-1)!.text);
		await acceptInvitation(ctx, { token, password: 'een-goed-wachtwoord' });
		await expect(acceptInvitation(ctx, { token, password: 'een-ander-wachtwoord' })).rejects.toMatchObject({ code: 'auth.link_invalid' });
	});
});
