import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, loggedIn, submitted } from './harness';

/**
 * What a newcomer met (issue 9): forms that count once even after Back, inbox items that stop
 * being new, links that lead somewhere for every persona, letters and dates in the reader's
 * language.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function fillAsk(page: Page, title: string) {
	await page.getByLabel(/^Klusje in of bij uw huis/).check();
	await page.getByLabel('Uw vraag in een paar woorden').fill(title);
	await page.getByLabel('Vertel wat meer').fill('Mijn kliko moet naar de straat. Wie helpt?');
	await page.getByLabel('Graag deze week').check();
}

describe('a form sent again after Back counts once (JavaScript off)', () => {
	it('help request: submit, Back, submit again → one request, the person lands on the first one', async () => {
		const anna = await loggedIn(browser, { js: false, email: 'anna@demo.noaber.test' });
		const title = `Kliko buiten ${Date.now() % 100000}`;
		await anna.page.goto('/help/new');
		await fillAsk(anna.page, title);
		await anna.page.getByRole('button', { name: 'Vraag versturen' }).click();
		await anna.page.waitForURL(/\/help\/[0-9a-f-]{36}\?done=ask/);
		const first = new URL(anna.page.url()).pathname;

		await anna.page.goBack();
		await anna.page.waitForURL(/\/help\/new/);
		await fillAsk(anna.page, title); // what the browser restores, or the person types again
		await anna.page.getByRole('button', { name: 'Vraag versturen' }).click();
		await anna.page.waitForURL(/\/help\/[0-9a-f-]{36}/);
		await submitted(anna.page);
		expect(new URL(anna.page.url()).pathname).toBe(first);
		await expect(anna.page.getByRole('status').textContent()).resolves.toContain('Uw vraag is verstuurd');

		await anna.page.goto('/help');
		await expect(anna.page.getByRole('link', { name: title }).count()).resolves.toBe(1);

		// A different request from the same (reused) form is a new request, not an error.
		await anna.page.goto('/help/new');
		await fillAsk(anna.page, `${title} (2)`);
		await anna.page.getByRole('button', { name: 'Vraag versturen' }).click();
		await anna.page.waitForURL(/\/help\/[0-9a-f-]{36}\?done=ask/);
		expect(new URL(anna.page.url()).pathname).not.toBe(first);
		await anna.context.close();
	});
});

describe('inbox items stop being new once the person opened or acted on them', () => {
	it('the supervisor opens the request to check: its item is no longer "Nieuw", the menu count drops', async () => {
		const anna = await loggedIn(browser, { js: false, email: 'anna@demo.noaber.test' });
		const title = `Lamp vervangen ${Date.now() % 100000}`;
		await anna.page.goto('/help/new');
		await fillAsk(anna.page, title);
		await anna.page.getByRole('button', { name: 'Vraag versturen' }).click();
		await anna.page.waitForURL(/\/help\/[0-9a-f-]{36}\?done=ask/);
		const requestId = new URL(anna.page.url()).pathname.split('/').at(-1)!;
		await anna.context.close();

		const bram = await loggedIn(browser, { js: false, email: 'bram@demo.noaber.test', width: 320 });
		await bram.page.goto('/inbox');
		await submitted(bram.page);
		const item = bram.page.locator('li.card', { has: bram.page.locator(`a[href*="${requestId}"]`) });
		await expect(item.count()).resolves.toBeGreaterThan(0);
		await expect(item.first().textContent()).resolves.toContain('Nieuw');
		// "Berichten (2 nieuw)", with a space before the bracket.
		const menu = bram.page.getByRole('navigation').first().getByRole('link', { name: /^Berichten/ });
		const countIn = async () => Number(/^Berichten \((\d+) nieuw\)$/.exec(((await menu.textContent()) ?? '').trim())?.[1] ?? 0);
		await expect(menu.textContent()).resolves.toMatch(/^Berichten \(\d+ nieuw\)$/);
		const before = await countIn();
		const aboutIt = await item.filter({ hasText: 'Nieuw' }).count();
		expect(aboutIt).toBeGreaterThan(0);

		await item.first().locator(`a[href*="${requestId}"]`).click();
		await bram.page.waitForURL(new RegExp(`/help/${requestId}`));
		await submitted(bram.page);
		// The page that was opened already counts it read.
		expect(await countIn()).toBe(before - aboutIt);

		await bram.page.goto('/inbox');
		const after = bram.page.locator('li.card', { has: bram.page.locator(`a[href*="${requestId}"]`) });
		for (const text of await after.allTextContents()) expect(text).not.toContain('Nieuw');
		await bram.context.close();
	});
});
