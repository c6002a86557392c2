import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, launchBrowser, loggedIn, submitted, visit } from './harness';

/**
 * The care bridge end to end on the demo data: Carla (care provider, a 320 px phone) asks for
 * shopping help for a client — first with a BSN in the note, which is refused next to the field
 * and stores nothing — → Wim (staff) records a neighbour's VOG → that vetted neighbour finds the
 * request on their help page under its own heading and offers → Carla accepts → they write in the
 * thread (Carla shares the address) → Carla logs the session → the reward is in the Lindebuurt's
 * buurtpot. Anna, not vetted, sees no care request at all. Once with JavaScript on and once off;
 * axe on every page.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** "€ 1.234,56" → 123456 */
const cents = (text: string | null) => Math.round(Number((text ?? '').replace(/[^\d,-]/g, '').replace(',', '.')) * 100);
const today = () => new Date().toISOString().slice(0, 10);

for (const js of [true, false]) {
	// A different neighbour each run: the demo's Noor is vetted already.
	const helper = js ? { email: 'fatima@demo.noaber.test', name: 'Fatima' } : { email: 'bram@demo.noaber.test', name: 'Bram' };
	describe(`Care bridge with JavaScript ${js ? 'on' : 'off'}`, () => {
		it('care provider asks → staff vet a neighbour → the helper offers → accepted → thread → session → reward in the buurtpot', async () => {
			const carla = await loggedIn(browser, { js, email: 'carla@demo.noaber.test', width: 320 });
			const wim = await loggedIn(browser, { js, email: 'wim@demo.noaber.test' });
			const neighbour = await loggedIn(browser, { js, email: helper.email });
			const anna = await loggedIn(browser, { js, email: 'anna@demo.noaber.test' });

			// Carla's home shows her care requests; she starts a new one.
			await expectAccessible(carla.page);
			await expect(carla.page.getByTestId('care-home').isVisible()).resolves.toBe(true);
			await carla.page.getByTestId('care-home').getByRole('link', { name: 'Nieuwe zorgvraag' }).click();
			await carla.page.waitForURL(/\/care\/new$/);
			await expectAccessible(carla.page);
			await expectNoHorizontalScroll(carla.page);
			await carla.page.getByLabel('Boodschappen').check();
			await carla.page.getByLabel('Waar?').selectOption({ label: 'Heel Lindebuurt' });
			await carla.page.getByLabel('woensdag').check();
			await carla.page.getByLabel('ochtend').check();
			await carla.page.getByLabel(/^Iets anders over wanneer/).fill('Liefst na tienen. BSN 111222333');
			await carla.page.getByLabel('Eén keer').check();
			await carla.page.getByLabel('De cliënt zelf').check();
			await carla.page.getByLabel(/Ik verklaar dat de cliënt/).check();
			await carla.page.getByRole('button', { name: 'Zorgvraag plaatsen' }).click();
			await submitted(carla.page);
			await expectNoHorizontalScroll(carla.page);
			// Refused next to the field; what she chose stays.
			await expect(carla.page.locator('#f-availabilityNote-error').textContent()).resolves.toContain('BSN');
			await expect(carla.page.getByLabel('woensdag').isChecked()).resolves.toBe(true);
			await expect(carla.page.getByLabel('Boodschappen').isChecked()).resolves.toBe(true);
			const note = `Liefst na tienen (${js ? 'A' : 'B'}${Date.now() % 100000}).`;
			await carla.page.getByLabel(/^Iets anders over wanneer/).fill(note);
			await carla.page.getByRole('button', { name: 'Zorgvraag plaatsen' }).click();
			await carla.page.waitForURL(/\/care\/[0-9a-f-]{36}\?done=created$/);
			await submitted(carla.page);
			const requestPath = new URL(carla.page.url()).pathname;
			await expect(carla.page.getByRole('status').textContent()).resolves.toContain('Gescreende buren zien hem nu');

			// Anna (not vetted) sees no care request: not on her help page, and the page itself is a 404.
			await visit(anna.page, '/help');
			await expect(anna.page.getByTestId('care-requests').count()).resolves.toBe(0);
			expect((await anna.page.goto(requestPath))?.status()).toBe(404);

			// Wim records the neighbour's VOG.
			await visit(wim.page, '/staff/care');
			await wim.page.getByLabel('Buurt', { exact: true }).selectOption({ label: 'Lindebuurt' });
			await wim.page.getByLabel('E-mailadres van de buur').fill(helper.email);
			await wim.page.getByLabel(/Ik heb een VOG/).check();
			await wim.page.getByLabel(/^VOG gezien op/).fill(today());
			await wim.page.getByLabel('Geldig tot').fill(`${new Date().getUTCFullYear() + 2}-12-31`);
			await wim.page.getByRole('button', { name: 'Screening vastleggen' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByRole('status').textContent()).resolves.toContain('De screening is vastgelegd');

			// The vetted neighbour finds it on their help page, under its own heading, and offers.
			await visit(neighbour.page, '/help');
			const section = neighbour.page.getByTestId('care-requests');
			await expect(section.getByRole('heading', { name: 'Zorgvragen via de zorgbrug' }).isVisible()).resolves.toBe(true);
			await neighbour.page.goto(requestPath);
			await expectAccessible(neighbour.page);
			await expect(neighbour.page.getByText(note).isVisible()).resolves.toBe(true);
			await neighbour.page.getByRole('button', { name: 'Ik wil helpen' }).click();
			await submitted(neighbour.page);
			await expect(neighbour.page.getByRole('status').textContent()).resolves.toContain('De zorgverlener hoort dat u wilt helpen');

			// Carla accepts and shares the address in the thread.
			await visit(carla.page, requestPath);
			await carla.page.getByRole('button', { name: `Kies ${helper.name}` }).click();
			await submitted(carla.page);
			await carla.page.getByLabel('Uw bericht').fill('Het adres is Lindehof 7. Bel twee keer.');
			await carla.page.getByRole('button', { name: 'Bericht versturen' }).click();
			await submitted(carla.page);
			await expectNoHorizontalScroll(carla.page);

			// The helper reads it and answers.
			await visit(neighbour.page, requestPath);
			await expect(neighbour.page.getByText('Het adres is Lindehof 7').isVisible()).resolves.toBe(true);
			await neighbour.page.getByLabel('Uw bericht').fill('Ik kom woensdag om half elf.');
			await neighbour.page.getByRole('button', { name: 'Bericht versturen' }).click();
			await submitted(neighbour.page);

			// The buurtpot before the session, as the helper (a member) sees it.
			await visit(neighbour.page, '/buurten');
			await neighbour.page.getByRole('link', { name: 'Lindebuurt' }).first().click();
			await neighbour.page.waitForURL(/\/buurten\/[0-9a-f-]{36}$/);
			const potPath = `${new URL(neighbour.page.url()).pathname}/pot`;
			await visit(neighbour.page, potPath);
			const before = cents(await neighbour.page.getByTestId('pot-balance').textContent());

			// Carla logs the session: a wrong number of minutes first, then 45.
			await visit(carla.page, requestPath);
			await carla.page.getByLabel('Hoeveel minuten?').fill('1');
			await carla.page.getByRole('button', { name: 'Keer noteren' }).click();
			await submitted(carla.page);
			await expect(carla.page.locator('#f-minutes-error').textContent()).resolves.toContain('5 tot 600');
			await carla.page.getByLabel('Hoeveel minuten?').fill('45');
			await carla.page.getByRole('button', { name: 'Keer noteren' }).click();
			await submitted(carla.page);
			await expect(carla.page.getByRole('status').textContent()).resolves.toContain('De beloning gaat naar de buurtpot');
			expect(await carla.page.locator('section[aria-labelledby="sessions-title"]').textContent()).toMatch(/45 minuten\s·\s€\s?10,00 naar de buurtpot/);

			// The reward is in the buurtpot: asker (the client, named by nobody) and helper, €5 each.
			await visit(neighbour.page, potPath);
			expect(cents(await neighbour.page.getByTestId('pot-balance').textContent()) - before).toBe(1000);

			// Carla ends the request: the helper is told only that it ended.
			await visit(carla.page, requestPath);
			await carla.page.getByRole('button', { name: 'Zorgvraag beëindigen' }).click();
			await carla.page.waitForURL(/\/care\?done=withdrawn$/);
			await submitted(carla.page);
			await visit(neighbour.page, requestPath);
			await expect(neighbour.page.getByTestId('care-ended').textContent()).resolves.toContain('Deze vraag is beëindigd');
			await expect(neighbour.page.getByText('Het adres is Lindehof 7').count()).resolves.toBe(0);

			// Carla, the coordinator, reads who read the request.
			await visit(carla.page, `/care/log?request=${requestPath.split('/').pop()}`);
			await expect(carla.page.getByText('las een zorgvraag').first().isVisible()).resolves.toBe(true);
			await expect(carla.page.getByText(helper.name === 'Fatima' ? 'Fatima Yilmaz' : 'Bram Jansen').first().isVisible()).resolves.toBe(true);

			for (const p of [carla, wim, neighbour, anna]) await p.context.close();
		}, 240_000);
	});
}
