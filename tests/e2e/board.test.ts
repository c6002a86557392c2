import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, launchBrowser, loggedIn, submitted, visit } from './harness';
import { tinyPng } from '../../src/lib/server/board/test-fixtures';

/**
 * The neighbourhood board, end to end on the demo data: Anna (a 320 px phone) finds the board
 * from her home page, first sends an empty post (the message is next to the field, what she chose
 * stays), then posts a question with a photo → Bram replies by keyboard alone → Anna opens the
 * reply from her inbox, which marks it read. Wim (staff) sees the pinned news and may post news.
 * Once with JavaScript off and once on; axe on every page.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

for (const js of [false, true]) {
	describe(`Board with JavaScript ${js ? 'on' : 'off'}`, () => {
		it('post with a photo → reply → read it from the notification', async () => {
			const text = `Wie leent mij een boormachine? ${js ? 'A' : 'B'}${Date.now() % 100000}`;
			const anna = await loggedIn(browser, { js, email: 'anna@demo.noaber.test', width: 320 });
			const bram = await loggedIn(browser, { js, email: 'bram@demo.noaber.test' });
			const wim = await loggedIn(browser, { js, email: 'wim@demo.noaber.test' });

			// Anna: from her home to the board of her buurt.
			await anna.page.getByRole('link', { name: 'Het prikbord' }).click();
			await anna.page.waitForURL(/\/buurten\/[0-9a-f-]{36}\/board$/);
			await expectAccessible(anna.page);
			await expectNoHorizontalScroll(anna.page);
			const boardPath = new URL(anna.page.url()).pathname;
			await expect(anna.page.locator('.pinned').count()).resolves.toBeGreaterThan(0);

			// An empty post: the message is next to the field, the chosen kind stays.
			await anna.page.getByText('Schrijf een bericht').click();
			await anna.page.getByLabel('Vraag', { exact: true }).check();
			await anna.page.getByRole('button', { name: 'Plaats het bericht' }).click();
			await submitted(anna.page);
			await expectNoHorizontalScroll(anna.page);
			await expect(anna.page.locator('#post-body-error').textContent()).resolves.toContain('Schrijf eerst iets');
			await expect(anna.page.getByLabel('Vraag', { exact: true }).isChecked()).resolves.toBe(true);

			// A file that is not a photo is refused with its own message; the text is kept.
			await anna.page.getByLabel('Uw bericht').fill(text);
			await anna.page.getByLabel("Foto's (mag ook zonder)").setInputFiles({ name: 'brief.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 geen foto') });
			await anna.page.getByRole('button', { name: 'Plaats het bericht' }).click();
			await submitted(anna.page);
			await expect(anna.page.locator('#f-photos-error').textContent()).resolves.toContain('geen foto');
			await expect(anna.page.getByLabel('Uw bericht').inputValue()).resolves.toBe(text);

			// Now with a photo, shown as "a neighbour from the <street>".
			await anna.page.getByLabel("Foto's (mag ook zonder)").setInputFiles({ name: 'boor.png', mimeType: 'image/png', buffer: Buffer.from(tinyPng()) });
			await anna.page.getByLabel(/^Alleen: een buurtbewoner van de /).check();
			await anna.page.getByRole('button', { name: 'Plaats het bericht' }).click();
			await submitted(anna.page);
			await anna.page.waitForURL(/\/board\/[0-9a-f-]{36}\?done=posted/);
			await expectNoHorizontalScroll(anna.page);
			await expect(anna.page.getByRole('status').textContent()).resolves.toContain('staat op het prikbord');
			const postPath = new URL(anna.page.url()).pathname;
			const src = await anna.page.locator('.photos img').first().getAttribute('src');
			expect(src).toMatch(/^\/uploads\/board\/[0-9a-f-]{36}$/);
			const photo = await anna.page.context().request.get(src!);
			expect(photo.status()).toBe(200);
			expect(photo.headers()['content-type']).toBe('image/png');

			// Bram finds it on the board (as "a neighbour from …", not Anna's name) and replies with the keyboard only.
			await visit(bram.page, boardPath);
			const card = bram.page.locator('article', { hasText: text });
			await expect(card.textContent()).resolves.toMatch(/Een buurtbewoner van de /);
			await expect(card.textContent()).resolves.not.toContain('Anna');
			await card.getByRole('link', { name: 'Reageer' }).click();
			await submitted(bram.page);
			await bram.page.getByLabel('Uw reactie').focus();
			await bram.page.keyboard.type('Ja, ik breng hem vanavond langs.');
			// Tab past the name choice to the button, and press it.
			for (let i = 0; i < 6; i++) {
				if ((await bram.page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Reageer') break;
				await bram.page.keyboard.press('Tab');
			}
			await bram.page.keyboard.press('Enter');
			await bram.page.waitForURL(/done=reply/);
			await submitted(bram.page);
			await expect(bram.page.locator('.replies').textContent()).resolves.toContain('Ja, ik breng hem vanavond langs.');

			// Anna reads it from her inbox; opening the post marks it read.
			await visit(anna.page, '/inbox');
			await expectNoHorizontalScroll(anna.page);
			const link = anna.page.getByRole('link', { name: `Reactie op uw bericht: ${text}` });
			await link.click();
			await submitted(anna.page);
			expect(new URL(anna.page.url()).pathname).toBe(postPath);
			await expect(anna.page.locator('.replies').textContent()).resolves.toContain('Ja, ik breng hem vanavond langs.');
			await visit(anna.page, '/inbox');
			await expect(anna.page.locator('li', { hasText: `Reactie op uw bericht: ${text}` }).count()).resolves.toBe(1);
			await expect(anna.page.locator('li.unread', { hasText: `Reactie op uw bericht: ${text}` }).count()).resolves.toBe(0);

			// Wim (staff) sees the board with the news form, and the groups page.
			await visit(wim.page, boardPath);
			await expect(wim.page.getByText('Nieuws plaatsen (corporatie)').count()).resolves.toBe(1);
			await visit(wim.page, `${boardPath}/groups`);
			await expect(wim.page.getByRole('link', { name: 'Moestuin Lindeplein' }).count()).resolves.toBe(1);

			for (const p of [anna, bram, wim]) await p.context.close();
		});
	});
}
