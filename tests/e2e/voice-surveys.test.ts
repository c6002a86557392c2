import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, launchBrowser, loggedIn, newContext, submitted, visit } from './harness';

/**
 * Stem van de buurt, end to end on the demo data: Wim starts the seed survey for the Lindebuurt
 * (with invitation letters), tries to add an empty question (the message is next to the field),
 * adds a rapportcijfer and publishes → Anna (a 320 px phone) first sends nothing (the message is
 * next to the required question), answers, and answers again (the notice says it replaces the
 * first) → Bram, Noor and Fatima answer → a fifth household answers through its letter's link
 * without logging in → Wim closes it, sees the results (a chart drawn on the server with its
 * table), reviews and publishes the open answers, and starts an action from the rapportcijfer in
 * one step → Anna reads it on "Jij zei, wij deden". Once with JavaScript off and once on; axe on
 * every page.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

const GRADE = 'Welk rapportcijfer geeft u de corporatie?';
const OPEN = 'Wat zou u graag anders of nieuw zien?';

async function answer(page: Page, grade: string, text: string) {
	await page.getByRole('group', { name: new RegExp(GRADE) }).getByLabel(grade, { exact: true }).check();
	await page.getByLabel(OPEN).fill(text);
	await page.getByRole('button', { name: /versturen/ }).click();
	await submitted(page);
}

for (const js of [false, true]) {
	describe(`Surveys and “jij zei, wij deden” with JavaScript ${js ? 'on' : 'off'}`, () => {
		it('staff create the seed survey → 5 households answer → results → action → members see it', { timeout: 300_000 }, async () => {
			const tag = `${js ? 'A' : 'B'}${Date.now() % 100000}`;
			const title = `Jij en de buurt ${tag}`;
			const wim = await loggedIn(browser, { js, email: 'wim@demo.noaber.test', width: 1280 });

			// Wim: from the staff overview to a new survey from the seed's template.
			await visit(wim.page, '/staff');
			await wim.page.getByRole('link', { name: 'Enquêtes' }).click();
			await submitted(wim.page);
			await wim.page.getByText('Nieuwe enquête maken').click();
			await wim.page.getByLabel('Begin met').selectOption({ label: 'De vier vragen van het begin (gelijkwaardig en wederkerig)' });
			await wim.page.getByLabel('Voor wie').selectOption({ label: 'Buurt: Lindebuurt' });
			await wim.page.getByLabel('Titel', { exact: true }).fill(title);
			await wim.page.getByLabel(/Ook brieven met een persoonlijke link/).check();
			await wim.page.getByRole('button', { name: 'Enquête maken' }).click();
			await submitted(wim.page);
			await wim.page.waitForURL(/\/staff\/voice\/surveys\/[0-9a-f-]{36}\?done=created/);
			const manage = new URL(wim.page.url()).pathname;
			for (const q of ['gelijkwaardigheid', 'vriendschap', 'anders of nieuw', 'Hoe kan de corporatie u helpen?']) await expect(wim.page.locator('.qlist').textContent()).resolves.toContain(q);

			// An empty question: the message is next to the field; then the rapportcijfer, required.
			await wim.page.getByText('Vraag toevoegen').click();
			await wim.page.getByRole('button', { name: 'Voeg de vraag toe' }).click();
			await submitted(wim.page);
			await expect(wim.page.locator('#f-textNl-error').textContent()).resolves.toContain('Vul de vraag in');
			await wim.page.getByLabel('Vraag (Nederlands)').fill(GRADE);
			await wim.page.getByLabel('Vraag (Engels)').fill('What mark do you give the corporation?');
			await wim.page.getByLabel('Deze vraag moet worden beantwoord').check();
			await wim.page.getByRole('button', { name: 'Voeg de vraag toe' }).click();
			await submitted(wim.page);
			await wim.page.getByRole('button', { name: 'Publiceren' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByRole('status').textContent()).resolves.toContain('gepubliceerd');

			// Anna, on a phone: from her home to the survey.
			const anna = await loggedIn(browser, { js, email: 'anna@demo.noaber.test', width: 320 });
			await expectAccessible(anna.page);
			await anna.page.getByRole('link', { name: title }).click();
			await submitted(anna.page);
			await expectNoHorizontalScroll(anna.page);
			await anna.page.getByRole('button', { name: 'Antwoorden versturen' }).click();
			await submitted(anna.page);
			await expect(anna.page.getByRole('group', { name: new RegExp(GRADE) }).textContent()).resolves.toContain('Deze vraag moet u beantwoorden.');
			await answer(anna.page, '4', 'Vaker een buurtfeest.');
			await expect(anna.page.getByRole('status').textContent()).resolves.toContain('Dank u wel');
			// Again: the household answered; the new answers replace the first.
			await visit(anna.page, new URL(anna.page.url()).pathname);
			await expect(anna.page.getByRole('status').textContent()).resolves.toContain('Uw huishouden heeft al ingevuld');
			await answer(anna.page, '7', 'Vaker een buurtfeest met de hele straat.');
			await expect(anna.page.getByRole('status').textContent()).resolves.toContain('vervangen de vorige');
			await expectNoHorizontalScroll(anna.page);
			const surveyPath = new URL(anna.page.url()).pathname;

			for (const [email, text] of [['bram@demo.noaber.test', 'Beter licht bij de fietsen.'], ['noor@demo.noaber.test', 'Een moestuin.'], ['fatima@demo.noaber.test', 'Snellere reparaties.']]) {
				const n = await loggedIn(browser, { js, email });
				await visit(n.page, surveyPath);
				await answer(n.page, '7', text);
				await n.context.close();
			}

			// The fifth household: a letter's personal link, without logging in (an Eikenlaan home).
			await visit(wim.page, `${manage}/letters`);
			const letter = wim.page.locator('article.letter', { hasText: 'Eikenlaan 3' });
			const link = (await letter.locator('.url').textContent())!.trim();
			await expect(letter.locator('svg.qr').count()).resolves.toBe(1);
			const guest = await newContext(browser, { js, width: 320 });
			const g = await guest.newPage();
			await visit(g, new URL(link).pathname);
			await expectNoHorizontalScroll(g);
			await answer(g, '7', 'Een bankje bij de speeltuin.');
			await expect(g.getByRole('status').textContent()).resolves.toContain('Dank u wel');
			await guest.close();

			// Wim closes it and reads the results: 5 households, the chart and its table.
			await visit(wim.page, manage);
			await wim.page.getByRole('button', { name: 'Enquête nu sluiten' }).click();
			await submitted(wim.page);
			await wim.page.getByRole('link', { name: 'Naar de uitkomsten' }).click();
			await submitted(wim.page);
			await expect(wim.page.locator('.lead').first().textContent()).resolves.toContain('5 huishoudens vulden in');
			const grade = wim.page.locator('section.question', { hasText: GRADE });
			await expect(grade.locator('svg.bars').count()).resolves.toBe(1);
			await expect(grade.getByRole('row', { name: /^7 / }).textContent()).resolves.toMatch(/5\s*100%/);
			await expect(grade.getByRole('row', { name: /^4 / }).textContent()).resolves.toContain('<5');
			await expect(grade.textContent()).resolves.toContain('Gemiddeld cijfer: 7,0');
			const csv = await wim.page.context().request.get(`${new URL(wim.page.url()).pathname}.csv`);
			expect(csv.status()).toBe(200);
			expect(await csv.text()).toContain('<5');

			// Review the open answers of one question (one with a street name taken out), then publish.
			await visit(wim.page, manage);
			await wim.page.getByRole('link', { name: OPEN }).click();
			await submitted(wim.page);
			for (let i = 1; i <= 5; i++) {
				const group = wim.page.getByRole('group', { name: `Wat doet u met antwoord ${i}?` });
				const formEl = wim.page.locator('form', { has: group });
				const body = await wim.page.locator('ol.answers > li').nth(i - 1).locator('.body').textContent();
				if (body?.includes('fietsen')) {
					await group.getByLabel(/zonder namen of adressen/).check();
					await formEl.getByLabel('Tekst die bewoners lezen').fill('Beter licht bij de [plek].');
				} else await group.getByLabel('Tonen zoals het er staat').check();
				await formEl.getByRole('button', { name: 'Opslaan' }).click();
				await submitted(wim.page);
			}
			await wim.page.getByRole('button', { name: 'Antwoorden publiceren' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByRole('status').textContent()).resolves.toContain('Gepubliceerd');

			// From the rapportcijfer's result, an action in one step (area and input filled in).
			await visit(wim.page, `/surveys/${surveyPath.split('/')[2]}/results`);
			await wim.page.locator('section.question', { hasText: GRADE }).getByRole('link', { name: 'Hier een actie mee beginnen' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByLabel('Uitleg').inputValue()).resolves.toContain('gemiddeld een 7,0 (5 mensen)');
			await wim.page.getByLabel('Wat we doen').fill(`Een buurtfeest per seizoen ${tag}`);
			await wim.page.getByLabel('Stand').selectOption({ label: 'Bezig' });
			await wim.page.getByRole('button', { name: 'Actie vastleggen' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByRole('status').textContent()).resolves.toContain('vastgelegd');

			// Anna reads it on her buurt's "Jij zei, wij deden", newest first, with what was said.
			await visit(anna.page, '/buurten');
			await anna.page.getByRole('link', { name: 'Lindebuurt' }).first().click();
			await submitted(anna.page);
			await anna.page.getByRole('link', { name: 'Jij zei, wij deden in de Lindebuurt' }).click();
			await submitted(anna.page);
			await expectNoHorizontalScroll(anna.page);
			const first = anna.page.locator('article.action').first();
			await expect(first.textContent()).resolves.toContain(`Een buurtfeest per seizoen ${tag}`);
			await expect(first.textContent()).resolves.toContain('Bezig');
			await expect(first.textContent()).resolves.toContain('Gemiddeld cijfer 7,0 (5 mensen)');
			// And the published open answers, as reviewed, on the results.
			await first.getByRole('link', { name: new RegExp(title) }).click();
			await submitted(anna.page);
			await expectNoHorizontalScroll(anna.page);
			const open = anna.page.locator('section.question', { hasText: OPEN });
			await expect(open.textContent()).resolves.toContain('Beter licht bij de [plek].');
			await expect(open.textContent()).resolves.not.toContain('fietsen');
			await anna.context.close();
			await wim.context.close();
		});
	});
}
