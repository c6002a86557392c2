import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { countQueries } from '../db/query-count';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { seedDemoNeighbourhood } from '../demo';
import { demoAccounts, loadActor, type Actor } from '../people';
import { askHelpRequest } from '../help';
import { exportFigures, getDashboard, refreshAllDashboards, refreshDirtyBuurten, toCsv, toGeoJson, SUPPRESSED_TEXT } from './index';

/**
 * The dashboard on the demo neighbourhood: what each persona sees, the incremental refresh with
 * an injected clock (only the changed buurt's rows — and its parents' — recomputed), the exports
 * validated, and a fixed number of statements per page read.
 */
let db: Db;
let ctx: TestCtx;
const who: Record<string, Actor> = {};
let lindebuurt = '';
let beukenbuurt = '';

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db, new Date('2026-03-16T10:00:00Z'));
	await seedDemoNeighbourhood(ctx);
	for (const a of demoAccounts) {
		const [row] = await db.query<{ id: string }>('SELECT id FROM accounts WHERE email = $1', [a.email]);
		who[a.email.split('@')[0]] = (await loadActor(db, row.id, ctx.clock()))!;
	}
	const buurten = await db.query<{ id: string; name: string }>('SELECT id, name FROM buurten');
	lindebuurt = buurten.find((b) => b.name === 'Lindebuurt')!.id;
	beukenbuurt = buurten.find((b) => b.name === 'Beukenbuurt')!.id;
}, 120_000);
afterAll(() => db.close());

const read = (actor: Actor, input: Record<string, string> = {}) => getDashboard(db, actor, input, ctx.clock());
const figure = (view: Awaited<ReturnType<typeof read>>, metric: string) => view.figures.find((f) => f.metric === metric)!;

describe('figures on the demo neighbourhood', () => {
	it('the Lindebuurt shows its neighbours helping each other this year; the Beukenbuurt (one member) shows "<5"', async () => {
		const year = await read(who.wim, { area: `buurt:${lindebuurt}`, period: '2026' });
		expect(figure(year, 'help.completed').value).toBeGreaterThanOrEqual(5);
		expect(figure(year, 'help.reciprocity').value).toBeGreaterThanOrEqual(0.5);
		expect(figure(year, 'help.completed').computedAt).toEqual(ctx.clock());
		const beuken = await read(who.wim, { area: `buurt:${beukenbuurt}`, period: '2026' });
		expect(figure(beuken, 'members.count')).toMatchObject({ suppressed: true, value: null });
	});

	it('complementary suppression: the wijk is the two buurten, so the Lindebuurt\'s members hide too — the wijk minus one never gives the other', async () => {
		const wijk = await read(who.wim, { area: 'wijk:WK999901' });
		const members = wijk.childFigures.map((c) => c.figures['members.count']!);
		expect(members.filter((f) => f.suppressed)).toHaveLength(2);
		expect(figure(wijk, 'members.count').suppressed).toBe(false);
	});

	it('who sees what: a member their buurt, staff the corporation, the association its buurt and complexes, the municipality its gemeente', async () => {
		const anna = await read(who.anna);
		expect(anna.area).toMatchObject({ kind: 'buurt', id: lindebuurt });
		expect(anna.children).toEqual([]);
		// The corporation's response performance is among a member's figures (equality).
		expect(anna.figures.map((f) => f.metric)).toContain('reports.first_response_hours');
		for (const area of [`buurt:${beukenbuurt}`, 'wijk:WK999901', 'gemeente:GM9999', `corporation:${lindebuurt}`]) await expect(read(who.anna, { area })).rejects.toMatchObject({ code: 'dashboard.not_found' });

		const wim = await read(who.wim);
		expect(wim.area.kind).toBe('corporation');
		expect(wim.children.map((c) => c.id)).toEqual(['GM9999']);

		const hanna = await read(who.hanna);
		expect(hanna.area).toMatchObject({ kind: 'buurt', id: lindebuurt });
		expect(hanna.children.map((c) => c.kind)).toEqual(['complex', 'complex']);
		await expect(read(who.hanna, { area: 'wijk:WK999901' })).rejects.toMatchObject({ code: 'dashboard.not_found' });

		const gert = await read(who.gert);
		expect(gert.area).toMatchObject({ kind: 'gemeente', id: 'GM9999' });
		const buurt = await read(who.gert, { area: `buurt:${lindebuurt}` });
		expect(buurt.children).toEqual([]);
		await expect(read(who.gert, { area: `buurt:${beukenbuurt}` })).rejects.toMatchObject({ code: 'dashboard.not_found' });
		expect((await read(who.gert, { area: 'wijk:WK999901' })).children.map((c) => c.id)).toEqual([lindebuurt]);
		const [complex] = hanna.children;
		await expect(read(who.gert, { area: `complex:${complex.id}` })).rejects.toMatchObject({ code: 'dashboard.not_found' });

		for (const nobody of [who.carla, who.sander]) await expect(read(nobody)).rejects.toMatchObject({ code: 'dashboard.not_found' });
		await expect(read(who.olga, { area: `buurt:${lindebuurt}` })).rejects.toMatchObject({ code: 'dashboard.not_found' });
		expect((await read(who.olga)).area.name).toMatch(/Woonbron/);
	});

	it('bad input is a 4xx code, never a crash', async () => {
		await expect(read(who.wim, { period: '2019-01' })).rejects.toMatchObject({ code: 'dashboard.invalid_period' });
		await expect(read(who.wim, { period: 'maart' })).rejects.toMatchObject({ code: 'validation.invalid' });
		await expect(read(who.wim, { area: "buurt:'; DROP" })).rejects.toMatchObject({ code: 'dashboard.not_found' });
		await expect(read(who.wim, { metric: 'nope.nope' })).rejects.toMatchObject({ code: 'validation.invalid' });
	});

	it('a page read is at most four statements (three without children), whatever the area', async () => {
		for (const [actor, area] of [[who.wim, undefined], [who.wim, 'wijk:WK999901'], [who.anna, undefined], [who.gert, 'gemeente:GM9999']] as const) {
			const { queries } = await countQueries(() => read(actor, area ? { area } : {}));
			expect(queries).toBe(area === undefined && actor === who.anna ? 3 : 4);
		}
	});
});

describe('the incremental refresh', () => {
	it('recomputes only the changed buurt (and its complexes and parents), with the injected clock as computed_at', async () => {
		const t1 = ctx.clock();
		await refreshAllDashboards(db, ctx.clock);
		expect((await db.query('SELECT 1 FROM dashboard_dirty')).length).toBe(0);
		const before = figure(await read(who.wim, { area: `buurt:${lindebuurt}` }), 'help.asked');

		ctx.advance(3600_000);
		const t2 = ctx.clock();
		await askHelpRequest(ctx, who.anna, { buurtId: lindebuurt, category: 'veiligheid', title: 'Wie loopt mee in het donker?', description: 'Ik kom laat thuis en het pad is donker.', when: 'flexible', urgency: 'no_rush', place: 'buurt' });
		expect((await db.query<{ buurt_id: string }>('SELECT DISTINCT buurt_id FROM dashboard_dirty')).map((r) => r.buurt_id)).toEqual([lindebuurt]);
		// Not yet refreshed: pages read the stored rows, not the tables.
		expect(figure(await read(who.wim, { area: `buurt:${lindebuurt}` }), 'help.asked')).toEqual(before);

		expect(await refreshDirtyBuurten(db, ctx.clock)).toBe(1);
		const after = figure(await read(who.wim, { area: `buurt:${lindebuurt}` }), 'help.asked');
		expect(after.computedAt).toEqual(t2);
		expect(after.suppressed || after.value === (before.value ?? 0) + 1).toBe(true);

		const stamps = await db.query<{ area_kind: string; area_id: string; at: Date }>(
			`SELECT area_kind, area_id, max(computed_at) AS at FROM dashboard_figures f JOIN corporations c ON c.id = f.corporation_id
			 WHERE c.name LIKE 'Woonstichting De Linde%' AND period_kind = 'month' AND period_start = '2026-03-01' GROUP BY area_kind, area_id`
		);
		const at = (kind: string, id: string) => stamps.find((s) => s.area_kind === kind && s.area_id === id)!.at;
		expect(at('buurt', beukenbuurt)).toEqual(t1);
		for (const [kind, id] of [['buurt', lindebuurt], ['wijk', 'WK999901'], ['gemeente', 'GM9999']]) expect(at(kind, id)).toEqual(t2);
		const complexes = stamps.filter((s) => s.area_kind === 'complex');
		expect(complexes.filter((c) => c.at.getTime() === t2.getTime())).toHaveLength(2);
		expect(complexes.filter((c) => c.at.getTime() === t1.getTime())).toHaveLength(1);
		// The other corporation was not touched at all.
		const [other] = await db.query<{ at: Date }>(`SELECT max(computed_at) AS at FROM dashboard_figures f JOIN corporations c ON c.id = f.corporation_id WHERE c.name LIKE 'Woonbron%'`);
		expect(other.at).toEqual(t1);
		expect((await db.query('SELECT 1 FROM dashboard_dirty')).length).toBe(0);
	});
});

// RFC 7946: a FeatureCollection of Features whose geometry is a Geometry object or null.
const position = z.array(z.number()).min(2).max(3);
const geometry: z.ZodType = z.lazy(() =>
	z.discriminatedUnion('type', [
		z.object({ type: z.literal('Point'), coordinates: position }),
		z.object({ type: z.literal('MultiPoint'), coordinates: z.array(position) }),
		z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) }),
		z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position).min(2)) }),
		z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position).min(4)) }),
		z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position).min(4))) }),
		z.object({ type: z.literal('GeometryCollection'), geometries: z.array(geometry) })
	])
);
const featureCollection = z.object({
	type: z.literal('FeatureCollection'),
	bbox: z.array(z.number()).min(4).optional(),
	features: z.array(
		z.object({
			type: z.literal('Feature'),
			id: z.union([z.string(), z.number()]).optional(),
			geometry: geometry.nullable(),
			properties: z.record(z.string(), z.unknown()).nullable()
		})
	)
});

describe('exports', () => {
	it('CSV parses (csv-parse), one row per buurt with its CBS code and year, "<5" where suppressed', async () => {
		const { level, period, rows } = await exportFigures(db, who.wim, { level: 'buurt', period: '2026' }, ctx.clock());
		const records = parse(toCsv(level, period, rows), { columns: true }) as Record<string, string>[];
		expect(records.map((r) => [r.cbs_code, r.cbs_year]).sort()).toEqual([['BU99990101', '2025'], ['BU999901AB', '2025']]);
		const beuken = records.find((r) => r.cbs_code === 'BU999901AB')!;
		expect(beuken['members.count']).toBe(SUPPRESSED_TEXT);
		const linde = records.find((r) => r.cbs_code === 'BU99990101')!;
		expect(Number(linde['help.completed'])).toBeGreaterThanOrEqual(5);
		// Nothing a suppressed cell hides is in the file.
		for (const r of records) for (const [k, v] of Object.entries(r)) if (k.includes('.')) expect(v === '' || v === SUPPRESSED_TEXT || Number.isFinite(Number(v))).toBe(true);
	});

	it('GeoJSON passes an RFC 7946 schema and carries the CBS codes (gemeente, wijk, buurt)', async () => {
		for (const [lvl, codes] of [['buurt', ['BU99990101', 'BU999901AB']], ['wijk', ['WK999901']], ['gemeente', ['GM9999']]] as const) {
			const { level, period, rows } = await exportFigures(db, who.wim, { level: lvl, period: '2026-03' }, ctx.clock());
			const doc = featureCollection.parse(JSON.parse(JSON.stringify(toGeoJson(level, period, rows))));
			expect(doc.features.map((f) => f.properties!.statcode).sort()).toEqual([...codes]);
			expect(doc.features.every((f) => f.properties!.jaar === 2025)).toBe(true);
		}
		const complexes = await exportFigures(db, who.wim, { level: 'complex' }, ctx.clock());
		expect(() => toGeoJson(complexes.level, complexes.period, complexes.rows)).toThrow(expect.objectContaining({ code: 'dashboard.invalid_level' }));
	});

	it('exports hold only what the actor may see', async () => {
		const anna = await exportFigures(db, who.anna, { level: 'buurt' }, ctx.clock());
		expect(anna.rows.map((r) => r.area.id)).toEqual([lindebuurt]);
		expect((await exportFigures(db, who.anna, { level: 'wijk' }, ctx.clock())).rows).toEqual([]);
		expect((await exportFigures(db, who.gert, { level: 'complex' }, ctx.clock())).rows).toEqual([]);
		// The municipality: the buurten staff linked it to (the Lindebuurt), and the wijk and gemeente they lie in.
		expect((await exportFigures(db, who.gert, { level: 'buurt' }, ctx.clock())).rows.map((r) => r.area.id)).toEqual([lindebuurt]);
		expect((await exportFigures(db, who.gert, { level: 'wijk' }, ctx.clock())).rows.map((r) => r.area.id)).toEqual(['WK999901']);
		await expect(exportFigures(db, who.carla, {}, ctx.clock())).rejects.toMatchObject({ code: 'dashboard.not_found' });
	});
});
