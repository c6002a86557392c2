import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import jsQR from 'jsqr';
import { baseUrl, expectNoHorizontalScroll, launchBrowser, loggedIn, newContext, submitted, visit } from './harness';

/**
 * The stairwell poster (issue 13) as its makers and readers meet it: Bram, the Lindebuurt's
 * supervisor, makes one for a complex with English beside the Dutch, by keyboard and without
 * JavaScript; the QR code on the screen is read as a phone reads it (from the pixels) and leads
 * a neighbour who is not logged in to the sign-up page that names the buurt. Anna, a member
 * who is no supervisor, finds no poster link and is refused the page.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the stairwell poster', () => {
	for (const [width, js] of [
		[320, false],
		[1280, true]
	] as const) {
		it(`Bram makes a poster for a complex in Dutch and English, and its QR code leads to sign-up (${width} px, JavaScript ${js ? 'on' : 'off'})`, async () => {
			const bram = await loggedIn(browser, { js, email: 'bram@demo.noaber.test', width });
			await visit(bram.page, '/buurten');
			await bram.page.getByRole('link', { name: 'Lindebuurt' }).first().click();
			await submitted(bram.page);
			await bram.page.getByRole('link', { name: 'Maak een poster voor de Lindebuurt' }).click();
			await submitted(bram.page);
			if (width === 320) await expectNoHorizontalScroll(bram.page);

			const complex = bram.page.getByLabel('Voor welk complex?');
			const first = await complex.locator('option').nth(1).textContent();
			await complex.selectOption({ index: 1 });
			await bram.page.getByLabel('Tweede taal op de poster').selectOption('en');
			// By keyboard: the button is reached with Tab and pressed with Enter.
			await bram.page.getByRole('button', { name: 'Poster maken' }).focus();
			await bram.page.keyboard.press('Enter');
			await bram.page.waitForURL(/second=en/);
			await submitted(bram.page);
			if (width === 320) await expectNoHorizontalScroll(bram.page);

			const poster = bram.page.getByTestId('poster');
			const text = await poster.innerText();
			expect(text).toContain(`Noaber in ${first}, Lindebuurt`);
			expect(text).toContain('Uw supervisor');
			expect(text).toContain('Your supervisor');
			expect(text).toContain('Bram');
			expect(text).not.toContain('Jansen');
			expect(text).toContain('Wim Bakker');

			// Read the QR code from what the screen shows, as a phone camera would.
			const shot = await poster.locator('svg.qr').screenshot();
			const { data, info } = await sharp(shot).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
			const code = jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data;
			expect(code).toMatch(/\/signup\?buurt=BU99990101$/);

			// The PDF comes with the same choice.
			const href = await bram.page.getByRole('link', { name: 'Download de poster als PDF' }).getAttribute('href');
			expect(href).toMatch(/\/poster\/pdf\?complex=[0-9a-f-]{36}&second=en$/);
			const pdf = await bram.context.request.get(href!);
			expect(pdf.status()).toBe(200);
			expect(pdf.headers()['content-type']).toBe('application/pdf');
			expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
			await bram.context.close();

			// A neighbour scans it: the sign-up page welcomes them to the buurt.
			const visitor = await newContext(browser, { js, width });
			const page = await visitor.newPage();
			await visit(page, new URL(code!).pathname + new URL(code!).search);
			await expect(page.locator('main').innerText()).resolves.toContain('Welkom bij Noaber in de Lindebuurt');
			await visitor.close();
		}, 90_000);
	}

	it('a member who is no supervisor has no poster link, and is refused the poster', async () => {
		const anna = await loggedIn(browser, { js: false, email: 'anna@demo.noaber.test', width: 320 });
		await visit(anna.page, '/buurten');
		await anna.page.getByRole('link', { name: 'Lindebuurt' }).first().click();
		await submitted(anna.page);
		await expect(anna.page.getByRole('link', { name: /poster/i }).count()).resolves.toBe(0);
		const id = new URL(anna.page.url()).pathname.split('/').at(-1);
		// Pages answer 404 for what is not yours, whether it exists or not; the PDF says 403.
		expect((await anna.page.goto(`${baseUrl()}/buurten/${id}/poster`))?.status()).toBe(404);
		expect((await anna.context.request.get(`${baseUrl()}/buurten/${id}/poster/pdf`)).status()).toBe(403);
		await anna.context.close();
	}, 60_000);
});
