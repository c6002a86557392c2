import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportsTests, reportReads, errorOf, note, type ReportsFixture } from './test-fixtures';
import {
	getReportDetail, listBuurtReports, listMyReports, listStaffQueue, resolveReport, rejectReport, answerSatisfaction, flagOverdueReports,
	anonymiseClosedReports, linkRedirectedRequests, reportFromRedirectedRequest, reportForHelpRequest, getBuurtPerformance, saveReportSettings
} from '.';
import { askHelpRequest, redirectHelpRequest } from '../help';

let f: ReportsFixture;
const reads = reportReads(() => f.db);
const DAY = 24 * 3600 * 1000;
beforeAll(async () => {
	f = await openReportsTests();
});
afterAll(() => f.db.close());

describe('who sees what', () => {
	it('a member of buurt A never sees private or other-buurt reports; nuisance text only for reporter and handler', async () => {
		const publicA = await f.report();
		const nuisance = await f.report({ kind: 'nuisance', location: { kind: 'home' }, description: 'De buurman op nummer 3 draait elke nacht harde muziek.' });
		const publicB = await f.report({ who: 'outsider' });
		const [bram, olga, wim, sander, piet] = [await f.actor('member'), await f.actor('outsider'), await f.actor('staff'), await f.actor('supplier'), await f.actor('otherStaff')];
		const listA = (await listBuurtReports(f.db, bram, { buurtId: f.lindebuurt }, f.ctx.clock())).map((v) => v.row.id);
		expect(listA).toContain(publicA);
		expect(listA).not.toContain(nuisance);
		expect(listA).not.toContain(publicB);
		expect((await errorOf(listBuurtReports(f.db, bram, { buurtId: f.beukenbuurt }, f.ctx.clock()))).code).toBe('reports.buurt_not_found');
		expect((await errorOf(getReportDetail(f.db, bram, nuisance, f.ctx.clock()))).code).toBe('reports.not_found');
		expect((await errorOf(getReportDetail(f.db, olga, publicA, f.ctx.clock()))).code).toBe('reports.not_found');
		expect((await errorOf(getReportDetail(f.db, sander, nuisance, f.ctx.clock()))).code).toBe('reports.not_found');
		expect((await errorOf(getReportDetail(f.db, piet, publicA, f.ctx.clock()))).code).toBe('reports.not_found');
		expect((await getReportDetail(f.db, wim, nuisance, f.ctx.clock())).description).toContain('nummer 3');
		// The buurt sees the public report without the home address and with the first name only.
		const seen = await getReportDetail(f.db, bram, publicA, f.ctx.clock());
		expect(seen.reporterName).toBe('Anna');
		expect(seen.unitAddress).toBeNull();
		expect(seen.history.every((h) => h.note === null)).toBe(true);
		expect((await errorOf(listStaffQueue(f.db, bram, {}, f.ctx.clock()))).code).toBe('reports.forbidden');
		expect((await listStaffQueue(f.db, wim, {}, f.ctx.clock())).map((v) => v.row.id)).toEqual(expect.arrayContaining([publicA, nuisance, publicB]));
		expect((await listMyReports(f.db, await f.actor('reporter'), {}, f.ctx.clock())).map((v) => v.row.id)).toEqual(expect.arrayContaining([publicA, nuisance]));
	});

	it('a hidden name stays hidden from the buurt, not from staff', async () => {
		const id = await f.report({ hideName: true });
		expect((await getReportDetail(f.db, await f.actor('member'), id, f.ctx.clock())).reporterName).toBeNull();
		expect((await getReportDetail(f.db, await f.actor('staff'), id, f.ctx.clock())).reporterName).toBe('Anna de Vries');
	});
});

describe('jobs', () => {
	it('flags overdue reports once, and the staff queue filters them', async () => {
		const id = await f.report();
		f.ctx.advance(10 * DAY);
		try {
			expect(await flagOverdueReports(f.ctx)).toBeGreaterThan(0);
			expect(await flagOverdueReports(f.ctx)).toBe(0);
			expect((await reads.history(id)).at(-1)!.action).toBe('flag_overdue');
			const overdue = await listStaffQueue(f.db, await f.actor('staff'), { overdue: 'true' }, f.ctx.clock());
			expect(overdue.map((v) => v.row.id)).toContain(id);
		} finally {
			f.ctx.advance(-10 * DAY);
		}
	});

	it('anonymises reporters of reports closed longer than the retention period; the history replays still', async () => {
		const wim = await f.actor('staff');
		await saveReportSettings(f.ctx, wim, { corporationId: f.corporationId, retentionMonths: 1 });
		const id = await f.report({ kind: 'nuisance', location: { kind: 'home' }, description: 'De buren op nummer 7 maken ruzie.' });
		await resolveReport(f.ctx, wim, { reportId: id, note });
		await answerSatisfaction(f.ctx, await f.actor('reporter'), { reportId: id, score: 5, comment: 'Groet, Anna' });
		const open = await f.report();
		f.ctx.advance(40 * DAY);
		try {
			expect(await anonymiseClosedReports(f.ctx)).toBeGreaterThan(0);
			const [r] = await f.db.query<{ reporter_id: string | null; unit_id: string | null; description: string | null }>('SELECT reporter_id, unit_id, description FROM reports WHERE id = $1', [id]);
			expect(r).toEqual({ reporter_id: null, unit_id: null, description: null });
			expect((await f.db.query<{ comment: string | null; score: number }>('SELECT comment, score FROM report_satisfaction WHERE report_id = $1', [id]))[0]).toEqual({ comment: null, score: 5 });
			expect((await reads.history(id)).every((h) => h.actor_id !== f.ids.reporter)).toBe(true);
			expect((await f.db.query<{ reporter_id: string }>('SELECT reporter_id FROM reports WHERE id = $1', [open]))[0].reporter_id).toBe(f.ids.reporter);
			await expect(f.db.query('DELETE FROM report_history WHERE report_id = $1', [id])).rejects.toThrow(/append-only/);
			await expect(f.db.query(`UPDATE report_history SET note = 'x' WHERE report_id = $1`, [id])).rejects.toThrow(/append-only/);
		} finally {
			f.ctx.advance(-40 * DAY);
		}
	});

	it("a redirected help request becomes one report, linked both ways; the job and the edge's call are idempotent", async () => {
		const [anna, bram] = [await f.actor('reporter'), await f.actor('member')];
		const help = await askHelpRequest(f.ctx, anna, { buurtId: f.lindebuurt, category: 'overige', title: 'Lekkage in de berging', description: 'Er lekt water uit het plafond van de berging.', when: 'flexible', urgency: 'soon', place: 'shared' });
		await redirectHelpRequest(f.ctx, bram, { requestId: help.id, reason: 'Dit is werk voor de corporatie.', redirectKind: 'landlord_duty' });
		const before = await reads.count('reports');
		expect(await linkRedirectedRequests(f.ctx)).toBe(1);
		expect(await linkRedirectedRequests(f.ctx)).toBe(0);
		expect(await reportFromRedirectedRequest(f.ctx, help.id)).toBeNull();
		expect(await reads.count('reports')).toBe(before + 1);
		const link = await reportForHelpRequest(f.db, anna, help.id);
		expect(link).not.toBeNull();
		const d = await getReportDetail(f.db, anna, link!.id, f.ctx.clock());
		expect(d.isMine).toBe(true);
		expect(d.row.source_help_request_id).toBe(help.id);
		expect(d.row.location_kind).toBe('complex');
		expect(d.description).toContain('Lekkage in de berging');
		expect(await reportForHelpRequest(f.db, await f.actor('outsider'), help.id)).toBeNull();
	});
});

describe('buurt figures', () => {
	it('members read them; figures from fewer than 5 reports are suppressed', async () => {
		const wim = await f.actor('staff');
		const fig = await getBuurtPerformance(f.db, await f.actor('member'), { buurtId: f.lindebuurt }, f.ctx.clock());
		expect(fig.received.suppressed).toBe(false);
		expect(fig.meanSatisfaction).toEqual({ value: null, basis: null, suppressed: true });
		for (let i = 0; i < 5; i++) await rejectReport(f.ctx, wim, { reportId: await f.report(), note });
		const later = await getBuurtPerformance(f.db, wim, { buurtId: f.lindebuurt }, f.ctx.clock());
		expect(later.medianHoursToFirstResponse.suppressed).toBe(false);
		expect((await errorOf(getBuurtPerformance(f.db, await f.actor('outsider'), { buurtId: f.lindebuurt }, f.ctx.clock()))).code).toBe('reports.buurt_not_found');
	});
});
