import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, launchBrowser, loggedIn, submitted } from './harness';

/**
 * The dashboard in the browser, on the demo data, for the four kinds of reader: staff (Wim, the
 * whole corporation, down to a buurt), the tenants' association (Hanna, her buurt and its
 * complexes), the municipality (Gert, its gemeente) and a member (Anna, her own buurt, the
 * corporation's response times among the figures). Each at 320 px with JavaScript off (the
 * period form is a plain GET form; the chart is SVG drawn on the server) and once with it on;
 * axe on every page; the "<5" shows where a figure rests on fewer than five people.
 */
let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function openDashboard(page: Page) {
	await page.getByRole('link', { name: 'Cijfers', exact: true }).first().click();
	await page.waitForURL(/\/dashboard/);
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);
	// A chart drawn on the server, with its data table beside it.
	await expect(page.locator('figure.chart svg[role="img"]').count()).resolves.toBe(1);
	await expect(page.locator('table.chart-data tbody tr').count()).resolves.toBeGreaterThan(0);
	await expect(page.locator('.computed').textContent()).resolves.toMatch(/Berekend op/);
}

for (const js of [false, true]) {
	describe(`Dashboard with JavaScript ${js ? 'on' : 'off'}`, () => {
		it('staff: the corporation, down to the buurten of the wijk, with "<5" for the Beukenbuurt; a year chosen by the form; the CSV', async () => {
			const { page } = await loggedIn(browser, { js, email: 'wim@demo.noaber.test', width: 320 });
			await openDashboard(page);
			await expect(page.locator('h1').textContent()).resolves.toMatch(/Woonstichting De Linde/);
			await page.getByRole('link', { name: 'Noaberveen (fictief)' }).click();
			await page.getByRole('link', { name: 'Centrum' }).click();
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);
			const beuken = page.getByRole('row', { name: /Beukenbuurt/ });
			await expect(beuken.textContent()).resolves.toContain('<5');
			await page.getByLabel('Periode').selectOption('2026');
			await page.getByRole('button', { name: 'Toon' }).click();
			await submitted(page);
			await expect(page.url()).toContain('period=2026');
			await expectAccessible(page);
			const csv = page.getByRole('link', { name: /Download als CSV/ });
			const response = await page.request.get(new URL((await csv.getAttribute('href'))!, page.url()).toString());
			expect(response.status()).toBe(200);
			expect(await response.text()).toMatch(/^level,area_id,cbs_code,cbs_year/);
		});

		it('tenants’ association: its buurt and the complexes in it, not the wijk', async () => {
			const { page } = await loggedIn(browser, { js, email: 'hanna@demo.noaber.test', width: 320 });
			await openDashboard(page);
			await expect(page.locator('h1').textContent()).resolves.toContain('Lindebuurt');
			await expect(page.getByRole('heading', { name: 'Per Complex' }).count()).resolves.toBe(1);
			await expect(page.getByRole('link', { name: 'Centrum' }).count()).resolves.toBe(0);
		});

		it('municipality: the gemeente, and the GeoJSON by CBS code', async () => {
			const { page } = await loggedIn(browser, { js, email: 'gert@demo.noaber.test', width: 320 });
			await openDashboard(page);
			await expect(page.locator('h1').textContent()).resolves.toContain('Noaberveen');
			await expect(page.locator('.lead').textContent()).resolves.toContain('GM9999');
			const geo = page.getByRole('link', { name: /GeoJSON/ });
			const response = await page.request.get(new URL((await geo.getAttribute('href'))!, page.url()).toString());
			const doc = (await response.json()) as { type: string; features: { properties: { statcode: string } }[] };
			expect(doc.type).toBe('FeatureCollection');
			expect(doc.features.map((f) => f.properties.statcode)).toEqual(['WK999901']);
		});

		it('member: her own buurt, the corporation’s response times among the figures', async () => {
			const { page } = await loggedIn(browser, { js, email: 'anna@demo.noaber.test', width: 320 });
			await openDashboard(page);
			await expect(page.locator('h1').textContent()).resolves.toContain('Lindebuurt');
			await expect(page.getByRole('heading', { name: /Meldingen: hoe snel reageert de corporatie/ }).count()).resolves.toBe(1);
			await expect(page.getByRole('rowheader', { name: 'Eerste reactie (mediaan)' }).count()).resolves.toBe(1);
			// Another area is the same 404 as one that does not exist.
			const other = await page.request.get(new URL('/dashboard?area=wijk:WK999901', page.url()).toString());
			expect(other.status()).toBe(404);
		});
	});
}
