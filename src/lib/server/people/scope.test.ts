import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { listAudit, listAuditForCorporations } from '../audit';
import { seedDemo, type DemoKey } from './demo-seed';
import { loadActor, type Actor } from './actor';
import { getHomeOverview } from './overview';
import { getShowStreet, neighbourName, setShowStreet, shownStreets } from './names';
import { answerMembershipInvitation, inviteAccount, linkOrganisationBuurt, listMyMembershipInvitations, listOrganisations } from './invitations';

/** Who sees what (docs/ARCHITECTURE.md), for the people module. */
let db: Db;
let ctx: TestCtx;
let ids: Record<DemoKey, string>;
const actor = async (k: DemoKey): Promise<Actor> => (await loadActor(db, ids[k], ctx.clock()))!;

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	ids = await seedDemo(ctx);
});
afterAll(() => db.close());

describe('names', () => {
	it('a neighbour sees the supervisor by first name only', async () => {
		const home = await getHomeOverview(db, await actor('tenant'), ctx.clock());
		expect(home.buurtSupervisors).toEqual([{ buurt: 'Lindebuurt', names: ['Bram'] }]);
	});

	it('shows the street next to the first name only when the person chose that, and the choice is audited', async () => {
		const bram = await actor('supervisor');
		expect(await getShowStreet(db, bram)).toBe(false);
		await setShowStreet(ctx, bram, { showStreet: true });
		expect(await getShowStreet(db, bram)).toBe(true);
		const [street] = await db.query<{ street: string }>(
			`SELECT u.street FROM memberships m JOIN units u ON u.id = m.unit_id WHERE m.account_id = $1 LIMIT 1`,
			[ids.supervisor]
		);
		expect((await getHomeOverview(db, await actor('tenant'), ctx.clock())).buurtSupervisors).toEqual([{ buurt: 'Lindebuurt', names: [`Bram (${street.street})`] }]);
		expect((await shownStreets(db, [ids.supervisor, ids.tenant], ctx.clock())).get(ids.supervisor)).toBe(street.street);
		expect((await shownStreets(db, [ids.supervisor, ids.tenant], ctx.clock())).has(ids.tenant)).toBe(false);
		expect((await listAudit(db, { limit: 5 })).map((a) => a.action)).toContain('people.show_street_set');
		// Turned off again: the first name only; a choice that is not a yes/no is refused.
		await setShowStreet(ctx, bram, { showStreet: false });
		expect((await getHomeOverview(db, await actor('tenant'), ctx.clock())).buurtSupervisors).toEqual([{ buurt: 'Lindebuurt', names: ['Bram'] }]);
		await expect(setShowStreet(ctx, bram, { showStreet: 'ja' })).rejects.toMatchObject({ code: 'validation.invalid', fields: { showStreet: 'validation.choice' } });
		expect(neighbourName('Bram de Vries', null)).toBe('Bram');
	});
});

describe('memberships', () => {
	it('staff cannot attach an existing account to a unit: the person accepts an invitation first', async () => {
		const wim = await actor('employee');
		const corporationId = wim.staff[0].corporationId;
		await inviteAccount(ctx, wim, { kind: 'member', corporationId, eenheid: 'C-300-010', email: 'anna@demo.noaber.test', name: 'Anna' });
		const anna = await actor('tenant');
		expect(anna.memberBuurtIds).toHaveLength(1); // still only Lindebuurt
		const [inv] = await listMyMembershipInvitations(db, anna);
		expect(inv).toMatchObject({ address: 'Beukenhof 10', buurt: 'Beukenbuurt', inviter: 'Wim Bakker' });
		// Nobody else can answer it.
		await expect(answerMembershipInvitation(ctx, await actor('helper'), { invitationId: inv.id, accept: 'yes' })).rejects.toMatchObject({ code: 'people.invitation_not_found' });
		await answerMembershipInvitation(ctx, anna, { invitationId: inv.id, accept: 'yes' });
		expect((await actor('tenant')).memberBuurtIds).toHaveLength(2);
		const actions = (await listAudit(db, { limit: 5 })).map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['people.membership_invited', 'people.membership_started']));
	});

	it('staff never hold a membership through their staff account', async () => {
		const wim = await actor('employee');
		const corporationId = wim.staff[0].corporationId;
		const err = await inviteAccount(ctx, wim, { kind: 'member', corporationId, eenheid: 'C-100-016', email: 'wim@demo.noaber.test', name: 'Wim' }).catch((e) => e);
		expect([err.code, err.fields]).toEqual(['people.staff_not_member', { email: 'people.staff_not_member' }]);
		const admin = await actor('admin');
		const asStaff = await inviteAccount(ctx, admin, { kind: 'staff', corporationId, role: 'huismeester', email: 'noor@demo.noaber.test', name: 'Noor' }).catch((e) => e);
		expect(asStaff.code).toBe('people.staff_not_member');
		expect((await actor('employee')).memberships).toEqual([]);
	});
});

describe('the audit log per corporation', () => {
	it("an admin reads their own corporation's rows, never the other's", async () => {
		const ayla = await actor('admin');
		const olga = await actor('olga');
		const mine = await listAuditForCorporations(db, ayla.staff.map((s) => s.corporationId));
		const theirs = await listAuditForCorporations(db, olga.staff.map((s) => s.corporationId));
		expect(mine.length).toBeGreaterThan(0);
		expect(theirs.map((r) => r.subjectName)).toEqual(['Woonbron Oost (fictief)']);
		expect(mine.some((r) => r.subjectName === 'Woonbron Oost (fictief)')).toBe(false);
		// Names, not ids: the invitation above reads as Wim inviting Anna.
		expect(mine.find((r) => r.action === 'people.membership_invited')).toMatchObject({ actorName: 'Wim Bakker', subjectKind: 'account', subjectName: 'Anna de Vries' });
	});
});

describe('partners', () => {
	it('staff link an organisation to the buurten it serves; the partner sees those only', async () => {
		const carla = await actor('care');
		expect(carla.partners[0].buurtIds).toHaveLength(1);
		const wim = await actor('employee');
		const [{ id: beukenId }] = await db.query<{ id: string }>(`SELECT id FROM buurten WHERE name = 'Beukenbuurt'`);
		await linkOrganisationBuurt(ctx, wim, { organisationId: carla.partners[0].organisationId, buurtId: beukenId, linked: 'yes' });
		expect((await actor('care')).partners[0].buurtIds).toContain(beukenId);
		await linkOrganisationBuurt(ctx, wim, { organisationId: carla.partners[0].organisationId, buurtId: beukenId, linked: 'no' });
		expect((await actor('care')).partners[0].buurtIds).not.toContain(beukenId);
		// Another corporation's admin cannot touch this organisation.
		await expect(linkOrganisationBuurt(ctx, await actor('olga'), { organisationId: carla.partners[0].organisationId, buurtId: beukenId, linked: 'yes' })).rejects.toMatchObject({ code: 'people.organisation_not_found' });
		const orgs = await listOrganisations(ctx, [wim.staff[0].corporationId]);
		expect(orgs.every((o) => o.buurt_ids.length === 1)).toBe(true);
	});
});
