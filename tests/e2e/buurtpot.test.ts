import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import ICAL from 'ical.js';
import { amsterdam, expectAccessible, expectNoHorizontalScroll, launchBrowser, visit, loggedIn, submitted, startRoundWith } from './harness';
import { pdfBytes } from '../../src/lib/server/proposals/test-fixtures';

/**
 * The buurtpot, the whole way, through the pages: Wim sets the support rule and fills the pot →
 * Anna and Noor each propose → the neighbours support → Wim answers the feasibility checks →
 * Wim opens a voting round (Method of Equal Shares) → Anna votes with JavaScript on, on a
 * 320 px phone, and changes her mind; Noor votes with JavaScript off; Wim types in a paper ballot
 * (a second one for the same home, and one for a home that voted online, are refused) → nobody
 * sees a result before the close → Wim closes → everyone sees the result, explained, and can
 * download the anonymised Pabulib file → Wim pays the winner out → Noor plans an opening → it is
 * in the buurt's calendar feed (parsed with ical.js). Axe on every page.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());
const person = (js: boolean, email: string, width?: number) => loggedIn(browser, { js, email, width, timeout: 30_000 });


interface Person {
	context: BrowserContext;
	page: Page;
}

const suffix = `${Date.now() % 100000}`;
const bench = `Zitbank bij het speelveld ${suffix}`;
const planters = `Plantenbakken op het plein ${suffix}`;
let wim: Person; // JavaScript off
let anna: Person; // JavaScript on, 320 px
let noor: Person; // JavaScript off
let bram: Person; // JavaScript on
let buurtId: string;
let benchPath: string;
let plantersPath: string;
let roundPath: string;
let closesAt: Date;

async function propose(p: Person, title: string, description: string, euros: string): Promise<string> {
	await visit(p.page, `/buurten/${buurtId}/proposals/new`);
	await p.page.getByLabel('Titel').fill(title);
	await p.page.getByLabel('Wat is uw voorstel?').fill(description);
	await p.page.getByLabel('Wat kost het? (in euro)').fill(euros);
	await p.page.getByLabel('Waar in de buurt?').fill('Lindehof');
	await p.page.getByRole('button', { name: 'Verder' }).click();
	await submitted(p.page);
	await p.page.getByRole('button', { name: 'Voorstel versturen' }).click();
	await p.page.waitForURL(/\/proposals\/[0-9a-f-]{36}\?done=proposed$/);
	await expectAccessible(p.page);
	return new URL(p.page.url()).pathname;
}

async function support(p: Person, path: string) {
	await visit(p.page, path);
	await p.page.getByRole('button', { name: 'Ik steun dit voorstel' }).click();
	await submitted(p.page);
	await expect(p.page.getByRole('status').textContent()).resolves.toContain('steunt dit voorstel');
}

async function accept(path: string) {
	await visit(wim.page, path);
	await wim.page.getByLabel(/^Goedgekeurd voor de stemming/).check();
	await wim.page.getByLabel('Reden').fill('Dit kan. Het past in de buurt en de prijs klopt.');
	await wim.page.getByRole('button', { name: 'Antwoord versturen' }).click();
	await submitted(wim.page);
	await expect(wim.page.getByRole('status').textContent()).resolves.toContain('Uw antwoord is verstuurd');
}

describe('the buurtpot: propose, vote, spend', () => {
	it('neighbours propose and support; the corporation approves', async () => {
		wim = await person(false, 'wim@demo.noaber.test');
		anna = await person(true, 'anna@demo.noaber.test', 320);
		noor = await person(false, 'noor@demo.noaber.test');
		bram = await person(true, 'bram@demo.noaber.test');

		// Wim finds the Lindebuurt, asks three households per proposal, and fills the buurtpot.
		await visit(wim.page, '/buurten');
		await wim.page.getByRole('link', { name: 'Lindebuurt' }).click();
		await wim.page.waitForURL(/\/buurten\/[0-9a-f-]{36}$/);
		await expectAccessible(wim.page);
		buurtId = new URL(wim.page.url()).pathname.split('/')[2];
		await wim.page.getByRole('link', { name: /^Voorstellen en activiteiten in Lindebuurt/ }).click();
		await submitted(wim.page);
		await wim.page.getByLabel('Hoeveel huishoudens moeten een voorstel steunen?').fill('3');
		await wim.page.getByRole('button', { name: 'Opslaan' }).click();
		await submitted(wim.page);
		await visit(wim.page, `/buurten/${buurtId}/pot`);
		await wim.page.getByLabel(/^In de buurtpot/).check();
		await wim.page.getByLabel('Bedrag in euro').fill('1000');
		await wim.page.getByLabel('Waar komt het geld vandaan?').fill(`Leefbaarheidsbudget ${suffix}`);
		await wim.page.getByRole('button', { name: 'Geld toevoegen' }).click();
		await submitted(wim.page);
		await expect(wim.page.getByRole('status').textContent()).resolves.toContain('toegevoegd');

		// Anna and Noor each propose something; each household supports the other's.
		benchPath = await propose(anna, bench, 'Een stevige bank zodat ouderen kunnen uitrusten bij het speelveld.', '450');
		await expectNoHorizontalScroll(anna.page);
		plantersPath = await propose(noor, planters, 'Vier grote bakken met bloemen en kruiden, door buren verzorgd.', '300');
		await support(noor, benchPath);
		await support(bram, benchPath);
		await support(anna, plantersPath);
		await support(bram, plantersPath);

		// Wim approves both for the vote.
		await accept(benchPath);
		await accept(plantersPath);
	}, 240_000);

	it('staff open a round with both proposals, counted by Equal Shares', async () => {
		await startRoundWith(wim.page, 'Lindebuurt', suffix);
		await wim.page.getByLabel('Naam van de stemronde').fill(`Buurtpot voorjaar ${suffix}`);
		await wim.page.getByLabel('Een bedrag dat ik invul').check();
		// Too much first: more than the buurtpot has available.
		await wim.page.getByLabel('Bedrag in euro').fill('1000000');
		await wim.page.getByLabel(/^Eerlijk verdelen/).check();
		closesAt = new Date(Date.now() + 120_000);
		await wim.page.getByLabel('Stemmen kan vanaf').fill(amsterdam(new Date(Date.now() - 60_000)));
		await wim.page.getByLabel('Stemmen kan tot').fill(amsterdam(closesAt));
		await wim.page.getByRole('button', { name: 'Stemronde klaarzetten' }).click();
		await submitted(wim.page);
		await expect(wim.page.locator('#f-budget-error').textContent()).resolves.toMatch(/te hoog|niet beschikbaar/);
		await wim.page.getByLabel('Bedrag in euro').fill('750');
		await wim.page.getByRole('button', { name: 'Stemronde klaarzetten' }).click();
		await wim.page.waitForURL(/\/staff\/rounds\/[0-9a-f-]{36}\?done=opened$/);
		await expectAccessible(wim.page);
		roundPath = `/rounds/${new URL(wim.page.url()).pathname.split('/')[3]}`;
		await expect(wim.page.getByTestId('turnout').textContent()).resolves.toContain('0 huizen online, 0 huizen op papier');
	}, 240_000);

	it('households vote in secret; a paper ballot counts once; no result before the close', async () => {
		// Anna, JavaScript on, on her phone. An empty ballot is refused next to the choices.
		await visit(anna.page, '/rounds');
		await anna.page.getByRole('link', { name: `Buurtpot voorjaar ${suffix}` }).click();
		await submitted(anna.page);
		await expectNoHorizontalScroll(anna.page);
		await expect(anna.page.getByText(/^U stemt voor het huis Lindehof 1\./).count()).resolves.toBe(1);
		await anna.page.getByRole('button', { name: 'Stem opslaan' }).click();
		await submitted(anna.page);
		await expect(anna.page.locator('#f-choices-error').textContent()).resolves.toContain('Kies minstens één plan');
		await anna.page.getByLabel(new RegExp(`^${bench}`)).check();
		await anna.page.getByRole('button', { name: 'Stem opslaan' }).click();
		await submitted(anna.page);
		await expect(anna.page.getByRole('status').textContent()).resolves.toContain('Uw stem is opgeslagen');
		// She changes her mind: the new ballot replaces the old one.
		await expect(anna.page.getByLabel(new RegExp(`^${bench}`)).isChecked()).resolves.toBe(true);
		await anna.page.getByLabel(new RegExp(`^${planters}`)).check();
		await anna.page.getByRole('button', { name: 'Stem wijzigen' }).click();
		await submitted(anna.page);
		await expect(anna.page.getByLabel(new RegExp(`^${planters}`)).isChecked()).resolves.toBe(true);

		// Noor, JavaScript off.
		await visit(noor.page, roundPath);
		await noor.page.getByLabel(new RegExp(`^${planters}`)).check();
		await noor.page.getByRole('button', { name: 'Stem opslaan' }).click();
		await submitted(noor.page);
		await expect(noor.page.getByTestId('voted').count()).resolves.toBe(1);

		// Wim types in a paper ballot for Lindehof 3; a second one for that home, or one for Anna's, is refused.
		const manage = `/staff${roundPath}`;
		await visit(wim.page, manage);
		const paper = async (houseNumber: string) => {
			await wim.page.getByLabel('Postcode').fill('9999 AA');
			await wim.page.getByLabel('Huisnummer').fill(houseNumber);
			await wim.page.getByLabel(new RegExp(`^\\d+\\. ${bench}`)).check();
			await wim.page.getByRole('button', { name: 'Papieren stem invoeren' }).click();
			await submitted(wim.page);
		};
		await paper('3');
		await expect(wim.page.getByRole('status').textContent()).resolves.toContain('1 papieren stem');
		await paper('3');
		// A second paper ballot for the same home: refused with the same words as for a home that voted online.
		await expect(wim.page.getByRole('alert').textContent()).resolves.toContain('Dit huis heeft al gestemd');
		await paper('1');
		const refusal = (await wim.page.getByRole('alert').textContent()) ?? '';
		// Staff learn only that the home voted, never by which channel.
		expect(refusal).toContain('Dit huis heeft al gestemd');
		expect(refusal).not.toContain('online');
		await expect(wim.page.getByTestId('turnout').textContent()).resolves.toContain('2 huizen online, 1 huis op papier');

		// Nobody sees a result before the close: not the page, not the API, not the export — staff neither.
		for (const p of [anna, wim]) {
			const page = await p.page.goto(`${roundPath}/results`);
			expect(page?.status()).toBe(404);
			await expectAccessible(p.page);
			const api = await p.page.context().request.get(`/api/v1${roundPath}/results`);
			expect([api.status(), (await api.json()).error.code]).toEqual([404, 'rounds.results_not_found']);
			expect((await p.page.context().request.get(`/api/v1${roundPath}/export`)).status()).toBe(404);
		}
		// The API gives a household only its own ballot.
		const mine = await (await anna.page.context().request.get(`/api/v1${roundPath}/ballot`)).json();
		expect([mine.voted, mine.choices.length]).toEqual([true, 2]);
		const staffView = await (await wim.page.context().request.get(`/api/v1${roundPath}`)).text();
		expect(staffView).not.toMatch(/"votes"|"choices"/);
	}, 240_000);

	it('after the closing time staff close it; the result is published and explained', async () => {
		await new Promise((r) => setTimeout(r, Math.max(0, closesAt.getTime() - Date.now() + 1500)));
		await visit(wim.page, `/staff${roundPath}`);
		await wim.page.getByRole('button', { name: 'Nu sluiten en tellen' }).click();
		await wim.page.waitForURL(/\/results\?done=closed$/);
		await expectAccessible(wim.page);

		// Anna reads it on her phone: both plans won (Equal Shares with Add1), explained step by step.
		await visit(anna.page, `${roundPath}/results`);
		await expectNoHorizontalScroll(anna.page);
		const winners = await anna.page.getByTestId('winners').textContent();
		expect(winners).toContain(bench);
		expect(winners).toContain(planters);
		await expect(anna.page.getByText(/3 huizen hebben gestemd in Lindebuurt: 2 online en 1 op papier/).count()).resolves.toBe(1);
		const steps = await anna.page.getByTestId('explanation').textContent();
		expect(steps).toContain('Elk huis kreeg een gelijk deel van het budget');
		expect(steps).toContain('We maakten het deel steeds');
		await expect(anna.page.getByTestId('tie-breaking').textContent()).resolves.toContain('het goedkoopste plan eerst');
		// Each winner says what its households paid: all the same, or per group when some had less left.
		await expect(anna.page.getByText(/^(Elk huis dat dit plan koos, betaalde|\d+ huis dat dit plan koos, betaalde|\d+ huizen die dit plan kozen, betaalden elk)/).count()).resolves.toBe(2);

		// The anonymised Pabulib file: voter ids 1…3, no homes, no people.
		const pb = await (await anna.page.context().request.get(`/api/v1${roundPath}/export`)).text();
		expect(pb).toMatch(/^META\nkey;value\n/);
		const votes = pb.slice(pb.indexOf('VOTES')).trim().split('\n').slice(2);
		expect(votes.map((l) => l.split(';')[0]).sort()).toEqual(['1', '2', '3']);
		expect(pb).not.toMatch(/Lindehof \d|Anna|Noor|de Vries|Amrani/);

		// Wim checks the count with that file: a broken copy first (the line is named next to the
		// field), then the real one, imported as a TEST round: the same winners.
		await visit(wim.page, '/staff/rounds/import');
		await wim.page.getByLabel('Buurt', { exact: true }).selectOption({ label: 'Lindebuurt' });
		await wim.page.getByLabel('Pabulib-bestand (.pb)').setInputFiles([{ name: 'kapot.pb', mimeType: 'text/plain', buffer: Buffer.from(pb.replace(/\n(\d+);(\d+);/, '\n$1;twee;')) }]);
		await wim.page.getByRole('button', { name: 'Inlezen en tellen' }).click();
		await submitted(wim.page);
		await expect(wim.page.getByTestId('file-error').textContent()).resolves.toMatch(/^Het bestand klopt niet op regel \d+: cost must be a positive integer/);
		await wim.page.getByLabel('Pabulib-bestand (.pb)').setInputFiles([{ name: 'stemronde.pb', mimeType: 'text/plain', buffer: Buffer.from(pb) }]);
		await wim.page.getByRole('button', { name: 'Inlezen en tellen' }).click();
		await wim.page.waitForURL(/\/results\?done=imported$/);
		await expectAccessible(wim.page);
		await expect(wim.page.getByTestId('test-round').count()).resolves.toBe(1);
		const copied = await wim.page.getByTestId('winners').textContent();
		expect(copied).toContain(bench);
		expect(copied).toContain(planters);
	}, 240_000);

	it('the winner is paid out; its opening is in the buurt calendar', async () => {
		// Wim pays the planters from the buurtpot, with a receipt.
		await visit(wim.page, plantersPath);
		await wim.page.getByLabel('Bedrag (euro)').fill('300');
		await wim.page.getByLabel('Aan wie?').fill('Tuincentrum Noaberveen');
		await wim.page.getByLabel('Bon of factuur').setInputFiles([{ name: 'bon.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfBytes()) }]);
		await wim.page.getByRole('button', { name: 'Betalen uit de buurtpot' }).click();
		await submitted(wim.page);
		await expect(wim.page.getByRole('status').textContent()).resolves.toContain('De betaling is gedaan');

		// Noor plans the opening (an activity for everyone).
		const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
		const opening = `Opening plantenbakken ${suffix}`;
		await visit(noor.page, plantersPath);
		await noor.page.getByLabel(/^Activiteit/).check();
		await noor.page.getByLabel('Naam').fill(opening);
		await noor.page.getByLabel('Waar', { exact: true }).fill('Lindehof');
		await noor.page.getByLabel('Datum').fill(tomorrow);
		await noor.page.getByLabel('Begint om').fill('15:00');
		await noor.page.getByLabel('Eindigt om').fill('17:00');
		await noor.page.getByRole('button', { name: 'Plannen' }).click();
		await submitted(noor.page);
		await expect(noor.page.getByRole('status').textContent()).resolves.toContain('agenda van de buurt');

		// The calendar feed, read by a calendar app (no login, only the secret link).
		await visit(noor.page, `/buurten/${buurtId}/activities`);
		const feedPath = await noor.page.getByRole('link', { name: /\/calendar\// }).getAttribute('href');
		const app = await browser.newContext({ baseURL: new URL(noor.page.url()).origin });
		const feed = await app.request.get(feedPath!);
		expect(feed.headers()['content-type']).toContain('text/calendar');
		const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
		const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		const event = events.find((e) => e.summary.includes(opening));
		expect(event, `an event "${opening}" in the feed`).toBeTruthy();
		expect(event!.location).toBe('Lindehof');
		expect(event!.startDate.toJSDate().getTime()).toBeGreaterThan(Date.now());
		await app.close();

		for (const p of [wim, anna, noor, bram]) await p.context.close();
	}, 240_000);
});
