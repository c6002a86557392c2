import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoHorizontalScroll, launchBrowser, loggedIn, submitted, visit, startRoundWith } from './harness';

/**
 * A newcomer tries every buurtpot step on the demo data alone (no set-up by the test): Anna
 * tips a proposal that was one household short over the 5, supports another one and takes it
 * back, votes in the open demo round and reads the closed round's results; she writes a
 * 1,000-character comment that Wim (corporation) cannot remove but hides with a reason everyone
 * reads; Wim opens a round with the accepted demo proposal and closes it early with a reason
 * the results page shows. Axe on every page; Anna at 320 px with JavaScript on, Wim at 1280 px
 * with JavaScript off.
 */

interface Person {
	context: BrowserContext;
	page: Page;
}
let browser: Browser;
let anna: Person;
let wim: Person;
let noor: Person;
let buurtId: string;
let bookcasePath: string;

beforeAll(async () => {
	browser = await launchBrowser();
	anna = await loggedIn(browser, { js: true, email: 'anna@demo.noaber.test', width: 320, timeout: 30_000 });
	wim = await loggedIn(browser, { js: false, email: 'wim@demo.noaber.test', width: 1280, timeout: 30_000 });
	noor = await loggedIn(browser, { js: false, email: 'noor@demo.noaber.test', timeout: 30_000 });
});
afterAll(() => browser?.close());

async function openProposal(p: Person, title: string): Promise<string> {
	await visit(p.page, `/buurten/${buurtId}/proposals`);
	await p.page.getByRole('link', { name: title }).first().click();
	await submitted(p.page);
	return new URL(p.page.url()).pathname;
}

const status = (p: Person) => p.page.getByRole('status').textContent();

/** Amsterdam wall-clock time for a datetime-local field. */
function amsterdam(d: Date): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
			.formatToParts(d)
			.map((x) => [x.type, x.value])
	);
	return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

describe('a newcomer finds every buurtpot step on the demo data', () => {
	it('tips a proposal over the support rule, and supports another one and takes it back', async () => {
		await visit(anna.page, '/buurten');
		await anna.page.getByRole('link', { name: 'Lindebuurt' }).first().click();
		await submitted(anna.page);
		buurtId = new URL(anna.page.url()).pathname.split('/')[2];

		await openProposal(anna, 'Moestuinbakken bij de Eikenlaan');
		await expectNoHorizontalScroll(anna.page);
		await anna.page.getByRole('button', { name: 'Ik steun dit voorstel' }).click();
		await submitted(anna.page);
		await expect(status(anna)).resolves.toContain('steunt dit voorstel');
		// The fifth household: on to the corporation's check, no more support to give or take back.
		await expect(anna.page.locator('dl.facts').textContent()).resolves.toContain('Wordt gecontroleerd');
		await expect(anna.page.getByRole('button', { name: 'Mijn steun intrekken' }).count()).resolves.toBe(0);

		bookcasePath = await openProposal(anna, 'Boekenkastje bij de bushalte');
		await anna.page.getByRole('button', { name: 'Ik steun dit voorstel' }).click();
		await submitted(anna.page);
		await anna.page.getByRole('button', { name: 'Mijn steun intrekken' }).click();
		await submitted(anna.page);
		await expectNoHorizontalScroll(anna.page);
		await expect(status(anna)).resolves.toContain('Uw steun is ingetrokken');
		await expect(anna.page.getByRole('button', { name: 'Ik steun dit voorstel' }).count()).resolves.toBe(1);
		await expect(anna.page.getByRole('button', { name: 'Mijn steun intrekken' }).count()).resolves.toBe(0);
	}, 180_000);

	it('votes in the open demo round and reads the results of the closed one', async () => {
		await visit(anna.page, '/rounds');
		await anna.page.getByRole('link', { name: 'Buurtpot zomer (demo)', exact: true }).click();
		await submitted(anna.page);
		await anna.page.getByLabel(/^Buurtfeest op het plein/).check();
		await anna.page.getByRole('button', { name: 'Stem opslaan' }).click();
		await submitted(anna.page);
		await expect(status(anna)).resolves.toContain('Uw stem is opgeslagen');

		await visit(anna.page, '/rounds');
		await anna.page.getByRole('link', { name: 'Bekijk de uitslag van Buurtpot voorjaar (demo)' }).click();
		await submitted(anna.page);
		await expectNoHorizontalScroll(anna.page);
		const text = (await anna.page.locator('main').textContent()) ?? '';
		expect(text).toContain('Picknicktafel in het Lindepark');
		expect(text).toContain('Bloembakken langs de Eikenlaan');
		await expect(anna.page.getByTestId('closed-early').count()).resolves.toBe(0);
	}, 120_000);

	it('a 1,000-character comment stays up until the corporation hides it, with a reason everyone reads', async () => {
		const xs = 'X'.repeat(1000);
		await visit(anna.page, bookcasePath);
		await anna.page.getByLabel('Uw reactie').fill(xs);
		await anna.page.getByRole('button', { name: 'Reactie plaatsen' }).click();
		await submitted(anna.page);
		await expectNoHorizontalScroll(anna.page);

		await visit(wim.page, bookcasePath);
		await expect(wim.page.getByText(xs).count()).resolves.toBe(1);
		// Staff cannot remove someone else's comment…
		await expect(wim.page.getByRole('button', { name: 'Mijn reactie weghalen' }).count()).resolves.toBe(0);
		// …they hide it, and only with a reason.
		await wim.page.getByText('Reactie verbergen').click();
		await wim.page.getByRole('button', { name: 'Verbergen', exact: true }).click();
		await submitted(wim.page);
		await expect(wim.page.locator('[id^="hide-reason-"][id$="-error"]').textContent()).resolves.toContain('reden');
		const reason = 'Alleen hoofdletters X: dit is geen bijdrage aan het gesprek.';
		await wim.page.getByLabel('Waarom verbergt u deze reactie?').fill(reason);
		await wim.page.getByRole('button', { name: 'Verbergen', exact: true }).click();
		await submitted(wim.page);
		await expect(status(wim)).resolves.toContain('De reactie is verborgen');

		for (const p of [noor, anna]) {
			await visit(p.page, bookcasePath);
			await expect(p.page.getByTestId('comment-hidden').textContent()).resolves.toBe(`Verborgen door de corporatie: ${reason}`);
			await expect(p.page.getByText(xs).count()).resolves.toBe(0);
		}
		await expect(anna.page.getByText(/^Dit is uw reactie\. De corporatie heeft hem verborgen/).count()).resolves.toBe(1);
		const api = await anna.page.context().request.get(`/api/v1${bookcasePath}/comments`);
		const comments = ((await api.json()) as { comments: { body: string | null; hiddenReason: string | null }[] }).comments;
		expect(comments.at(-1)).toMatchObject({ body: null, hiddenReason: reason });
	}, 180_000);

	it('staff open a round with the accepted demo proposal and close it early; the results say why', async () => {
		await startRoundWith(wim.page, 'Lindebuurt', 'Speeltoestel voor de kleintjes');
		await wim.page.getByLabel('Naam van de stemronde').fill('Extra ronde speeltuin');
		await wim.page.getByLabel('Een bedrag dat ik invul').check();
		await wim.page.getByLabel('Bedrag in euro').fill('1000');
		await wim.page.getByLabel(/^Eerlijk verdelen/).check();
		await wim.page.getByLabel('Stemmen kan vanaf').fill(amsterdam(new Date(Date.now() - 120_000)));
		await wim.page.getByLabel('Stemmen kan tot').fill(amsterdam(new Date(Date.now() + 7 * 24 * 3600_000)));
		await wim.page.getByRole('button', { name: 'Stemronde klaarzetten' }).click();
		await wim.page.waitForURL(/\/staff\/rounds\/[0-9a-f-]{36}\?done=opened$/);
		const manage = new URL(wim.page.url()).pathname;
		const roundId = manage.split('/')[3];

		// No results before the close.
		expect((await wim.page.context().request.get(`/api/v1/rounds/${roundId}/results`)).status()).toBe(404);
		await visit(wim.page, manage);
		await wim.page.getByRole('button', { name: 'Stemronde nu sluiten' }).click();
		await submitted(wim.page);
		await expect(wim.page.locator('#early-reason-error').textContent()).resolves.toContain('waarom');
		const reason = 'De speeltuin gaat eerder open; de buurt heeft al genoeg gestemd.';
		await wim.page.getByLabel('Waarom sluit u de stemronde eerder?').fill(reason);
		await wim.page.getByRole('button', { name: 'Stemronde nu sluiten' }).click();
		await wim.page.waitForURL(/\/rounds\/[0-9a-f-]{36}\/results\?done=closed$/);
		await submitted(wim.page);
		await expect(wim.page.getByTestId('closed-early').textContent()).resolves.toContain(reason);

		await visit(anna.page, `/rounds/${roundId}/results`);
		await expectNoHorizontalScroll(anna.page);
		await expect(anna.page.getByTestId('closed-early').textContent()).resolves.toBe(`De corporatie heeft deze stemronde eerder gesloten. De reden: ${reason}`);
	}, 180_000);
});
