import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, launchBrowser, loggedIn, submitted, visit } from './harness';
import { pngWithText } from '../../src/lib/server/proposals/test-fixtures';

/**
 * The handling side of meldingen, end to end: Anna reports two repairs → Wim filters the queue
 * and gives both to the supplier in one go (by keyboard) → he takes one back, picks it up, starts
 * and resolves it with notes; the same step from a stale page is refused with a message → Sander
 * sees the other as his work order, accepts, plans and closes it with a note and a photo, and gets
 * a 404 on the one Wim took back → Wim sees Sander's steps and photo in the history → Wim adds a
 * category question and a routing rule, moves the rule up and deletes it again. Once with
 * JavaScript off and once on; axe on every page; every page at 320 px without sideways scroll.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function api(page: Page, method: string, path: string, data?: unknown) {
	const r = await page.context().request.fetch(`/api/v1${path}`, { method, data: data === undefined ? undefined : JSON.stringify(data), headers: { 'content-type': 'application/json' } });
	const body = await r.json();
	expect(r.status(), `${method} ${path}: ${JSON.stringify(body)}`).toBeLessThan(300);
	return body;
}

const form = (page: Page, action: string) => page.locator(`form[action="?/${action}"]`);
const status = (page: Page) => page.getByRole('status').textContent();
/** A working day well ahead, as the date field takes it. */
const inAWeek = () => new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10);

for (const js of [false, true]) {
	describe(`Meldingen for staff and suppliers with JavaScript ${js ? 'on' : 'off'}`, () => {
		it('queue → bulk assign → handle with notes → work order closed with a photo → categories and routing', async () => {
			const suffix = `${js ? 'A' : 'B'}${Date.now() % 100000}`;
			const anna = await loggedIn(browser, { js, email: 'anna@demo.noaber.test' });
			const wim = await loggedIn(browser, { js, email: 'wim@demo.noaber.test' });
			const sander = await loggedIn(browser, { js, email: 'sander@demo.noaber.test' });

			// Anna reports two repairs at her complex (the report form is another issue's page).
			const { categories } = await api(anna.page, 'GET', '/reports/categories');
			const repairs = (categories as { id: string; kind: string; parentId: string | null }[]).find((c) => c.kind === 'repairs' && !c.parentId)!;
			const make = async (what: string) =>
				(await api(anna.page, 'POST', '/reports', { categoryId: repairs.id, location: { kind: 'complex' }, description: `${what} (${suffix})`, answers: { where: 'Trappenhuis', dangerous: 'no' }, hideName: false, idempotencyKey: `e2e-${what.length}-${suffix}` })).id as string;
			const mine = await make('De lamp in het trappenhuis is kapot');
			const order = await make('De voordeur sluit niet meer goed');

			// Wim: from the staff menu to the queue, filtered on new repairs in the Lindebuurt (GET: bookmarkable).
			await visit(wim.page, '/staff');
			await wim.page.getByRole('link', { name: 'Meldingen', exact: true }).first().click();
			await submitted(wim.page);
			await wim.page.getByLabel('Welke meldingen?').selectOption({ label: 'Nieuw' });
			await wim.page.getByLabel('Onderwerp', { exact: true }).selectOption({ label: 'Reparatie in gedeelde ruimten' });
			await wim.page.getByLabel('Buurt', { exact: true }).selectOption({ label: 'Lindebuurt' });
			await wim.page.getByRole('button', { name: 'Toon meldingen' }).click();
			await wim.page.waitForURL(/\/staff\/reports\?.*state=new.*categoryId=.*buurtId=/);
			await expectAccessible(wim.page);
			await expect(wim.page.locator(`#pick-${mine}`).count()).resolves.toBe(1);
			await expect(wim.page.locator(`#pick-${order}`).count()).resolves.toBe(1);

			// Bulk assign by keyboard: tick both, choose the supplier, send.
			for (const id of [mine, order]) {
				await wim.page.locator(`#pick-${id}`).focus();
				await wim.page.keyboard.press('Space');
			}
			await wim.page.getByLabel('Wie behandelt de melding?').selectOption({ label: 'Klusbedrijf Timmer (fictief)' });
			await wim.page.getByRole('button', { name: 'Geef de gekozen meldingen' }).focus();
			await wim.page.keyboard.press('Enter');
			await wim.page.waitForURL(/done=assigned/);
			await submitted(wim.page);
			await expect(status(wim.page)).resolves.toContain('2 meldingen zijn gegeven');
			expect(wim.page.url()).toContain('state=new');

			// Wim takes one back and handles it himself: pick up, start on a date, resolve — each with a note.
			await visit(wim.page, `/staff/reports/${mine}`);
			await wim.page.getByLabel('Wie behandelt de melding?').selectOption({ label: 'Wim Bakker' });
			await wim.page.getByRole('button', { name: 'Geef de melding' }).click();
			await submitted(wim.page);
			const stale = await wim.context.newPage();
			await stale.goto(`/staff/reports/${mine}`);
			await form(wim.page, 'acknowledge').getByLabel('Bericht aan de melder').fill('Ik heb uw melding gezien.');
			await wim.page.getByRole('button', { name: 'Pak de melding op' }).click();
			await submitted(wim.page);
			await expect(status(wim.page)).resolves.toContain('De melding is opgepakt');
			// The same step from the page opened before: a clear message, never a 500.
			await form(stale, 'acknowledge').getByLabel('Bericht aan de melder').fill('Nog een keer opgepakt.');
			await stale.getByRole('button', { name: 'Pak de melding op' }).click();
			await stale.waitForLoadState('load');
			await expect(stale.getByRole('alert').first().textContent()).resolves.toContain('Dat kan nu niet met deze melding');
			await stale.close();
			await form(wim.page, 'start').getByLabel('Gepland op (niet verplicht)').fill(inAWeek());
			await form(wim.page, 'start').getByLabel('Bericht aan de melder').fill('De huismeester vervangt de lamp.');
			await wim.page.getByRole('button', { name: 'Begin met de melding' }).click();
			await submitted(wim.page);
			await form(wim.page, 'resolve').getByLabel('Bericht aan de melder').fill('De lamp is vervangen.');
			await wim.page.getByRole('button', { name: 'Handel de melding af' }).click();
			await submitted(wim.page);
			await expect(status(wim.page)).resolves.toContain('De melding is afgehandeld');
			const history = wim.page.locator('ol.history');
			await expect(history.textContent()).resolves.toMatch(/Opgepakt.*Wim Bakker.*Ik heb uw melding gezien.*Aan de slag.*Gepland op.*Afgehandeld.*De lamp is vervangen/s);
			await expect(wim.page.getByRole('button', { name: 'Pak de melding op' }).count()).resolves.toBe(0);

			// Sander: his work orders from his home; accept, plan and close with a note and a photo.
			await sander.page.getByRole('link', { name: 'Werkopdrachten' }).first().click();
			await submitted(sander.page);
			await expect(sander.page.locator(`a[href="/partner/work-orders/${order}"]`).count()).resolves.toBe(1);
			await expect(sander.page.locator(`a[href="/partner/work-orders/${mine}"]`).count()).resolves.toBe(0);
			await sander.page.locator(`a[href="/partner/work-orders/${order}"]`).click();
			await submitted(sander.page);
			await form(sander.page, 'accept').getByLabel('Bericht aan de melder').fill('Wij hebben de opdracht aangenomen.');
			await sander.page.getByRole('button', { name: 'Neem de opdracht aan' }).click();
			await submitted(sander.page);
			await sander.page.getByLabel('Op welke dag komt u?').fill(inAWeek());
			await form(sander.page, 'schedule').getByLabel('Bericht aan de melder').fill('Onze monteur komt volgende week.');
			await sander.page.getByRole('button', { name: 'Plan de opdracht' }).click();
			await submitted(sander.page);
			await expect(status(sander.page)).resolves.toContain('De opdracht is gepland');
			await sander.page.getByLabel('Wat heeft u gedaan?').fill('Het slot van de voordeur is vervangen.');
			await sander.page.getByLabel(/^Foto's van het werk/).setInputFiles([{ name: 'deur.png', mimeType: 'image/png', buffer: Buffer.from(pngWithText()) }]);
			await sander.page.getByRole('button', { name: 'Sluit de opdracht af' }).click();
			await submitted(sander.page);
			await expect(status(sander.page)).resolves.toContain('De opdracht is afgesloten');
			// The report Wim took back is not Sander's to see.
			expect((await sander.page.goto(`/partner/work-orders/${mine}`))?.status()).toBe(404);

			// Wim sees the supplier's steps and photo in the history.
			await visit(wim.page, `/staff/reports/${order}`);
			await expect(history.textContent()).resolves.toMatch(/Opgepakt.*Sander de Boer \(partner\).*Wij hebben de opdracht aangenomen.*Aan de slag.*Onze monteur komt volgende week.*Afgehandeld.*Het slot van de voordeur is vervangen/s);
			const photo = history.locator('img[src^="/uploads/reports/"]');
			await expect(photo.count()).resolves.toBe(1);
			await expect(photo.getAttribute('alt')).resolves.toContain('Sander de Boer');

			// A question for repairs.
			await wim.page.getByRole('link', { name: 'Terug naar de meldingen' }).first().click();
			await submitted(wim.page);
			await wim.page.getByRole('link', { name: 'Onderwerpen van meldingen' }).click();
			await submitted(wim.page);
			const card = wim.page.locator('details', { has: wim.page.locator('summary', { hasText: /^↳?\s*Reparatie in gedeelde ruimten/ }) }).first();
			await card.locator('summary').click();
			const newQuestion = card.getByRole('form', { name: 'Nieuwe vraag' });
			await newQuestion.getByLabel('Vraag (Nederlands)').fill(`Op welke verdieping? ${suffix}`);
			await newQuestion.getByLabel('Vraag (Engels)').fill(`Which floor? ${suffix}`);
			await newQuestion.getByLabel('Soort antwoord').selectOption({ label: 'Keuze uit een lijst' });
			await newQuestion.getByRole('button', { name: 'Voeg de vraag toe' }).click();
			await submitted(wim.page);
			await expect(wim.page.locator('.error').first().textContent()).resolves.toContain('minstens twee keuzes');
			const again = wim.page.getByRole('form', { name: 'Nieuwe vraag' }).filter({ has: wim.page.locator('.error') });
			await again.getByLabel(/^Keuzes/).fill('Begane grond | Ground floor\nEerste verdieping | First floor');
			await again.getByRole('button', { name: 'Voeg de vraag toe' }).click();
			await submitted(wim.page);
			await expect(status(wim.page)).resolves.toContain('De vraag is bewaard');
			await expect(wim.page.getByRole('form', { name: `Op welke verdieping? ${suffix}` }).count()).resolves.toBe(1);

			// A routing rule at the bottom, moved up one place, then deleted again (other tests route as the demo does).
			await wim.page.getByRole('link', { name: 'Terug naar de meldingen' }).first().click();
			await submitted(wim.page);
			await wim.page.getByRole('link', { name: 'Routering, teams en bewaren' }).click();
			await submitted(wim.page);
			const rules = wim.page.locator('ol.rules > li .sentence');
			const before = await rules.count();
			await wim.page.getByLabel('Onderwerp', { exact: true }).selectOption({ label: 'Schoonmaak en afval' });
			await wim.page.getByLabel('Waar', { exact: true }).selectOption({ label: 'Lindebuurt' });
			await wim.page.getByLabel('Wie krijgt de melding?').selectOption({ label: 'Wim Bakker' });
			await wim.page.getByRole('button', { name: 'Voeg de regel toe' }).click();
			await submitted(wim.page);
			await expect(status(wim.page)).resolves.toContain('De regel is toegevoegd');
			const sentence = 'Schoonmaak en afval in Lindebuurt → Wim Bakker';
			await expect(rules.nth(before).textContent()).resolves.toBe(sentence);
			await wim.page.getByRole('button', { name: `Omhoog: regel ${before + 1}, ${sentence}` }).click();
			await submitted(wim.page);
			await expect(status(wim.page)).resolves.toContain('De regel is verplaatst');
			await expect(rules.nth(before - 1).textContent()).resolves.toBe(sentence);
			await wim.page.getByRole('button', { name: `Verwijderen: regel ${before}, ${sentence}` }).click();
			await submitted(wim.page);
			await expect(rules.count()).resolves.toBe(before);

			for (const p of [anna, wim, sander]) await p.context.close();
		});
	});
}

describe('the handling pages on a 320 px phone', () => {
	it('queue, report, categories, routing and work orders scroll only downwards; the municipality has its own', async () => {
		const wim = await loggedIn(browser, { js: false, email: 'wim@demo.noaber.test', width: 320 });
		const sander = await loggedIn(browser, { js: false, email: 'sander@demo.noaber.test', width: 320 });
		const door = ((await api(sander.page, 'GET', '/reports?scope=work-orders')).reports as { id: string }[])[0].id;
		for (const path of ['/staff/reports', `/staff/reports/${door}`, '/staff/reports/categories', '/staff/reports/routing']) {
			await visit(wim.page, path);
			await expectNoHorizontalScroll(wim.page);
		}
		for (const path of ['/partner/work-orders', `/partner/work-orders/${door}`]) {
			await visit(sander.page, path);
			await expectNoHorizontalScroll(sander.page);
		}
		// The municipality sees the reports routed to it the same way, from its home.
		const gert = await loggedIn(browser, { js: false, email: 'gert@demo.noaber.test', width: 320 });
		await gert.page.getByRole('link', { name: 'Meldingen openbare ruimte' }).click();
		await submitted(gert.page);
		await expectNoHorizontalScroll(gert.page);
		await gert.page.getByRole('link', { name: 'Openbare ruimte (gemeente)' }).first().click();
		await submitted(gert.page);
		await expect(gert.page.getByText('De lantaarnpaal voor Lindehof 5').count()).resolves.toBe(1);
		await expect(gert.page.getByRole('button', { name: 'Neem de opdracht aan' }).count()).resolves.toBe(1);
		for (const p of [wim, sander, gert]) await p.context.close();
	});
});
