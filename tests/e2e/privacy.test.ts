import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { expectAccessible, expectNoHorizontalScroll, launchBrowser, newContext, submitted, visit } from './harness';

/**
 * AVG self-service, end to end on a 320 px phone: a demo household without a password logs in
 * with an e-mailed link (read from the development mailbox), downloads everything Noaber holds
 * about them (a real ZIP, unpacked here), gives and withdraws a consent, then deletes their
 * account through the confirm step — first without ticking the box (the message is next to it) —
 * and is logged out for good. Once with JavaScript off (Rachid) and once on (Joost); axe on every page.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function loginWithLink(page: Page, email: string) {
	await page.goto('/login');
	await page.locator('#link-email').fill(email);
	await page.getByRole('button', { name: 'Stuur mij een link' }).click();
	await submitted(page);
	await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
	const body = (await page.locator('pre').first().textContent()) ?? '';
	const link = /https?:\/\/[^\s]+\/login\/link\?token=[^\s]+/.exec(body)?.[0];
	expect(link, 'a login link in the mail').toBeTruthy();
	const u = new URL(link!);
	await page.goto(u.pathname + u.search);
	await page.getByRole('button', { name: 'Nu inloggen' }).click();
	await page.waitForURL('**/home**');
}

const households = [
	{ js: false, email: 'rachid.bakkali@demo.noaber.test', name: 'Rachid Bakkali' },
	{ js: true, email: 'joost.vermeer@demo.noaber.test', name: 'Joost Vermeer' }
];

for (const h of households) {
	describe(`Privacy with JavaScript ${h.js ? 'on' : 'off'}`, () => {
		it('export as a ZIP → consent given and withdrawn → delete the account after the confirm step', async () => {
			const context = await newContext(browser, { js: h.js, width: 320 });
			context.setDefaultTimeout(15_000);
			const page = await context.newPage();
			await loginWithLink(page, h.email);

			// A consent to withdraw later: choosing e-mail on the settings page.
			await visit(page, '/settings/notifications');
			await page.getByRole('button', { name: 'Keuzes bewaren' }).click();
			await submitted(page);

			// From the footer to the privacy page.
			await page.getByRole('link', { name: 'Privacy en uw gegevens' }).first().click();
			await page.waitForURL('**/settings/privacy');
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);

			// The export is a real download: a ZIP with the summary in Dutch and a file per kind.
			const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download mijn gegevens' }).click()]);
			expect(download.suggestedFilename()).toMatch(/^noaber-\d{4}-\d{2}-\d{2}\.zip$/);
			const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
			const manifest = JSON.parse(strFromU8(files['manifest.json']));
			expect(manifest.files.map((f: { kind: string }) => f.kind)).toEqual(expect.arrayContaining(['account', 'memberships', 'consents', 'help_requests', 'board_posts', 'audit_entries']));
			expect(JSON.parse(strFromU8(files['account.json'])).rows[0]).toMatchObject({ name: h.name, email: h.email });
			const summary = strFromU8(files['overzicht.html']);
			expect(summary).toContain('Wat Noaber over u bewaart');
			expect(summary).toContain('een stem is geheim');

			// The consent: listed with when and how, withdrawn with one button.
			const consent = page.locator('.consents li', { hasText: 'E-mail over meldingen' });
			await expect(consent.textContent()).resolves.toContain('Geldt nu');
			await consent.getByRole('button', { name: /^Intrekken/ }).click();
			await submitted(page);
			await expectNoHorizontalScroll(page);
			await expect(page.getByRole('status').textContent()).resolves.toContain('ingetrokken');
			await expect(page.locator('.consents li', { hasText: 'E-mail over meldingen' }).first().textContent()).resolves.toContain('Ingetrokken op');

			// Delete: the confirm step says what happens; without the tick nothing happens.
			await page.getByRole('link', { name: 'Naar account verwijderen' }).click();
			await page.waitForURL('**/settings/privacy/delete');
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);
			await page.getByRole('button', { name: 'Verwijder mijn account' }).click();
			await submitted(page);
			await expect(page.locator('#confirm-error').textContent()).resolves.toContain('vinkje');
			await page.getByLabel(/Ik begrijp dat mijn account/).check();
			await page.getByRole('button', { name: 'Verwijder mijn account' }).click();
			await page.waitForURL('**/account-deleted');
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Uw account is verwijderd');

			// Logged out for good: a member page sends to the login, and a new link finds no account.
			await page.goto('/home');
			await page.waitForURL('**/login**');
			await page.goto(`/dev/mailbox?to=${encodeURIComponent(h.email)}`);
			const before = await page.locator('article').count();
			await page.goto('/login');
			await page.locator('#link-email').fill(h.email);
			await page.getByRole('button', { name: 'Stuur mij een link' }).click();
			await submitted(page);
			await page.goto(`/dev/mailbox?to=${encodeURIComponent(h.email)}`);
			await expect(page.locator('article').count()).resolves.toBe(before);
			await context.close();
		});
	});
}
