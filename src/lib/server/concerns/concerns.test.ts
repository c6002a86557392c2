import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../audit';
import { listInbox } from '../notifications';
import type { DemoKey } from '../people';
import { codeOf, fieldsOf, openConcernTests, text, type ConcernsFixture } from './test-fixtures';
import { ABUSE_THRESHOLD, concernPlaces, concernsForHome, getConcern, getMyConcern, listConcerns, myConcerns, raiseConcern, triageConcern } from './index';

let f: ConcernsFixture;
beforeAll(async () => {
	f = await openConcernTests();
});

const count = async (table: string) => (await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
const inboxTypes = async (who: DemoKey) => (await listInbox(f.ctx, await f.actor(who))).items.map((i) => i.type);
const day = 86_400_000;

describe('raising a concern', () => {
	it('stores a member’s concern about a home in their complex and tells only the social team', async () => {
		const anna = await f.actor('tenant');
		const unitId = await f.unitIn('C-100', 2);
		const before = await inboxTypes('henk');
		const r = await raiseConcern(f.ctx, anna, { unitId, category: 'not_seen', body: text, mayContact: 'on' });
		expect(r.flagged).toBe(false);
		const [row] = await f.db.query<{ reporter_role: string; may_contact: boolean; corporation_id: string }>('SELECT reporter_role, may_contact, corporation_id FROM concerns WHERE id = $1', [r.id]);
		expect(row).toMatchObject({ reporter_role: 'member', may_contact: true, corporation_id: f.corporationId });
		expect((await inboxTypes('henk')).length).toBe(before.length + 1);
		expect(await inboxTypes('henk')).toContain('concern.new');
		for (const who of ['employee', 'admin', 'supervisor', 'helper', 'fatima', 'care', 'supplier'] as DemoKey[]) expect(await inboxTypes(who)).not.toContain('concern.new');
		// Raising is not in the audit log: the log never names a reporter.
		expect((await listAudit(f.db, { limit: 500 })).some((a) => a.subject === `concern:${r.id}`)).toBe(false);
		const mine = await myConcerns(f.db, anna);
		expect(mine.find((c) => c.id === r.id)).toMatchObject({ body: text, pickedUpAt: null });
	});

	it('offers a member their own complex only (not their own home), a supplier its work orders, staff their corporation', async () => {
		const now = f.ctx.clock();
		const anna = await concernPlaces(f.db, await f.actor('tenant'), now);
		expect(anna.units.length).toBe(15);
		expect(anna.units.every((u) => u.complexName === 'Lindehof')).toBe(true);
		expect(anna.units.map((u) => u.id)).not.toContain(await f.unitIn('C-100', 0));
		expect(anna.complexes).toEqual([]);
		const sander = await concernPlaces(f.db, await f.actor('supplier'), now);
		expect(sander.units.length).toBe(16);
		const wim = await f.actor('employee');
		expect((await concernPlaces(f.db, wim, now)).complexes.map((c) => c.name)).toEqual(['Beukenhof', 'Eikenlaan', 'Lindehof']);
		const eiken = (await concernPlaces(f.db, wim, now)).complexes.find((c) => c.name === 'Eikenlaan')!;
		expect((await concernPlaces(f.db, wim, now, eiken.id)).units.length).toBe(12);
		expect((await concernPlaces(f.db, await f.actor('olga'), now, eiken.id)).units).toEqual([]);
		expect((await concernPlaces(f.db, await f.actor('care'), now)).units).toEqual([]);
	});

	it('records the reporter’s role: a supplier in its work orders, staff anywhere in the corporation', async () => {
		const s = await raiseConcern(f.ctx, await f.actor('supplier'), { unitId: await f.unitIn('C-100', 7), category: 'neglected', body: 'De tuin en de voordeur zien er heel verwaarloosd uit.' });
		const w = await raiseConcern(f.ctx, await f.actor('employee'), { unitId: await f.unitIn('C-300', 1), category: 'children', body: 'De kinderen staan vaak tot laat buiten.' });
		const roles = await f.db.query<{ id: string; reporter_role: string }>('SELECT id, reporter_role FROM concerns WHERE id = ANY($1::uuid[])', [[s.id, w.id]]);
		expect(Object.fromEntries(roles.map((r) => [r.id, r.reporter_role]))).toEqual({ [s.id]: 'supplier', [w.id]: 'staff' });
	});
});

describe('bad input: a clear message, nothing stored', () => {
	it('refuses a home outside the reporter’s complex or buurt, their own home, and unknown homes', async () => {
		const before = await count('concerns');
		const anna = await f.actor('tenant');
		expect(await fieldsOf(raiseConcern(f.ctx, anna, { unitId: await f.unitIn('C-300', 0), category: 'other', body: text }))).toEqual({ unitId: 'concerns.unit_outside' });
		expect(await fieldsOf(raiseConcern(f.ctx, anna, { unitId: await f.unitIn('C-200', 0), category: 'other', body: text }))).toEqual({ unitId: 'concerns.unit_outside' });
		expect(await fieldsOf(raiseConcern(f.ctx, anna, { unitId: await f.unitIn('C-100', 0), category: 'other', body: text }))).toEqual({ unitId: 'concerns.own_home' });
		expect(await fieldsOf(raiseConcern(f.ctx, anna, { unitId: '00000000-0000-4000-8000-000000000000', category: 'other', body: text }))).toEqual({ unitId: 'concerns.unit_outside' });
		expect(await fieldsOf(raiseConcern(f.ctx, anna, { unitId: 'x', category: 'other', body: text }))).toEqual({ unitId: 'concerns.unit_outside' });
		// A supplier outside its work orders; another corporation's staff.
		expect(await fieldsOf(raiseConcern(f.ctx, await f.actor('supplier'), { unitId: await f.unitIn('C-200', 0), category: 'other', body: text }))).toEqual({ unitId: 'concerns.unit_outside' });
		expect(await fieldsOf(raiseConcern(f.ctx, await f.actor('olga'), { unitId: await f.unitIn('C-100', 3), category: 'other', body: text }))).toEqual({ unitId: 'concerns.unit_outside' });
		expect(await count('concerns')).toBe(before);
	});

	it('refuses free text with a BSN (9 digits passing the 11-test), and says what is missing', async () => {
		const before = await count('concerns');
		const anna = await f.actor('tenant');
		const unitId = await f.unitIn('C-100', 4);
		expect(await fieldsOf(raiseConcern(f.ctx, anna, { unitId, category: 'other', body: 'Haar BSN is 111222333, bel haar.' }))).toEqual({ body: 'concerns.bsn' });
		expect(await fieldsOf(raiseConcern(f.ctx, anna, { unitId, category: 'other', body: 'Nummer 1234.56.782' }))).toEqual({ body: 'concerns.bsn' });
		expect(await fieldsOf(raiseConcern(f.ctx, anna, { unitId: '', category: '', body: '   ' }))).toEqual({ unitId: 'concerns.unit_required', category: 'concerns.category_required', body: 'concerns.body_required' });
		expect(await fieldsOf(raiseConcern(f.ctx, anna, { unitId, category: 'gossip', body: 'x'.repeat(501) }))).toEqual({ category: 'concerns.category_required', body: 'validation.too_long' });
		// A 9-digit number that fails the 11-test is an ordinary number.
		await raiseConcern(f.ctx, anna, { unitId, category: 'other', body: 'Pakketnummer 123456789 ligt al dagen voor de deur.' });
		expect(await count('concerns')).toBe(before + 1);
	});

	it('refuses people who have no home to name: care, municipality and tenants’ association partners', async () => {
		for (const who of ['care', 'municipality', 'tenants_association'] as DemoKey[]) {
			expect(await codeOf(raiseConcern(f.ctx, await f.actor(who), { unitId: await f.unitIn('C-100', 2), category: 'other', body: text }))).toBe('concerns.forbidden');
		}
	});
});

describe('who sees a concern (every role × concern, counts and search)', () => {
	const everyone: DemoKey[] = ['tenant', 'supervisor', 'helper', 'fatima', 'piet', 'employee', 'henk', 'admin', 'care', 'municipality', 'supplier', 'tenants_association', 'olga', 'kees'];

	it('only the social team reads it, counts it or finds it; the reporter sees only their own', async () => {
		const anna = await f.actor('tenant');
		const { id } = await raiseConcern(f.ctx, anna, { unitId: await f.unitIn('C-100', 5), category: 'neglected', body: 'Zichtbaar verwaarloosd, ramen kapot.' });
		for (const who of everyone) {
			const a = await f.actor(who);
			const team = who === 'henk';
			const home = await concernsForHome(f.ctx, a);
			if (team) expect(home!.total).toBeGreaterThan(0);
			else expect(home, who).toBeNull();
			for (const corporationId of [f.corporationId, f.otherCorporationId]) {
				const list = codeOf(listConcerns(f.ctx, a, { corporationId }));
				expect(await list, `${who} list`).toBe(team && corporationId === f.corporationId ? 'ok' : 'concerns.not_found');
				const search = codeOf(listConcerns(f.ctx, a, { corporationId, state: 'all', q: 'Lindehof' }));
				expect(await search, `${who} search`).toBe(team && corporationId === f.corporationId ? 'ok' : 'concerns.not_found');
			}
			expect(await codeOf(getConcern(f.ctx, a, { concernId: id })), `${who} detail`).toBe(team ? 'ok' : 'concerns.not_found');
			expect(await codeOf(getMyConcern(f.db, a, { concernId: id })), `${who} own`).toBe(who === 'tenant' ? 'ok' : 'concerns.not_found');
			if (who !== 'tenant') expect((await myConcerns(f.db, a)).map((c) => c.id)).not.toContain(id);
		}
		const henk = await f.actor('henk');
		const found = await listConcerns(f.ctx, henk, { corporationId: f.corporationId, state: 'all', q: 'Lindehof' });
		expect(found.items.map((c) => c.id)).toContain(id);
		expect((await listConcerns(f.ctx, henk, { corporationId: f.corporationId, state: 'all', q: 'Beukenhof' })).items.map((c) => c.id)).not.toContain(id);
		// The reporter's name only when they said "may contact": this one did not.
		expect((await getConcern(f.ctx, henk, { concernId: id })).reporter).toBeNull();
	});

	it('shows the social team untriaged concerns oldest first with their age', async () => {
		const henk = await f.actor('henk');
		const home = (await concernsForHome(f.ctx, henk, 100))!;
		const times = home.items.map((c) => c.createdAt.getTime());
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(home.items.every((c) => c.outcome === null && c.ageDays >= 0)).toBe(true);
		f.ctx.advance(3 * day);
		const later = (await concernsForHome(f.ctx, henk, 100))!;
		expect(later.items[0].ageDays).toBe(home.items[0].ageDays + 3);
	});
});

describe('audit rows on every read', () => {
	it('writes one row per read by the social team, with no content; refused reads write nothing', async () => {
		const anna = await f.actor('tenant');
		const unitId = await f.unitIn('C-100', 6);
		const { id } = await raiseConcern(f.ctx, anna, { unitId, category: 'children', body: 'De kinderen huilen vaak s nachts, niemand doet open.' });
		const henk = await f.actor('henk');
		const rows = async () => (await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n;
		let n = await rows();
		await getConcern(f.ctx, henk, { concernId: id });
		const [read] = await listAudit(f.db, { action: 'concerns.read', limit: 1 });
		expect(read).toMatchObject({ actor_id: f.ids.henk, subject: `concern:${id}`, corporation_id: f.corporationId });
		expect(await rows()).toBe(n + 1);
		n = await rows();
		await listConcerns(f.ctx, henk, { corporationId: f.corporationId, q: 'Lindehof' });
		await concernsForHome(f.ctx, henk);
		expect(await rows()).toBe(n + 2);
		const lists = await listAudit(f.db, { action: 'concerns.list_read', limit: 2 });
		expect(lists.map((l) => l.details.view).sort()).toEqual(['home', 'list']);
		n = await rows();
		for (const who of ['employee', 'admin', 'supervisor'] as DemoKey[]) {
			await codeOf(getConcern(f.ctx, await f.actor(who), { concernId: id }));
			await codeOf(listConcerns(f.ctx, await f.actor(who), { corporationId: f.corporationId }));
			await concernsForHome(f.ctx, await f.actor(who));
		}
		expect(await rows()).toBe(n);
		const all = JSON.stringify(await listAudit(f.db, { limit: 1000 }));
		expect(all).not.toContain('huilen');
		expect(all).not.toContain(unitId);
		expect(all).not.toContain('Lindehof');
	});
});

describe('triage', () => {
	it('records the outcome, tells the reporter once that it was picked up, and never what was done', async () => {
		const anna = await f.actor('tenant');
		const { id } = await raiseConcern(f.ctx, anna, { unitId: await f.unitIn('C-100', 8), category: 'not_seen', body: text, mayContact: true });
		const henk = await f.actor('henk');
		expect((await getConcern(f.ctx, henk, { concernId: id })).reporter).toMatchObject({ name: 'Anna de Vries' });
		for (const who of ['employee', 'admin', 'supervisor', 'care'] as DemoKey[]) expect(await codeOf(triageConcern(f.ctx, await f.actor(who), { concernId: id, outcome: 'no_action' }))).toBe('concerns.not_found');
		const picked = async () => (await listInbox(f.ctx, anna)).items.filter((i) => i.type === 'concern.picked_up' && i.subject_id === id).length;
		expect(await picked()).toBe(0);
		await triageConcern(f.ctx, henk, { concernId: id, outcome: 'contact_made', note: 'Gebeld, ze was in het ziekenhuis.' });
		expect(await picked()).toBe(1);
		await triageConcern(f.ctx, henk, { concernId: id, outcome: 'case_opened' });
		expect(await picked()).toBe(1);
		const mine = await getMyConcern(f.db, anna, { concernId: id });
		expect(mine.pickedUpAt).not.toBeNull();
		expect(Object.keys(mine)).not.toContain('outcome');
		const [audit] = await listAudit(f.db, { action: 'concerns.triaged', limit: 1 });
		expect(audit.details).toEqual({ outcome: 'case_opened' });
	});

	it('refers only with a recorded target and reason, as a record — never a copy', async () => {
		const anna = await f.actor('tenant');
		const { id } = await raiseConcern(f.ctx, anna, { unitId: await f.unitIn('C-100', 9), category: 'neglected', body: 'Er staat veel afval in de woning.' });
		const henk = await f.actor('henk');
		expect(await fieldsOf(triageConcern(f.ctx, henk, { concernId: id, outcome: 'referred' }))).toEqual({ referralTarget: 'concerns.referral_target_required', referralReason: 'concerns.reason_required' });
		expect(await fieldsOf(triageConcern(f.ctx, henk, { concernId: id, outcome: 'referred', referralTarget: 'care', referralReason: 'Zorg nodig' }))).toEqual({ organisationId: 'concerns.organisation_required' });
		const supplierOrg = (await f.actor('supplier')).partners[0].organisationId;
		expect(await fieldsOf(triageConcern(f.ctx, henk, { concernId: id, outcome: 'referred', referralTarget: 'care', organisationId: supplierOrg, referralReason: 'Zorg nodig' }))).toEqual({ organisationId: 'validation.choice' });
		expect(await fieldsOf(triageConcern(f.ctx, henk, { concernId: id, outcome: 'no_action', note: 'BSN 111222333' }))).toEqual({ note: 'concerns.bsn' });
		expect((await f.db.query('SELECT 1 FROM concerns WHERE id = $1 AND outcome IS NULL', [id])).length).toBe(1);
		const careOrg = (await f.actor('care')).partners[0].organisationId;
		await triageConcern(f.ctx, henk, { concernId: id, outcome: 'referred', referralTarget: 'care', organisationId: careOrg, referralReason: 'Hulp bij het huishouden nodig.' });
		const d = await getConcern(f.ctx, henk, { concernId: id });
		expect(d.referrals).toMatchObject([{ target: 'care', organisationName: 'Zorggroep Noaberveen (fictief)', reason: 'Hulp bij het huishouden nodig.' }]);
		// The care organisation is told nothing and reads nothing.
		const carla = await f.actor('care');
		expect(await inboxTypes('care')).not.toContain('concern.new');
		expect(await codeOf(getConcern(f.ctx, carla, { concernId: id }))).toBe('concerns.not_found');
	});
});

describe('abuse guard', () => {
	it('flags the same reporter’s many concerns about one household to the social team; the household hears nothing', async () => {
		const unitId = await f.unitIn('C-200', 5);
		const household = await f.person('Gerda Bewoner', unitId);
		const reporterId = await f.person('Herman Melder', await f.unitIn('C-200', 6));
		const { loadActor } = await import('../people');
		const reporter = (await loadActor(f.db, reporterId, f.ctx.clock()))!;
		const flags: boolean[] = [];
		for (let i = 0; i < ABUSE_THRESHOLD + 1; i++) {
			f.ctx.advance(day);
			flags.push((await raiseConcern(f.ctx, reporter, { unitId, category: 'other', body: `Weer iets raars gezien, keer ${i + 1}.` })).flagged);
		}
		expect(flags).toEqual([false, false, true, true]);
		expect(await inboxTypes('henk')).toContain('concern.flagged');
		const householdActor = (await loadActor(f.db, household, f.ctx.clock()))!;
		expect((await listInbox(f.ctx, householdActor)).items).toEqual([]);
		// Another home by the same reporter, or the same home much later, is not flagged.
		expect((await raiseConcern(f.ctx, reporter, { unitId: await f.unitIn('C-200', 7), category: 'other', body: 'Iets anders.' })).flagged).toBe(false);
		f.ctx.advance(40 * day);
		expect((await raiseConcern(f.ctx, reporter, { unitId, category: 'other', body: 'Na lange tijd weer.' })).flagged).toBe(false);
		const henk = await f.actor('henk');
		const list = await listConcerns(f.ctx, henk, { corporationId: f.corporationId, q: 'Eikenlaan' });
		expect(list.items.filter((c) => c.flagged).length).toBe(2);
	});
});

describe('the social team (people/social-team.ts)', () => {
	it('is chosen by admins of the corporation among its staff, audited; nobody else may change it', async () => {
		const { listSocialTeam, setSocialTeamMember } = await import('../people');
		const admin = await f.actor('admin');
		expect((await listSocialTeam(f.db, f.corporationId)).map((m) => m.name)).toEqual(['Henk de Groot']);
		expect(await codeOf(setSocialTeamMember(f.ctx, await f.actor('employee'), { corporationId: f.corporationId, accountId: f.ids.employee }, true))).toBe('people.forbidden');
		expect(await codeOf(setSocialTeamMember(f.ctx, await f.actor('olga'), { corporationId: f.corporationId, accountId: f.ids.employee }, true))).toBe('people.forbidden');
		expect(await fieldsOf(setSocialTeamMember(f.ctx, admin, { corporationId: f.corporationId, accountId: f.ids.tenant }, true))).toEqual({ accountId: 'validation.choice' });
		expect(await fieldsOf(setSocialTeamMember(f.ctx, admin, { corporationId: f.corporationId, accountId: f.ids.olga }, true))).toEqual({ accountId: 'validation.choice' });
		await setSocialTeamMember(f.ctx, admin, { corporationId: f.corporationId, accountId: f.ids.employee }, true);
		const wim = await f.actor('employee');
		expect(await codeOf(listConcerns(f.ctx, wim, { corporationId: f.corporationId }))).toBe('ok');
		await setSocialTeamMember(f.ctx, admin, { corporationId: f.corporationId, accountId: f.ids.employee }, false);
		expect(await codeOf(listConcerns(f.ctx, await f.actor('employee'), { corporationId: f.corporationId }))).toBe('concerns.not_found');
		const audit = await listAudit(f.db, { limit: 5 });
		expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['people.social_team_added', 'people.social_team_removed']));
	});
});
