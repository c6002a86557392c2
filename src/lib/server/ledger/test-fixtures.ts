import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/client';

/**
 * Minimal places and people for ledger tests and the benchmark. Writes other modules' tables
 * directly because only their foreign keys matter here; swap for the places/people modules'
 * own fixtures once they exist.
 */

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');

export async function createBuurt(q: Queryable): Promise<string> {
	const gemeente = `GM${digits(4)}`;
	const wijk = `WK${gemeente.slice(2)}${digits(2)}`;
	await q.query('INSERT INTO gemeenten (code, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [gemeente, 'Testgemeente']);
	await q.query('INSERT INTO wijken (code, gemeente_code, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
		wijk,
		gemeente,
		'Testwijk'
	]);
	const [corporation] = await q.query<{ id: string }>(
		'INSERT INTO corporations (name) VALUES ($1) RETURNING id',
		['Testcorporatie']
	);
	const [buurt] = await q.query<{ id: string }>(
		`INSERT INTO buurten (code, cbs_year, wijk_code, corporation_id, name)
		 VALUES ($1, 2024, $2, $3, 'Testbuurt') RETURNING id`,
		[`BU${wijk.slice(2)}${digits(2)}`, wijk, corporation.id]
	);
	return buurt.id;
}

export async function createPerson(q: Queryable, name = 'Test Lid'): Promise<string> {
	const [person] = await q.query<{ id: string }>('INSERT INTO accounts (email, name) VALUES ($1, $2) RETURNING id', [
		`${randomBytes(8).toString('hex')}@example.test`,
		name
	]);
	return person.id;
}
