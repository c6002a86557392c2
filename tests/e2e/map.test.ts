import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Browser, Page, Request } from 'playwright-core';
import { baseUrl, expectAccessible, expectNoHorizontalScroll, launchBrowser, newContext, submitted, visit } from './harness';

/**
 * The map for report forms (MapPicker on the development page /dev/map): no map code until the
 * person asks for it; Leaflet with the local tile fixture then; the pin writes plain form inputs;
 * without JavaScript the button is absent and the form posts an address (chosen from the
 * Locatieserver fixture) or typed numbers. axe and 320 px on every state.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

const tilesOrigin = () => new URL(inject('outside').tiles.replace(/[{}]/g, '')).origin;
const isMapCode = (u: string) => /\/(leaflet|noaber-map)\.[\w-]+\.(js|css)$/.test(u);

/** Every request the page makes, and every CSP complaint in its console. */
function watch(page: Page) {
	const requests: string[] = [];
	const cspErrors: string[] = [];
	const errors: string[] = [];
	page.on('request', (r: Request) => requests.push(r.url()));
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
		else if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(String(e)));
	return { requests, cspErrors, errors };
}

const number = async (page: Page, label: string) => Number((await page.getByLabel(label, { exact: true }).inputValue()).replace(',', '.'));

describe('the map, with JavaScript', () => {
	it('loads no map code until "Toon de kaart" is pressed; then draws local tiles, and a click or the keys set the lat/lon inputs', async () => {
		const context = await newContext(browser, { js: true, width: 320 });
		const page = await context.newPage();
		const seen = watch(page);
		const response = await visit(page, '/dev/map');
		await expectNoHorizontalScroll(page);

		// Only the page's own small loader script; no Leaflet, no map code, no style, no tile.
		const csp = response!.headers()['content-security-policy'];
		expect(csp).toMatch(new RegExp(`img-src 'self' data: ${tilesOrigin().replace(/[.:/]/g, '\\$&')}(;|$)`));
		expect(csp).toContain("script-src 'self'");
		const html = await response!.text();
		// (Each map names the loader; a module script with the same URL runs once.)
		expect([...new Set(html.match(/<script\b[^>]*>/g))]).toEqual([expect.stringMatching(/^<script type="module" src="[^"]*\/loader\.[\w-]+\.js">$/)]);
		expect(html).not.toMatch(/rel="modulepreload"/);
		await page.waitForLoadState('networkidle');
		expect(seen.requests.filter(isMapCode)).toEqual([]);
		expect(seen.requests.filter((u) => u.startsWith(tilesOrigin()))).toEqual([]);
		// The text alternative is there before any map: the points as a list, the inputs as fields.
		await expect(page.getByRole('list', { name: 'Plekken op de kaart', exact: true }).getByRole('listitem').count()).resolves.toBe(2);
		await expect(page.getByRole('list', { name: 'Plekken op de kaart van de buurt', exact: true }).getByRole('listitem').count()).resolves.toBe(2);

		const open = page.getByRole('button', { name: 'Toon de kaart', exact: true });
		await open.click();
		await page.locator('.leaflet-tile-loaded').first().waitFor();
		expect(seen.requests.filter(isMapCode).map((u) => u.replace(/\.[\w-]+\.(js|css)$/, '.$1').split('/').pop()).sort()).toEqual(['leaflet.css', 'leaflet.js', 'noaber-map.js']);
		expect(seen.requests.some((u) => u.startsWith(tilesOrigin()) && /\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
		await expect(open.isVisible()).resolves.toBe(false);
		const map = page.getByRole('region', { name: 'Kaart om de plek te kiezen' });
		await expect(map.isVisible()).resolves.toBe(true);

		// A click sets the pin and writes both inputs (near the centre the page asked for).
		const box = (await map.boundingBox())!;
		await page.mouse.click(box.x + box.width / 2 + 30, box.y + box.height / 2 - 20);
		const lat = await number(page, 'Breedtegraad');
		const lon = await number(page, 'Lengtegraad');
		expect(lat).toBeGreaterThan(52.2222);
		expect(lat).toBeLessThan(52.224);
		expect(lon).toBeGreaterThan(6.8942);
		expect(lon).toBeLessThan(6.896);
		await expect(page.locator('[data-map-status]').first().textContent()).resolves.toContain('Speld gezet op breedtegraad');

		// The keyboard: on the pin, arrow right moves it east (the inputs follow).
		const pin = page.getByRole('button', { name: 'Speld: de gekozen plek' });
		await pin.focus();
		await page.keyboard.press('ArrowRight');
		expect(await number(page, 'Lengtegraad')).toBeGreaterThan(lon);
		expect(await number(page, 'Breedtegraad')).toBeCloseTo(lat, 5);
		// On the map itself, Enter puts the pin in the middle.
		await map.focus();
		await page.keyboard.press('Enter');
		expect(await number(page, 'Breedtegraad')).toBeCloseTo(52.2222, 3);
		// Typing in the inputs moves the pin: they stay the way to give a place without a mouse.
		await page.getByLabel('Breedtegraad', { exact: true }).fill('52.2226');
		await page.getByLabel('Lengtegraad', { exact: true }).fill('6.8938');
		await page.getByLabel('Lengtegraad', { exact: true }).dispatchEvent('change');
		// The point of the pin is on that spot: the mark of Lindehof 12 (52.2226, 6.8938).
		await page.waitForTimeout(500);
		const [tip, mark] = await page.evaluate(() => {
			const pin = document.querySelector('#map-canvas .map-pin')!.getBoundingClientRect();
			const dot = document.querySelector('#map-canvas path.map-point')!.getBoundingClientRect();
			return [[pin.x + pin.width / 2, pin.y + pin.height], [dot.x + dot.width / 2, dot.y + dot.height / 2]];
		});
		expect(Math.hypot(tip[0] - mark[0], tip[1] - mark[1])).toBeLessThan(6);

		await expectAccessible(page);
		await expectNoHorizontalScroll(page);
		expect(seen.cspErrors).toEqual([]);

		// A map that only shows points: one mark per point, nothing to pick.
		await page.getByRole('button', { name: 'Toon de buurt op de kaart' }).click();
		const nearby = page.getByRole('region', { name: 'kaart van de buurt' });
		await page.waitForFunction(() => document.querySelectorAll('#nearby-map-canvas .leaflet-tile-loaded').length > 0, null, { timeout: 10_000 }).catch(async () => {
			const state = await page.evaluate(() => ({ canvas: document.querySelector('#nearby-map-canvas')?.outerHTML.slice(0, 800), status: [...document.querySelectorAll('[data-map-status]')].map((e) => e.textContent), buttons: [...document.querySelectorAll('[data-map-open]')].map((b) => [(b as HTMLButtonElement).hidden, (b as HTMLButtonElement).disabled]) }));
			throw new Error(`nearby map did not draw: ${JSON.stringify({ state, errors: seen.errors })}`);
		});
		expect(seen.errors).toEqual([]);
		await page.screenshot({ path: 'test-results/screenshots/dev-map-open-320.png', fullPage: true });
		await expect(nearby.locator('path.map-point').count()).resolves.toBe(2);
		await expect(nearby.locator('.map-pin').count()).resolves.toBe(0);
		await expectAccessible(page);
		await expectNoHorizontalScroll(page);
		expect(seen.cspErrors).toEqual([]);

		// The pin's numbers post like any other field.
		await page.getByRole('button', { name: 'Versturen' }).click();
		await submitted(page);
		await expect(page.locator('[data-received]').textContent()).resolves.toBe('Een punt op breedtegraad 52.2226, lengtegraad 6.8938.');
		await context.close();
	});

	it('lets the tiles through the policy only on a page with a map', async () => {
		const r = await fetch(`${baseUrl().replace('localhost', '127.0.0.1')}/login`);
		expect(r.headers.get('content-security-policy')).not.toContain(tilesOrigin());
	});
});

describe('the map, without JavaScript', () => {
	it('has no map button; the form posts an address, chosen from the matches, or typed numbers', async () => {
		const context = await newContext(browser, { js: false, width: 320 });
		const page = await context.newPage();
		await visit(page, '/dev/map');
		await expectNoHorizontalScroll(page);
		expect(await page.getByRole('button', { name: /kaart/i }).count()).toBe(0);
		expect(await page.getByRole('region', { name: /kaart/i }).count()).toBe(0);

		// One match: taken at once.
		await page.getByLabel('Adres', { exact: true }).fill('Eikenlaan 7');
		await page.getByRole('button', { name: 'Versturen' }).click();
		await submitted(page);
		await expect(page.locator('[data-received]').textContent()).resolves.toBe('Eikenlaan 7, 9999AB Noaberveen');
		await expect(page.getByText('Buurt BU99990101').count()).resolves.toBe(1);

		// Several: radio buttons to choose from, then the chosen one.
		await page.getByLabel('Adres', { exact: true }).fill('Lindehof 3');
		await page.getByRole('button', { name: 'Versturen' }).click();
		await submitted(page);
		await expectNoHorizontalScroll(page);
		const choose = page.getByRole('group', { name: 'Kies het adres' });
		await expect(choose.getByRole('radio').count()).resolves.toBe(2);
		await choose.getByLabel('Lindehof 3A, 9999AA Noaberveen').check();
		await page.getByRole('button', { name: 'Versturen' }).click();
		await submitted(page);
		await expect(page.locator('[data-received]').textContent()).resolves.toBe('Lindehof 3A, 9999AA Noaberveen');

		// Nothing found, and bad numbers: a message next to the field, never an error page.
		await page.getByLabel('Adres', { exact: true }).fill('Kalverstraat 1');
		await page.getByRole('button', { name: 'Versturen' }).click();
		await submitted(page);
		await expect(page.getByText('Wij vinden geen adres bij deze tekst').count()).resolves.toBe(1);
		await page.getByLabel('Breedtegraad', { exact: true }).fill('honderd');
		await page.getByLabel('Lengtegraad', { exact: true }).fill('6,8937');
		await page.getByRole('button', { name: 'Versturen' }).click();
		await submitted(page);
		await expect(page.getByText('Vul een breedtegraad in tussen -90 en 90').count()).resolves.toBe(1);

		// Typed numbers (a Dutch comma is fine) post without any map.
		await page.getByLabel('Breedtegraad', { exact: true }).fill('52,2215');
		await page.getByRole('button', { name: 'Versturen' }).click();
		await submitted(page);
		await expect(page.locator('[data-received]').textContent()).resolves.toBe('Een punt op breedtegraad 52.2215, lengtegraad 6.8937.');
		await context.close();
	});
});
