import type { Db } from '../db/client';
import { createTestDb } from '../db/test-db';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { loadActor, type Actor, type DemoKey } from '../people';
import { demoNeighbourhood } from '../people/test-fixtures';

/**
 * Moderation tests' set-up: the demo neighbourhood (Anna, Bram, Noor and Fatima — the Lindebuurt's
 * ambassador — in the Lindebuurt; Piet in the Beukenbuurt; Wim, Henk, Ayla staff of De Linde;
 * Olga staff of the second corporation), plus neighbours made on demand: each in a home of their
 * own on the Eikenlaan, or a housemate in someone's home (one household, two accounts).
 */
export interface ModerationFixture {
	db: Db;
	ctx: TestCtx;
	ids: Record<DemoKey, string>;
	linde: string;
	beuken: string;
	actor(who: DemoKey): Promise<Actor>;
	load(accountId: string): Promise<Actor>;
	/** A new neighbour in the next free home on the Eikenlaan (Lindebuurt). */
	neighbour(name?: string): Promise<Actor>;
	/** A second account living in the same home as `of`. */
	housemate(of: Actor, name?: string): Promise<Actor>;
}

export async function openModerationTests(): Promise<ModerationFixture> {
	const db = await createTestDb();
	const ctx = testCtx(db);
	const { demo, linde, beuken, unitIn, person } = await demoNeighbourhood(db, ctx);
	const load = async (id: string) => (await loadActor(db, id, ctx.clock()))!;
	let next = 0;
	return {
		db,
		ctx,
		ids: demo,
		linde: linde.id,
		beuken: beuken.id,
		actor: (who) => load(demo[who]),
		load,
		neighbour: async (name = 'Buur Eikenlaan') => load(await person(name, await unitIn('C-200', next++ % 12))),
		housemate: async (of, name = 'Huisgenoot') => load(await person(name, of.memberships[0].unitId))
	};
}
