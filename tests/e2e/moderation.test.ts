import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, loggedIn, launchBrowser, submitted, visit } from './harness';

/**
 * Moderation on the demo data: Noor posts on the Lindebuurt's board → Bram replies → Anna, Bram
 * and Fatima (three households) report it (Anna first forgets the reason: the message is next to
 * the field) → it is hidden: Anna reads the placeholder, Noor her words with the notice → Fatima,
 * the buurt's ambassador, keeps it from her queue and it is back for everyone. Then Wim (staff)
 * suspends Noor for a day: her reply is refused with the end date and her text is still in the
 * form; Wim lifts it again. Once with JavaScript off, once on; axe on every page.
 */
let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function reportIt(page: Page, postPath: string, reason: string | null) {
	await visit(page, postPath);
	await page.getByRole('link', { name: 'Meld dit bericht op het prikbord' }).click();
	await submitted(page);
	await expectAccessible(page);
	if (reason) await page.getByLabel(reason).check();
	await page.getByRole('button', { name: 'Melding versturen' }).click();
	await submitted(page);
}

for (const js of [false, true]) {
	describe(`Moderation with JavaScript ${js ? 'on' : 'off'}`, () => {
		it('post → reply → three households report → hidden → the ambassador keeps it; a suspended member keeps her text', async () => {
			const text = `Wie wil er zaterdag mee de straat vegen? ${js ? 'A' : 'B'}${Date.now() % 100000}`;
			const noor = await loggedIn(browser, { js, email: 'noor@demo.noaber.test', width: 320 });
			const anna = await loggedIn(browser, { js, email: 'anna@demo.noaber.test', width: 320 });
			const bram = await loggedIn(browser, { js, email: 'bram@demo.noaber.test' });
			const fatima = await loggedIn(browser, { js, email: 'fatima@demo.noaber.test', width: 320 });
			const wim = await loggedIn(browser, { js, email: 'wim@demo.noaber.test' });

			// Noor posts; the form links to the house rules.
			await noor.page.getByRole('link', { name: 'Het prikbord' }).click();
			await noor.page.waitForURL(/\/board$/);
			const boardPath = new URL(noor.page.url()).pathname;
			const buurtPath = boardPath.replace(/\/board$/, '');
			await expect(noor.page.locator('a[href="/house-rules"]').count()).resolves.toBeGreaterThan(0);
			await noor.page.getByText('Schrijf een bericht').click();
			await noor.page.getByLabel('Vraag', { exact: true }).check();
			await noor.page.getByLabel('Uw bericht').fill(text);
			await noor.page.getByRole('button', { name: 'Plaats het bericht' }).click();
			await submitted(noor.page);
			await noor.page.waitForURL(/\/board\/[0-9a-f-]{36}\?done=posted/);
			const postPath = new URL(noor.page.url()).pathname;

			// Bram replies.
			await visit(bram.page, postPath);
			await bram.page.getByLabel('Uw reactie').fill('Ik doe mee, ik neem een bezem mee.');
			await bram.page.getByRole('button', { name: 'Reageer' }).click();
			await submitted(bram.page);

			// Anna reports without a reason first: the message is next to the field; then with one.
			await reportIt(anna.page, postPath, null);
			await expect(anna.page.locator('#f-reason-error').textContent()).resolves.toContain('Kies een reden');
			await expectNoHorizontalScroll(anna.page);
			await anna.page.getByLabel('Reclame of spam').check();
			await anna.page.getByRole('button', { name: 'Melding versturen' }).click();
			await submitted(anna.page);
			await anna.page.waitForURL(/\?done=reported$/);
			await reportIt(bram.page, postPath, 'Reclame of spam');
			await reportIt(fatima.page, postPath, 'Onjuist of misleidend');
			await fatima.page.waitForURL(/\?done=reported_hidden$/);

			// Hidden: Anna reads the placeholder only; Noor reads her words with the notice, and was told.
			await visit(anna.page, postPath);
			await expect(anna.page.locator('main').textContent()).resolves.not.toContain(text);
			await expect(anna.page.getByRole('note').textContent()).resolves.toContain('verborgen omdat buren het gemeld hebben');
			await expectAccessible(anna.page);
			await visit(noor.page, postPath);
			await expect(noor.page.locator('main').textContent()).resolves.toContain(text);
			await expect(noor.page.getByRole('note').textContent()).resolves.toContain('Alleen u ziet dit nog');
			await visit(noor.page, '/inbox');
			await expect(noor.page.locator('main').textContent()).resolves.toContain('Uw bericht op het prikbord is verborgen');
			await visit(noor.page, '/settings/moderation');
			await expectAccessible(noor.page);
			await expectNoHorizontalScroll(noor.page);
			await expect(noor.page.locator('main').textContent()).resolves.toContain('Verborgen, omdat genoeg huishoudens het meldden');

			// Fatima, the buurt's ambassador: from the buurt page to her queue, opens the item, keeps it.
			await visit(fatima.page, buurtPath);
			await fatima.page.getByRole('link', { name: 'Meldingen van buren bekijken' }).click();
			await submitted(fatima.page);
			await expectAccessible(fatima.page);
			await expectNoHorizontalScroll(fatima.page);
			await fatima.page.locator('li', { hasText: text }).getByRole('link', { name: /^Bekijken/ }).click();
			await submitted(fatima.page);
			await expectAccessible(fatima.page);
			await expectNoHorizontalScroll(fatima.page);
			await expect(fatima.page.locator('blockquote').textContent()).resolves.toContain(text);
			// Ambassadors do not warn or suspend.
			await expect(fatima.page.getByRole('heading', { name: /De schrijver aanspreken/ }).count()).resolves.toBe(0);
			await fatima.page.getByLabel('Laten staan (weer zichtbaar)').check();
			await fatima.page.getByRole('button', { name: 'Besluit opslaan' }).click();
			await submitted(fatima.page);
			await expect(fatima.page.getByRole('status').textContent()).resolves.toContain('Het blijft staan');
			const reviewPath = new URL(fatima.page.url()).pathname;

			// Visible again for Anna.
			await visit(anna.page, postPath);
			await expect(anna.page.locator('main').textContent()).resolves.toContain(text);

			// Wim suspends Noor for a day from the same item; her reply is refused, her text stays.
			await visit(wim.page, reviewPath);
			await expectAccessible(wim.page);
			await wim.page.getByLabel('Een tijd niets laten plaatsen').check();
			await wim.page.getByLabel(/Hoeveel dagen/).fill('1');
			await wim.page.locator('select[name="sanctionReason"]').selectOption('spam');
			await wim.page.getByRole('button', { name: 'Versturen' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByRole('status').textContent()).resolves.toContain('mag een tijd niets plaatsen');
			await visit(noor.page, postPath);
			const typed = 'Dit wil ik toch nog even zeggen.';
			await noor.page.getByLabel('Uw reactie').fill(typed);
			await noor.page.getByRole('button', { name: 'Reageer' }).click();
			await submitted(noor.page);
			await expect(noor.page.getByRole('alert').textContent()).resolves.toMatch(/U mag tot .* geen berichten plaatsen/);
			await expect(noor.page.getByLabel('Uw reactie').inputValue()).resolves.toBe(typed);
			await expectAccessible(noor.page);

			// Staff page: the house rules, the threshold, and lifting the suspension.
			await visit(wim.page, '/staff/moderation');
			await expectAccessible(wim.page);
			await wim.page.locator('li', { hasText: 'Noor' }).getByRole('button', { name: /Schorsing opheffen/ }).click();
			await submitted(wim.page);
			await expect(wim.page.getByRole('status').textContent()).resolves.toContain('opgeheven');
			await visit(noor.page, '/house-rules');
			await expectAccessible(noor.page);
			await expect(noor.page.locator('main').textContent()).resolves.toContain('Wees vriendelijk');
			for (const p of [noor, anna, bram, fatima, wim]) await p.context.close();
		});
	});
}
