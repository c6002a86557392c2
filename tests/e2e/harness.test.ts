import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, expectNoHorizontalScroll, launchBrowser, newContext } from './harness';

/**
 * The checks every journey leans on must be able to fail: a page with an unlabelled field, an
 * image without alt text and a too-wide block is reported, with JavaScript on and off, and the
 * same page fixed passes. (The scan of a JavaScript-off page runs on its HTML in a scanner page.)
 */
const broken = `<!doctype html><html lang="nl"><head><title>Kapot</title></head><body><main><h1>Kapot</h1>
<form><input name="x"></form><img src="/favicon.png"><div style="width:900px">breed</div></main></body></html>`;
const fixed = `<!doctype html><html lang="nl"><head><title>Heel</title></head><body><main><h1>Heel</h1>
<form><label for="x">Naam</label><input id="x" name="x"></form><img src="/favicon.png" alt="Logo"></main></body></html>`;

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the accessibility and width checks', () => {
	for (const js of [true, false]) {
		it(`find an unlabelled field, an image without alt and sideways scroll (JavaScript ${js ? 'on' : 'off'})`, async () => {
			const context = await newContext(browser, { js, width: 320 });
			const page = await context.newPage();
			await page.route('**/test-only/*', (route) =>
				route.fulfill({ contentType: 'text/html; charset=utf-8', body: route.request().url().endsWith('broken') ? broken : fixed })
			);
			await page.goto('/test-only/broken');
			const found = (await axeViolations(page)).join('\n');
			expect(found).toMatch(/^label /m);
			expect(found).toMatch(/^image-alt /m);
			await expect(expectNoHorizontalScroll(page)).rejects.toThrow(/horizontal scroll/);
			await page.goto('/test-only/fixed');
			expect(await axeViolations(page)).toEqual([]);
			await expectNoHorizontalScroll(page);
			await context.close();
		});
	}
});
