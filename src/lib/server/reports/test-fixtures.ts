import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { createTestDb } from '../db/test-db';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { DomainError } from '../shared/errors';
import { loadActor, type Actor } from '../people';
import { demoNeighbourhood } from '../people/test-fixtures';
import { ensureDefaultCategories } from './categories';
import { createReport } from './create-report';
import type { CategoryKind, ReportState } from './model';

/**
 * The demo neighbourhood for the reports tests: in the Lindebuurt Anna (reporter), Bram and
 * Fatima (members), Kees (another member); Olga lives in the Beukenbuurt (outsider); Wim is
 * staff, Sander works for the supplier, Gert for the municipality, Carla for a care partner;
 * Piet is a member of the Beukenbuurt; Olga2 is staff of the second corporation.
 */
export type Persona = 'reporter' | 'member' | 'neighbour' | 'staff' | 'admin' | 'supplier' | 'municipality' | 'care' | 'outsider' | 'otherStaff';

export interface ReportsFixture {
	db: Db;
	ctx: TestCtx;
	ids: Record<Persona, string>;
	lindebuurt: string;
	beukenbuurt: string;
	corporationId: string;
	supplierOrg: string;
	municipalityOrg: string;
	category: Record<CategoryKind, string>;
	actor(p: Persona): Promise<Actor>;
	/** A new report by `who` (default: Anna) with valid answers for its category. */
	report(over?: { kind?: CategoryKind; who?: Persona; [k: string]: unknown }): Promise<string>;
}

export const key = () => `k-${randomUUID()}`;
export const note = 'Een duidelijke notitie voor de melder.';

/** Answers that fit each default category's required questions. */
export const validAnswers: Record<CategoryKind, Record<string, unknown>> = {
	repairs: { where: 'trappenhuis', dangerous: 'no' },
	cleanliness: { what: 'rubbish' },
	nuisance: { how_often: 'weekly' },
	safety: { dangerous: 'yes' },
	public_space: { what: 'street_light' },
	other: {}
};

export async function createReportsFixture(db: Db, ctx: TestCtx): Promise<ReportsFixture> {
	const { demo, linde, beuken, unitIn, person } = await demoNeighbourhood(db, ctx);
	const ids: Record<Persona, string> = {
		reporter: demo.tenant,
		member: demo.supervisor,
		neighbour: await person('Kees Hendriks', await unitIn('C-200', 2)),
		staff: demo.employee,
		admin: demo.admin,
		supplier: demo.supplier,
		municipality: demo.municipality,
		care: demo.care,
		outsider: await person('Olga Nowak', await unitIn('C-300', 3)),
		otherStaff: demo.olga
	};
	const [{ corporation_id: corporationId }] = await db.query<{ corporation_id: string }>('SELECT corporation_id FROM buurten WHERE id = $1', [linde.id]);
	await db.transaction((tx) => ensureDefaultCategories(tx, corporationId, ctx.clock()));
	const cats = await db.query<{ id: string; kind: CategoryKind }>('SELECT id, kind FROM report_categories WHERE corporation_id = $1 AND parent_id IS NULL', [corporationId]);
	const category = Object.fromEntries(cats.map((c) => [c.kind, c.id])) as Record<CategoryKind, string>;
	const orgs = await db.query<{ id: string; kind: string }>('SELECT id, kind FROM organisations WHERE corporation_id = $1', [corporationId]);
	const actor = async (p: Persona) => (await loadActor(db, ids[p], ctx.clock()))!;
	const report = async (over: { kind?: CategoryKind; who?: Persona; [k: string]: unknown } = {}) => {
		const { kind = 'repairs', who = 'reporter', ...rest } = over;
		const input = { categoryId: category[kind], location: { kind: 'complex' }, description: 'De lamp in het trappenhuis is kapot.', answers: validAnswers[kind], hideName: false, ...rest };
		return (await createReport(ctx, await actor(who), input)).id;
	};
	return {
		db, ctx, ids, lindebuurt: linde.id, beukenbuurt: beuken.id, corporationId, category, actor, report,
		supplierOrg: orgs.find((o) => o.kind === 'supplier')!.id,
		municipalityOrg: orgs.find((o) => o.kind === 'municipality')!.id
	};
}

export async function openReportsTests(): Promise<ReportsFixture> {
	const db = await createTestDb();
	return createReportsFixture(db, testCtx(db));
}

/** Reads the tests check against. */
export function reportReads(db: () => Db) {
	return {
		stateOf: async (id: string) => (await db().query<{ state: ReportState }>('SELECT state FROM reports WHERE id = $1', [id]))[0].state,
		history: (id: string) => db().query<{ seq: number; action: string; from_state: ReportState | null; to_state: ReportState; note: string | null; actor_id: string | null }>('SELECT seq, action, from_state, to_state, note, actor_id FROM report_history WHERE report_id = $1 ORDER BY seq', [id]),
		count: async (table: string) => (await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n
	};
}

/** Awaits a rejection and returns its DomainError code, field codes and details. */
export async function errorOf(p: Promise<unknown>): Promise<{ code: string; fields: Record<string, string>; details: Record<string, unknown> }> {
	try {
		await p;
	} catch (e) {
		if (e instanceof DomainError) return { code: e.code, fields: e.fields, details: e.details };
		throw e;
	}
	throw new Error('expected a DomainError');
}
