import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoHorizontalScroll, launchBrowser, loggedIn, submitted, visit } from './harness';

/**
 * Who sees what (docs/ARCHITECTURE.md): neighbours see first names; a supervisor term starts
 * when staff approve it; staff read zorg details only with a reason the asker sees; each
 * corporation's admin reads only their own audit log, in words and Dutch time; a partner sees
 * the buurten it serves.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());
const person = (js: boolean, email: string, width?: number) => loggedIn(browser, { js, email, width });

for (const js of [true, false]) {
	describe(`Who sees what, JavaScript ${js ? 'on' : 'off'}`, () => {
		it('Anna sees her supervisor as "Bram", never "Bram Jansen"', async () => {
			const anna = await person(js, 'anna@demo.noaber.test', 320);
			const home = (await anna.page.locator('main').textContent()) ?? '';
			expect(home).toContain('Bram');
			expect(home).not.toContain('Bram Jansen');
			await expectNoHorizontalScroll(anna.page);
			await anna.context.close();
		});

		it('a partner sees only the buurt its organisation serves', async () => {
			const carla = await person(js, 'carla@demo.noaber.test');
			await visit(carla.page, '/buurten');
			await expect(carla.page.getByRole('link', { name: 'Lindebuurt' }).count()).resolves.toBe(1);
			await expect(carla.page.getByRole('link', { name: 'Beukenbuurt' }).count()).resolves.toBe(0);
			await carla.context.close();
		});
	});
}

describe('approvals, zorg reads and the audit log, JavaScript off', () => {
	it('Piet applies to supervise; he is a supervisor only after Wim approves the term on /staff/supervisors', async () => {
		const piet = await person(false, 'piet@demo.noaber.test', 320);
		await visit(piet.page, '/supervise');
		await piet.page.getByRole('button', { name: 'Ik word supervisor van Beukenbuurt' }).click();
		await submitted(piet.page);
		await expect(piet.page.getByRole('status').textContent()).resolves.toContain('Uw aanmelding is verstuurd');
		await expect(piet.page.getByRole('button', { name: 'Stoppen als supervisor' }).count()).resolves.toBe(0);

		const wim = await person(false, 'wim@demo.noaber.test');
		await visit(wim.page, '/staff/supervisors');
		await expect(wim.page.getByText(/Piet Kok meldde zich aan/).count()).resolves.toBe(1);
		await wim.page.getByRole('button', { name: 'Aanmelding van Piet Kok goedkeuren' }).click();
		await submitted(wim.page);
		await expect(wim.page.getByRole('status').textContent()).resolves.toContain('goedgekeurd');
		await expect(wim.page.getByText(/^Piet Kok: van /).count()).resolves.toBe(1);

		await visit(piet.page, '/supervise');
		await expect(piet.page.getByRole('button', { name: 'Stoppen als supervisor' }).count()).resolves.toBe(1);
		for (const p of [piet, wim]) await p.context.close();
	}, 240_000);

	it('Olga reads Kees\'s zorg details only with a reason, and Kees sees that she did', async () => {
		const kees = await person(false, 'kees@demo.noaber.test', 320);
		await visit(kees.page, '/help/new');
		await kees.page.getByLabel(/^Zorg/).check();
		await kees.page.getByLabel('Soort zorg').selectOption('boodschappen');
		await kees.page.getByLabel('Uw vraag in een paar woorden').fill('Boodschappen op vrijdag');
		await kees.page.getByLabel('Vertel wat meer').fill('Ik kan sinds mijn operatie niet tillen.');
		await kees.page.getByLabel('Graag deze week').check();
		await kees.page.getByRole('button', { name: 'Vraag versturen' }).click();
		await kees.page.waitForURL(/\/help\/[0-9a-f-]{36}\?done=ask/);
		const requestPath = new URL(kees.page.url()).pathname;

		// Esdoornbuurt has no supervisor: it is Olga's to check, but the details stay closed until she gives a reason.
		const olga = await person(false, 'olga@demo.noaber.test');
		await visit(olga.page, requestPath);
		await expect(olga.page.getByText('Ik kan sinds mijn operatie niet tillen.').count()).resolves.toBe(0);
		await olga.page.getByRole('button', { name: 'Details lezen' }).click();
		await submitted(olga.page);
		await expect(olga.page.locator('#zorg-reason-error').textContent()).resolves.toContain('Schrijf waarom');
		await olga.page.getByLabel('Waarom wilt u de details lezen?').fill('Er is geen supervisor; ik kijk de vraag na.');
		await olga.page.getByRole('button', { name: 'Details lezen' }).click();
		await submitted(olga.page);
		await expect(olga.page.locator('p.text').first().textContent()).resolves.toBe('Ik kan sinds mijn operatie niet tillen.');

		await visit(kees.page, requestPath);
		await expect(kees.page.getByText(/Olga \(medewerker van de corporatie\) las de details op .*: Er is geen supervisor; ik kijk de vraag na\./).count()).resolves.toBe(1);
		await expectNoHorizontalScroll(kees.page);

		// Olga's audit log: her corporation only, with names, Dutch dates and a sentence per event.
		await visit(olga.page, '/staff/audit');
		const log = (await olga.page.locator('table').textContent()) ?? '';
		expect(log).toContain('Olga Peters las de details van een zorgvraag in Esdoornbuurt.');
		expect(log).toMatch(/\d{1,2} [a-z]{3,4}\.? 20\d\d/);
		for (const other of ['Wim Bakker', 'Lindebuurt', 'Woonstichting De Linde', 'people.', 'help.']) expect(log).not.toContain(other);
		for (const p of [kees, olga]) await p.context.close();
	}, 240_000);

	it("Ayla's audit log does not show the other corporation", async () => {
		const ayla = await person(false, 'admin@demo.noaber.test', 320);
		await visit(ayla.page, '/staff/audit');
		const log = (await ayla.page.locator('table').textContent()) ?? '';
		expect(log).toContain('Woonstichting De Linde (fictief)');
		for (const other of ['Woonbron Oost', 'Olga Peters', 'Kees Bos', 'Esdoornbuurt']) expect(log).not.toContain(other);
		await expectNoHorizontalScroll(ayla.page);
		await ayla.context.close();
	});
});
