import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoHorizontalScroll, launchBrowser, loggedIn, submitted, visit } from './harness';

/**
 * Nothing happens silently (issue 9): Anna asks something for the corporation ('iets anders'),
 * Bram redirects it, Wim gives it to himself on /supervise's link, answers with a note and closes
 * it — Anna reads the note on her request page and in her inbox, and sees it closed. The wallet
 * is in the menu; the notification settings have a switch per event, and the choice to show her
 * street next to her first name. With JavaScript on and off;
 * axe on every page (visit/submitted); Anna on a 320 px phone.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

for (const js of [true, false]) {
	describe(`follow-up and notifications with JavaScript ${js ? 'on' : 'off'}`, () => {
		it('a redirected request is picked up, answered and closed; the asker reads it', async () => {
			const title = `Lamp in de gang ${js ? 'A' : 'B'}-${Date.now() % 100000}`;
			const anna = await loggedIn(browser, { js, email: 'anna@demo.noaber.test', width: 320 });
			const bram = await loggedIn(browser, { js, email: 'bram@demo.noaber.test' });
			const wim = await loggedIn(browser, { js, email: 'wim@demo.noaber.test' });

			// The wallet is in the main menu of a member.
			await expect(anna.page.getByRole('navigation').getByRole('link', { name: 'Mijn beloningen' }).count()).resolves.toBe(1);
			await anna.page.getByRole('navigation').getByRole('link', { name: 'Mijn beloningen' }).click();
			await submitted(anna.page);
			expect(new URL(anna.page.url()).pathname).toBe('/wallet');

			// Every event has its own switch.
			await visit(anna.page, '/settings/notifications');
			await expectNoHorizontalScroll(anna.page);
			for (const legend of ['Een nieuw bericht bij een hulpvraag', 'Antwoord op uw plan', 'Een nieuwe stemronde in uw buurt', 'De uitslag van een stemronde', 'Geld betaald voor een plan dat u steunde', 'De corporatie reageert op een doorgestuurde vraag'])
				await expect(anna.page.getByRole('group', { name: legend }).count()).resolves.toBe(1);
			// Her name for neighbours: the first name only, unless she chooses to show her street.
			const street = anna.page.getByLabel('Laat mijn straat zien naast mijn voornaam');
			await expect(street.isChecked()).resolves.toBe(false);
			await street.check();
			await anna.page.getByRole('button', { name: 'Bewaar', exact: true }).click();
			await submitted(anna.page);
			await expect(anna.page.getByRole('status').textContent()).resolves.toContain('Buren zien nu uw straat naast uw voornaam.');
			await expect(anna.page.getByLabel('Laat mijn straat zien naast mijn voornaam').isChecked()).resolves.toBe(true);
			await expectNoHorizontalScroll(anna.page);
			await anna.page.getByLabel('Laat mijn straat zien naast mijn voornaam').uncheck();
			await anna.page.getByRole('button', { name: 'Bewaar', exact: true }).click();
			await submitted(anna.page);
			await expect(anna.page.getByRole('status').textContent()).resolves.toContain('Buren zien nu alleen uw voornaam.');
			await visit(wim.page, '/settings/notifications');
			// Staff live nowhere through their staff account: no street to show.
			await expect(wim.page.getByLabel('Laat mijn straat zien naast mijn voornaam').count()).resolves.toBe(0);
			await expect(wim.page.getByRole('group', { name: 'Een plan wacht op uw beoordeling' }).count()).resolves.toBe(1);

			// Anna asks something for the corporation.
			await visit(anna.page, '/help/new');
			await anna.page.getByLabel(/^Iets anders/).check();
			await anna.page.getByLabel('Uw vraag in een paar woorden').fill(title);
			await anna.page.getByLabel('Vertel wat meer').fill('De lamp in de gemeenschappelijke gang doet het al een week niet.');
			await anna.page.getByLabel('Graag deze week').check();
			await anna.page.getByRole('button', { name: 'Vraag versturen' }).click();
			await anna.page.waitForURL(/\/help\/[0-9a-f-]{36}\?done=ask/);
			const requestPath = new URL(anna.page.url()).pathname;

			// Bram redirects it to the corporation.
			await visit(bram.page, requestPath);
			await bram.page.getByLabel(/^Doorsturen naar de corporatie/).check();
			await bram.page.getByLabel('Reden of vraag aan de vrager').fill('Dit regelt de corporatie.');
			await bram.page.getByRole('button', { name: 'Besluit opslaan' }).click();
			await submitted(bram.page);

			// Wim finds it on /supervise, open and not picked up, and follows the link.
			await visit(wim.page, '/supervise');
			const card = wim.page.locator('.follow-ups li', { hasText: title });
			await expect(card.textContent()).resolves.toContain('nog niet opgepakt');
			await card.getByRole('link', { name: /^Oppakken/ }).click();
			await submitted(wim.page);
			expect(new URL(wim.page.url()).pathname).toBe(requestPath);
			await wim.page.getByLabel('Wie pakt het op?').selectOption({ label: 'Wim Bakker' });
			await wim.page.getByRole('button', { name: 'Geven aan deze medewerker' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByText('U pakt dit op.').count()).resolves.toBe(1);
			// An empty answer: a clear message next to the field.
			await wim.page.getByRole('button', { name: 'Antwoord versturen' }).click();
			await submitted(wim.page);
			await expect(wim.page.locator('#follow-up-note-error').textContent()).resolves.toContain('Schrijf een antwoord');
			await wim.page.getByLabel('Antwoord voor de vrager').fill('De huismeester vervangt de lamp morgen.');
			await wim.page.getByRole('button', { name: 'Antwoord versturen' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByRole('status').textContent()).resolves.toContain('Uw antwoord is verstuurd');

			// Anna reads the answer on her request and in her inbox.
			await visit(anna.page, requestPath);
			await expectNoHorizontalScroll(anna.page);
			await expect(anna.page.locator('.follow-up').textContent()).resolves.toContain('De huismeester vervangt de lamp morgen.');
			await expect(anna.page.locator('.follow-up').textContent()).resolves.toContain('Wim Bakker van de corporatie pakt dit op.');
			await visit(anna.page, '/inbox');
			await expect(anna.page.getByText(`Antwoord van de corporatie: ${title}`).count()).resolves.toBeGreaterThan(0);

			// Wim closes it; it stays on /supervise as closed, without the button.
			await visit(wim.page, requestPath);
			await wim.page.getByRole('button', { name: 'Vraag afsluiten' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByRole('status').textContent()).resolves.toContain('afgesloten');
			await expect(wim.page.getByRole('button', { name: 'Vraag afsluiten' }).count()).resolves.toBe(0);
			await visit(wim.page, '/supervise');
			await expect(wim.page.locator('.follow-ups li', { hasText: title }).textContent()).resolves.toContain('Afgesloten');

			// Anna sees it closed, with the note.
			await visit(anna.page, requestPath);
			const box = await anna.page.locator('.follow-up').textContent();
			expect(box).toMatch(/Afgesloten op/);
			expect(box).toContain('De huismeester vervangt de lamp morgen.');
			await visit(anna.page, '/inbox');
			await expect(anna.page.getByText(`Afgesloten door de corporatie: ${title}`).count()).resolves.toBeGreaterThan(0);

			for (const p of [anna, bram, wim]) await p.context.close();
		});
	});
}
