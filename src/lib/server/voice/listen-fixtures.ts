import type { Db } from '../db/client';
import { createTestDb } from '../db/test-db';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { loadActor, type Actor, type DemoKey } from '../people';
import { demoNeighbourhood } from '../people/test-fixtures';
import { demoPdf } from './listen-demo';

/**
 * The listening tests' set-up: the demo neighbourhood (Wim staff of De Linde, Hanna on the
 * board of its tenants' association linked to the Lindebuurt, Olga staff of the second
 * corporation), and a second association linked to the Beukenbuurt with its own board member.
 */
export interface ListenFixture {
	db: Db;
	ctx: TestCtx;
	ids: Record<DemoKey, string>;
	linde: string;
	beuken: string;
	/** The Lindehof, a complex of the Lindebuurt. */
	lindehof: string;
	wijk: string;
	/** Hanna's association (Lindebuurt) and the Beukenbuurt's. */
	associationL: string;
	associationB: string;
	/** The Beukenbuurt association's board member. */
	boardB: string;
	actor(who: DemoKey | string): Promise<Actor>;
}

export async function openListenTests(): Promise<ListenFixture> {
	const db = await createTestDb();
	const ctx = testCtx(db);
	const { demo, linde, beuken } = await demoNeighbourhood(db, ctx);
	const [{ id: lindehof, wijk_code: wijk }] = await db.query<{ id: string; wijk_code: string }>(
		`SELECT c.id, b.wijk_code FROM complexes c JOIN buurten b ON b.id = c.buurt_id WHERE c.code = 'C-100'`
	);
	const [{ id: associationL }] = await db.query<{ id: string }>(`SELECT id FROM organisations WHERE kind = 'tenants_association' ORDER BY name LIMIT 1`);
	const [{ corporation_id }] = await db.query<{ corporation_id: string }>('SELECT corporation_id FROM buurten WHERE id = $1', [beuken.id]);
	const [{ id: associationB }] = await db.query<{ id: string }>(`INSERT INTO organisations (corporation_id, kind, name) VALUES ($1, 'tenants_association', 'Bewonerscommissie Beukenhof') RETURNING id`, [corporation_id]);
	await db.query('INSERT INTO organisation_buurten (organisation_id, buurt_id) VALUES ($1, $2)', [associationB, beuken.id]);
	const [{ id: boardB }] = await db.query<{ id: string }>(`INSERT INTO accounts (email, name) VALUES ('bert@example.test', 'Bert Beuk') RETURNING id`);
	await db.query('INSERT INTO partner_staff (account_id, organisation_id) VALUES ($1, $2)', [boardB, associationB]);
	return {
		db,
		ctx,
		ids: demo,
		linde: linde.id,
		beuken: beuken.id,
		lindehof,
		wijk,
		associationL,
		associationB,
		boardB,
		actor: async (who) => (await loadActor(db, who in demo ? demo[who as DemoKey] : who, ctx.clock()))!
	};
}

/** A real one-page PDF, as a document would be. */
export const pdfFile = async (name = 'besluit.pdf', field = 'documents') => ({ field, name, bytes: await demoPdf('Voorgenomen besluit', ['Een regel tekst.']) });
