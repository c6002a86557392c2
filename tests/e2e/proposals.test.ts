import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, launchBrowser, visit, loggedIn, submitted } from './harness';
import { pngWithText, pdfBytes } from '../../src/lib/server/proposals/test-fixtures';

/**
 * Buurtpot proposals, end to end: Wim sets the Lindebuurt's support rule to 3 households →
 * Anna proposes in two steps (mistakes shown next to the fields, then a photo) on a 320 px phone →
 * Noor starts a similar proposal and is shown Anna's → Bram and Noor support it → Wim answers the
 * feasibility check → (the vote, through the rounds API) → Wim pays part of it with a receipt,
 * refused first for more than it costs → Anna plans a volunteer shift with one place → Noor signs
 * up on the activities page, Bram finds it full → the calendar feed has the shift. Once with
 * JavaScript off and once on; axe on every page.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());
const person = (js: boolean, email: string, width?: number) => loggedIn(browser, { js, email, width });


const api = async (page: Page, method: string, path: string, data?: unknown) => {
	const r = await page.context().request.fetch(`/api/v1${path}`, { method, data: data === undefined ? undefined : JSON.stringify(data), headers: { 'content-type': 'application/json' } });
	const body = await r.json();
	expect(r.status(), `${method} ${path}: ${JSON.stringify(body)}`).toBeLessThan(300);
	return body;
};

for (const js of [false, true]) {
	describe(`Buurtpot proposals with JavaScript ${js ? 'on' : 'off'}`, () => {
		it('propose → support → feasibility → vote → payout → shift sign-up → calendar', async () => {
			const suffix = `${js ? 'A' : 'B'}${Date.now() % 100000}`;
			const title = `Bankje bij de speeltuin ${suffix}`;
			const wim = await person(js, 'wim@demo.noaber.test');
			const anna = await person(js, 'anna@demo.noaber.test', 320);
			const noor = await person(js, 'noor@demo.noaber.test');
			const bram = await person(js, 'bram@demo.noaber.test');

			// Wim: from the buurt page to its proposals; three households are enough here.
			await visit(wim.page, '/buurten');
			await wim.page.getByRole('link', { name: 'Lindebuurt' }).click();
			await wim.page.waitForURL(/\/buurten\/[0-9a-f-]{36}$/);
			const buurtPath = new URL(wim.page.url()).pathname;
			const buurtId = buurtPath.split('/')[2];
			await wim.page.getByRole('link', { name: /^Voorstellen en activiteiten in Lindebuurt/ }).click();
			await submitted(wim.page);
			await wim.page.getByLabel('Hoeveel huishoudens moeten een voorstel steunen?').fill('3');
			await wim.page.getByRole('button', { name: 'Opslaan' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByRole('status').textContent()).resolves.toContain('opgeslagen');

			// Anna proposes from her home page, on a small phone.
			await anna.page.getByRole('link', { name: 'Meebeslissen over de buurtpot' }).first().click();
			await anna.page.waitForURL(/\/buurten\/[0-9a-f-]{36}\/proposals$/);
			await expectAccessible(anna.page);
			await expectNoHorizontalScroll(anna.page);
			await anna.page.getByRole('link', { name: 'Doe een voorstel' }).click();
			await submitted(anna.page);
			await expectNoHorizontalScroll(anna.page);
			await anna.page.getByRole('button', { name: 'Verder' }).click();
			await submitted(anna.page);
			await expect(anna.page.locator('#f-title-error').textContent()).resolves.toContain('Vul dit veld in');
			await anna.page.getByLabel('Titel').fill(title);
			await anna.page.getByLabel('Wat is uw voorstel?').fill('Ouders en grootouders kunnen dan zitten terwijl de kinderen spelen.');
			await anna.page.getByLabel('Wat kost het? (in euro)').fill('0');
			await anna.page.getByLabel('Waar in de buurt?').fill('Speeltuin Lindehof');
			await anna.page.getByRole('button', { name: 'Verder' }).click();
			await submitted(anna.page);
			await expect(anna.page.locator('#f-costCents-error').textContent()).resolves.toContain('meer dan 0');
			await anna.page.getByLabel('Wat kost het? (in euro)').fill('450');
			await anna.page.getByLabel('Onderdeel 1', { exact: true }).fill('Bankje');
			await anna.page.getByLabel('Bedrag 1 (euro)').fill('400');
			await anna.page.getByLabel('Onderdeel 2', { exact: true }).fill('Tegels');
			await anna.page.getByLabel('Bedrag 2 (euro)').fill('50');
			await anna.page.getByRole('button', { name: 'Verder' }).click();
			await submitted(anna.page);
			await expectNoHorizontalScroll(anna.page);
			await expect(anna.page.getByText('Stap 2 van 2').count()).resolves.toBe(1);
			await anna.page.getByLabel("Foto's (mag u overslaan)").setInputFiles([{ name: 'bankje.txt', mimeType: 'text/plain', buffer: Buffer.from('geen foto') }]);
			await anna.page.getByRole('button', { name: 'Voorstel versturen' }).click();
			await submitted(anna.page);
			await expect(anna.page.locator('#f-photos-error').textContent()).resolves.toContain('geen foto');
			await anna.page.getByLabel("Foto's (mag u overslaan)").setInputFiles([{ name: 'bankje.png', mimeType: 'image/png', buffer: Buffer.from(pngWithText()) }]);
			await anna.page.getByRole('button', { name: 'Voorstel versturen' }).click();
			await anna.page.waitForURL(/\/proposals\/[0-9a-f-]{36}\?done=proposed$/);
			await expectAccessible(anna.page);
			await expectNoHorizontalScroll(anna.page);
			const proposalPath = new URL(anna.page.url()).pathname;
			await expect(anna.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(title);
			const photo = await anna.page.context().request.get(await anna.page.locator('img[src^="/uploads/buurtpot/"]').first().getAttribute('src') as string);
			expect(photo.headers()['content-type']).toBe('image/png');
			expect(photo.headers()['content-security-policy']).toContain("default-src 'none'");
			expect((await photo.body()).includes(Buffer.from('tEXt'))).toBe(false);

			// Noor starts the same idea and is shown Anna's proposal.
			await visit(noor.page, `/buurten/${buurtId}/proposals/new`);
			await noor.page.getByLabel('Titel').fill('Een bankje voor de speeltuin');
			await noor.page.getByLabel('Wat is uw voorstel?').fill('Om te zitten.');
			await noor.page.getByLabel('Wat kost het? (in euro)').fill('300');
			await noor.page.getByRole('button', { name: 'Verder' }).click();
			await submitted(noor.page);
			await expect(noor.page.getByRole('heading', { name: 'Lijkt uw voorstel op een van deze?' }).count()).resolves.toBe(1);
			await noor.page.getByRole('link', { name: title }).click();
			await submitted(noor.page);
			// … and supports it instead; the button is gone afterwards.
			await noor.page.getByRole('button', { name: 'Ik steun dit voorstel' }).click();
			await submitted(noor.page);
			await expect(noor.page.getByRole('status').textContent()).resolves.toContain('steunt dit voorstel');
			await expect(noor.page.getByRole('button', { name: 'Ik steun dit voorstel' }).count()).resolves.toBe(0);
			await visit(bram.page, proposalPath);
			await bram.page.getByRole('button', { name: 'Ik steun dit voorstel' }).click();
			await submitted(bram.page);
			await expect(bram.page.locator('.lead').textContent()).resolves.toContain('De corporatie kijkt nu');

			// Wim answers the feasibility check, from his queue.
			await visit(wim.page, '/proposals');
			await wim.page.getByRole('link', { name: title }).click();
			await submitted(wim.page);
			await wim.page.getByRole('button', { name: 'Antwoord versturen' }).click();
			await submitted(wim.page);
			await expect(wim.page.locator('#f-outcome-error').textContent()).resolves.toContain('Kies een antwoord');
			await wim.page.getByLabel(/^Goedgekeurd voor de stemming/).check();
			await wim.page.getByLabel('Reden').fill('Dit kan. Het bankje past bij de speeltuin.');
			await wim.page.getByRole('button', { name: 'Antwoord versturen' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByRole('status').textContent()).resolves.toContain('Uw antwoord is verstuurd');

			// The vote (the rounds part's API): money in the pot, a short round, Anna votes, Wim closes.
			await api(wim.page, 'POST', `/buurten/${buurtId}/pot/top-ups`, { account: 'buurtpot', amountCents: 100_000, note: `Buurtpot ${suffix}`, idempotencyKey: `top-up-${suffix}` });
			const proposalId = proposalPath.split('/')[2];
			const closesAt = new Date(Date.now() + 4000);
			const round = await api(wim.page, 'POST', '/rounds', {
				buurtId,
				title: `Stemming ${suffix}`,
				budgetSource: 'amount',
				budgetCents: 45_000,
				opensAt: new Date(Date.now() - 60_000).toISOString(),
				closesAt: closesAt.toISOString(),
				rule: 'approval',
				maxChoices: 1,
				proposalIds: [proposalId]
			});
			const detail = await api(anna.page, 'GET', `/rounds/${round.id}`);
			const projectId = detail.proposals.find((p: { proposalId: string }) => p.proposalId === proposalId).projectId;
			await api(anna.page, 'PUT', `/rounds/${round.id}/ballot`, { choices: [projectId] });
			await new Promise((r) => setTimeout(r, Math.max(0, closesAt.getTime() - Date.now() + 500)));
			await api(wim.page, 'POST', `/rounds/${round.id}/close`);

			// Wim pays part of it, with a receipt; more than it costs is refused.
			await visit(wim.page, proposalPath);
			await wim.page.getByLabel('Bedrag (euro)').fill('500');
			await wim.page.getByLabel('Aan wie?').fill('Bouwmarkt Noaberveen');
			await wim.page.getByLabel('Bon of factuur').setInputFiles([{ name: 'bon.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfBytes()) }]);
			await wim.page.getByRole('button', { name: 'Betalen uit de buurtpot' }).click();
			await submitted(wim.page);
			await expect(wim.page.locator('#f-amount-error').textContent()).resolves.toContain('meer dan nog te betalen');
			await wim.page.getByLabel('Bedrag (euro)').fill('400,00');
			await wim.page.getByLabel('Bon of factuur').setInputFiles([{ name: 'bon.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfBytes()) }]);
			await wim.page.getByRole('button', { name: 'Betalen uit de buurtpot' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByRole('status').textContent()).resolves.toContain('De betaling is gedaan');
			await expect(wim.page.getByRole('cell', { name: 'Bouwmarkt Noaberveen', exact: true }).count()).resolves.toBe(1);

			// Anna plans a shift with one place.
			const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
			await visit(anna.page, proposalPath);
			await anna.page.getByLabel(/^Vrijwilligerswerk/).check();
			await anna.page.getByLabel('Naam', { exact: true }).fill(`Bankje plaatsen ${suffix}`);
			await anna.page.getByLabel('Waar', { exact: true }).fill('Speeltuin Lindehof');
			await anna.page.getByLabel('Datum', { exact: true }).fill(tomorrow);
			await anna.page.getByLabel('Begint om', { exact: true }).fill('10:00');
			await anna.page.getByLabel('Eindigt om', { exact: true }).fill('09:00');
			await anna.page.getByLabel('Aantal plaatsen', { exact: true }).fill('1');
			await anna.page.getByRole('button', { name: 'Plannen' }).click();
			await submitted(anna.page);
			await expect(anna.page.locator('#f-endTime-error').textContent()).resolves.toContain('na de begintijd');
			await anna.page.getByLabel('Eindigt om', { exact: true }).fill('12:00');
			await anna.page.getByRole('button', { name: 'Plannen' }).click();
			await submitted(anna.page);
			await expectNoHorizontalScroll(anna.page);

			// Noor signs up on the activities page; then it is full for Bram.
			await visit(noor.page, `/buurten/${buurtId}/activities`);
			const card = noor.page.locator('li', { hasText: `Bankje plaatsen ${suffix}` });
			await card.getByRole('button', { name: /^Aanmelden/ }).click();
			await submitted(noor.page);
			await expect(noor.page.getByRole('status').textContent()).resolves.toContain('U bent aangemeld');
			await visit(bram.page, `/buurten/${buurtId}/activities`);
			await expect(bram.page.locator('li', { hasText: `Bankje plaatsen ${suffix}` }).getByText('Vol: alle plaatsen zijn bezet.').count()).resolves.toBe(1);

			// The calendar feed (no login needed, only the secret link).
			const feedPath = await noor.page.getByRole('link', { name: /\/calendar\// }).getAttribute('href');
			const feed = await (await browser.newContext({ baseURL: new URL(noor.page.url()).origin })).request.get(feedPath!);
			expect(feed.status()).toBe(200);
			expect(feed.headers()['content-type']).toContain('text/calendar');
			const ics = await feed.text();
			expect(ics).toContain('BEGIN:VCALENDAR\r\n');
			expect(ics.replace(/\r\n /g, '')).toContain(`SUMMARY:Hulp gezocht: Bankje plaatsen ${suffix}`);
			const wrong = await noor.page.context().request.get(feedPath!.replace(/[0-9a-f](?=\.ics$)/, (c) => (c === '0' ? '1' : '0')));
			expect(wrong.status()).toBe(404);

			for (const p of [wim, anna, noor, bram]) await p.context.close();
		});
	});
}
