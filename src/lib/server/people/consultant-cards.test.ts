import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { listAudit } from '../audit';
import { DomainError, httpStatusFor } from '../shared/errors';
import {
	getBuurtConsultantCard,
	getMyConsultantCard,
	listConsultantLinks,
	loadActor,
	myConsultantCards,
	saveMyConsultantCard,
	seedConsultantDemo,
	seedDemo,
	setBuurtConsultant,
	type DemoKey
} from '.';

let db: Db;
let ctx: TestCtx;
let ids: Record<DemoKey, string>;
let linde: string;
let beuken: string;
beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	ids = await seedDemo(ctx);
	[{ id: linde }] = await db.query<{ id: string }>("SELECT id FROM buurten WHERE code = 'BU99990101'");
	[{ id: beuken }] = await db.query<{ id: string }>("SELECT id FROM buurten WHERE code = 'BU999901AB'");
});
afterAll(() => db.close());

const actor = async (key: DemoKey) => (await loadActor(db, ids[key], ctx.clock()))!;
async function errorOf(p: Promise<unknown>): Promise<DomainError> {
	try {
		await p;
	} catch (e) {
		if (e instanceof DomainError) return e;
		throw e;
	}
	throw new Error('expected a DomainError');
}

const henkCard = { displayName: 'Henk de Groot', about: 'Huismeester: ik los kleine dingen in de complexen op.', phone: '06 1234 5678' };

describe('the wijkconsulent’s card', () => {
	it('staff keep their own card; what they write is checked field by field; tenants have none to keep', async () => {
		const wim = await actor('employee');
		expect(await getMyConsultantCard(db, wim)).toBeNull();
		const bad = await errorOf(saveMyConsultantCard(ctx, wim, { displayName: 'W', about: '', email: 'geen-adres', officeHours: 'x'.repeat(201) }));
		expect(bad.fields).toEqual({ displayName: 'validation.too_short', about: 'validation.required', email: 'validation.email', officeHours: 'validation.too_long' });
		expect(bad.details.fieldParams).toMatchObject({ officeHours: { max: 200 } });
		// Someone must be able to reach them: a phone number or an e-mail address.
		expect((await errorOf(saveMyConsultantCard(ctx, wim, { displayName: 'Wim Bakker', about: 'Wijkconsulent' }))).fields).toEqual({ phone: 'people.card_contact_required' });
		expect((await errorOf(saveMyConsultantCard(ctx, wim, { displayName: 'Wim Bakker', about: 'Wijkconsulent', phone: 'bel maar' }))).fields).toEqual({ phone: 'people.card_phone_invalid' });
		const e = await errorOf(saveMyConsultantCard(ctx, wim, { displayName: 'Wim Bakker', about: 'Wijkconsulent', phone: '12\u0000345678' }));
		expect(httpStatusFor(e.code)).toBe(400);

		const card = await saveMyConsultantCard(ctx, wim, { displayName: ' Wim Bakker ', about: 'Uw wijkconsulent.', officeHours: 'Dinsdag 9–12 uur', officePlace: '', phone: '', email: 'Wijk@Demo.Noaber.Test' });
		expect(card).toEqual({ accountId: ids.employee, displayName: 'Wim Bakker', about: 'Uw wijkconsulent.', officeHours: 'Dinsdag 9–12 uur', officePlace: null, phone: null, email: 'wijk@demo.noaber.test', photo: null });
		expect(await getMyConsultantCard(db, wim)).toEqual(card);
		expect((await listAudit(db, { action: 'people.consultant_card_saved' }))[0]).toMatchObject({ actor_id: ids.employee, subject: `account:${ids.employee}` });

		for (const who of ['tenant', 'care'] as const) {
			expect((await errorOf(saveMyConsultantCard(ctx, await actor(who), henkCard))).code).toBe('people.forbidden');
			expect((await errorOf(getMyConsultantCard(db, await actor(who)))).code).toBe('people.forbidden');
		}
	});

	it('admins and wijkconsulenten link a card-holder of their corporation to a buurt; nobody else can', async () => {
		const [wim, admin, henk, anna, olga] = await Promise.all((['employee', 'admin', 'henk', 'tenant', 'olga'] as const).map(actor));
		await saveMyConsultantCard(ctx, henk, henkCard);
		// A huismeester keeps a card but does not choose the buurt's face; tenants and another corporation's staff cannot either.
		expect((await errorOf(setBuurtConsultant(ctx, henk, { buurtId: linde, accountId: ids.henk }))).code).toBe('people.forbidden');
		expect((await errorOf(setBuurtConsultant(ctx, anna, { buurtId: linde, accountId: ids.employee }))).code).toBe('places.buurt_not_found');
		expect((await errorOf(setBuurtConsultant(ctx, olga, { buurtId: linde, accountId: ids.olga }))).code).toBe('places.buurt_not_found');
		expect(httpStatusFor((await errorOf(setBuurtConsultant(ctx, wim, { buurtId: 'geen-id', accountId: ids.employee }))).code)).toBe(404);
		// Only staff of this corporation, and only with a card.
		expect((await errorOf(setBuurtConsultant(ctx, wim, { buurtId: linde, accountId: ids.tenant }))).fields).toEqual({ accountId: 'people.consultant_not_staff' });
		expect((await errorOf(setBuurtConsultant(ctx, wim, { buurtId: linde, accountId: ids.olga }))).fields).toEqual({ accountId: 'people.consultant_not_staff' });
		expect((await errorOf(setBuurtConsultant(ctx, wim, { buurtId: linde, accountId: ids.admin }))).fields).toEqual({ accountId: 'people.consultant_no_card' });

		await setBuurtConsultant(ctx, admin, { buurtId: linde, accountId: ids.henk });
		expect(await setBuurtConsultant(ctx, wim, { buurtId: linde, accountId: ids.employee })).toEqual({ buurtId: linde, accountId: ids.employee });
		const links = await listConsultantLinks(db, henk);
		expect(links.buurten.map((b) => [b.name, b.consultant?.displayName ?? null])).toEqual([['Beukenbuurt', null], ['Lindebuurt', 'Wim Bakker']]);
		expect(links.cardHolders.map((h) => h.displayName)).toEqual(['Henk de Groot', 'Wim Bakker']);
		expect(links.mayLink).toBe(false);
		expect((await listConsultantLinks(db, wim)).mayLink).toBe(true);
		expect((await errorOf(listConsultantLinks(db, anna))).code).toBe('people.forbidden');
		const audit = await listAudit(db, { action: 'people.consultant_linked' });
		expect(audit.map((a) => [a.actor_id, a.subject, a.details])).toEqual([
			[ids.employee, `buurt:${linde}`, { accountId: ids.employee }],
			[ids.admin, `buurt:${linde}`, { accountId: ids.henk }]
		]);
	});

	it('members see their buurt’s consultant with only the contact details on the card; other buurten and corporations do not', async () => {
		const wim = await actor('employee');
		await saveMyConsultantCard(ctx, wim, { displayName: 'Wim Bakker', about: 'Uw wijkconsulent.', officeHours: 'Dinsdag 9–12 uur', officePlace: 'Buurthuis', email: 'wijk@demo.noaber.test' });
		await setBuurtConsultant(ctx, wim, { buurtId: linde, accountId: ids.employee });
		const [card] = await myConsultantCards(db, await actor('tenant'));
		expect(card).toMatchObject({ buurtId: linde, buurtName: 'Lindebuurt', displayName: 'Wim Bakker', officePlace: 'Buurthuis', email: 'wijk@demo.noaber.test', phone: null });
		// His login address is not on the card, so nobody reads it.
		expect(JSON.stringify(card)).not.toContain('wim@demo.noaber.test');
		expect(await myConsultantCards(db, await actor('piet'))).toEqual([]);
		expect(await getBuurtConsultantCard(db, await actor('piet'), beuken)).toBeNull();
		// Partners linked to the buurt and staff read it (for a board or a poster); another corporation's people get a 404.
		expect((await getBuurtConsultantCard(db, await actor('care'), linde))?.displayName).toBe('Wim Bakker');
		expect((await getBuurtConsultantCard(db, await actor('admin'), linde))?.displayName).toBe('Wim Bakker');
		for (const who of ['kees', 'olga', 'piet'] as const) expect((await errorOf(getBuurtConsultantCard(db, await actor(who), linde))).code).toBe('places.buurt_not_found');
		expect((await errorOf(getBuurtConsultantCard(db, await actor('tenant'), 'x'))).code).toBe('places.buurt_not_found');

		// Someone who no longer works for the corporation is not shown.
		await db.query(`DELETE FROM staff_roles WHERE account_id = $1`, [ids.employee]);
		expect(await myConsultantCards(db, await actor('tenant'))).toEqual([]);
		await db.query(`INSERT INTO staff_roles (account_id, corporation_id, role) SELECT $1, corporation_id, 'wijkconsulent' FROM buurten WHERE id = $2`, [ids.employee, linde]);
		expect(await myConsultantCards(db, await actor('tenant'))).toHaveLength(1);
		// Unlinked: the homes show no card, and the audit log says who did it.
		await setBuurtConsultant(ctx, await actor('admin'), { buurtId: linde, accountId: '' });
		expect(await myConsultantCards(db, await actor('tenant'))).toEqual([]);
		expect((await listAudit(db, { action: 'people.consultant_unlinked' }))[0]).toMatchObject({ actor_id: ids.admin, details: { accountId: ids.employee } });
	});

	it('the demo links Wim’s card to the Lindebuurt', async () => {
		await seedConsultantDemo(ctx, ids);
		const [card] = await myConsultantCards(db, await actor('tenant'));
		expect(card).toMatchObject({ displayName: 'Wim Bakker', buurtName: 'Lindebuurt', phone: '0599 000 000', email: 'wijkconsulent@demo.noaber.test' });
		expect(card.officeHours).toBeTruthy();
		expect(card.officePlace).toBeTruthy();
	});
});
