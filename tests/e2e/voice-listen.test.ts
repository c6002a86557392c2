import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expectAccessible, expectNoHorizontalScroll, launchBrowser, loggedIn, submitted, visit } from './harness';

/**
 * Stem van de buurt, listening, end to end on the demo data: Wim records a kitchen-table
 * conversation with a quote on the theme "Veiligheid" → links it to the persona "De huurder",
 * which now shows the quote as evidence, backed today → sends an advice request (first without a
 * deadline and with a file that is no PDF: both messages, nothing sent; then with a PDF) → Hanna
 * (tenants' association, 320 px) finds it on her home and answers, agreeing to publication →
 * Wim replies with reasons → Anna (member of the Lindebuurt) reads the reply on the buurt's
 * advice page. Once with JavaScript off and once on; axe on every page.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function pdf(): Promise<Buffer> {
	const doc = await PDFDocument.create();
	const font = await doc.embedFont(StandardFonts.Helvetica);
	doc.addPage([595, 842]).drawText('Voorgenomen besluit: nieuwe verlichting', { x: 56, y: 770, size: 14, font });
	return Buffer.from(await doc.save());
}

for (const js of [false, true]) {
	describe(`Listening with JavaScript ${js ? 'on' : 'off'}`, () => {
		it('conversation with a quote → persona evidence; advice request with a PDF → answer → reply → members read it', async () => {
			const tag = `${js ? 'A' : 'B'}${Date.now() % 100000}`;
			const quote = `Bij de fietsenstalling is het 's avonds eng donker (${tag}).`;
			const subject = `Nieuwe verlichting Lindebuurt ${tag}`;
			const wim = await loggedIn(browser, { js, email: 'wim@demo.noaber.test', width: js ? 1280 : 320 });

			// A conversation with consent for quotes only: the quote is stored, no notes, no name.
			await visit(wim.page, '/staff');
			await wim.page.getByRole('link', { name: 'Wijkgesprekken' }).click();
			await submitted(wim.page);
			await wim.page.getByRole('link', { name: 'Nieuw gesprek vastleggen' }).click();
			await submitted(wim.page);
			await expectNoHorizontalScroll(wim.page);
			await wim.page.getByLabel('Waar', { exact: true }).selectOption({ label: 'Lindebuurt' });
			await wim.page.getByLabel('Keukentafelgesprek').check();
			// First with notes but without consent for them: refused, next to the field, nothing lost.
			await wim.page.getByLabel('Aantekeningen', { exact: true }).fill('Zij woont er al 30 jaar.');
			await wim.page.getByLabel('Citaten mogen anoniem gebruikt worden').check();
			await wim.page.locator('#f-quote0').fill(quote);
			await wim.page.getByRole('group', { name: 'Citaat 1' }).getByLabel('Veiligheid').check();
			await wim.page.getByRole('button', { name: 'Gesprek bewaren' }).click();
			await submitted(wim.page);
			await expect(wim.page.locator('#f-notes-error').textContent()).resolves.toContain('geen toestemming om aantekeningen te bewaren');
			await expect(wim.page.locator('#f-quote0').inputValue()).resolves.toBe(quote);
			await expect(wim.page.getByRole('group', { name: 'Citaat 1' }).getByLabel('Veiligheid').isChecked()).resolves.toBe(true);
			await wim.page.getByLabel('Aantekeningen', { exact: true }).fill('');
			await wim.page.getByRole('button', { name: 'Gesprek bewaren' }).click();
			await wim.page.waitForURL(/\/staff\/voice\/conversations\/[0-9a-f-]{36}\?done=recorded/);
			await submitted(wim.page);
			await expect(wim.page.getByRole('status').textContent()).resolves.toContain('Het gesprek is bewaard');
			await expect(wim.page.locator('.quotes').textContent()).resolves.toContain(quote);
			await expect(wim.page.getByTestId('consent').textContent()).resolves.toContain('Geen toestemming voor aantekeningen');

			// The persona "De huurder": the quote (found by its theme) becomes evidence, backed today.
			await wim.page.getByRole('link', { name: "Persona's" }).first().click();
			await submitted(wim.page);
			await wim.page.getByRole('link', { name: 'De huurder' }).click();
			await submitted(wim.page);
			await wim.page.getByLabel('Citaten van thema').selectOption({ label: 'Veiligheid' });
			await wim.page.getByRole('button', { name: 'Toon' }).click();
			await submitted(wim.page);
			await wim.page.locator('.pick li', { hasText: tag }).getByRole('button', { name: /Koppel aan deze persona/ }).click();
			await submitted(wim.page);
			await expectNoHorizontalScroll(wim.page);
			await expect(wim.page.getByTestId('evidence').textContent()).resolves.toContain(quote);
			const today = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date());
			await expect(wim.page.getByTestId('last-backed').textContent()).resolves.toContain(`Laatst onderbouwd op ${today}`);

			// The advice request: no deadline and a file that is no PDF → both messages, nothing sent.
			await visit(wim.page, '/staff/voice/advice/new');
			await wim.page.getByLabel('Gebied', { exact: true }).selectOption({ label: 'Lindebuurt' });
			await wim.page.getByLabel('Onderwerp', { exact: true }).fill(subject);
			await wim.page.getByLabel('Voorgenomen besluit', { exact: true }).fill('Wij willen ledlampen plaatsen bij de fietsenstalling en op het achterpad.');
			await wim.page.getByLabel('Adviesrecht').check();
			await wim.page.getByLabel('Antwoord uiterlijk', { exact: true }).fill('');
			await wim.page.getByLabel('Stukken (PDF, mag ook zonder)').setInputFiles({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Dit is gewone tekst, geen PDF.') });
			await wim.page.getByRole('button', { name: 'Adviesvraag versturen' }).click();
			await submitted(wim.page);
			await expectNoHorizontalScroll(wim.page);
			await expect(wim.page.locator('#f-deadlineOn-error').textContent()).resolves.toContain('Kies een uiterste datum');
			await expect(wim.page.locator('#f-documents-error').textContent()).resolves.toContain('Dit is geen PDF');
			await expect(wim.page.getByLabel('Onderwerp', { exact: true }).inputValue()).resolves.toBe(subject);
			await visit(wim.page, '/staff/voice/advice');
			await expect(wim.page.getByText(subject).count()).resolves.toBe(0);

			await visit(wim.page, '/staff/voice/advice/new');
			await wim.page.getByLabel('Gebied', { exact: true }).selectOption({ label: 'Lindebuurt' });
			await wim.page.getByLabel('Onderwerp', { exact: true }).fill(subject);
			await wim.page.getByLabel('Voorgenomen besluit', { exact: true }).fill('Wij willen ledlampen plaatsen bij de fietsenstalling en op het achterpad.');
			await wim.page.getByLabel('Adviesrecht').check();
			await wim.page.getByLabel('Stukken (PDF, mag ook zonder)').setInputFiles({ name: 'verlichting.pdf', mimeType: 'application/pdf', buffer: await pdf() });
			await wim.page.getByRole('button', { name: 'Adviesvraag versturen' }).click();
			await wim.page.waitForURL(/\/staff\/voice\/advice\/[0-9a-f-]{36}\?done=sent/);
			await submitted(wim.page);
			const staffPath = new URL(wim.page.url()).pathname;
			const doc = await wim.page.getByRole('link', { name: 'verlichting.pdf' }).getAttribute('href');
			const served = await wim.page.context().request.get(doc!);
			expect(served.status()).toBe(200);
			expect(served.headers()['content-type']).toBe('application/pdf');
			expect((await served.body()).subarray(0, 5).toString()).toBe('%PDF-');

			// Hanna (tenants' association) sees it waiting on her home and answers.
			const hanna = await loggedIn(browser, { js, email: 'hanna@demo.noaber.test', width: 320 });
			await expectAccessible(hanna.page);
			await hanna.page.getByTestId('waiting').getByRole('link', { name: subject }).click();
			await submitted(hanna.page);
			await expectNoHorizontalScroll(hanna.page);
			await hanna.page.getByLabel('Positief, met voorwaarden').check();
			await hanna.page.getByLabel('Advies', { exact: true }).fill('Doe het, maar met warm licht en niet in de slaapkamers.');
			await hanna.page.getByLabel('Redenen', { exact: true }).fill('Bewoners van de begane grond willen geen fel licht voor hun raam.');
			await hanna.page.getByLabel(/mag aan de bewoners van het gebied getoond worden/).check();
			await hanna.page.getByRole('button', { name: 'Advies versturen' }).click();
			await submitted(hanna.page);
			await expect(hanna.page.getByRole('status').textContent()).resolves.toContain('Uw advies is verstuurd');
			await expect(hanna.page.getByTestId('answer-advice').textContent()).resolves.toContain('warm licht');

			// Wim replies with reasons; the reply is required before closing.
			await visit(wim.page, staffPath);
			await expect(wim.page.getByRole('button', { name: 'Sluit de adviesvraag' }).count()).resolves.toBe(0);
			await wim.page.getByLabel('De corporatie volgt het advies voor een deel').check();
			await wim.page.getByLabel('Redenen', { exact: true }).fill('Wij kiezen warm licht. Bij de stalling is fel licht nodig voor de veiligheid.');
			await wim.page.getByRole('button', { name: 'Reactie versturen' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByTestId('reply-reasons').textContent()).resolves.toContain('Wij kiezen warm licht');
			await expect(wim.page.getByRole('button', { name: 'Sluit de adviesvraag' }).count()).resolves.toBe(1);

			// Hanna reads the reply; Anna, a member of the Lindebuurt, reads it on the buurt's page.
			await visit(hanna.page, new URL(hanna.page.url()).pathname);
			await expect(hanna.page.getByTestId('reply-reasons').textContent()).resolves.toContain('Wij kiezen warm licht');
			const anna = await loggedIn(browser, { js, email: 'anna@demo.noaber.test', width: 320 });
			// From her home, the link to her buurt (under "your home").
			await anna.page.getByRole('link', { name: 'Lindebuurt', exact: true }).first().click();
			await submitted(anna.page);
			await anna.page.getByRole('link', { name: 'Advies en reacties in Lindebuurt' }).click();
			await submitted(anna.page);
			await expectNoHorizontalScroll(anna.page);
			const card = anna.page.locator('li.card', { hasText: subject });
			await expect(card.textContent()).resolves.toContain('Wij kiezen warm licht');
			await expect(card.textContent()).resolves.toContain('De corporatie volgt het advies voor een deel');

			for (const p of [wim, hanna, anna]) await p.context.close();
		});
	});
}
