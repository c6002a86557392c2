import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, demoPassword, expectNoHorizontalScroll, launchBrowser, loggedIn, submitted, visit } from './harness';

/**
 * The faces a tenant deals with (issue 9): the wijkconsulent's card on every member home of the
 * buurt (the demo links Wim to the Lindebuurt), kept by the consultant on /staff/consultants
 * (what they put on it is what residents read), and the helper's first name and face on the
 * asker's home. Phones and desktops, JavaScript off and on.
 */

const url = (path: string) => `${baseUrl().replace('localhost', '127.0.0.1')}${path}`;
let n = 0;
const idem = () => `faces-${Date.now()}-${++n}`;

async function token(email: string): Promise<string> {
	const r = await fetch(url('/api/v1/sessions'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: demoPassword }) });
	expect(r.status).toBe(201);
	return ((await r.json()) as { token: string }).token;
}

async function api<T = Record<string, unknown>>(tok: string, method: string, path: string, body?: unknown): Promise<T> {
	const r = await fetch(url(path), {
		method,
		headers: { authorization: `Bearer ${tok}`, 'idempotency-key': idem(), 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await r.text();
	expect(r.status, `${method} ${path}: ${text}`).toBeLessThan(300);
	return (text ? JSON.parse(text) : {}) as T;
}

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the wijkconsulent as a face on the tenant’s home', () => {
	for (const [width, js] of [
		[320, false],
		[1280, true]
	] as const) {
		it(`Anna sees Wim’s card with the details he chose, at ${width} px, JavaScript ${js ? 'on' : 'off'}`, async () => {
			const { context, page } = await loggedIn(browser, { js, email: 'anna@demo.noaber.test', width });
			await visit(page, '/home');
			const section = page.getByTestId('my-consultant');
			await expect(section.getByRole('heading', { name: 'Uw wijkconsulent' }).count()).resolves.toBe(1);
			const card = section.getByTestId('consultant-card');
			await expect(card.getByRole('heading', { name: 'Wim Bakker' }).count()).resolves.toBe(1);
			// His face is his photo (the demo's is a drawing), served to the buurt that he is the face of.
			await expect(card.locator('.avatar img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).resolves.toBeGreaterThan(0);
			const text = await card.innerText();
			expect(text).toContain('Wijkconsulent van Lindebuurt');
			expect(text).toContain('Spreekuur');
			expect(text).toContain('Buurthuis De Linde');
			await expect(card.getByRole('link', { name: '0599 000 000' }).getAttribute('href')).resolves.toBe('tel:0599000000');
			await expect(card.getByRole('link', { name: 'wijkconsulent@demo.noaber.test' }).getAttribute('href')).resolves.toBe('mailto:wijkconsulent@demo.noaber.test');
			// His login address is not what he chose to show.
			expect(await page.locator('main').innerText()).not.toContain('wim@demo.noaber.test');
			if (width === 320) await expectNoHorizontalScroll(page);
			await context.close();
		}, 60_000);
	}

	it('Piet’s buurt has no consultant yet, and his home says so instead of showing someone else', async () => {
		const { context, page } = await loggedIn(browser, { js: false, email: 'piet@demo.noaber.test', width: 320 });
		await visit(page, '/home');
		await expect(page.getByTestId('consultant-card').count()).resolves.toBe(0);
		await expect(page.getByTestId('my-consultant').innerText()).resolves.toContain('Bij uw buurt staat nog geen wijkconsulent');
		await context.close();
	}, 60_000);

	it('Wim keeps his own card without JavaScript: errors next to the fields, and residents read only what he kept', async () => {
		const wim = await loggedIn(browser, { js: false, email: 'wim@demo.noaber.test', width: 320 });
		await visit(wim.page, '/staff');
		await wim.page.getByRole('link', { name: 'Wijkconsulenten' }).click();
		await submitted(wim.page);
		await expect(wim.page.getByTestId('consultant-card').innerText()).resolves.toContain('Wim Bakker');
		await expectNoHorizontalScroll(wim.page);
		// No way to reach him: the form says so next to the phone field and keeps what he typed.
		await wim.page.getByLabel('Telefoonnummer').fill('');
		await wim.page.getByLabel('E-mailadres').fill('');
		await wim.page.getByLabel('Wat u doet').fill('Ik help bewoners met vragen over de buurt.');
		await wim.page.getByRole('button', { name: 'Kaartje bewaren' }).click();
		await submitted(wim.page);
		await expect(wim.page.locator('#f-phone-error').innerText()).resolves.toContain('telefoonnummer of een e-mailadres');
		await expect(wim.page.getByLabel('Wat u doet').inputValue()).resolves.toBe('Ik help bewoners met vragen over de buurt.');
		// A phone number only: residents can call him, and no e-mail address is shown.
		await wim.page.getByLabel('Telefoonnummer').fill('06 1234 5678');
		await wim.page.getByRole('button', { name: 'Kaartje bewaren' }).click();
		await submitted(wim.page);
		await expect(wim.page.getByRole('status').innerText()).resolves.toContain('Uw kaartje is bewaard.');

		const anna = await loggedIn(browser, { js: false, email: 'anna@demo.noaber.test', width: 320 });
		await visit(anna.page, '/home');
		const card = anna.page.getByTestId('consultant-card');
		await expect(card.innerText()).resolves.toContain('Ik help bewoners met vragen over de buurt.');
		await expect(card.getByRole('link', { name: '06 1234 5678' }).count()).resolves.toBe(1);
		await expect(card.locator('a[href^="mailto:"]').count()).resolves.toBe(0);

		// His photo: a file that is not a photo is refused next to the field; a photo replaces the face.
		await visit(wim.page, '/staff/consultants');
		await wim.page.getByLabel('Kies een foto').setInputFiles({ name: 'cv.pdf', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.4 geen foto') });
		await wim.page.getByRole('button', { name: 'Foto bewaren' }).click();
		await submitted(wim.page);
		await expect(wim.page.locator('#f-photo-error').innerText()).resolves.toMatch(/\S/);
		const before = await wim.page.getByTestId('consultant-card').locator('.avatar img').getAttribute('src');
		const png = await sharp({ create: { width: 60, height: 60, channels: 3, background: '#c86' } }).png().toBuffer();
		await wim.page.getByLabel('Kies een foto').setInputFiles({ name: 'wim.png', mimeType: 'image/png', buffer: png });
		await wim.page.getByRole('button', { name: 'Foto bewaren' }).click();
		await submitted(wim.page);
		await expect(wim.page.getByRole('status').innerText()).resolves.toContain('Uw foto staat op het kaartje.');
		await expect(wim.page.getByTestId('consultant-card').locator('.avatar img').getAttribute('src')).resolves.not.toBe(before);

		// Back as the demo has it, for the pages and pictures after this one.
		await visit(wim.page, '/staff/consultants');
		await wim.page.getByLabel('Wat u doet').fill('Ik ben de wijkconsulent van de Lindebuurt. Kom bij mij met vragen over uw buurt, over samen wonen en over Noaber.');
		await wim.page.getByLabel('Telefoonnummer').fill('0599 000 000');
		await wim.page.getByLabel('E-mailadres').fill('wijkconsulent@demo.noaber.test');
		await wim.page.getByRole('button', { name: 'Kaartje bewaren' }).click();
		await submitted(wim.page);
		await wim.context.close();
		await anna.context.close();
	}, 120_000);

	it('the huismeester keeps a card but does not choose who is the buurt’s face', async () => {
		const { context, page } = await loggedIn(browser, { js: false, email: 'henk@demo.noaber.test', width: 1280 });
		await visit(page, '/staff/consultants');
		await expect(page.locator('form[action="?/link"]').count()).resolves.toBe(0);
		await expect(page.locator('main').innerText()).resolves.toContain('Alleen een beheerder of een wijkconsulent kan dit veranderen.');
		await expect(page.getByTestId('consultant-of').first().innerText()).resolves.toMatch(/Nu: /);
		await context.close();
	}, 60_000);
});

describe('the helper’s face on the asker’s home', () => {
	it('Anna sees who helps her (first name and initials), while it is under way and when it is her turn to confirm', async () => {
		const [anna, bram, fatima] = await Promise.all(['anna', 'bram', 'fatima'].map((p) => token(`${p}@demo.noaber.test`)));
		const buurtId = (await api<{ roles: { memberOf: string[] } }>(anna, 'GET', '/api/v1/me')).roles.memberOf[0];
		const title = `Gordijnen ophangen ${Date.now() % 100000}`;
		const { id } = await api<{ id: string }>(anna, 'POST', '/api/v1/help', {
			buurtId,
			category: 'onderhoud_woning',
			title,
			description: 'Ik heb nieuwe gordijnen, maar de rail zit hoog. Wie helpt mij ze op te hangen?',
			when: 'flexible',
			urgency: 'this_week',
			place: 'buurt',
			idempotencyKey: idem()
		});
		await api(bram, 'POST', `/api/v1/help/${id}/transitions`, { action: 'publish', reason: 'Duidelijke vraag.' });
		await api(fatima, 'POST', `/api/v1/help/${id}/transitions`, { action: 'take' });

		const { context, page } = await loggedIn(browser, { js: false, email: 'anna@demo.noaber.test', width: 320 });
		await visit(page, '/home');
		const asked = page.locator('[data-group="asked"] li', { hasText: title });
		await expect(asked.getByTestId('helper-face').innerText()).resolves.toContain('Fatima helpt u');
		await expect(asked.locator('.avatar').innerText()).resolves.toBe('F');
		// Only her first name, as neighbours see names.
		expect(await page.locator('main').innerText()).not.toContain('Yilmaz');
		await expectNoHorizontalScroll(page);

		await api(fatima, 'POST', `/api/v1/help/${id}/transitions`, { action: 'mark_done' });
		await visit(page, '/home');
		const turn = page.locator('[data-group="yourTurn"] li', { hasText: title });
		await expect(turn.getByTestId('helper-face').innerText()).resolves.toContain('Fatima heeft u geholpen');
		await context.close();
	}, 120_000);
});
