import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, expectAccessible, expectNoHorizontalScroll, launchBrowser, login, newContext, visit, loggedIn, submitted } from './harness';

/**
 * The heart of Noaber, end to end, with three neighbours and a wijkconsulent:
 * Wim tops up the Lindebuurt's funding → Anna asks → Bram (supervisor) publishes → Noor takes
 * it, writes to Anna and marks it done → Anna confirms → the buurtpot grew by the three rewards
 * and each wallet shows its share. Once with JavaScript on and once with it off; axe on every
 * page (the harness replays JavaScript-off pages in a scriptable twin for axe); Anna uses a
 * 320 px wide phone.
 */

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(() => browser?.close());
const person = (js: boolean, email: string, width?: number) => loggedIn(browser, { js, email, width });


/** "€ 1.234,56" → 123456 */
const cents = (text: string | null) => Math.round(Number((text ?? '').replace(/[^\d,-]/g, '').replace(',', '.')) * 100);

for (const js of [true, false]) {
	describe(`Superbuurt with JavaScript ${js ? 'on' : 'off'}`, () => {
		it('ask → check → help → confirm fills the buurtpot and every wallet', async () => {
			const title = `Heg knippen ${js ? 'A' : 'B'}-${Date.now() % 100000}`;
			const wim = await person(js, 'wim@demo.noaber.test');
			const anna = await person(js, 'anna@demo.noaber.test', 320);
			const bram = await person(js, 'bram@demo.noaber.test');
			const noor = await person(js, 'noor@demo.noaber.test');

			// Wim finds the Lindebuurt's buurtpot and tops up the funding account.
			await visit(wim.page, '/buurten');
			await wim.page.getByRole('link', { name: 'Lindebuurt' }).click();
			await wim.page.waitForURL(/\/buurten\/[0-9a-f-]{36}$/);
			await expectAccessible(wim.page);
			const potPath = `${new URL(wim.page.url()).pathname}/pot`;
			await visit(wim.page, potPath);
			const potBefore = cents(await wim.page.getByTestId('pot-balance').textContent());
			const fundingBefore = cents(await wim.page.getByTestId('funding-balance').textContent());
			await wim.page.getByLabel(/^Budget van de corporatie voor beloningen/).check();
			await wim.page.getByLabel('Bedrag in euro').fill('0');
			// Its own note per run: the same top-up sent again within 15 minutes counts once (web/forms.ts).
			await wim.page.getByLabel('Waar komt het geld vandaan?').fill(`Leefbaarheidsbudget 2026 (${title})`);
			await wim.page.getByRole('button', { name: 'Geld toevoegen' }).click();
			await submitted(wim.page);
			// A wrong amount: a clear message next to the field, nothing added.
			await expect(wim.page.locator('#f-amount-error').textContent()).resolves.toContain('meer dan 0');
			await wim.page.getByLabel('Bedrag in euro').fill('50,00');
			await wim.page.getByRole('button', { name: 'Geld toevoegen' }).click();
			await submitted(wim.page);
			await expect(wim.page.getByRole('status').textContent()).resolves.toContain('toegevoegd');
			expect(cents(await wim.page.getByTestId('funding-balance').textContent())).toBe(fundingBefore + 5000);

			// Anna asks, from her home page, on a small phone.
			await anna.page.getByRole('link', { name: 'Hulp vragen' }).first().click();
			await submitted(anna.page);
			await expectNoHorizontalScroll(anna.page);
			await anna.page.getByRole('button', { name: 'Vraag versturen' }).click();
			await submitted(anna.page);
			// Nothing filled in: errors next to the fields.
			await expect(anna.page.locator('#f-title-error').textContent()).resolves.toContain('Vul dit veld in');
			await anna.page.getByLabel(/^Klusje in of bij uw huis/).check();
			await anna.page.getByLabel('Uw vraag in een paar woorden').fill(title);
			await anna.page.getByLabel('Vertel wat meer').fill('Mijn heg is te hoog. Wie helpt knippen? Ik heb een heggenschaar.');
			await anna.page.getByLabel('Graag deze week').check();
			if (js) {
				// A double click submits twice; the idempotency key makes it one request.
				await anna.page.getByRole('button', { name: 'Vraag versturen' }).dblclick();
			} else {
				await anna.page.getByRole('button', { name: 'Vraag versturen' }).click();
			}
			await anna.page.waitForURL(/\/help\/[0-9a-f-]{36}\?done=ask/);
			await submitted(anna.page);
			await expectNoHorizontalScroll(anna.page);
			const requestPath = new URL(anna.page.url()).pathname;
			await expect(anna.page.getByRole('status').textContent()).resolves.toContain('Uw vraag is verstuurd');
			await visit(anna.page, '/help');
			await expect(anna.page.getByRole('link', { name: title }).count()).resolves.toBe(1);

			// Bram checks it from his queue and publishes it, with a reason Anna reads.
			await visit(bram.page, '/supervise');
			await bram.page.getByRole('link', { name: title }).click();
			await submitted(bram.page);
			await bram.page.getByLabel(/^Klaarzetten voor de buren/).check();
			await bram.page.getByLabel('Reden of vraag aan de vrager').fill('Duidelijke vraag, dank u wel!');
			await bram.page.getByRole('button', { name: 'Besluit opslaan' }).click();
			await submitted(bram.page);
			await expect(bram.page.getByRole('status').textContent()).resolves.toContain('klaar voor de buren');
			// Bram checked it, so he cannot also take it.
			await expect(bram.page.getByRole('button', { name: 'Ik help' }).count()).resolves.toBe(0);

			// Noor sees it among the open requests, takes it, writes to Anna and marks it done.
			await visit(noor.page, '/help?sort=oldest');
			await visit(noor.page, '/help');
			await noor.page.getByRole('link', { name: title }).click();
			await submitted(noor.page);
			await noor.page.getByRole('button', { name: 'Ik help' }).click();
			await submitted(noor.page);
			await expect(noor.page.getByRole('status').textContent()).resolves.toContain('Fijn dat u helpt');
			await noor.page.getByLabel('Uw bericht').fill('Zaterdag om 10 uur? Ik neem een ladder mee.');
			await noor.page.getByRole('button', { name: 'Bericht sturen' }).click();
			await submitted(noor.page);
			await expect(noor.page.getByText('Ik neem een ladder mee.').count()).resolves.toBe(1);
			await noor.page.getByRole('button', { name: 'Het is klaar' }).click();
			await submitted(noor.page);

			// Anna reads Noor's message and confirms.
			await visit(anna.page, requestPath);
			await expectNoHorizontalScroll(anna.page);
			await expect(anna.page.getByText('Ik neem een ladder mee.').count()).resolves.toBe(1);
			await expect(anna.page.getByText('Duidelijke vraag, dank u wel!').count()).resolves.toBe(1);
			await anna.page.getByRole('button', { name: 'Ja, ik ben geholpen' }).click();
			await submitted(anna.page);
			await expect(anna.page.locator('p.lead').textContent()).resolves.toMatch(/€\s15,00 in de buurtpot/);

			// The buurtpot grew by the three rewards, paid from the funding account.
			await visit(anna.page, potPath);
			await expectNoHorizontalScroll(anna.page);
			expect(cents(await anna.page.getByTestId('pot-balance').textContent())).toBe(potBefore + 1500);
			expect(cents(await anna.page.getByTestId('funding-balance').textContent())).toBe(fundingBefore + 5000 - 1500);

			// Each wallet shows its share of this request.
			for (const p of [anna, bram, noor]) {
				await visit(p.page, '/wallet');
				const row = p.page.locator('tr', { hasText: title });
				await expect(row.count()).resolves.toBe(1);
				await expect(row.textContent()).resolves.toContain('5,00');
			}
			// Noor chooses to be named on the buurtpot page.
			await noor.page.getByLabel('Ja, toon mijn voornaam').check();
			await noor.page.getByRole('button', { name: 'Opslaan' }).click();
			await submitted(noor.page);
			await visit(anna.page, potPath);
			await expect(anna.page.getByText(/^Noor: /).count()).resolves.toBe(1);

			for (const p of [wim, anna, bram, noor]) await p.context.close();
		}, 240_000);
	});
}

describe('supervisors and staff, JavaScript off', () => {
	it('a neighbour signs up as supervisor and steps down; staff ask on behalf of a neighbour and set the rules', async () => {
		const noor = await person(false, 'noor@demo.noaber.test', 320);
		await visit(noor.page, '/supervise');
		await expectNoHorizontalScroll(noor.page);
		await noor.page.getByRole('button', { name: 'Ik word supervisor van Lindebuurt' }).click();
		await submitted(noor.page);
		// An application: staff approve it before Noor supervises (tests/e2e/scope.test.ts has the approval).
		await expect(noor.page.getByRole('status').textContent()).resolves.toContain('Uw aanmelding is verstuurd');
		await noor.page.getByRole('button', { name: 'Aanmelding intrekken' }).click();
		await submitted(noor.page);
		await expect(noor.page.getByRole('status').textContent()).resolves.toContain('gestopt');

		const wim = await person(false, 'wim@demo.noaber.test');
		await visit(wim.page, '/supervise');
		await visit(wim.page, '/staff/supervisors');
		await wim.page.getByLabel('Hoeveel supervisors tegelijk').first().fill('0');
		await wim.page.getByRole('button', { name: 'Regels voor Beukenbuurt opslaan' }).click();
		await submitted(wim.page);
		await expect(wim.page.getByRole('alert').count()).resolves.toBe(1);

		await visit(wim.page, '/supervise/namens');
		await wim.page.getByRole('button', { name: 'Vraag versturen' }).click();
		await submitted(wim.page);
		await expect(wim.page.locator('#f-consent-error').textContent()).resolves.toContain('toestemming');
		await wim.page.getByLabel('Buurt', { exact: true }).selectOption({ label: 'Lindebuurt' });
		await wim.page.getByLabel('Naam van de buur').fill('Mevrouw Jansen');
		await wim.page.getByLabel('De buur wil dat ik deze vraag stel').check();
		await wim.page.getByLabel('Hoe en wanneer gaf de buur toestemming?').fill('Mondeling, vandaag, bij haar thuis.');
		await wim.page.getByLabel('Op papier (een briefje)').check();
		await wim.page.getByLabel(/^Zorg/).check();
		await wim.page.getByLabel('Soort zorg').selectOption('boodschappen');
		await wim.page.getByLabel('Uw vraag in een paar woorden').fill('Boodschappen op donderdag');
		await wim.page.getByLabel('Vertel wat meer').fill('Mevrouw Jansen kan niet meer goed tillen.');
		await wim.page.getByRole('button', { name: 'Vraag versturen' }).click();
		await wim.page.waitForURL(/\/help\/[0-9a-f-]{36}\?done=ask_on_behalf/);
		await submitted(wim.page);
		const requestPath = new URL(wim.page.url()).pathname;

		// Bram checks it; Anna, a neighbour, sees only "Zorg: boodschappen" once it is published.
		const bram = await person(false, 'bram@demo.noaber.test');
		await visit(bram.page, requestPath);
		await expect(bram.page.locator('p.text').first().textContent()).resolves.toBe('Mevrouw Jansen kan niet meer goed tillen.');
		await bram.page.getByLabel(/^Klaarzetten voor de buren/).check();
		await bram.page.getByLabel('Reden of vraag aan de vrager').fill('Fijn dat u dit doorgeeft.');
		await bram.page.getByRole('button', { name: 'Besluit opslaan' }).click();
		await submitted(bram.page);
		const anna = await person(false, 'anna@demo.noaber.test');
		await visit(anna.page, requestPath);
		await expect(anna.page.locator('h1').textContent()).resolves.toBe('Zorg: boodschappen');
		await expect(anna.page.getByText('Mevrouw Jansen').count()).resolves.toBe(0);
		for (const p of [noor, wim, bram, anna]) await p.context.close();
	}, 240_000);
});

describe('a request from another buurt', () => {
	it('is not found for an outsider, and the API answers with JSON errors', async () => {
		const context = await newContext(browser, { js: false });
		const page = await context.newPage();
		await login(page, 'anna@demo.noaber.test');
		const response = await page.goto('/help/00000000-0000-4000-8000-000000000000');
		expect(response?.status()).toBe(404);
		const api = await page.request.post('/api/v1/help', { data: { category: 'tuinfeest' }, headers: { Origin: new URL(page.url()).origin } });
		expect(api.status()).toBe(400);
		const body = await api.json();
		expect(body.error.code).toBe('validation.invalid');
		expect(body.error.fields.category).toBeTruthy();
		await context.close();
	});
});

describe('the same loop through /api/v1', () => {
	const api = async (token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
		const r = await fetch(`${baseUrl()}/api/v1${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'accept-language': 'nl', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		return { status: r.status, body: await r.json() };
	};
	const tokenFor = async (email: string) => (await api(null, 'POST', '/sessions', { email, password: 'noaber-demo-2026' })).body.token as string;

	it('asks, publishes, takes, confirms with idempotency keys; refuses bad input with 4xx', async () => {
		const [anna, bram, noor, wim] = await Promise.all(['anna', 'bram', 'noor', 'wim'].map((n) => tokenFor(`${n}@demo.noaber.test`)));
		const me = (await api(anna, 'GET', '/me')).body;
		const buurtId = me.roles.memberOf[0];
		const ask = { buurtId, category: 'veiligheid', title: 'Meelopen naar de bus', description: 'Dinsdagavond om negen uur.', when: 'flexible', urgency: 'soon', place: 'buurt' };
		const key = `api-${Date.now()}`;
		const first = await api(anna, 'POST', '/help', ask, { 'idempotency-key': key });
		expect(first.status).toBe(201);
		expect(await api(anna, 'POST', '/help', ask, { 'idempotency-key': key })).toEqual(first);
		const clash = await api(anna, 'POST', '/help', { ...ask, title: 'Iets anders' }, { 'idempotency-key': key });
		expect(clash.status).toBe(409);
		expect(clash.body.error.code).toBe('help.idempotency_mismatch');
		const id = first.body.id;

		expect((await api(anna, 'POST', `/help/${id}/transitions`, { action: 'publish', reason: 'Zelf doen?' })).status).toBe(403);
		expect((await api(bram, 'GET', '/help/queue')).body.toCheck.map((r: { id: string }) => r.id)).toContain(id);
		const noReason = await api(bram, 'POST', `/help/${id}/transitions`, { action: 'publish' });
		expect(noReason.status).toBe(400);
		expect(noReason.body.error.fields.reason).toContain('reden');
		expect((await api(bram, 'POST', `/help/${id}/transitions`, { action: 'publish', reason: 'Prima vraag.' })).body).toEqual({ id, state: 'published' });
		expect((await api(bram, 'POST', `/help/${id}/transitions`, { action: 'take' })).body.error.code).toBe('help.own_check');
		expect((await api(noor, 'POST', `/help/${id}/transitions`, { action: 'take' })).body.state).toBe('taken');
		expect((await api(anna, 'POST', `/help/${id}/messages`, { body: 'Dank je!' })).status).toBe(201);
		expect((await api(noor, 'GET', `/help/${id}/messages`)).body.messages.map((m: { body: string }) => m.body)).toEqual(['Dank je!']);
		expect((await api(noor, 'POST', `/help/${id}/transitions`, { action: 'mark_done' })).body.state).toBe('done');
		const confirmed = await api(anna, 'POST', `/help/${id}/transitions`, { action: 'confirm' });
		expect(confirmed.body.state).toBe('confirmed');
		const twice = await api(anna, 'POST', `/help/${id}/transitions`, { action: 'confirm' });
		expect([twice.status, twice.body.error.code]).toEqual([409, 'help.already_confirmed']);
		expect((await api(anna, 'POST', `/help/${id}/transitions`, { action: 'fly' })).status).toBe(400);

		const wallet = (await api(noor, 'GET', '/wallet')).body;
		expect(wallet.totalCents).toBeGreaterThanOrEqual(0);
		const pot = await api(anna, 'GET', `/buurten/${buurtId}/pot`);
		expect(pot.status).toBe(200);
		expect(pot.body).toHaveProperty('buurtpotCents');

		for (const amountCents of [0, -5, 12.5, 'tien']) {
			const r = await api(wim, 'POST', `/buurten/${buurtId}/pot/top-ups`, { account: 'funding', amountCents, note: 'Budget' });
			expect(r.status, String(amountCents)).toBe(400);
		}
		const topKey = `top-${Date.now()}`;
		expect((await api(wim, 'POST', `/buurten/${buurtId}/pot/top-ups`, { account: 'buurtpot', amountCents: 100, note: 'Budget' }, { 'idempotency-key': topKey })).status).toBe(201);
		const reused = await api(wim, 'POST', `/buurten/${buurtId}/pot/top-ups`, { account: 'buurtpot', amountCents: 200, note: 'Budget' }, { 'idempotency-key': topKey });
		expect([reused.status, reused.body.error.code]).toEqual([409, 'pot.idempotency_mismatch']);
		expect((await api(anna, 'POST', `/buurten/${buurtId}/pot/top-ups`, { account: 'buurtpot', amountCents: 100, note: 'Budget' }, { 'idempotency-key': `${topKey}-anna` })).status).toBe(403);
		const keyless = await api(wim, 'POST', `/buurten/${buurtId}/pot/top-ups`, { account: 'buurtpot', amountCents: 100, note: 'Budget' });
		expect([keyless.status, keyless.body.error.code, Object.keys(keyless.body.error.fields)]).toEqual([400, 'validation.invalid', ['idempotencyKey']]);
		expect((await api(anna, 'GET', '/help/00000000-0000-4000-8000-000000000000')).status).toBe(404);
		expect((await api(null, 'GET', '/wallet')).status).toBe(401);
	});
});
