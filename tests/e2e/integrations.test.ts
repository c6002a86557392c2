import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, expectAccessible, expectNoHorizontalScroll, launchBrowser, loggedIn, newContext, submitted, visit } from './harness';
import { startOidcProvider } from '../fixtures/oidc/server';

/**
 * The corporation's systems, as its admin and its staff meet them (issue 15): the admin
 * connects a webhook receiver and the corporation's own sign-in (a local OpenID Connect
 * provider stands in for Entra ID) without JavaScript at 320 px; then a wijkconsulent signs in
 * through that provider with JavaScript at 1280 px, and a resident who tries it is refused.
 */
let browser: Browser;
let provider: Awaited<ReturnType<typeof startOidcProvider>>;
let receiver: Server;
let receiverUrl = '';

beforeAll(async () => {
	browser = await launchBrowser();
	provider = await startOidcProvider({ redirectUris: [`${baseUrl()}/login/sso/callback`] });
	receiver = createServer((_req, res) => res.end('ok'));
	await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/noaber`;
});
afterAll(async () => {
	await browser?.close();
	await provider?.close();
	await new Promise((r) => receiver?.close(r));
});

describe('connecting the corporation’s systems', () => {
	it('the admin registers a webhook (a refused form keeps what was ticked), sees the secret once, then sets up staff sign-in (320 px, JavaScript off)', async () => {
		const admin = await loggedIn(browser, { js: false, email: 'admin@demo.noaber.test', width: 320 });
		const { page } = admin;
		await visit(page, '/staff');
		await page.getByRole('link', { name: 'Koppelingen (webhooks)' }).click();
		await submitted(page);
		await expectNoHorizontalScroll(page);
		// The demo's stopped example is listed.
		await expect.poll(() => page.getByText('Voorbeeld: ERP (gestopt)').count()).toBe(1);

		await page.getByLabel('Adres van het ontvangende systeem').fill('http://erp.example/hook');
		await page.getByLabel('Nieuwe melding', { exact: true }).check();
		await page.getByRole('button', { name: 'Koppeling maken' }).click();
		await submitted(page);
		expect(await page.getByText('Vul een adres in dat begint met https://').count()).toBe(1);
		expect(await page.getByLabel('Nieuwe melding', { exact: true }).isChecked()).toBe(true);
		expect(await page.getByLabel('Adres van het ontvangende systeem').inputValue()).toBe('http://erp.example/hook');

		await page.getByLabel('Adres van het ontvangende systeem').fill(receiverUrl);
		await page.getByLabel('Naam (voor uzelf)').fill('Testontvanger');
		await page.getByRole('button', { name: 'Koppeling maken' }).click();
		await submitted(page);
		await expectNoHorizontalScroll(page);
		expect(await page.getByTestId('webhook-secret').textContent()).toMatch(/^whsec_[0-9a-f]{64}$/);
		await page.getByRole('link', { name: 'Naar de koppeling' }).click();
		await submitted(page);
		await expectNoHorizontalScroll(page);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Testontvanger');
		expect(await page.getByText('Er zijn nog geen berichten verstuurd.').count()).toBe(1);
		// The secret is never shown again.
		expect(await page.content()).not.toMatch(/whsec_/);

		await visit(page, '/staff/sso');
		await expectNoHorizontalScroll(page);
		await page.getByLabel('Adres van de aanbieder (issuer)').fill(provider.issuer);
		await page.getByLabel('Client-ID').fill('noaber');
		await page.getByLabel('Client-geheim').fill('test-only-client-secret-0123456789');
		await page.getByLabel('Groepen en rollen').fill('noaber-beheer = admin\nnoaber-wijkconsulent = baas');
		await page.getByRole('button', { name: 'Opslaan' }).click();
		await submitted(page);
		expect(await page.getByText('Regel 2 klopt niet').count()).toBe(1);
		// Nothing typed is lost but the secret (never sent back to the browser).
		expect(await page.getByLabel('Client-ID').inputValue()).toBe('noaber');
		await page.getByLabel('Client-geheim').fill('test-only-client-secret-0123456789');
		await page.getByLabel('Groepen en rollen').fill('noaber-beheer = admin\nnoaber-wijkconsulent = wijkconsulent');
		await page.getByRole('button', { name: 'Opslaan' }).click();
		await submitted(page);
		expect(await page.getByText('Opgeslagen.').count()).toBe(1);
		await admin.context.close();
	});

	it('a wijkconsulent signs in with their work account at the provider and lands on the staff home; a resident is refused (1280 px, JavaScript on)', async () => {
		// Runs after the admin's test (same file, in order): the provider is configured by then.
		const context = await newContext(browser, { js: true, width: 1280 });
		context.setDefaultTimeout(15_000);
		const page = await context.newPage();
		await visit(page, '/login');
		await page.getByRole('link', { name: 'Inloggen met uw werkaccount' }).click();
		await submitted(page);
		await page.getByRole('link', { name: /^Inloggen bij / }).first().click();
		// The provider's own page (not Noaber's: no axe here).
		await page.locator('input[name="login"]').fill('joost.sso');
		await page.locator('input[name="password"]').fill('any');
		await page.locator('button[type="submit"]').click();
		await page.waitForURL('**/home**');
		await expectAccessible(page);
		expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Corporatie' }).count()).toBe(1);
		await context.close();

		const resident = await newContext(browser, { js: true, width: 1280 });
		const rp = await resident.newPage();
		await visit(rp, '/login/sso');
		await rp.getByRole('link', { name: /^Inloggen bij / }).first().click();
		await rp.locator('input[name="login"]').fill('anna.sso');
		await rp.locator('input[name="password"]').fill('any');
		await rp.locator('button[type="submit"]').click();
		await rp.waitForURL('**/login/sso?problem=**');
		await expectAccessible(rp);
		expect(await rp.getByText('Dit account is van een bewoner.').count()).toBe(1);
		await resident.close();
	});
});
