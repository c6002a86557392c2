import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { seedDemo } from './demo-seed';

/**
 * The demo neighbourhood for module tests, plus the means to add neighbours: its two buurten,
 * a unit by complex code and position, and a new tenant of a unit. Shared by the help and
 * proposals fixtures instead of a copy in each.
 */
export async function demoNeighbourhood(db: Db, ctx: TestCtx) {
	const demo = await seedDemo(ctx);
	const [linde] = await db.query<{ id: string }>(`SELECT id FROM buurten WHERE name = 'Lindebuurt'`);
	const [beuken] = await db.query<{ id: string }>(`SELECT id FROM buurten WHERE name = 'Beukenbuurt'`);
	const unitIn = async (complex: string, n: number) =>
		(await db.query<{ id: string }>(`SELECT u.id FROM units u JOIN complexes c ON c.id = u.complex_id WHERE c.code = $1 ORDER BY u.house_number OFFSET $2 LIMIT 1`, [complex, n]))[0].id;
	const person = async (name: string, unit: string) => {
		const [a] = await db.query<{ id: string }>('INSERT INTO accounts (email, name) VALUES ($1, $2) RETURNING id', [`${randomUUID()}@example.test`, name]);
		await db.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', '2024-01-01')`, [a.id, unit]);
		return a.id;
	};
	return { demo, linde, beuken, unitIn, person };
}
