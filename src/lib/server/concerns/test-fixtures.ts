import type { Db } from '../db/client';
import { createTestDb } from '../db/test-db';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { DomainError } from '../shared/errors';
import { loadActor, setSocialTeamMember, type Actor, type DemoKey } from '../people';
import { demoNeighbourhood } from '../people/test-fixtures';
import { seedReportsDemo } from '../reports';

/**
 * The concerns tests' set-up: the demo neighbourhood (Anna, Bram — the Lindebuurt's supervisor —,
 * Noor and Fatima in the Lindehof/Lindebuurt; Piet in the Beukenbuurt; Wim, Henk, Ayla staff of
 * De Linde; Olga and Kees of the second corporation; the four partners), the demo's meldingen
 * (Sander's supplier has a work order at the Lindehof complex), and Henk named to De Linde's
 * social team by Ayla.
 */
export interface ConcernsFixture {
	db: Db;
	ctx: TestCtx;
	ids: Record<DemoKey, string>;
	corporationId: string;
	otherCorporationId: string;
	actor(who: DemoKey): Promise<Actor>;
	unitIn(complex: string, n: number): Promise<string>;
	person(name: string, unit: string): Promise<string>;
}

export async function openConcernTests(): Promise<ConcernsFixture> {
	const db = await createTestDb();
	const ctx = testCtx(db);
	const { demo, unitIn, person } = await demoNeighbourhood(db, ctx);
	await seedReportsDemo(ctx, demo);
	const actor = async (who: DemoKey) => (await loadActor(db, demo[who], ctx.clock()))!;
	const admin = await actor('admin');
	const corporationId = admin.staff[0].corporationId;
	await setSocialTeamMember(ctx, admin, { corporationId, accountId: demo.henk }, true);
	const otherCorporationId = (await actor('olga')).staff[0].corporationId;
	return { db, ctx, ids: demo, corporationId, otherCorporationId, actor, unitIn, person };
}

/** The error code of a refused call ('ok' when it went through). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
	try {
		await p;
		return 'ok';
	} catch (err) {
		if (err instanceof DomainError) return err.code;
		throw err;
	}
}

export async function fieldsOf(p: Promise<unknown>): Promise<Record<string, string>> {
	const err = await p.catch((e) => e);
	if (!(err instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(err)}`);
	return err.fields;
}

export const text = 'Ik heb mijn buurvrouw al vier dagen niet gezien en de gordijnen blijven dicht.';
