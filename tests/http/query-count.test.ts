import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, bearerToken, browserHeaders, cookieSession, url } from './client';

/**
 * No page issues a number of queries that grows with the data (issue 14): the server says how
 * many statements a request sent (`x-query-count`, outside production; db/query-count.ts). Each
 * persona's pages are read twice (lazily made rows are made by the first read), more of what
 * those pages list is added — help requests, proposals with comments — and the count must stay
 * what it was, and under a fixed budget.
 *
 * A home is tighter (issue 14, "Scale, measured"): one query for who is acting (session and
 * roles, people/actor.ts), one for the menu's unread count (the root layout) and one for all the
 * page shows (its modules' reads as parts of one statement, db/parts.ts) — whoever the persona —
 * plus, for now, the reads of the modules that are not parts yet (surveys and advice requests,
 * the social team's concerns with their audit row, a care provider's requests): at most five more.
 */
const BUDGET = 25;
const HOME_BUDGET = 8;
const pages: Record<string, string[]> = {
	anna: ['/home', '/help', '/inbox', '/wallet', '/buurten', '/rounds', '/supervise', '/settings/notifications'],
	bram: ['/home', '/help', '/inbox', '/supervise', '/buurten'],
	wim: ['/home', '/help', '/inbox', '/staff', '/staff/people', '/staff/supervisors', '/staff/rounds', '/proposals'],
	carla: ['/home', '/inbox', '/buurten'],
	hanna: ['/home', '/buurten'],
	admin: ['/home', '/staff', '/staff/audit'],
	// The dashboard (issue 14) reads precomputed rows only: its count never follows the data.
	gert: ['/dashboard', '/dashboard?area=wijk:WK999901']
};
for (const who of ['anna', 'wim', 'hanna'] as const) pages[who].push('/dashboard');
pages.wim.push('/dashboard?area=wijk:WK999901', '/dashboard?area=gemeente:GM9999&period=2026');

const cookies = new Map<string, string>();
let lindebuurt = '';

async function count(who: string, path: string): Promise<{ status: number; queries: number }> {
	const r = await fetch(url(path), { headers: browserHeaders(cookies.get(who)!), redirect: 'manual' });
	await r.arrayBuffer();
	return { status: r.status, queries: Number(r.headers.get('x-query-count') ?? NaN) };
}

async function countsOf(): Promise<Record<string, number>> {
	const out: Record<string, number> = {};
	for (const [who, paths] of Object.entries(pages)) {
		for (const path of paths) {
			const { status, queries } = await count(who, path);
			expect(status, `${who} ${path}`).toBeLessThan(400);
			out[`${who} ${path}`] = queries;
		}
	}
	return out;
}

beforeAll(async () => {
	for (const who of Object.keys(pages)) cookies.set(who, await cookieSession(`${who}@demo.noaber.test`));
	const me = await fetch(url('/api/v1/me'), { headers: bearer(await bearerToken('anna@demo.noaber.test')) });
	lindebuurt = ((await me.json()) as { roles: { memberOf: string[] } }).roles.memberOf[0];
	pages.anna.push(`/buurten/${lindebuurt}`, `/buurten/${lindebuurt}/pot`, `/buurten/${lindebuurt}/proposals`);
	pages.wim.push(`/buurten/${lindebuurt}`, `/buurten/${lindebuurt}/proposals`);
});

describe('queries per page', () => {
	it('every page stays within the budget, and its count does not grow with the data', { timeout: 180_000 }, async () => {
		const anna = await bearerToken('anna@demo.noaber.test');
		const noor = await bearerToken('noor@demo.noaber.test');
		const post = async (token: string, path: string, body: unknown) => {
			const r = await fetch(url(path), { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json', 'idempotency-key': `qc-${Math.random()}` }, body: JSON.stringify(body) });
			expect(r.status, `${path}: ${await r.clone().text()}`).toBeLessThan(300);
			return (await r.json()) as { id: string };
		};
		const more = async (n: number, tag: string) => {
			for (let i = 0; i < n; i++) {
				await post(anna, '/api/v1/help', { buurtId: lindebuurt, category: 'onderhoud_gedeeld', title: `Meer data ${tag}${i}`, description: 'Nog een vraag om te tellen.', when: 'flexible', urgency: 'no_rush', place: 'shared' });
				const p = await post(anna, '/api/v1/proposals', { buurtId: lindebuurt, title: `Plan om te tellen ${tag}${i}`, description: 'Een plan, om te zien dat de pagina niet meer vraagt.', costCents: 1000 + i });
				await post(noor, `/api/v1/proposals/${p.id}/comments`, { body: `Reactie ${tag}${i}` });
			}
		};
		// Some of everything first (a list that becomes non-empty may take one more query, once),
		// and a first read of every page (rows made on first read are made then).
		await more(2, 'a');
		await countsOf();
		const before = await countsOf();
		for (const [page, n] of Object.entries(before)) expect(n, page).toBeLessThanOrEqual(page.endsWith(' /home') ? HOME_BUDGET : BUDGET);

		// Three times as much: a page whose count follows the data has an N+1.
		await more(6, 'b');
		const after = await countsOf();
		const grew = Object.keys(before).filter((k) => after[k] !== before[k]).map((k) => `${k}: ${before[k]} → ${after[k]}`);
		expect(grew).toEqual([]);
	});
});
