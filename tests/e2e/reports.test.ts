import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, launchBrowser, loggedIn, submitted, visit } from './harness';
import { pngWithText } from '../../src/lib/server/proposals/test-fixtures';

/**
 * Meldingen, the resident's side, end to end: Fatima (on a 320 px phone) reports a broken door
 * at her complex in four steps — mistakes shown next to the fields, the step with the open
 * report nearby (Anna's door), a non-photo refused and the photo chosen again — and finds it under
 * Mijn meldingen; Bram sees hers as a nearby report and follows it instead of making his own;
 * the handler's steps go through the JSON API as Wim (the staff pages are another part); Fatima
 * reads the notes, answers the satisfaction question with a 2 and reopens it ("klopt niet").
 * Piet from the Beukenbuurt gets a 404 for her report, its photo and a private nuisance report;
 * so does Bram for the nuisance report. Once with JavaScript off and once on; axe on every page.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());
const person = (js: boolean, email: string, width?: number) => loggedIn(browser, { js, email, width });

const api = async (page: Page, method: string, path: string, data?: unknown) => {
	const r = await page.context().request.fetch(`/api/v1${path}`, { method, data: data === undefined ? undefined : JSON.stringify(data), headers: { 'content-type': 'application/json' } });
	const body = await r.json();
	expect(r.status(), `${method} ${path}: ${JSON.stringify(body)}`).toBeLessThan(300);
	return body;
};

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

/** A key that sends the form: wait for the page it leads to. */
async function pressToSend(page: Page, key: string) {
	await Promise.all([page.waitForEvent('framenavigated'), page.keyboard.press(key)]);
	await submitted(page);
}

/** Steps 1–3 of the form for a repair at one's own complex. */
async function repairAtComplex(page: Page, description: string) {
	await page.getByLabel(/^Reparatie in gedeelde ruimten/).check();
	await page.getByRole('button', { name: 'Verder' }).click();
	await submitted(page);
	await page.getByLabel(/^Bij mijn complex \(Lindehof\)/).check();
	await page.getByRole('button', { name: 'Verder' }).click();
	await submitted(page);
	await page.getByLabel(/^Waar precies\?/).fill('Fietsenberging');
	await page.getByRole('group', { name: 'Is het gevaarlijk?' }).getByLabel('Nee').check();
	await page.getByLabel('Beschrijf het probleem').fill(description);
	await page.getByRole('button', { name: 'Verder' }).click();
	await submitted(page);
}

for (const js of [false, true]) {
	describe(`Meldingen with JavaScript ${js ? 'on' : 'off'}`, () => {
		it('report with a photo → nearby report followed → handled → satisfaction 2 → reopened; others get 404', async () => {
			const suffix = `${js ? 'A' : 'B'}${Date.now() % 100000}`;
			const description = `De deur van de fietsenberging klemt en sluit niet meer (${suffix}).`;
			const fatima = await person(js, 'fatima@demo.noaber.test', 320);
			const bram = await person(js, 'bram@demo.noaber.test');
			const wim = await person(js, 'wim@demo.noaber.test');
			const piet = await person(js, 'piet@demo.noaber.test');

			const leaflet: string[] = [];
			fatima.page.on('request', (r) => {
				if (/leaflet|noaber-map/i.test(r.url())) leaflet.push(r.url());
			});

			// Fatima finds "Melding doen" on her home page and in the menu.
			await expect(fatima.page.getByRole('navigation').getByRole('link', { name: 'Meldingen' }).count()).resolves.toBe(1);
			await fatima.page.getByRole('link', { name: 'Een probleem melden' }).click();
			await fatima.page.waitForURL(/\/reports\/new$/);
			await expectAccessible(fatima.page);
			await expectNoHorizontalScroll(fatima.page);
			await expect(fatima.page.getByText('Stap 1 van 4').count()).resolves.toBe(1);

			// Step 1 by keyboard alone, first without a choice: the mistake is next to the question.
			await fatima.page.getByRole('button', { name: 'Verder' }).focus();
			await pressToSend(fatima.page, 'Enter');
			await expect(text(fatima.page, '#f-categoryId-error')).resolves.toContain('Kies een onderwerp');
			await expect(fatima.page.getByText(/Altijd privé/).count()).resolves.toBeGreaterThan(0);
			await fatima.page.getByLabel(/^Reparatie in gedeelde ruimten/).focus();
			await fatima.page.keyboard.press('Space');
			await pressToSend(fatima.page, 'Enter');
			await expect(fatima.page.getByText('Stap 2 van 4').count()).resolves.toBe(1);
			await expectNoHorizontalScroll(fatima.page);

			// Step 2: the map's code loads only when asked for (and never without JavaScript).
			const mapButton0 = fatima.page.getByRole('button', { name: 'Toon de kaart' });
			expect(leaflet.length).toBe(0);
			if (js) {
				await mapButton0.click();
				await fatima.page.locator('[data-map-canvas]').waitFor({ state: 'visible' });
				expect(leaflet.length).toBeGreaterThan(0);
			} else await expect(mapButton0.isVisible()).resolves.toBe(false);
			// No place chosen is a mistake; the address search is always there (no map needed).
			await fatima.page.getByRole('button', { name: 'Verder' }).click();
			await submitted(fatima.page);
			await expect(text(fatima.page, '#f-where-error')).resolves.toContain('Zeg waar het is');
			await expect(fatima.page.getByLabel('Adres', { exact: true }).count()).resolves.toBe(1);
			await fatima.page.getByLabel(/^Bij mijn complex \(Lindehof\)/).check();
			await fatima.page.getByRole('button', { name: 'Verder' }).click();
			await submitted(fatima.page);

			// Step 3: every missing answer next to its question; nothing typed is lost.
			await fatima.page.getByLabel('Beschrijf het probleem').fill('Kapot');
			await fatima.page.getByRole('button', { name: 'Verder' }).click();
			await submitted(fatima.page);
			await expect(text(fatima.page, '[id="f-answers.where-error"]')).resolves.toContain('Beantwoord deze vraag');
			await expect(text(fatima.page, '#f-answer-dangerous-error')).resolves.toContain('Beantwoord deze vraag');
			await expect(fatima.page.getByLabel('Beschrijf het probleem').inputValue()).resolves.toBe('Kapot');
			await fatima.page.getByLabel(/^Waar precies\?/).fill('Fietsenberging');
			await fatima.page.getByRole('group', { name: 'Is het gevaarlijk?' }).getByLabel('Nee').check();
			await fatima.page.getByLabel('Beschrijf het probleem').fill(description);
			await fatima.page.getByRole('button', { name: 'Verder' }).click();
			await submitted(fatima.page);
			await expectNoHorizontalScroll(fatima.page);

			// Step 4: Anna's open door report at the same complex is shown first.
			await expect(fatima.page.getByRole('heading', { name: 'Is dit al gemeld?' }).count()).resolves.toBe(1);
			await expect(fatima.page.getByText('De deur van de fietsenberging valt niet meer in het slot.', { exact: false }).count()).resolves.toBeGreaterThan(0);
			await expect(fatima.page.getByText(description).count()).resolves.toBe(1);
			// A file that is no photo is refused next to the field; the rest is kept, the photos must be chosen again.
			const photoField = "Foto's (mag u overslaan, hoogstens 3)";
			await fatima.page.getByLabel(photoField).setInputFiles([{ name: 'deur.txt', mimeType: 'text/plain', buffer: Buffer.from('geen foto') }]);
			await fatima.page.getByRole('button', { name: 'Melding versturen' }).click();
			await submitted(fatima.page);
			await expect(text(fatima.page, '#f-photos-error')).resolves.toContain('geen foto');
			await expect(fatima.page.getByText("Kies de foto's opnieuw", { exact: false }).count()).resolves.toBe(1);
			await expect(fatima.page.getByText(description).count()).resolves.toBe(1);
			await fatima.page.getByLabel(photoField).setInputFiles([{ name: 'deur.png', mimeType: 'image/png', buffer: Buffer.from(pngWithText()) }]);
			await fatima.page.getByRole('button', { name: 'Melding versturen' }).click();
			await fatima.page.waitForURL(/\/reports\/[0-9a-f-]{36}\?done=created$/);
			await expectAccessible(fatima.page);
			await expectNoHorizontalScroll(fatima.page);
			const reportPath = new URL(fatima.page.url()).pathname;
			const reportId = reportPath.split('/')[2];
			await expect(fatima.page.getByRole('status').textContent()).resolves.toContain('Uw melding is verstuurd');
			await expect(fatima.page.getByText(description).count()).resolves.toBeGreaterThan(0);
			const photoPath = (await fatima.page.locator('img[src^="/uploads/reports/"]').first().getAttribute('src'))!;
			const photo = await fatima.page.context().request.get(photoPath);
			expect(photo.status()).toBe(200);
			expect(photo.headers()['content-type']).toBe('image/png');
			expect(photo.headers()['content-security-policy']).toContain("default-src 'none'");
			expect(photo.headers()['x-content-type-options']).toBe('nosniff');
			expect((await photo.body()).includes(Buffer.from('tEXt'))).toBe(false);

			// Mijn meldingen lists it.
			await visit(fatima.page, '/reports');
			await expectNoHorizontalScroll(fatima.page);
			await expect(fatima.page.locator(`a[href="${reportPath}"]`).count()).resolves.toBe(1);

			// Bram starts the same report and follows Fatima's instead.
			await visit(bram.page, '/reports/new');
			await repairAtComplex(bram.page, 'De deur van de berging gaat niet dicht.');
			const hers = bram.page.locator('li', { hasText: description });
			await hers.getByRole('button', { name: 'Volg deze melding' }).click();
			await bram.page.waitForURL(new RegExp(`${reportPath}\\?done=followed$`));
			await expectAccessible(bram.page);
			await expect(bram.page.getByRole('button', { name: 'Niet meer volgen' }).count()).resolves.toBe(1);
			await visit(bram.page, '/reports');
			await expect(bram.page.locator(`a[href="${reportPath}"]`).count()).resolves.toBe(1);

			// The buurt's list, map (on request) and the corporation's figures.
			const buurtId = (await api(bram.page, 'GET', `/reports/${reportId}`)).buurt.id;
			await visit(bram.page, `/buurten/${buurtId}`);
			await bram.page.getByRole('link', { name: 'Meldingen in Lindebuurt' }).click();
			await submitted(bram.page);
			await expect(bram.page.getByRole('heading', { name: 'Hoe doet de corporatie het in deze buurt?' }).count()).resolves.toBe(1);
			await expect(bram.page.locator(`a[href="${reportPath}"]`).count()).resolves.toBe(1);
			const mapButton = bram.page.getByRole('button', { name: 'Toon de meldingen op de kaart' });
			if (js) {
				await mapButton.click();
				await bram.page.locator('[data-map-canvas]').waitFor({ state: 'visible' });
			} else {
				await expect(mapButton.isVisible()).resolves.toBe(false);
			}

			// The handler's steps (staff pages are another part): through the API as Wim.
			await api(wim.page, 'POST', `/reports/${reportId}/transitions`, { action: 'acknowledge', note: 'Wij hebben uw melding gezien.' });
			await api(wim.page, 'POST', `/reports/${reportId}/transitions`, { action: 'resolve', note: `De deur is afgesteld (${suffix}).` });

			// Fatima reads the notes, answers with a 2 and reopens it right there.
			await visit(fatima.page, reportPath);
			await expect(fatima.page.getByText(`De deur is afgesteld (${suffix}).`).count()).resolves.toBe(1);
			await expect(fatima.page.getByText('Wij hebben uw melding gezien.').count()).resolves.toBe(1);
			await fatima.page.getByRole('button', { name: 'Antwoord versturen' }).click();
			await submitted(fatima.page);
			await expect(text(fatima.page, '#f-score-error')).resolves.toContain('Kies een cijfer');
			await fatima.page.getByLabel('2 — ontevreden').check();
			await fatima.page.getByLabel(/^Wilt u er iets over zeggen/).fill('De deur klemt nog steeds.');
			await fatima.page.getByRole('button', { name: 'Antwoord versturen' }).click();
			await submitted(fatima.page);
			await expectNoHorizontalScroll(fatima.page);
			await expect(fatima.page.getByRole('status').textContent()).resolves.toContain('Open de melding hieronder weer');
			await fatima.page.getByRole('button', { name: 'Klopt niet: open de melding weer' }).click();
			await submitted(fatima.page);
			await expect(text(fatima.page, '#f-note-error')).resolves.toContain('minstens 3 tekens');
			await fatima.page.getByLabel('Wat klopt er niet?').fill('De deur klemt nog steeds bij regen.');
			await fatima.page.getByRole('button', { name: 'Klopt niet: open de melding weer' }).click();
			await submitted(fatima.page);
			await expect(fatima.page.getByRole('status').textContent()).resolves.toContain('weer open');
			await expect(fatima.page.getByText('Weer geopend (klopt niet)').count()).resolves.toBe(1);
			expect((await api(wim.page, 'GET', `/reports/${reportId}`)).state).toBe('reopened');

			// Outside the buurt, and a private report inside it: 404, like something that does not exist.
			const nuisance = ((await api(fatima.page, 'GET', '/reports')).reports as { id: string; category: { kind: string } }[]).find((r) => r.category.kind === 'nuisance')!;
			for (const [who, path] of [[piet, reportPath], [piet, photoPath], [piet, `/reports/${nuisance.id}`], [bram, `/reports/${nuisance.id}`]] as const) {
				const r = await who.page.goto(path);
				expect(r?.status(), `${path}`).toBe(404);
			}
			await expectAccessible(piet.page);
			for (const p of [fatima, bram, wim, piet]) await p.context.close();
		});
	});
}

describe('a redirected help request becomes a melding at once (JavaScript off)', () => {
	it('Bram redirects Anna’s request on its page; both see the link to the melding, Anna opens it', async () => {
		const title = `Kapotte bel ${Date.now() % 100000}`;
		const anna = await person(false, 'anna@demo.noaber.test', 320);
		const bram = await person(false, 'bram@demo.noaber.test');
		const { id } = await api(anna.page, 'POST', '/help', { buurtId: (await api(anna.page, 'GET', '/buurten')).buurten[0].id, category: 'onderhoud_gedeeld', title, description: 'De voordeurbel van ons portiek doet het niet meer.', when: 'flexible', urgency: 'no_rush', place: 'shared' });
		await visit(bram.page, `/help/${id}`);
		await bram.page.getByLabel(/^Doorsturen naar de corporatie/).check();
		await bram.page.getByLabel('Reden of vraag aan de vrager').fill('Dit regelt de corporatie.');
		await bram.page.getByRole('button', { name: 'Besluit opslaan' }).click();
		await submitted(bram.page);
		await expect(bram.page.getByRole('link', { name: 'Dit is nu een melding: volg hem hier' }).count()).resolves.toBe(1);
		await visit(anna.page, `/help/${id}`);
		await anna.page.getByRole('link', { name: 'Dit is nu een melding: volg hem hier' }).click();
		await submitted(anna.page);
		expect(new URL(anna.page.url()).pathname).toMatch(/^\/reports\/[0-9a-f-]{36}$/);
		await expect(anna.page.getByText('De voordeurbel van ons portiek doet het niet meer.').count()).resolves.toBeGreaterThan(0);
		await expectNoHorizontalScroll(anna.page);
		for (const p of [anna, bram]) await p.context.close();
	});
});
