import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { amsterdam, expectAccessible, expectNoHorizontalScroll, launchBrowser, loggedIn, submitted, startRoundWith } from './harness';

/**
 * What each person sees, as pictures: every persona's home, and both loops (ask → check → help →
 * confirm; propose → support → approve → vote → results), each page at 320 px and 1280 px, saved
 * under test-results/screenshots/ (CI keeps test-results as artefacts; the pictures are not in
 * git). Each page is also checked: axe clean, no sideways scroll at 320 px, and no JavaScript
 * shipped (every browser here has JavaScript off, and no page may carry a script).
 */

const outDir = path.resolve('test-results/screenshots');
const widths = [320, 1280] as const;
const suffix = `${Date.now() % 100000}`;

let browser: Browser;
beforeAll(async () => {
	mkdirSync(outDir, { recursive: true });
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

interface Person {
	context: BrowserContext;
	page: Page;
}
const people: Person[] = [];
async function person(email: string): Promise<Person> {
	const p = await loggedIn(browser, { js: false, email, width: 320, timeout: 30_000 });
	people.push(p);
	return p;
}
afterAll(async () => {
	for (const p of people) await p.context.close();
});

/** Checks the page a person is on and saves it at both widths as NAME-320.png and NAME-1280.png. */
async function shoot(page: Page, name: string) {
	await page.waitForLoadState('load');
	const html = await page.content();
	expect(html, `script on ${page.url()}`).not.toMatch(/<script|rel="modulepreload"/);
	for (const width of widths) {
		await page.setViewportSize({ width, height: 900 });
		if (width === 320) {
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);
		}
		await page.screenshot({ path: path.join(outDir, `${name}-${width}.png`), fullPage: true });
	}
	await page.setViewportSize({ width: 320, height: 900 });
}

async function go(p: Person, url: string, name: string) {
	const response = await p.page.goto(url);
	expect(response?.status(), `status of ${url}`).toBeLessThan(400);
	await shoot(p.page, name);
}

/** A small picture of a bench on grass, as a proposal photo (PNG, made here). */
async function benchPhoto(): Promise<Buffer> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
		<rect width="640" height="300" fill="#bfe3f5"/><rect y="300" width="640" height="180" fill="#6fae5b"/>
		<circle cx="520" cy="90" r="45" fill="#ffd35c"/>
		<rect x="170" y="250" width="300" height="22" rx="6" fill="#8a5a2b"/><rect x="170" y="290" width="300" height="22" rx="6" fill="#8a5a2b"/>
		<rect x="195" y="310" width="18" height="70" fill="#5b3a1a"/><rect x="427" y="310" width="18" height="70" fill="#5b3a1a"/></svg>`;
	return sharp(Buffer.from(svg)).png().toBuffer();
}

const personas = [
	['tenant', 'anna'],
	['supervisor', 'bram'],
	['helper', 'noor'],
	['care', 'carla'],
	['employee', 'wim'],
	['tenants_association', 'hanna'],
	['municipality', 'gert'],
	['supplier', 'sander'],
	['admin', 'admin']
] as const;

describe('screenshots: every persona home', () => {
	for (const [persona, who] of personas) {
		it(`${who} (${persona}) sees first what waits for them`, async () => {
			const p = await person(`${who}@demo.noaber.test`);
			await shoot(p.page, `home-${who}`);
			// The "waiting for you" part comes before the list of things one can do.
			const order = await p.page.locator('main h2').allTextContents();
			expect(order[0]).toContain('Wacht op u');
			// Members see their wijkconsulent as a person (the demo links Wim to the Lindebuurt).
			if (who === 'anna' || who === 'bram' || who === 'noor') await expect(p.page.getByTestId('consultant-card').getByRole('heading', { name: 'Wim Bakker' }).count()).resolves.toBe(1);
			if (who === 'wim') await go(p, '/staff/consultants', 'staff-consultants-wim');
			await p.context.close();
		});
	}
});

describe('screenshots: the two loops', () => {
	let anna: Person;
	let bram: Person;
	let noor: Person;
	let wim: Person;
	let buurtId: string;
	const title = `Heg knippen ${suffix}`;
	const bench = `Bankje bij de speeltuin ${suffix}`;

	it('ask → check → help → confirm', async () => {
		anna = await person('anna@demo.noaber.test');
		bram = await person('bram@demo.noaber.test');
		noor = await person('noor@demo.noaber.test');
		wim = await person('wim@demo.noaber.test');

		await go(anna, '/help/new', 'help-1-ask-form');
		await anna.page.getByLabel(/^Klusje in of bij uw huis/).check();
		await anna.page.getByLabel('Uw vraag in een paar woorden').fill(title);
		await anna.page.getByLabel('Vertel wat meer').fill('Mijn heg is te hoog. Wie helpt knippen? Ik heb een heggenschaar.');
		await anna.page.getByLabel('Graag deze week').check();
		await anna.page.getByRole('button', { name: 'Vraag versturen' }).click();
		await anna.page.waitForURL(/\/help\/[0-9a-f-]{36}\?done=ask/);
		const requestPath = new URL(anna.page.url()).pathname;
		await shoot(anna.page, 'help-2-asked');
		await go(anna, '/home', 'help-3-home-anna-asked');
		await expect(anna.page.getByTestId('waiting').getByRole('link', { name: title }).count()).resolves.toBe(1);

		// Bram's home puts the request to check first.
		await go(bram, '/home', 'help-4-home-bram-to-check');
		const first = bram.page.getByTestId('waiting').locator('[data-group]').first();
		await expect(first.getAttribute('data-group')).resolves.toBe('check');
		await expect(first.getByRole('link', { name: title }).count()).resolves.toBe(1);
		await go(bram, '/supervise', 'help-5-supervise');
		await bram.page.getByRole('link', { name: title }).click();
		await submitted(bram.page);
		await shoot(bram.page, 'help-6-check');
		await bram.page.getByLabel(/^Klaarzetten voor de buren/).check();
		await bram.page.getByLabel('Reden of vraag aan de vrager').fill('Duidelijke vraag, dank u wel!');
		await bram.page.getByRole('button', { name: 'Besluit opslaan' }).click();
		await submitted(bram.page);

		// Noor's home shows the open request near her.
		await go(noor, '/home', 'help-7-home-noor-open');
		await expect(noor.page.getByTestId('waiting').getByRole('link', { name: title }).count()).resolves.toBe(1);
		await go(noor, '/help', 'help-8-open-list');
		await noor.page.getByRole('link', { name: title }).first().click();
		await submitted(noor.page);
		await noor.page.getByRole('button', { name: 'Ik help' }).click();
		await submitted(noor.page);
		await noor.page.getByLabel('Uw bericht').fill('Zaterdag om 10 uur? Ik neem een ladder mee.');
		await noor.page.getByRole('button', { name: 'Bericht sturen' }).click();
		await submitted(noor.page);
		await shoot(noor.page, 'help-9-helping');
		await noor.page.getByRole('button', { name: 'Het is klaar' }).click();
		await submitted(noor.page);

		// Anna's home: it is her turn to confirm.
		await go(anna, '/home', 'help-10-home-anna-confirm');
		await expect(anna.page.locator('[data-group="yourTurn"]').getByRole('link', { name: title }).count()).resolves.toBe(1);
		await expect(anna.page.locator('[data-group="yourTurn"] li', { hasText: title }).getByTestId('helper-face').innerText()).resolves.toContain('Noor heeft u geholpen');
		await go(anna, requestPath, 'help-11-confirm');
		await anna.page.getByRole('button', { name: 'Ja, ik ben geholpen' }).click();
		await submitted(anna.page);
		await shoot(anna.page, 'help-12-confirmed');
	}, 900_000);

	it('propose → support → approve → vote → results', async () => {
		await wim.page.goto('/buurten');
		await wim.page.getByRole('link', { name: 'Lindebuurt' }).click();
		await wim.page.waitForURL(/\/buurten\/[0-9a-f-]{36}$/);
		buurtId = new URL(wim.page.url()).pathname.split('/')[2];
		// Three households' support brings a proposal to the corporation's check.
		await wim.page.goto(`/buurten/${buurtId}/proposals`);
		await wim.page.getByLabel('Hoeveel huishoudens moeten een voorstel steunen?').fill('3');
		await wim.page.getByRole('button', { name: 'Opslaan' }).click();
		await submitted(wim.page);

		// Anna proposes a bench, with a photo.
		await go(anna, `/buurten/${buurtId}/proposals/new`, 'buurtpot-1-propose-form');
		await anna.page.getByLabel('Titel').fill(bench);
		await anna.page.getByLabel('Wat is uw voorstel?').fill('Een stevige bank zodat ouderen kunnen uitrusten bij de speeltuin.');
		await anna.page.getByLabel('Wat kost het? (in euro)').fill('450');
		await anna.page.getByLabel('Waar in de buurt?').fill('Lindehof');
		await anna.page.getByRole('button', { name: 'Verder' }).click();
		await submitted(anna.page);
		await anna.page.locator('#f-photos').setInputFiles([{ name: 'bankje.png', mimeType: 'image/png', buffer: await benchPhoto() }]);
		await shoot(anna.page, 'buurtpot-2-confirm');
		await anna.page.getByRole('button', { name: 'Voorstel versturen' }).click();
		await anna.page.waitForURL(/\/proposals\/[0-9a-f-]{36}\?done=proposed$/);
		const benchPath = new URL(anna.page.url()).pathname;
		await shoot(anna.page, 'buurtpot-3-proposed');

		// Noor's home asks for her support, with the photo; she supports from the list.
		await go(noor, '/home', 'buurtpot-4-home-noor-support');
		await expect(noor.page.locator('[data-group="support"]').getByRole('link', { name: bench }).count()).resolves.toBe(1);
		await go(noor, `/buurten/${buurtId}/proposals`, 'buurtpot-5-list');
		await expect(noor.page.locator(`img[src^="/uploads/buurtpot/"]`).count()).resolves.toBeGreaterThan(0);
		for (const p of [noor, bram]) {
			await p.page.goto(benchPath);
			await p.page.getByRole('button', { name: 'Ik steun dit voorstel' }).click();
			await submitted(p.page);
		}
		await shoot(bram.page, 'buurtpot-6-supported');

		// Wim approves it for the vote, from what waits on his home.
		await go(wim, '/home', 'buurtpot-7-home-wim');
		await expect(wim.page.locator('[data-group="feasibility"]').getByRole('link', { name: bench }).count()).resolves.toBe(1);
		await wim.page.goto(benchPath);
		await wim.page.getByLabel(/^Goedgekeurd voor de stemming/).check();
		await wim.page.getByLabel('Reden').fill('Dit kan. Het past in de buurt en de prijs klopt.');
		await wim.page.getByRole('button', { name: 'Antwoord versturen' }).click();
		await submitted(wim.page);
		await shoot(wim.page, 'buurtpot-8-approved');

		// Wim fills the buurtpot and opens a short round with the bench on it.
		await wim.page.goto(`/buurten/${buurtId}/pot`);
		await wim.page.getByLabel(/^In de buurtpot/).check();
		await wim.page.getByLabel('Bedrag in euro').fill('1000');
		await wim.page.getByLabel('Waar komt het geld vandaan?').fill(`Leefbaarheidsbudget ${suffix}`);
		await wim.page.getByRole('button', { name: 'Geld toevoegen' }).click();
		await submitted(wim.page);
		await startRoundWith(wim.page, 'Lindebuurt', suffix);
		const round = `Buurtpot zomer ${suffix}`;
		await wim.page.getByLabel('Naam van de stemronde').fill(round);
		await wim.page.getByLabel('Een bedrag dat ik invul').check();
		await wim.page.getByLabel('Bedrag in euro').fill('500');
		await wim.page.getByLabel(/^Eerlijk verdelen/).check();
		await wim.page.getByLabel('Stemmen kan vanaf').fill(amsterdam(new Date(Date.now() - 60_000)));
		await wim.page.getByLabel('Stemmen kan tot').fill(amsterdam(new Date(Date.now() + 7 * 24 * 3600_000)));
		await wim.page.getByRole('button', { name: 'Stemronde klaarzetten' }).click();
		await wim.page.waitForURL(/\/staff\/rounds\/[0-9a-f-]{36}\?done=opened$/);
		const roundPath = `/rounds/${new URL(wim.page.url()).pathname.split('/')[3]}`;

		// Anna's home: a vote to cast. She votes.
		await go(anna, '/home', 'buurtpot-9-home-anna-vote');
		await expect(anna.page.locator('[data-group="votes"]').getByRole('link', { name: round }).count()).resolves.toBe(1);
		await go(anna, roundPath, 'buurtpot-10-ballot');
		await anna.page.getByLabel(new RegExp(`^${bench}`)).check();
		await anna.page.getByRole('button', { name: 'Stem opslaan' }).click();
		await submitted(anna.page);
		await shoot(anna.page, 'buurtpot-11-voted');
		await go(anna, '/home', 'buurtpot-12-home-anna-voted');
		// This round is gone from what waits for her (the demo's own open round may still be there).
		await expect(anna.page.locator('[data-group="votes"]').getByRole('link', { name: round }).count()).resolves.toBe(0);

		// Wim closes it early (the whole buurt has voted), and the results are explained.
		await wim.page.goto(`/staff${roundPath}`);
		await wim.page.getByLabel('Waarom sluit u de stemronde eerder?').fill('Alle huizen in de buurt hebben gestemd.');
		await wim.page.getByRole('button', { name: 'Stemronde nu sluiten' }).click();
		await wim.page.waitForURL(/\/results\?done=closed$/);
		await go(anna, `${roundPath}/results`, 'buurtpot-13-results');
		await expect(anna.page.getByTestId('winners').textContent()).resolves.toContain(bench);
		await go(anna, benchPath, 'buurtpot-14-proposal-won');
		await go(anna, '/rounds', 'buurtpot-15-rounds');
	}, 900_000);
});
