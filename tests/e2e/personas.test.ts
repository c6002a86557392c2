import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, launchBrowser, login, newContext, visit, demoPassword } from './harness';

const personas = [
	{ persona: 'tenant', email: 'anna@demo.noaber.test' },
	{ persona: 'supervisor', email: 'bram@demo.noaber.test' },
	{ persona: 'care', email: 'carla@demo.noaber.test' },
	{ persona: 'employee', email: 'wim@demo.noaber.test' },
	{ persona: 'tenants_association', email: 'hanna@demo.noaber.test' },
	{ persona: 'municipality', email: 'gert@demo.noaber.test' },
	{ persona: 'supplier', email: 'sander@demo.noaber.test' },
	{ persona: 'admin', email: 'admin@demo.noaber.test' }
];

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

for (const js of [true, false]) {
	describe(`JavaScript ${js ? 'on' : 'off'}`, () => {
		it('shows the Dutch landing page to a neighbour who has never heard of Noaber', async () => {
			const context = await newContext(browser, { js, width: 320 });
			const page = await context.newPage();
			await visit(page, '/');
			expect(await page.getAttribute('html', 'lang')).toBe('nl');
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Samen maken we de buurt');
			await expectNoHorizontalScroll(page);
			for (const path of ['/login', '/signup', '/password/forgot']) {
				await visit(page, path);
				await expectNoHorizontalScroll(page);
			}
			await context.close();
		});

		for (const { persona, email } of personas) {
			it(`logs in the ${persona} and lands on their home`, async () => {
				const context = await newContext(browser, { js, width: 320 });
				const page = await context.newPage();
				await login(page, email);
				await expect(page.locator('h1').getAttribute('data-persona')).resolves.toBe(persona);
				// Admins see the latest ledger check (run at every start); nobody else does.
				if (persona === 'admin') await expect(page.getByTestId('ledger-ok').textContent()).resolves.toContain('Het geld klopt');
				else expect(await page.getByTestId('ledger-ok').count()).toBe(0);
				await expectAccessible(page);
				await expectNoHorizontalScroll(page);
				await visit(page, '/buurten');
				await expectNoHorizontalScroll(page);
				await context.close();
			});
		}

		it('tells a person with a wrong password what is wrong, keeping the address', async () => {
			const context = await newContext(browser, { js });
			const page = await context.newPage();
			await page.goto('/login');
			await page.getByLabel('E-mailadres', { exact: true }).first().fill('anna@demo.noaber.test');
			await page.getByLabel('Wachtwoord', { exact: true }).fill('not-the-password');
			// Keyboard only: Enter in the password field submits.
			await page.keyboard.press('Enter');
			await page.waitForLoadState();
			await expect(page.getByRole('alert').textContent()).resolves.toContain('klopt niet');
			await expect(page.getByLabel('E-mailadres', { exact: true }).first().inputValue()).resolves.toBe('anna@demo.noaber.test');
			await expectAccessible(page);
			await context.close();
		});

		it('shows a sign-up error next to the code field', async () => {
			const context = await newContext(browser, { js, width: 320 });
			const page = await context.newPage();
			await page.goto('/signup');
			await page.getByLabel('Code uit de brief').fill('WRONG-CODE1');
			await page.getByLabel('Uw naam').fill('Test Persoon');
			await page.getByLabel('E-mailadres').fill('test@example.nl');
			await page.getByLabel('Nieuw wachtwoord').fill('een-lang-wachtwoord');
			await page.getByRole('button', { name: 'Account maken' }).click();
			await page.waitForLoadState();
			await expect(page.locator('#f-code-error').textContent()).resolves.toContain('Deze code werkt niet');
			await expect(page.getByLabel('Uw naam').inputValue()).resolves.toBe('Test Persoon');
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);
			await context.close();
		});
	});
}

describe('staff and language', () => {
	it('lets staff print sign-up letters, and a neighbour sign up with one, in English', async () => {
		const context = await newContext(browser, { js: false });
		const page = await context.newPage();
		await login(page, 'wim@demo.noaber.test');
		await visit(page, '/staff/complexes');
		await page.getByRole('button', { name: 'Brieven maken voor Eikenlaan' }).click();
		await page.waitForLoadState();
		await expectAccessible(page);
		const letters = page.locator('article.letter');
		await expect(letters.count()).resolves.toBe(12);
		const code = (await letters.first().locator('.letter-code').textContent())!.trim();
		expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
		await page.getByRole('button', { name: 'Uitloggen' }).click();

		await page.goto('/signup');
		await page.getByRole('button', { name: 'English' }).click();
		await page.waitForLoadState();
		expect(await page.getAttribute('html', 'lang')).toBe('en');
		await page.getByLabel('Code from the letter').fill(code.toLowerCase());
		await page.getByLabel('Your name').fill('Erik Nieuw');
		await page.getByLabel('Email address').fill('erik@example.nl');
		await page.getByLabel('New password').fill('een-lang-wachtwoord');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL('**/home**');
		await expect(page.locator('h1').getAttribute('data-persona')).resolves.toBe('tenant');
		await expectAccessible(page);
		await context.close();
	});

	it('lets an admin manage people: every staff page is accessible at 320 px, and an ambassador is appointed', async () => {
		const context = await newContext(browser, { js: false, width: 320 });
		const page = await context.newPage();
		await login(page, 'admin@demo.noaber.test');
		for (const path of ['/staff', '/staff/audit', '/staff/complexes', '/staff/import', '/staff/people']) {
			await visit(page, path);
			await expectNoHorizontalScroll(page);
		}
		await page.getByLabel('Buurt', { exact: true }).selectOption({ label: 'Lindebuurt' });
		await page.getByLabel('E-mailadres van de bewoner').fill('carla@demo.noaber.test');
		await page.getByRole('button', { name: 'Benoemen' }).click();
		await page.waitForLoadState();
		await expect(page.locator('#f-ambassadorEmail-error').textContent()).resolves.toContain('woont niet in deze buurt');
		await expectAccessible(page);
		await page.getByLabel('E-mailadres van de bewoner').fill('noor@demo.noaber.test');
		await page.getByRole('button', { name: 'Benoemen' }).click();
		await page.waitForLoadState();
		await expect(page.locator('.notice').first().textContent()).resolves.toContain('benoemd');
		await expect(page.getByText('Noor El Amrani — Lindebuurt').count()).resolves.toBe(1);
		await context.close();
	});

	it('shows every bad row of a CSV import and imports nothing', async () => {
		const context = await newContext(browser, { js: false });
		const page = await context.newPage();
		await login(page, 'admin@demo.noaber.test', demoPassword);
		await visit(page, '/staff/import');
		const csv = 'eenheid;complex;buurtcode;straat;huisnummer;postcode;plaats\nX-1;C-900;BU99990101;Nieuwstraat;1;9999 ZZ;Noaberveen\nX-2;C-900;BU123;Nieuwstraat;2;12345;Noaberveen\n';
		await page.getByLabel('CSV-bestand').setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await page.getByRole('button', { name: 'Importeren' }).click();
		await page.waitForLoadState();
		const rows = page.locator('table tbody tr');
		await expect(rows.count()).resolves.toBe(1);
		await expect(rows.first().textContent()).resolves.toContain('3');
		await expectAccessible(page);
		await visit(page, '/staff/complexes');
		await expect(page.getByText('C-900').count()).resolves.toBe(0);
		await context.close();
	});
});
