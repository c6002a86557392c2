import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { createTestDb } from '../db/test-db';
import { dutchLexemes, isSimilar, similarity } from './similarity';

/**
 * The "support that one instead?" threshold, on real-looking Dutch proposal titles: pairs a
 * neighbour would call the same plan, and pairs that only share little words or the place.
 * The lexemes come from PostgreSQL's Dutch configuration on the test database (PGlite).
 */

let db: Db;
beforeAll(async () => {
	db = await createTestDb();
});
afterAll(() => db.close());

const alike: [string, string][] = [
	['Een bankje bij de speeltuin', 'Nieuwe bankjes bij de speeltuin Lindehof'],
	['Een bankje bij de speeltuin', 'Bankjes rond het speeltuintje'],
	['Buurtfeest in de zomer', 'Zomerfeest voor de hele buurt'],
	['Buurtfeest in de zomer', 'Een buurtfeest op het plein'],
	['Moestuin op het grasveld', 'Gezamenlijke moestuin'],
	['Verlichting bij de fietsenstalling', 'Betere verlichting in de fietsenstalling'],
	['AED aan de gevel', 'Een AED-kast voor de buurt'],
	['Speeltoestel voor kleine kinderen', 'Speeltoestellen voor de kleintjes'],
	['Plantenbakken op het plein', 'Meer plantenbakken in de straat'],
	['Picknicktafel in het park', 'Picknicktafels bij de vijver'],
	['Boekenkastje voor de buurt', 'Minibibliotheek en boekenkastjes'],
	['Cursus Nederlands voor nieuwe buren', 'Taalcursus Nederlands']
];

const different: [string, string][] = [
	['Buurtfeest in de zomer', 'Een bankje bij de speeltuin'],
	['Bloembakken in de straat', 'Verlichting in de straat'],
	['Hondenpoepbakken in het park', 'Picknicktafel in het park'],
	['Zomerbloemen in bakken', 'Buurtfeest in de zomer'],
	['Een bankje bij de speeltuin', 'Bankrekening voor de buurtpot'],
	['Speeltuin opknappen', 'Speeltoestel voor kleine kinderen'],
	['Cursus Nederlands voor nieuwe buren', 'Buurtfeest in de zomer'],
	['Zonnepanelen op het dak van de buurtschuur', 'Een bankje bij de speeltuin'],
	['AED aan de gevel', 'Gevelbankje bij de ingang'],
	['Opruimdag in het voorjaar', 'Voorjaarsmarkt op het plein'],
	['Nieuwe fietsenrekken', 'Nieuwe vuilnisbakken'],
	['Een boom planten op het plein', 'Een boomhut in het park']
];

async function score(a: string, b: string) {
	const [qa, qb] = await dutchLexemes(db, [a, b]);
	return similarity(qa, qb);
}

describe('similar proposals (Dutch full-text search)', () => {
	it('stems Dutch titles in PostgreSQL (Snowball dictionary on PGlite too)', async () => {
		expect(await dutchLexemes(db, ['Een bankje bij de speeltuin', 'Buurtfeest in de zomer', 'Café Ónder de Linden'])).toEqual([
			['bankj', 'speeltuin'],
			['buurtfeest', 'zomer'],
			['caf', 'lind'] // "onder" is a Dutch stop word
		]);
	});

	it.each(alike)('"%s" is like "%s"', async (a, b) => {
		expect(isSimilar(await score(a, b)), `${a} ~ ${b}: ${await score(a, b)}`).toBe(true);
		expect(isSimilar(await score(b, a)), 'both ways').toBe(true);
	});

	it.each(different)('"%s" is not like "%s"', async (a, b) => {
		expect(isSimilar(await score(a, b)), `${a} ~ ${b}: ${await score(a, b)}`).toBe(false);
		expect(isSimilar(await score(b, a)), 'both ways').toBe(false);
	});

	it('counts a match in the description half', () => {
		expect(similarity(['bankj', 'speeltuin'], ['zitplek'], ['bankj'])).toBe(0.5);
		expect(similarity(['buurtfeest', 'zomer'], ['bankj', 'speeltuin'], ['zomer'])).toBe(0.25);
		expect(similarity([], ['bankj'])).toBe(0);
	});
});
