import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, launchBrowser, loggedIn, submitted, visit } from './harness';

/**
 * Concern signals, end to end on the demo data: Anna (a 320 px phone) raises a concern about a
 * neighbour's home from her home page — first with a missing choice and a BSN in the text (the
 * messages are next to the fields, nothing is stored), then properly — and reads the honest
 * answer. Henk (De Linde's social team) sees it on his home with its age, opens it and records
 * "contact made"; Anna gets "picked up" in her inbox. Wim (staff without the role) and Bram (the
 * buurt's supervisor) see nothing: no list, no count, the concern's page is a 404. Once with
 * JavaScript off and once on; axe on every page.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

for (const js of [false, true]) {
	describe(`Concern signals with JavaScript ${js ? 'on' : 'off'}`, () => {
		it('member raises a concern → the social team sees and triages it → the reporter hears it was picked up; nobody else sees it', async () => {
			const home = js ? 'Lindehof 7' : 'Lindehof 6';
			const words = `Ik heb de buurman van ${home} al vier dagen niet gezien. ${Date.now() % 100000}`;
			const anna = await loggedIn(browser, { js, email: 'anna@demo.noaber.test', width: 320 });
			const henk = await loggedIn(browser, { js, email: 'henk@demo.noaber.test' });
			const wim = await loggedIn(browser, { js, email: 'wim@demo.noaber.test' });
			const bram = await loggedIn(browser, { js, email: 'bram@demo.noaber.test' });

			// Anna: from her home to the form; it says who reads it before she writes.
			await anna.page.getByRole('link', { name: 'Een zorg melden' }).first().click();
			await anna.page.waitForURL(/\/concerns\/new$/);
			await expectAccessible(anna.page);
			await expectNoHorizontalScroll(anna.page);
			await expect(anna.page.locator('main').textContent()).resolves.toContain('Alleen het sociaal team van de corporatie leest het');

			// Without a home and with a BSN in the text: messages next to the fields, the text kept.
			await anna.page.getByLabel('De woning lijkt verwaarloosd').check();
			await anna.page.getByLabel('Vertel kort wat u zag').fill('Haar BSN is 111222333.');
			await anna.page.getByRole('button', { name: 'Zorg melden' }).click();
			await submitted(anna.page);
			await expectNoHorizontalScroll(anna.page);
			await expect(anna.page.locator('#f-unitId-error').textContent()).resolves.toContain('Kies de woning');
			await expect(anna.page.locator('#f-body-error').textContent()).resolves.toContain('burgerservicenummer');
			await expect(anna.page.getByLabel('De woning lijkt verwaarloosd').isChecked()).resolves.toBe(true);

			// Now properly.
			await anna.page.getByLabel('Over welke woning gaat het?').selectOption({ label: `${home} (Lindehof)` });
			await anna.page.getByLabel('Ik heb iemand al dagen niet gezien').check();
			await anna.page.getByLabel('Vertel kort wat u zag').fill(words);
			await anna.page.getByLabel('Het sociaal team mag contact met mij opnemen').check();
			await anna.page.getByRole('button', { name: 'Zorg melden' }).click();
			await submitted(anna.page);
			await anna.page.waitForURL(/\/concerns\/[0-9a-f-]{36}\?raised=1$/);
			await expectNoHorizontalScroll(anna.page);
			const concernPath = new URL(anna.page.url()).pathname;
			const concernId = concernPath.split('/').pop()!;
			await expect(anna.page.getByTestId('concern-promise').textContent()).resolves.toContain('U hoort geen details, vanwege de privacy');
			await expect(anna.page.getByTestId('concern-state').textContent()).resolves.toContain('Nog niet opgepakt');

			// Henk: on his home, the untriaged concerns oldest first, each with its age.
			await visit(henk.page, '/home');
			const section = henk.page.getByTestId('home-concerns');
			const line = section.locator(`[data-concern="${concernId}"]`);
			await expect(line.textContent()).resolves.toContain(home);
			await expect(line.getByTestId('concern-age').textContent()).resolves.toBe('vandaag');
			await expect(section.locator('[data-concern]').first().getByTestId('concern-age').textContent()).resolves.toMatch(/dagen oud/);
			await line.getByRole('link').click();
			await submitted(henk.page);
			await expect(henk.page.getByTestId('concern-body').textContent()).resolves.toBe(words);
			await expect(henk.page.locator('main').textContent()).resolves.toContain('Anna de Vries');
			await henk.page.getByLabel('Contact gehad').check();
			await henk.page.getByRole('button', { name: 'Uitkomst opslaan' }).click();
			await submitted(henk.page);
			await expect(henk.page.getByRole('status').textContent()).resolves.toContain('De uitkomst is opgeslagen');
			await expect(henk.page.getByTestId('concern-outcome').textContent()).resolves.toContain('Contact gehad');

			// Anna: "picked up" in her inbox, and on her concern's page — not what was done.
			await visit(anna.page, '/inbox');
			await expectNoHorizontalScroll(anna.page);
			await anna.page.getByRole('link', { name: /Uw zorg is opgepakt/ }).first().click();
			await submitted(anna.page);
			expect(new URL(anna.page.url()).pathname).toBe(concernPath);
			await expect(anna.page.getByTestId('concern-state').textContent()).resolves.toContain('Opgepakt op');
			await expect(anna.page.locator('main').textContent()).resolves.not.toContain('Contact gehad');

			// Wim (staff without the role) and Bram (the buurt's supervisor): nothing, not even a count.
			for (const other of [wim, bram]) {
				await visit(other.page, '/home');
				expect(await other.page.getByTestId('home-concerns').count()).toBe(0);
				await expect(other.page.locator('main').textContent()).resolves.not.toContain(words);
				for (const path of ['/staff/concerns', `/staff/concerns/${concernId}`, concernPath]) {
					const response = await other.page.goto(path);
					expect(response?.status(), path).toBe(404);
					await expectAccessible(other.page);
				}
			}
			for (const p of [anna, henk, wim, bram]) await p.context.close();
		});
	});
}
