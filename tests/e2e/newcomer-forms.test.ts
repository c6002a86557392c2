import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, loggedIn, submitted } from './harness';

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

/** Links that are no page to read: they act (POST-only or leave), or are files. */
const notAPage = /^\/(logout|language|dev\/mailbox|calendar|uploads|api)\b|\.(ics|csv|pb|pdf)$/;
const deadEnds = ['U hoort nog bij geen buurt', 'U hoort nog niet bij een buurt', 'You are not in a buurt yet'];

/** Same-origin links on the page, as paths with their query, without fragments. */
async function linksOn(page: Page): Promise<string[]> {
	const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
	const origin = new URL(baseUrl()).origin;
	return [...new Set(hrefs.map((h) => new URL(h)).filter((u) => u.origin === origin).map((u) => u.pathname + u.search))].filter((p) => !notAPage.test(p));
}

/** The demo personas (src/lib/server/people/demo-seed.ts). */
const personas = ['anna', 'bram', 'noor', 'carla', 'wim', 'hanna', 'gert', 'sander', 'admin'].map((n) => `${n}@demo.noaber.test`);

describe('every link a persona sees leads somewhere that persona may use', () => {
	for (const email of personas) {
		it(`${email}: links on the home, the menu pages and the pages they link to`, async () => {
			const { context, page } = await loggedIn(browser, { js: true, email });
			const seen = new Set<string>();
			const problems: string[] = [];
			// Breadth first from the home and the main menu, two steps deep, at most 60 pages.
			let frontier = ['/home', ...(await linksOn(page)).filter((p) => /^\/(home|buurten|inbox|staff|wallet)$/.test(p))];
			for (let depth = 0; depth < 3 && frontier.length; depth++) {
				const next: string[] = [];
				for (const path of frontier) {
					if (seen.has(path) || seen.size >= 60) continue;
					seen.add(path);
					const response = await page.goto(path);
					const status = response?.status() ?? 0;
					const text = (await page.locator('main').textContent().catch(() => '')) ?? '';
					if (status === 403 || status === 404 || status >= 500) problems.push(`${path} → ${status}`);
					else if (deadEnds.some((d) => text.includes(d))) problems.push(`${path} → "no buurt"`);
					else if (depth < 2) next.push(...(await linksOn(page)));
				}
				frontier = next;
			}
			await context.close();
			expect(problems, `dead links for ${email}`).toEqual([]);
		});
	}
});

describe('letters and dates in the reader’s language', () => {
	const isoDate = /\b\d{4}-\d{2}-\d{2}\b/;

	it('with English on, a printed sign-up letter is Dutch from top to bottom, its date written out', async () => {
		const wim = await loggedIn(browser, { js: false, email: 'wim@demo.noaber.test', width: 320 });
		await wim.page.getByRole('button', { name: 'English' }).click();
		await wim.page.goto('/staff/complexes');
		await wim.page.getByRole('button', { name: /Make letters/ }).first().click();
		await submitted(wim.page);
		const letter = wim.page.locator('article.letter').first();
		const text = (await letter.textContent()) ?? '';
		expect(text).toContain('Aan de bewoners van');
		expect(text).not.toContain('To the residents');
		expect(text).not.toMatch(isoDate);
		await wim.context.close();
	});

	it('the supervisor’s home shows the end of the term as a date in English, not 2027-03-01', async () => {
		const bram = await loggedIn(browser, { js: false, email: 'bram@demo.noaber.test' });
		await bram.page.getByRole('button', { name: 'English' }).click();
		await bram.page.goto('/home');
		const main = (await bram.page.locator('main').textContent()) ?? '';
		expect(main).toMatch(/supervisor of .+ until \d{1,2} [A-Z][a-z]{2} \d{4}/);
		expect(main).not.toMatch(isoDate);
		await bram.context.close();
	});
});
