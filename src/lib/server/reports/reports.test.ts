import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportsTests, reportReads, errorOf, note, key, validAnswers, type ReportsFixture } from './test-fixtures';
import {
	createReport, editReport, withdrawReport, reopenReport, answerSatisfaction, acknowledgeReport, startReport, resolveReport, rejectReport,
	forwardReport, recordReply, mergeReport, assignReports, followReport, findDuplicates, getReportDetail, saveRoutingRules, listWorkOrders, replay
} from '.';
import { listInbox } from '../notifications';

let f: ReportsFixture;
const reads = reportReads(() => f.db);
beforeAll(async () => {
	f = await openReportsTests();
});
afterAll(() => f.db.close());

describe('reporting', () => {
	it('a member reports at their complex: routed to the corporation, due after the working days, the handler told', async () => {
		const anna = await f.actor('reporter');
		const r = await createReport(f.ctx, anna, { categoryId: f.category.repairs, location: { kind: 'complex' }, description: 'De lamp in het trappenhuis is kapot.', answers: { where: 'trappenhuis', dangerous: 'no' }, hideName: false });
		expect(r.state).toBe('new');
		// 2 March 2026 (Monday) + 5 working days
		expect(r.dueOn).toBe('2026-03-09');
		const d = await getReportDetail(f.db, anna, r.id, f.ctx.clock());
		expect(d.answers).toEqual({ where: 'trappenhuis', dangerous: false });
		expect(d.row.complex_name).toBe('Lindehof');
		const inbox = await listInbox({ db: f.db }, await f.actor('staff'), {});
		expect(inbox.items.some((i) => i.subject_id === r.id && i.type === 'report.assigned')).toBe(true);
	});

	it('names every unfitting answer next to its question, and writes nothing', async () => {
		const before = await reads.count('reports');
		const e = await errorOf(f.report({ kind: 'nuisance', answers: { how_often: 'hourly', since: '2026-02-30', talked: 'misschien', extra: 'x' } }));
		expect(e.code).toBe('validation.invalid');
		expect(e.fields).toEqual({ 'answers.how_often': 'reports.answer_not_a_choice', 'answers.since': 'reports.answer_not_a_date', 'answers.talked': 'reports.answer_not_yes_no', 'answers.extra': 'reports.answer_unknown' });
		expect((await errorOf(f.report({ kind: 'repairs', answers: { where: 'hal' } }))).fields).toEqual({ 'answers.dangerous': 'reports.answer_required' });
		expect(await reads.count('reports')).toBe(before);
	});

	it('bad input: unknown category, missing or foreign location — clear codes, nothing written', async () => {
		const before = await reads.count('reports');
		const anna = await f.actor('reporter');
		const base = { categoryId: f.category.repairs, location: { kind: 'complex' }, description: 'Iets is kapot.', answers: validAnswers.repairs };
		expect((await errorOf(createReport(f.ctx, anna, { ...base, categoryId: '00000000-0000-4000-8000-000000000000' }))).fields).toEqual({ categoryId: 'reports.unknown_category' });
		expect((await errorOf(createReport(f.ctx, anna, { ...base, categoryId: 'nonsense' }))).fields.categoryId).toBe('reports.unknown_category');
		expect((await errorOf(createReport(f.ctx, anna, { ...base, location: undefined }))).fields.location).toBe('reports.location_required');
		expect((await errorOf(createReport(f.ctx, anna, { ...base, location: { kind: 'pin', lat: 0, lon: 0 } }))).fields['location.lat']).toBe('reports.location_invalid');
		expect((await errorOf(createReport(f.ctx, anna, { ...base, location: { kind: 'address', label: 'Elders 1', buurtCode: 'BU00000000', lat: 52, lon: 5 } }))).fields.location).toBe('reports.location_outside');
		expect((await errorOf(createReport(f.ctx, anna, { ...base, description: '\u0000' }))).code).toBe('validation.invalid');
		expect(await reads.count('reports')).toBe(before);
	});

	it('the reporter edits and withdraws while new; not after it was picked up', async () => {
		const anna = await f.actor('reporter');
		const id = await f.report();
		await editReport(f.ctx, anna, { reportId: id, description: 'De lamp op de tweede verdieping is kapot.' });
		await acknowledgeReport(f.ctx, await f.actor('staff'), { reportId: id, note });
		expect((await errorOf(editReport(f.ctx, anna, { reportId: id, description: 'Nog iets anders.' }))).code).toBe('reports.not_new');
		expect((await errorOf(withdrawReport(f.ctx, anna, { reportId: id }))).code).toBe('reports.not_new');
		const other = await f.report();
		expect((await withdrawReport(f.ctx, anna, { reportId: other })).state).toBe('withdrawn');
		expect((await errorOf(editReport(f.ctx, await f.actor('member'), { reportId: id, description: 'Van iemand anders.' }))).code).toBe('reports.forbidden');
	});
});

describe('handling', () => {
	it('new → acknowledged → in progress (scheduled) → resolved → reopened ("klopt niet") → resolved; history replays to the state', async () => {
		const [anna, wim] = [await f.actor('reporter'), await f.actor('staff')];
		const id = await f.report();
		await acknowledgeReport(f.ctx, wim, { reportId: id, note });
		await startReport(f.ctx, wim, { reportId: id, note, scheduledOn: '2026-03-05' });
		await resolveReport(f.ctx, wim, { reportId: id, note: 'De lamp is vervangen.' });
		const sat = await answerSatisfaction(f.ctx, anna, { reportId: id, score: 2, comment: 'Hij doet het weer niet.' });
		expect(sat.offerReopen).toBe(true);
		expect((await errorOf(answerSatisfaction(f.ctx, anna, { reportId: id, score: 5 }))).code).toBe('reports.already_answered');
		await reopenReport(f.ctx, anna, { reportId: id, note: 'De lamp is weer kapot.' });
		const inbox = await listInbox({ db: f.db }, wim, {});
		expect(inbox.items.some((i) => i.subject_id === id && i.type === 'report.reopened')).toBe(true);
		await resolveReport(f.ctx, wim, { reportId: id, note: 'Nu met een nieuwe fitting.' });
		const h = await reads.history(id);
		expect(h.map((x) => x.action)).toEqual(['create', 'acknowledge', 'start', 'resolve', 'reopen', 'resolve']);
		expect(replay(h)).toBe(await reads.stateOf(id));
		const d = await getReportDetail(f.db, anna, id, f.ctx.clock());
		expect(d.history.every((x) => x.action === 'create' || x.note)).toBe(true);
		expect(d.row.scheduled_on).toBe('2026-03-05');
	});

	it('reopening is refused after 14 days, and a transition not allowed is a 409 with nothing written', async () => {
		const [anna, wim] = [await f.actor('reporter'), await f.actor('staff')];
		const id = await f.report();
		await resolveReport(f.ctx, wim, { reportId: id, note });
		const fresh = await f.report();
		f.ctx.advance(15 * 24 * 3600 * 1000);
		try {
			expect((await errorOf(reopenReport(f.ctx, anna, { reportId: id, note: 'Klopt niet.' }))).code).toBe('reports.reopen_too_late');
			const n = (await reads.history(id)).length;
			expect((await errorOf(acknowledgeReport(f.ctx, wim, { reportId: id, note }))).code).toBe('reports.closed');
			expect((await errorOf(reopenReport(f.ctx, wim, { reportId: id, note }))).code).toBe('reports.forbidden');
			expect((await errorOf(rejectReport(f.ctx, wim, { reportId: fresh, note: '' }))).fields.note).toBe('reports.note_required');
			expect((await reads.history(id)).length).toBe(n);
			expect(await reads.stateOf(fresh)).toBe('new');
		} finally {
			f.ctx.advance(-15 * 24 * 3600 * 1000);
		}
	});

	it('forward with the other party and its reply; reject with a reason', async () => {
		const wim = await f.actor('staff');
		const id = await f.report();
		expect((await errorOf(forwardReport(f.ctx, wim, { reportId: id, note }))).fields.forwardedTo).toBe('reports.forward_to_required');
		await forwardReport(f.ctx, wim, { reportId: id, note, forwardedTo: 'Waterschap Vechtstromen' });
		await recordReply(f.ctx, wim, { reportId: id, note: 'Het waterschap komt volgende week.' });
		expect(await reads.stateOf(id)).toBe('forwarded');
		const r2 = await f.report();
		expect((await rejectReport(f.ctx, wim, { reportId: r2, note: 'Dit is uw eigen verantwoordelijkheid als huurder.' })).state).toBe('rejected');
	});

	it('merging a duplicate carries its reporter and followers over as followers of the other report', async () => {
		const [wim, bram, kees] = [await f.actor('staff'), await f.actor('member'), await f.actor('neighbour')];
		const main = await f.report();
		const dup = await f.report({ who: 'member' });
		await followReport(f.ctx, kees, { reportId: dup, support: true });
		expect((await errorOf(mergeReport(f.ctx, wim, { reportId: dup, intoId: dup, note }))).fields.intoId).toBe('reports.merge_target_invalid');
		await mergeReport(f.ctx, wim, { reportId: dup, intoId: main, note: 'Dezelfde lamp; we volgen het daar.' });
		const followers = await f.db.query<{ account_id: string; supports: boolean }>('SELECT account_id, supports FROM report_followers WHERE report_id = $1 ORDER BY account_id', [main]);
		expect(followers.map((x) => x.account_id).sort()).toEqual([bram.accountId, kees.accountId].sort());
		expect(followers.every((x) => x.supports)).toBe(true);
		expect(await reads.stateOf(dup)).toBe('merged');
	});
});

describe('routing rules and supplier work orders', () => {
	it('first match wins: category + complex → supplier; the supplier accepts, schedules and closes; the history says so', async () => {
		const [wim, sander] = [await f.actor('staff'), await f.actor('supplier')];
		const complex = (await f.db.query<{ id: string }>(`SELECT id FROM complexes WHERE code = 'C-100'`))[0].id;
		await saveRoutingRules(f.ctx, wim, { corporationId: f.corporationId, rules: [
			{ categoryId: f.category.repairs, complexId: complex, party: { kind: 'supplier', organisationId: f.supplierOrg } },
			{ categoryId: f.category.repairs, party: { kind: 'staff', staffId: wim.accountId } }
		] });
		const atLindehof = await f.report();
		const elsewhere = await f.report({ who: 'neighbour' });
		expect((await f.db.query<{ organisation_id: string | null; assignee_id: string | null }>('SELECT organisation_id, assignee_id FROM reports WHERE id = $1', [atLindehof]))[0].organisation_id).toBe(f.supplierOrg);
		expect((await f.db.query<{ assignee_id: string | null }>('SELECT assignee_id FROM reports WHERE id = $1', [elsewhere]))[0].assignee_id).toBe(wim.accountId);
		expect((await listWorkOrders(f.db, sander, {}, f.ctx.clock())).map((v) => v.row.id)).toContain(atLindehof);
		expect((await errorOf(getReportDetail(f.db, sander, elsewhere, f.ctx.clock()))).code).toBe('reports.not_found');
		await acknowledgeReport(f.ctx, sander, { reportId: atLindehof, note: 'Aangenomen.' });
		await startReport(f.ctx, sander, { reportId: atLindehof, note: 'Ingepland.', scheduledOn: '2026-03-04' });
		await resolveReport(f.ctx, sander, { reportId: atLindehof, note: 'Slot vervangen.' });
		expect((await errorOf(rejectReport(f.ctx, sander, { reportId: elsewhere, note }))).code).toBe('reports.not_found');
		const d = await getReportDetail(f.db, wim, atLindehof, f.ctx.clock());
		expect(d.history.filter((h) => h.role === 'partner').map((h) => h.action)).toEqual(['acknowledge', 'start', 'resolve']);
		expect(d.row.accepted_at).not.toBeNull();
		await saveRoutingRules(f.ctx, wim, { corporationId: f.corporationId, rules: [] });
	});

	it('bulk assign is all or nothing, and names the report at fault', async () => {
		const wim = await f.actor('staff');
		const a = await f.report();
		const closed = await f.report();
		await rejectReport(f.ctx, wim, { reportId: closed, note });
		const e = await errorOf(assignReports(f.ctx, wim, { reportIds: [a, closed], party: { kind: 'staff', staffId: wim.accountId } }));
		expect(e.code).toBe('reports.closed');
		expect(e.details.reportId).toBe(closed);
		expect((await f.db.query<{ assignee_id: string | null }>('SELECT assignee_id FROM reports WHERE id = $1', [a]))[0].assignee_id).toBeNull();
		expect((await assignReports(f.ctx, wim, { reportIds: [a], party: { kind: 'staff', staffId: wim.accountId }, idempotencyKey: key() })).assigned).toBe(1);
		expect((await errorOf(assignReports(f.ctx, wim, { reportIds: [a], party: { kind: 'supplier' } }))).fields['party.organisationId']).toBe('reports.party_invalid');
	});

	it('a work order taken back from a supplier takes its inbox items with it: no link to a page that is now 404', async () => {
		const wim = await f.actor('staff');
		const sander = await f.actor('supplier');
		const a = await f.report();
		await assignReports(f.ctx, wim, { reportIds: [a], party: { kind: 'supplier', organisationId: f.supplierOrg } });
		const items = async () => (await listInbox({ db: f.db }, sander, {})).items.filter((i) => i.subject_id === a);
		expect((await items()).map((i) => i.type)).toEqual(['report.assigned']);
		await assignReports(f.ctx, wim, { reportIds: [a], party: { kind: 'staff', staffId: wim.accountId } });
		expect(await items()).toEqual([]);
		expect((await errorOf(getReportDetail(f.db, sander, a, f.ctx.clock()))).code).toBe('reports.not_found');
	});
});

describe('duplicate search', () => {
	it('finds open reports of the category within 50 m or in the same complex, recent; not farther, not closed', async () => {
		const anna = await f.actor('reporter');
		const near = await f.report({ kind: 'cleanliness', location: { kind: 'pin', lat: 52.2216, lon: 6.8938 } });
		const far = await f.report({ kind: 'cleanliness', location: { kind: 'pin', lat: 52.2216, lon: 6.8958 } }); // ~137 m east
		const found = await findDuplicates(f.db, await f.actor('member'), { categoryId: f.category.cleanliness, location: { kind: 'pin', lat: 52.2218, lon: 6.8939 } }, f.ctx.clock());
		expect(found.map((d) => d.id)).toContain(near);
		expect(found.map((d) => d.id)).not.toContain(far);
		expect(found.find((d) => d.id === near)!.distance).toBeLessThan(30);
		const sameComplex = await findDuplicates(f.db, anna, { categoryId: f.category.repairs, location: { kind: 'complex' } }, f.ctx.clock());
		expect(sameComplex.length).toBeGreaterThan(0);
		const later = await findDuplicates(f.db, anna, { categoryId: f.category.cleanliness, location: { kind: 'pin', lat: 52.2216, lon: 6.8938 } }, new Date(f.ctx.clock().getTime() + 61 * 24 * 3600 * 1000));
		expect(later.map((d) => d.id)).not.toContain(near);
		await followReport(f.ctx, await f.actor('member'), { reportId: near, support: true });
		expect((await errorOf(followReport(f.ctx, anna, { reportId: near }))).code).toBe('reports.own_report');
	});
});
