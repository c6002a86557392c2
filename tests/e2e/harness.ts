import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, inject } from 'vitest';

export const demoPassword = 'noaber-demo-2026';
/**
 * The server of this worker: with parallel workers (vitest.e2e.config.ts) each worker has its
 * own server and data, so files in different workers never see each other's changes.
 */
function server() {
	const servers = inject('servers');
	const worker = Number(process.env.VITEST_POOL_ID ?? 1);
	return servers[(worker - 1) % servers.length];
}
export const baseUrl = () => server().baseUrl;
/** The PGlite data folder of this worker's server ('' when E2E_BASE_URL is used). */
export const dataDir = () => server().dataDir;

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
}

const scriptless = new WeakSet<BrowserContext>();

export async function newContext(browser: Browser, opts: { js: boolean; width?: number; locale?: string }): Promise<BrowserContext> {
	const context = await browser.newContext({
		baseURL: baseUrl(),
		javaScriptEnabled: opts.js,
		viewport: { width: opts.width ?? 1024, height: 800 },
		locale: opts.locale ?? 'nl-NL'
	});
	if (!opts.js) scriptless.add(context);
	return context;
}

/** axe-core, read once; injected into the page that is scanned (see scanPage). */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * One scriptable "scanner" page per browser, at the server's origin, with axe loaded once. The
 * HTML of a page a person sees with JavaScript off (Playwright cannot evaluate in it) is written
 * into the scanner with a <base> of the page's URL, so its styles and images come from the
 * server as before; our pages render on the server, so that HTML is the whole DOM. Writing a
 * document keeps the window, so axe stays loaded: a scan takes a fraction of a second where a
 * fresh context, a navigation and AxeBuilder's separate finishing page took seconds.
 */
const scanners = new WeakMap<Browser, Promise<Page>>();
function scannerFor(browser: Browser, origin: string): Promise<Page> {
	let scanner = scanners.get(browser);
	if (!scanner) {
		scanner = (async () => {
			const context = await browser.newContext();
			const page = await context.newPage();
			await page.goto(`${origin}/healthz`);
			return page;
		})();
		scanners.set(browser, scanner);
	}
	return scanner;
}

/** Scans run one at a time (axe refuses a second run in the same window while one runs). */
let scanQueue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
	const run = scanQueue.then(fn, fn);
	scanQueue = run.catch(() => undefined);
	return run;
}

/**
 * Runs a check that needs scripts (axe, layout measurements) on what the page shows: in the page
 * itself when it runs JavaScript, otherwise on its exact HTML in the scanner page of the same width.
 */
function onScriptablePage<T>(page: Page, fn: (p: Page) => Promise<T>): Promise<T> {
	return oneAtATime(async () => {
		if (!scriptless.has(page.context())) return fn(page);
		const html = await page.content();
		const url = page.url();
		const scanner = await scannerFor(page.context().browser()!, new URL(url).origin);
		await scanner.setViewportSize(page.viewportSize() ?? { width: 1024, height: 800 });
		const base = `<base href="${url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
		await scanner.setContent(/<head[^>]*>/.test(html) ? html.replace(/<head[^>]*>/, (head) => head + base) : base + html, { waitUntil: 'load' });
		return fn(scanner);
	});
}

/** axe's violations of WCAG 2.1 A and AA and its best practices on what the page shows now. */
export async function axeViolations(page: Page): Promise<string[]> {
	const violations = await onScriptablePage(page, async (p) => {
		if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(axeSource);
		return p.evaluate(
			(tags) =>
				(window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe
					.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
					.then((r) => r.violations),
			axeTags
		);
	});
	return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Every page visited is scanned with axe (WCAG 2.1 A and AA); any violation fails the test. */
export async function expectAccessible(page: Page) {
	expect(await axeViolations(page), `axe violations on ${page.url()}`).toEqual([]);
}

/** At 320 px nothing may scroll sideways. */
export async function expectNoHorizontalScroll(page: Page) {
	const overflow = await onScriptablePage(page, (p) => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth));
	expect(overflow, `horizontal scroll on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** Goes to a page and checks it: status below 400, axe clean. */
/**
 * Staff start a new round in a buurt: pick the buurt, then tick only the accepted proposals whose
 * label contains `text` (other tests may have left accepted ones on the list).
 */
export async function startRoundWith(page: Page, buurt: string, text: string) {
	await visit(page, '/staff/rounds');
	await page.getByLabel('Buurt', { exact: true }).selectOption({ label: buurt });
	await page.getByRole('button', { name: 'Verder' }).click();
	await submitted(page);
	const boxes = page.getByRole('group', { name: 'Plannen op de stemlijst' }).getByRole('checkbox');
	for (let i = 0; i < (await boxes.count()); i++) {
		const box = boxes.nth(i);
		const label = await page.locator(`label[for="${await box.getAttribute('id')}"]`).textContent();
		await box.setChecked(!!label && label.includes(text));
	}
}

export async function visit(page: Page, path: string) {
	const response = await page.goto(path);
	expect(response?.status(), `status of ${path}`).toBeLessThan(400);
	await expectAccessible(page);
	return response;
}

export async function login(page: Page, email: string, password = demoPassword) {
	await page.goto('/login');
	await page.getByLabel('E-mailadres', { exact: true }).first().fill(email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
	await page.waitForURL('**/home**');
}

/** Submits with the keyboard only: focus the field, press Enter. */
export async function pressEnterIn(page: Page, label: string) {
	await page.getByLabel(label, { exact: true }).first().focus();
	await page.keyboard.press('Enter');
}

/**
 * A person in their own browser context, logged in. Actions fail after `timeout` ms with a
 * message instead of waiting for the test's timeout.
 */
export async function loggedIn(browser: Browser, opts: { js: boolean; email: string; width?: number; timeout?: number }): Promise<{ context: BrowserContext; page: Page }> {
	const context = await newContext(browser, { js: opts.js, width: opts.width });
	context.setDefaultTimeout(opts.timeout ?? 15_000);
	const page = await context.newPage();
	await login(page, opts.email);
	return { context, page };
}

/** After a form post: the page we land on is checked like every other. */
export async function submitted(page: Page) {
	await page.waitForLoadState('load');
	await expectAccessible(page);
}

/** Amsterdam wall-clock time for a datetime-local field, to the second. */
export function amsterdam(d: Date): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
			.formatToParts(d)
			.map((p) => [p.type, p.value])
	);
	return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}
