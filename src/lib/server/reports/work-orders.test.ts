import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { openReportsTests, reportReads, errorOf, note, key, type ReportsFixture } from './test-fixtures';
import { closeWorkOrder, acknowledgeReport, assignReports, getReportDetail, listHandlingOptions, listWorkOrders, attachReportPhoto, createCategory, updateCategory, listCategories } from '.';
import { jpegWithGps, pdfBytes } from '../proposals/test-fixtures';

/**
 * The handling side's use cases: a partner closes a work order with a note and a photo in one
 * transaction (a bad photo changes nothing; the stored photo has no metadata; staff see it with
 * the step), the staff pages' options, and a category's description.
 */
let f: ReportsFixture;
const reads = reportReads(() => f.db);
beforeAll(async () => {
	f = await openReportsTests();
});
afterAll(() => f.db.close());

async function workOrder(): Promise<string> {
	const id = await f.report();
	await assignReports(f.ctx, await f.actor('staff'), { reportIds: [id], party: { kind: 'supplier', organisationId: f.supplierOrg } });
	return id;
}
const photo = async () => ({ field: 'photos', bytes: await jpegWithGps() });

describe('closing a work order with a photo', () => {
	it('resolves with the note and stores the photo without metadata, named in the history that staff read', async () => {
		const id = await workOrder();
		const sander = await f.actor('supplier');
		await acknowledgeReport(f.ctx, sander, { reportId: id, note });
		const r = await closeWorkOrder(f.ctx, sander, { reportId: id, note: 'Het slot is vervangen.', idempotencyKey: key() }, [await photo()]);
		expect(r.state).toBe('resolved');
		expect(r.photoIds).toHaveLength(1);
		const [stored] = await f.db.query<{ bytes: Uint8Array; purpose: string; position: number }>('SELECT bytes, purpose, position FROM report_photos WHERE id = $1', [r.photoIds[0]]);
		expect([stored.purpose, stored.position]).toEqual(['work_order', 1]);
		const meta = await sharp(Buffer.from(stored.bytes)).metadata();
		expect([meta.exif, meta.xmp, meta.iptc, meta.icc]).toEqual([undefined, undefined, undefined, undefined]);
		expect(Buffer.from(stored.bytes).includes(Buffer.from('Anna de Vries'))).toBe(false);

		const staffView = await getReportDetail(f.db, await f.actor('staff'), id, f.ctx.clock());
		const step = staffView.history.at(-1)!;
		expect([step.action, step.role, step.actorName, step.note]).toEqual(['resolve', 'partner', 'Sander de Boer', 'Het slot is vervangen.']);
		expect(step.details).toEqual({ photoIds: r.photoIds });
		expect(staffView.photos).toEqual([expect.objectContaining({ id: r.photoIds[0], purpose: 'work_order' })]);
		// The reporter sees the photo of the work done; a neighbour of the buurt does not, nor the details.
		expect((await getReportDetail(f.db, await f.actor('reporter'), id, f.ctx.clock())).photos.map((p) => p.purpose)).toEqual(['work_order']);
		const neighbour = await getReportDetail(f.db, await f.actor('neighbour'), id, f.ctx.clock());
		expect([neighbour.photos, neighbour.history.every((h) => h.details === null)]).toEqual([[], true]);
	});

	it('a photo the pipeline refuses leaves the state and the photos as they were', async () => {
		const id = await workOrder();
		const sander = await f.actor('supplier');
		const before = [await reads.stateOf(id), (await reads.history(id)).length, await reads.count('report_photos')];
		const e = await errorOf(closeWorkOrder(f.ctx, sander, { reportId: id, note }, [{ field: 'photos', bytes: pdfBytes() }]));
		expect([e.code, e.fields]).toEqual(['validation.invalid', { photos: 'photos.file_type' }]);
		const tooMany = await errorOf(closeWorkOrder(f.ctx, sander, { reportId: id, note }, await Promise.all([photo(), photo(), photo(), photo()])));
		expect(tooMany.fields).toEqual({ photos: 'photos.too_many_files' });
		expect([await reads.stateOf(id), (await reads.history(id)).length, await reads.count('report_photos')]).toEqual(before);
	});

	it('a refused step stores no photo: not his work order (404), a closed one (409), no note', async () => {
		const other = await f.report();
		const sander = await f.actor('supplier');
		const photos = await reads.count('report_photos');
		expect((await errorOf(closeWorkOrder(f.ctx, sander, { reportId: other, note }, [await photo()]))).code).toBe('reports.not_found');
		const id = await workOrder();
		expect((await errorOf(closeWorkOrder(f.ctx, sander, { reportId: id, note: '' }, [await photo()]))).fields).toEqual({ note: 'reports.note_required' });
		await closeWorkOrder(f.ctx, sander, { reportId: id, note });
		expect((await errorOf(closeWorkOrder(f.ctx, sander, { reportId: id, note }, [await photo()]))).code).toBe('reports.closed');
		expect(await reads.count('report_photos')).toBe(photos);
	});

	it("a closing photo never takes one of the reporter's three places", async () => {
		const anna = await f.actor('reporter');
		const id = await f.report();
		const png = { contentType: 'image/png' as const, bytes: new Uint8Array(await sharp({ create: { width: 4, height: 4, channels: 3, background: '#888' } }).png().toBuffer()), width: 4, height: 4 };
		for (let i = 0; i < 3; i++) await attachReportPhoto(f.ctx, anna, id, png);
		await assignReports(f.ctx, await f.actor('staff'), { reportIds: [id], party: { kind: 'supplier', organisationId: f.supplierOrg } });
		const r = await closeWorkOrder(f.ctx, await f.actor('supplier'), { reportId: id, note }, [await photo()]);
		expect(r.photoIds).toHaveLength(1);
		expect((await listWorkOrders(f.db, await f.actor('supplier'), {}, f.ctx.clock())).some((w) => w.row.id === id && w.row.state === 'resolved')).toBe(true);
	});
});

describe('what staff pages choose from', () => {
	it("lists the corporation's staff, partners, buurten and complexes, and the retention; others are refused", async () => {
		const o = await listHandlingOptions(f.db, await f.actor('staff'), f.corporationId);
		expect(o.staff.map((s) => s.name)).toContain('Wim Bakker');
		expect(o.organisations.map((x) => x.kind).sort()).toEqual(['municipality', 'supplier']);
		expect(o.buurten.length).toBeGreaterThanOrEqual(2);
		expect(o.complexes.some((c) => c.name === 'Lindehof')).toBe(true);
		expect(o.retentionMonths).toBe(12);
		for (const p of ['supplier', 'reporter', 'otherStaff'] as const) expect((await errorOf(listHandlingOptions(f.db, await f.actor(p), f.corporationId))).code).toBe('reports.forbidden');
	});

	it('a category keeps a description in both languages; an empty one clears it', async () => {
		const wim = await f.actor('staff');
		const { id } = await createCategory(f.ctx, wim, { corporationId: f.corporationId, kind: 'repairs', serviceCode: 'lift', nameNl: 'Lift', nameEn: 'Lift', descriptionNl: 'De lift doet het niet.', descriptionEn: 'The lift is broken.', visibility: 'public', party: { kind: 'corporation' }, slaWorkingDays: 2 });
		const find = async () => (await listCategories(f.db, wim, f.corporationId, f.ctx.clock())).categories.find((c) => c.id === id)!;
		expect([(await find()).description_nl, (await find()).description_en]).toEqual(['De lift doet het niet.', 'The lift is broken.']);
		await updateCategory(f.ctx, wim, { categoryId: id, descriptionNl: '' });
		expect([(await find()).description_nl, (await find()).description_en]).toEqual([null, 'The lift is broken.']);
	});
});
