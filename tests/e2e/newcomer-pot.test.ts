import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import nl from '../../messages/nl.json';
import { baseUrl, demoPassword, expectAccessible, launchBrowser, loggedIn, submitted, visit } from './harness';
import { pdfBytes } from '../../src/lib/server/proposals/test-fixtures';

/**
 * What a newcomer met on the buurtpot's pages (issue 9): a closed round with two winners (one of
 * them paid by households that had unequal amounts left) and a payout with its receipt, all set
 * up through the API as staff; then the pages as a tenant and as the wijkconsulent, on a phone
 * and on a desktop. Last, every page each demo persona can reach from their home is read for
 * raw message keys, internal codes, undefined/null/NaN and ISO dates.
 */

const url = (path: string) => `${baseUrl().replace('localhost', '127.0.0.1')}${path}`;
let n = 0;
const idem = () => `newcomer-${Date.now()}-${++n}`;

async function token(email: string): Promise<string> {
	const r = await fetch(url('/api/v1/sessions'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: demoPassword }) });
	expect(r.status).toBe(201);
	return ((await r.json()) as { token: string }).token;
}

async function api<T = Record<string, unknown>>(tok: string, method: string, path: string, body?: unknown): Promise<T> {
	const init: RequestInit = { method, headers: { authorization: `Bearer ${tok}`, 'idempotency-key': idem() } };
	if (body instanceof FormData) init.body = body;
	else if (body !== undefined) {
		init.body = JSON.stringify(body);
		(init.headers as Record<string, string>)['content-type'] = 'application/json';
	}
	const r = await fetch(url(path), init);
	const text = await r.text();
	expect(r.status, `${method} ${path}: ${text}`).toBeLessThan(300);
	return (text ? JSON.parse(text) : {}) as T;
}

const suffix = `${Date.now() % 100000}`;
const feast = `Buurtfeest ${suffix}`;
const benches = `Bankjes ${suffix}`;
const payee = 'Feestverhuur Noaberveen';
let browser: Browser;
let buurtId: string;
let feastId: string;
let benchesId: string;
let waitingId: string;
let roundId: string;

beforeAll(async () => {
	browser = await launchBrowser();
	const [wim, anna, noor] = await Promise.all(['wim', 'anna', 'noor'].map((p) => token(`${p}@demo.noaber.test`)));
	buurtId = (await api<{ roles: { memberOf: string[] } }>(anna, 'GET', '/api/v1/me')).roles.memberOf[0];
	await api(wim, 'PATCH', `/api/v1/buurten/${buurtId}/settings`, { buurtpot: { supportHouseholds: 2 } });
	await api(wim, 'POST', `/api/v1/buurten/${buurtId}/pot/top-ups`, { account: 'buurtpot', amountCents: 100_000, note: `Leefbaarheidsbudget ${suffix}`, idempotencyKey: idem() });
	const propose = async (title: string) =>
		(await api<{ id: string }>(anna, 'POST', '/api/v1/proposals', { buurtId, title, description: 'Voor de hele buurt, met hulp van de buren.', costCents: 15_000, idempotencyKey: idem() })).id;
	feastId = await propose(feast);
	benchesId = await propose(benches);
	waitingId = await propose(`Fietsenrek ${suffix}`);
	for (const id of [feastId, benchesId]) {
		await api(noor, 'POST', `/api/v1/proposals/${id}/support`, { idempotencyKey: idem() });
		await api(wim, 'POST', `/api/v1/proposals/${id}/feasibility`, { outcome: 'accept', reason: 'Dit kan, het past in het budget.', idempotencyKey: idem() });
	}
	// Budget €400 for 4 homes (€100 each). The benches (3 homes) go first, €50 each; then Anna has
	// €50 left, so for the feast Noor pays €100 and Anna all she still has (€50).
	const closesAt = new Date(Date.now() + 8_000);
	roundId = (
		await api<{ id: string }>(wim, 'POST', '/api/v1/rounds', {
			buurtId,
			title: `Stemronde ${suffix}`,
			budgetSource: 'amount',
			budgetCents: 40_000,
			opensAt: new Date(Date.now() - 60_000).toISOString(),
			closesAt: closesAt.toISOString(),
			rule: 'equal-shares',
			utility: 'cost',
			proposalIds: [feastId, benchesId],
			idempotencyKey: idem()
		})
	).id;
	const round = await api<{ proposals: { projectId: string; proposalId: string }[] }>(anna, 'GET', `/api/v1/rounds/${roundId}`);
	const project = (id: string) => round.proposals.find((p) => p.proposalId === id)!.projectId;
	await api(anna, 'PUT', `/api/v1/rounds/${roundId}/ballot`, { choices: [project(feastId), project(benchesId)] });
	await api(noor, 'PUT', `/api/v1/rounds/${roundId}/ballot`, { choices: [project(feastId)] });
	for (const houseNumber of ['14', '15']) await api(wim, 'POST', `/api/v1/rounds/${roundId}/paper-ballots`, { postcode: '9999 AA', houseNumber, choices: [project(benchesId)] });
	await new Promise((r) => setTimeout(r, Math.max(0, closesAt.getTime() - Date.now() + 1500)));
	await api(wim, 'POST', `/api/v1/rounds/${roundId}/close`);
	const form = new FormData();
	for (const [k, v] of Object.entries({ amountCents: '15000', payee, idempotencyKey: idem() })) form.set(k, v);
	form.append('receipt', new Blob([Buffer.from(pdfBytes())], { type: 'application/pdf' }), 'bon.pdf');
	await api(wim, 'POST', `/api/v1/proposals/${feastId}/payments`, form);
}, 120_000);
afterAll(() => browser?.close());

/** The amounts of a list's rows, each checked to be one line and inside the 320 px screen. */
async function expectAmountsInView(page: Page, rows: string, amount: string) {
	const boxes = await page.evaluate(
		([rows, amount]) =>
			[...document.querySelectorAll(rows)].flatMap((row) =>
				[...row.querySelectorAll(amount)].map((el) => {
					const r = el.getBoundingClientRect();
					return { text: (el as HTMLElement).innerText, left: r.left, right: r.right, lines: el.getClientRects().length, width: window.innerWidth };
				})
			),
		[rows, amount]
	);
	expect(boxes.length, `amounts in ${rows}`).toBeGreaterThan(0);
	for (const b of boxes) {
		expect(b.lines, `"${b.text}" on one line`).toBe(1);
		expect(b.left, `"${b.text}" in view`).toBeGreaterThanOrEqual(0);
		expect(b.right, `"${b.text}" in view`).toBeLessThanOrEqual(b.width);
	}
}

/** A table at 320 px: its box does not scroll sideways and every cell matching `cells` is on screen. */
async function expectTableInView(page: Page, table: string, cells: string) {
	const found = await page.evaluate(
		([table, cells]) => {
			const t = document.querySelector(table);
			if (!t) return null;
			const wrap = t.closest('.table-wrap') ?? t.parentElement!;
			return {
				scroll: wrap.scrollWidth - wrap.clientWidth,
				cells: [...t.querySelectorAll(cells)].map((el) => {
					const r = el.getBoundingClientRect();
					return { text: (el as HTMLElement).innerText, left: r.left, right: r.right, width: window.innerWidth };
				})
			};
		},
		[table, cells]
	);
	expect(found, `table ${table}`).not.toBeNull();
	expect(found!.scroll, `${table} scrolls sideways`).toBeLessThanOrEqual(0);
	expect(found!.cells.length, `cells ${cells} of ${table}`).toBeGreaterThan(0);
	for (const c of found!.cells) {
		expect(c.left, `"${c.text}" in view`).toBeGreaterThanOrEqual(0);
		expect(c.right, `"${c.text}" in view`).toBeLessThanOrEqual(c.width);
	}
}

describe('the pot, the results and the payment form, as a newcomer meets them', () => {
	for (const width of [320, 1280]) {
		it(`a tenant reads the pot, the results and her wallet at ${width} px`, async () => {
			const { context, page } = await loggedIn(browser, { js: true, email: 'anna@demo.noaber.test', width });
			await visit(page, `/buurten/${buurtId}/pot`);
			const movements = await page.locator('table.movements').innerText();
			expect(movements).not.toMatch(/buurtpot\.payout|Andere boeking/);
			// The payout names the payee and the plan, and links to the plan and to its receipt.
			const row = page.locator('table.movements tbody tr', { hasText: feast });
			await expect(row.innerText()).resolves.toContain(`Betaald aan ${payee} voor het plan`);
			await expect(row.getByRole('link', { name: feast, exact: true }).getAttribute('href')).resolves.toBe(`/proposals/${feastId}#payments`);
			const receipt = await row.getByRole('link', { name: /Bekijk de bon of factuur/ }).getAttribute('href');
			const pdf = await context.request.get(receipt!);
			expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
			await expect(row.locator('.amount').innerText()).resolves.toMatch(/^−€\s150,00$/);
			if (width === 320) await expectAmountsInView(page, 'table.movements tbody tr', '.amount');
			// The reward scheme: every amount (the last column too) on screen, nothing scrolls.
			if (width === 320) {
				await expectTableInView(page, 'table.scheme-table', 'tbody td:last-child');
				await expectAmountsInView(page, 'table.scheme-table tbody tr', '.amount');
			}

			// Results: each step numbered once; what each group of households paid.
			await visit(page, `/rounds/${roundId}/results`);
			const steps = await page.getByTestId('explanation').locator('li').allInnerTexts();
			expect(steps.length).toBeGreaterThan(3);
			for (const s of steps) expect(s, 'a step without its own number').not.toMatch(/^\d+\.\s/);
			// "Alle plannen": the cost and the outcome (the last column) on screen, nothing scrolls.
			if (width === 320) {
				await expectTableInView(page, 'table.plans', 'tbody td:last-child');
				await expectAmountsInView(page, 'table.plans tbody tr', '.amount');
			}
			await expect(page.locator('table.plans tbody tr', { hasText: feast }).locator('td:last-child').innerText()).resolves.toMatch(/Krijgt geld/);
			const winners = page.getByTestId('winners');
			const paidBy = async (title: string) => (await winners.locator('li', { hasText: title }).getByTestId('paid-by').innerText()).replace(/\u00a0/g, ' ');
			await expect(paidBy(benches)).resolves.toBe('Elk huis dat dit plan koos, betaalde € 50,00 van zijn deel.');
			await expect(paidBy(feast)).resolves.toBe(
				'1 huis dat dit plan koos, betaalde € 100,00. 1 huis had minder over en betaalde alles wat er nog was (€ 50,00 samen).'
			);

			// The vote chose the plan, not the person who closed the round.
			await visit(page, `/proposals/${feastId}`);
			const chosen = await page.locator('.history li', { hasText: 'Gekozen in de stemming' }).innerText();
			expect(chosen).not.toMatch(/Wim|stemming—/);
			// Support is counted, not asked for: "1 van de 2 huishoudens steunt dit".
			await visit(page, `/proposals/${waitingId}`);
			await expect(page.locator('.lead').innerText()).resolves.toMatch(/^Dit voorstel zoekt steun: 1 van de 2 huishoudens steunt dit\./);

			await visit(page, '/wallet');
			if (width === 320) await expectAmountsInView(page, 'table.earned tbody tr', '.amount');
			await context.close();
		}, 120_000);

		it(`the wijkconsulent sees every problem of the payment form at once at ${width} px`, async () => {
			const { context, page } = await loggedIn(browser, { js: false, email: 'wim@demo.noaber.test', width });
			await visit(page, `/proposals/${benchesId}`);
			await page.getByLabel('Bedrag (euro)').fill('veel');
			await page.getByLabel('Aan wie?').fill('');
			await page.getByRole('button', { name: 'Betalen uit de buurtpot' }).click();
			await submitted(page);
			for (const field of ['amount', 'payee', 'receipt']) await expect(page.locator(`#f-${field}-error`).count(), `an error next to ${field}`).resolves.toBe(1);
			await visit(page, `/buurten/${buurtId}/pot`);
			await expect(page.locator('table.movements tbody tr', { hasText: feast }).getByRole('link', { name: feast, exact: true }).count()).resolves.toBe(1);
			await context.close();
		}, 120_000);
	}
});

// ---------------------------------------------------------------------------------------------
// Nothing internal reaches a page

const namespaces = Object.keys(nl);
const isKey = (path: string) => {
	let node: unknown = nl;
	for (const part of path.split('.')) {
		if (!node || typeof node !== 'object' || !(part in node)) return false;
		node = (node as Record<string, unknown>)[part];
	}
	return true;
};
const keyLike = new RegExp(`\\b(?:${namespaces.join('|')})\\.[a-z0-9_]+(?:\\.[a-z0-9_]+)*\\b`, 'g');
const internal = [
	/\bundefined\b/,
	/\bnull\b/,
	/\bNaN\b/,
	/\[object Object\]/,
	/\b\d{4}-\d{2}-\d{2}\b/,
	/\b(?:buurtpot\.payout|ledger\.top_up|ledger\.reversal|help\.reward)\b/,
	// Codes in snake_case (audit actions such as demo.households_seeded, subject kinds such as buurtpot_comment): nobody writes like that.
	/\b[a-z]+(?:\.[a-z]+)*_[a-z_]+(?:\.[a-z_]+)*\b/
];

/** What a page shows that a person should never read. */
function leaks(text: string): string[] {
	const found = [...text.matchAll(keyLike)].map((m) => m[0]).filter((k) => k.includes('_') || isKey(k));
	for (const re of internal) {
		const m = re.exec(text);
		if (m) found.push(m[0]);
	}
	return found;
}

const personas = ['anna', 'bram', 'noor', 'carla', 'wim', 'hanna', 'gert', 'sander', 'admin'];
/** Not read: actions and files. The admins' audit log is read too: a sentence per event, never its code. */
const skip = /^\/(?:logout|language|api\/|uploads\/|calendar\/|dev\/|healthz|readyz)/;

describe('no page shows a message key, an internal code, undefined/null/NaN or an ISO date', () => {
	it('the check itself finds each kind', () => {
		expect(leaks('Andere boeking (buurtpot.payout)')).toContain('buurtpot.payout');
		expect(leaks('Zie pot.movement.other hier')).toContain('pot.movement.other');
		expect(leaks('Datum: 2027-03-01, bedrag NaN, naam undefined')).toEqual(['undefined', 'NaN', '2027-03-01']);
		expect(leaks('anna@demo.noaber.test schreef: 3 van de 5 huizen.')).toEqual([]);
		expect(leaks('Noaber (automatisch): demo.households_seeded (Woonstichting De Linde)')).toContain('demo.households_seeded');
		expect(leaks('Ayla verborg iets over buurtpot_comment')).toContain('buurtpot_comment');
	});

	for (const who of personas) {
		it(`every page ${who} can reach from home`, async () => {
			const { context, page } = await loggedIn(browser, { js: true, email: `${who}@demo.noaber.test` });
			const seen = new Set<string>();
			const queue = ['/home'];
			const problems: string[] = [];
			while (queue.length && seen.size < 60) {
				const path = queue.shift()!;
				if (seen.has(path)) continue;
				seen.add(path);
				const response = await page.goto(path);
				if (response && response.status() >= 500) problems.push(`${path}: status ${response.status()}`);
				if (!response || !(response.headers()['content-type'] ?? '').includes('text/html')) continue;
				// Text in <code> shows a code on purpose (the CSV columns on /staff/import): not read.
				const text = await page.evaluate(() => {
					let all = document.body.innerText;
					for (const el of document.querySelectorAll('code, kbd, samp, pre')) all = all.replace((el as HTMLElement).innerText, '');
					return all;
				});
				for (const leak of leaks(text)) problems.push(`${path}: ${leak}`);
				const hrefs = await page.locator('a[href]:not([download])').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
				for (const href of hrefs) {
					const u = new URL(href);
					if (u.origin !== new URL(page.url()).origin || skip.test(u.pathname)) continue;
					const next = u.pathname + u.search;
					if (!seen.has(next)) queue.push(next);
				}
			}
			expect(problems, `pages of ${who}`).toEqual([]);
			expect(seen.size).toBeGreaterThan(3);
			await expectAccessible(page);
			await context.close();
		}, 180_000);
	}
});
