import type { Db } from '../db/client';
import { createTestDb } from '../db/test-db';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { DomainError } from '../shared/errors';
import { loadActor, type Actor, type DemoKey } from '../people';
import { demoNeighbourhood } from '../people/test-fixtures';
import { amsterdamDay } from './surveys-manage';

/**
 * The voice tests' set-up: the demo neighbourhood (Anna, Bram, Noor, Fatima in the Lindebuurt;
 * Piet in the Beukenbuurt; Wim, Henk, Ayla staff of De Linde; Olga and Kees of the second
 * corporation; Hanna of the tenants' association, linked to the Lindebuurt), and `neighbours(n)`:
 * n more members of the Lindebuurt, each in their own Eikenlaan home.
 */
export interface VoiceFixture {
	db: Db;
	ctx: TestCtx;
	ids: Record<DemoKey, string>;
	linde: string;
	beuken: string;
	actor(who: DemoKey): Promise<Actor>;
	actorOf(accountId: string): Promise<Actor>;
	neighbours(n: number): Promise<Actor[]>;
	/** Amsterdam days from the test clock (0 = today). */
	day(offset: number): string;
}

export async function openVoiceTests(): Promise<VoiceFixture> {
	const db = await createTestDb();
	const ctx = testCtx(db);
	const { demo, linde, beuken, person } = await demoNeighbourhood(db, ctx);
	const actorOf = async (id: string) => (await loadActor(db, id, ctx.clock()))!;
	return {
		db,
		ctx,
		ids: demo,
		linde: linde.id,
		beuken: beuken.id,
		actor: (who) => actorOf(demo[who]),
		actorOf,
		async neighbours(n) {
			const out: Actor[] = [];
			// Homes of the Lindebuurt nobody lives in yet: the Eikenlaan first, then the Lindehof.
			const free = await db.query<{ id: string }>(
				`SELECT u.id FROM units u JOIN complexes c ON c.id = u.complex_id WHERE c.buurt_id = $1 AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.unit_id = u.id)
				 ORDER BY c.code DESC, u.house_number LIMIT $2`,
				[linde.id, n]
			);
			if (free.length < n) throw new Error(`only ${free.length} free homes left in the Lindebuurt`);
			for (const [i, u] of free.entries()) out.push(await actorOf(await person(`Buur ${i + 1}`, u.id)));
			return out;
		},
		day: (offset) => amsterdamDay(new Date(ctx.clock().getTime() + offset * 864e5))
	};
}

/** The error code a promise fails with ('ok' when it does not). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
	try {
		await p;
		return 'ok';
	} catch (err) {
		if (err instanceof DomainError) return err.code;
		throw err;
	}
}

/** The field messages of a DomainError. */
export async function fieldsOf(p: Promise<unknown>): Promise<Record<string, string>> {
	const err = await p.catch((e) => e);
	if (!(err instanceof DomainError)) throw new Error(`expected a DomainError, got ${err}`);
	return err.fields;
}

/** The store's question read, for the tests. */
export { surveyQuestions } from './survey-store';
