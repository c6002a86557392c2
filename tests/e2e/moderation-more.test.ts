import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, loggedIn, launchBrowser, submitted, visit } from './harness';

/**
 * Moderation beyond the board, on the demo data with JavaScript off: Noor comments on a
 * Lindebuurt proposal (the form links to the house rules) → Anna, Bram and Fatima (three
 * households) report the comment → it is hidden: Anna reads the placeholder, Noor her words with
 * the notice → Wim (staff) keeps it from the buurt's queue and it is back for everyone. Axe on
 * every page.
 */
let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('Moderation of a proposal comment with JavaScript off', () => {
	it('comment → three households report → hidden → staff keep it', async () => {
		const text = `Dit plan is onzin en de maker ook. C${Date.now() % 100000}`;
		const noor = await loggedIn(browser, { js: false, email: 'noor@demo.noaber.test', width: 320 });
		const anna = await loggedIn(browser, { js: false, email: 'anna@demo.noaber.test', width: 320 });
		const bram = await loggedIn(browser, { js: false, email: 'bram@demo.noaber.test' });
		const fatima = await loggedIn(browser, { js: false, email: 'fatima@demo.noaber.test' });
		const wim = await loggedIn(browser, { js: false, email: 'wim@demo.noaber.test' });

		// Noor opens a proposal of her buurt and comments; the form links to the house rules.
		await noor.page.getByRole('link', { name: 'Het prikbord' }).click();
		await noor.page.waitForURL(/\/board$/);
		const buurtPath = new URL(noor.page.url()).pathname.replace(/\/board$/, '');
		await visit(noor.page, `${buurtPath}/proposals`);
		const href = await noor.page.locator('main a[href^="/proposals/"]').first().getAttribute('href');
		const proposalPath = new URL(href!, noor.page.url()).pathname;
		await visit(noor.page, proposalPath);
		await expectAccessible(noor.page);
		await expect(noor.page.locator('#comments ~ form a[href="/house-rules"], #comments ~ form .house-rules').count()).resolves.toBeGreaterThan(0);
		await noor.page.getByLabel('Uw reactie').fill(text);
		await noor.page.getByRole('button', { name: 'Reactie plaatsen' }).click();
		await submitted(noor.page);
		// Her own comment has no report link.
		await expect(noor.page.locator('li', { hasText: text }).getByRole('link', { name: /Meld deze reactie/ }).count()).resolves.toBe(0);

		// Three households report it.
		for (const [who, reason] of [
			[anna, 'Beledigend of scheldwoorden'],
			[bram, 'Beledigend of scheldwoorden'],
			[fatima, 'Reclame of spam']
		] as const) {
			await visit(who.page, proposalPath);
			await who.page.locator('li', { hasText: text }).getByRole('link', { name: /Meld deze reactie/ }).click();
			await submitted(who.page);
			await expectAccessible(who.page);
			await expectNoHorizontalScroll(who.page);
			await who.page.getByLabel(reason).check();
			await who.page.getByRole('button', { name: 'Melding versturen' }).click();
			await submitted(who.page);
			await expect(who.page.getByRole('status').textContent()).resolves.toContain('Uw melding is binnen');
		}
		await fatima.page.waitForURL(/\?done=reported_hidden#comment-\d+$/);

		// Hidden: Anna reads the placeholder only; Noor reads her words with the notice.
		await visit(anna.page, proposalPath);
		await expect(anna.page.locator('main').textContent()).resolves.not.toContain(text);
		await expect(anna.page.locator('#comments ~ ol').getByRole('note').first().textContent()).resolves.toContain('verborgen omdat buren het gemeld hebben');
		await expectAccessible(anna.page);
		await expectNoHorizontalScroll(anna.page);
		await visit(noor.page, proposalPath);
		await expect(noor.page.locator('main').textContent()).resolves.toContain(text);
		await expect(noor.page.locator('li', { hasText: text }).getByRole('note').textContent()).resolves.toContain('Alleen u ziet dit nog');
		await expectAccessible(noor.page);

		// Wim (staff) keeps it from the buurt's queue.
		await visit(wim.page, `${buurtPath}/moderation`);
		await expectAccessible(wim.page);
		await wim.page.locator('li', { hasText: text }).getByRole('link', { name: /^Bekijken/ }).click();
		await submitted(wim.page);
		await expectAccessible(wim.page);
		await expect(wim.page.locator('blockquote').textContent()).resolves.toContain(text);
		await wim.page.getByLabel('Laten staan (weer zichtbaar)').check();
		await wim.page.getByRole('button', { name: 'Besluit opslaan' }).click();
		await submitted(wim.page);
		await expect(wim.page.getByRole('status').textContent()).resolves.toContain('Het blijft staan');

		// Visible again for Anna, with the report link back.
		await visit(anna.page, proposalPath);
		await expect(anna.page.locator('main').textContent()).resolves.toContain(text);
		await expectAccessible(anna.page);
		for (const p of [noor, anna, bram, fatima, wim]) await p.context.close();
	});
});
