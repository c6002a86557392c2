import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { openReportsTests, reportReads, errorOf, key, validAnswers, type ReportsFixture } from './test-fixtures';
import { createReport, getReportPhoto, getReportDetail, reportFormPlaces, type PreparedPhoto } from '.';
import { cleanPhotos } from '../photos';

/**
 * A report and its photos are one use case (createReport with prepared photos): the photo that
 * is stored is the pipeline's — GPS and all metadata gone —, a photo the database refuses
 * leaves no report behind, and a photo is served to whoever may see its report's details.
 */
let f: ReportsFixture;
const reads = reportReads(() => f.db);
beforeAll(async () => {
	f = await openReportsTests();
});
afterAll(() => f.db.close());

/** A camera-like JPEG with the GPS position and the owner's name in its EXIF. */
async function jpegWithGps(): Promise<Uint8Array> {
	const out = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 30, g: 120, b: 200 } } })
		.jpeg()
		.withExifMerge({
			IFD0: { Copyright: 'Anna de Vries', Make: 'Phone' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 13/1 20/1', GPSLongitudeRef: 'E', GPSLongitude: '6/1 53/1 38/1', GPSMapDatum: 'WGS-84' }
		})
		.toBuffer();
	return new Uint8Array(out);
}

const input = (over: Record<string, unknown> = {}) => ({
	categoryId: f.category.repairs,
	location: { kind: 'complex' },
	description: 'De deur van de berging sluit niet.',
	answers: validAnswers.repairs,
	hideName: false,
	...over
});

describe('a report with photos', () => {
	it('stores the cleaned photo — no GPS, no name — in the same use case as the report', async () => {
		const raw = await jpegWithGps();
		expect(Buffer.from(raw).includes(Buffer.from('WGS-84'))).toBe(true);
		const photos = await cleanPhotos([{ field: 'photos', bytes: raw }], { max: 3 });
		const anna = await f.actor('reporter');
		const r = await createReport(f.ctx, anna, input(), photos);
		const d = await getReportDetail(f.db, anna, r.id, f.ctx.clock());
		expect(d.photos).toHaveLength(1);
		const stored = await getReportPhoto(f.db, anna, d.photos[0].id);
		expect(stored.contentType).toBe('image/jpeg');
		expect(Buffer.from(stored.bytes).equals(Buffer.from(photos[0].bytes))).toBe(true);
		const meta = await sharp(stored.bytes).metadata();
		expect([meta.exif, meta.xmp, meta.iptc, meta.icc]).toEqual([undefined, undefined, undefined, undefined]);
		expect(Buffer.from(stored.bytes).includes(Buffer.from('WGS-84'))).toBe(false);
		expect(Buffer.from(stored.bytes).includes(Buffer.from('Anna'))).toBe(false);
	});

	it('a photo the database refuses leaves no report, no history and no photo behind', async () => {
		const [reports, history, photos] = await Promise.all(['reports', 'report_history', 'report_photos'].map((t) => reads.count(t)));
		const good = (await cleanPhotos([{ field: 'photos', bytes: await jpegWithGps() }], { max: 3 }))[0];
		// Passes the friendly checks but not the table's (a width that is no whole number): the
		// report row is already written when the photo fails, so only one transaction undoes it.
		const bad: PreparedPhoto = { ...good, width: 1.5 };
		await expect(createReport(f.ctx, await f.actor('reporter'), input({ idempotencyKey: key() }), [good, bad])).rejects.toThrow();
		expect(await Promise.all(['reports', 'report_history', 'report_photos'].map((t) => reads.count(t)))).toEqual([reports, history, photos]);
	});

	it('names a wrong photo next to the photo field, and writes nothing', async () => {
		const before = await reads.count('reports');
		const good = (await cleanPhotos([{ field: 'photos', bytes: await jpegWithGps() }], { max: 3 }))[0];
		const gif = { ...good, contentType: 'image/gif' } as unknown as PreparedPhoto;
		expect((await errorOf(createReport(f.ctx, await f.actor('reporter'), input(), [gif]))).fields).toEqual({ photos: 'photos.file_type' });
		const four = await errorOf(createReport(f.ctx, await f.actor('reporter'), input(), [good, good, good, good]));
		expect(four.fields).toEqual({ photos: 'reports.too_many_photos' });
		expect(await reads.count('reports')).toBe(before);
	});

	it('the same key twice is one report with its photos once', async () => {
		const photos = await cleanPhotos([{ field: 'photos', bytes: await jpegWithGps() }], { max: 3 });
		const anna = await f.actor('reporter');
		const k = key();
		const a = await createReport(f.ctx, anna, input({ idempotencyKey: k }), photos);
		const b = await createReport(f.ctx, anna, input({ idempotencyKey: k }), photos);
		expect(b.id).toBe(a.id);
		expect((await getReportDetail(f.db, anna, a.id, f.ctx.clock())).photos).toHaveLength(1);
	});
});

describe('serving a photo', () => {
	it('to whoever may see the report: reporter, buurt member (public report), staff — nobody else', async () => {
		const photos = await cleanPhotos([{ field: 'photos', bytes: await jpegWithGps() }], { max: 3 });
		const pub = await createReport(f.ctx, await f.actor('reporter'), input(), photos);
		const priv = await createReport(f.ctx, await f.actor('reporter'), input({ categoryId: f.category.nuisance, location: { kind: 'home' }, answers: validAnswers.nuisance }), photos);
		const photoOf = async (id: string) => (await getReportDetail(f.db, await f.actor('reporter'), id, f.ctx.clock())).photos[0].id;
		const [p, q] = [await photoOf(pub.id), await photoOf(priv.id)];
		const sees = async (who: Parameters<ReportsFixture['actor']>[0], id: string) =>
			getReportPhoto(f.db, await f.actor(who), id).then(() => 'ok', (e: { code?: string }) => e.code);
		expect(await sees('member', p)).toBe('ok');
		expect(await sees('staff', p)).toBe('ok');
		expect(await sees('outsider', p)).toBe('reports.not_found');
		expect(await sees('otherStaff', p)).toBe('reports.not_found');
		expect(await sees('reporter', q)).toBe('ok');
		expect(await sees('staff', q)).toBe('ok');
		expect(await sees('member', q)).toBe('reports.not_found');
		expect(await sees('member', 'not-a-uuid')).toBe('reports.not_found');
		expect(await sees('member', '00000000-0000-4000-8000-000000000000')).toBe('reports.not_found');
	});
});

describe('the report form', () => {
	it('offers the member their own home and complex, and their buurt', async () => {
		const places = await reportFormPlaces(f.db, await f.actor('reporter'));
		expect(places.homes).toHaveLength(1);
		expect(places.complexes.map((c) => c.name)).toEqual(['Lindehof']);
		expect(places.buurten.map((b) => b.id)).toEqual([f.lindebuurt]);
		expect((await reportFormPlaces(f.db, await f.actor('staff'))).homes).toEqual([]);
	});
});
