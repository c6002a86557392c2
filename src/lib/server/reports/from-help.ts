import { translator } from '$lib/i18n';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { ensureDefaultCategories } from './categories';
import { insertReport } from './create-report';
import { categoryColumns, type CategoryKind, type CategoryRow } from './model';
import type { ResolvedLocation } from './location';

/**
 * A help request the supervisor (or staff) redirected to the corporation becomes a melding
 * automatically, linked both ways: the report keeps its source (reports.source_help_request_id,
 * unique), and the request's page finds its report through reportForHelpRequest. The asker is
 * the reporter, so they follow it from their request; a neighbour asked for by a proxy is
 * followed by the proxy.
 *
 * The mechanism: help must not import reports (arrows point down), so reports picks redirected
 * requests up itself — the job `reports.from_help` every minute, and the edge may call
 * reportFromRedirectedRequest right after a redirect for an instant link. Both are idempotent:
 * the unique source column means a request becomes at most one report, whoever gets there first.
 * Reading help_requests here is a read-only table crossing (like accounts and buurten), listed in
 * docs/ARCHITECTURE.md. A zorg request's private text is not copied: the report names its label,
 * stays private, and staff read the text on the request (with a reason, as help requires).
 */
interface RedirectedRow {
	id: string;
	buurt_id: string;
	corporation_id: string;
	asker_id: string | null;
	proxy_id: string | null;
	category: string;
	zorg_label: string | null;
	title: string;
	description: string;
	place: 'home' | 'shared' | 'buurt';
	updated_at: Date;
}

const kindFor: Record<string, CategoryKind> = { veiligheid: 'safety', onderhoud_woning: 'repairs', onderhoud_gedeeld: 'repairs', zorg: 'other', overige: 'other' };
const nl = translator('nl');

async function locationOf(tx: Queryable, h: RedirectedRow): Promise<ResolvedLocation> {
	const base = { buurtId: h.buurt_id, corporationId: h.corporation_id, unitId: null, complexId: null, label: null, nummeraanduidingId: null, verblijfsobjectId: null, lat: null, lon: null };
	if (h.asker_id && h.place !== 'buurt') {
		const [home] = await tx.query<{ unit_id: string; complex_id: string }>(
			`SELECT m.unit_id, u.complex_id FROM memberships m JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id
			 WHERE m.account_id = $1 AND c.buurt_id = $2 ORDER BY m.starts_on DESC, m.unit_id LIMIT 1`,
			[h.asker_id, h.buurt_id]
		);
		if (home) return h.place === 'home' ? { ...base, kind: 'home', unitId: home.unit_id, complexId: home.complex_id } : { ...base, kind: 'complex', complexId: home.complex_id };
	}
	return { ...base, kind: 'buurt' };
}

const redirectedSql = `SELECT h.id, h.buurt_id, b.corporation_id, h.asker_id, h.proxy_id, h.category, h.zorg_label, h.title, h.description, h.place, h.updated_at
	FROM help_requests h JOIN buurten b ON b.id = h.buurt_id WHERE h.state = 'redirected'`;

/** One redirected request → its report, in the caller's transaction; null when it has one already (or is not redirected). */
export async function reportFromRedirected(tx: Queryable, helpRequestId: string, at: Date): Promise<{ id: string } | null> {
	const [h] = await tx.query<RedirectedRow>(`${redirectedSql} AND h.id = $1 FOR SHARE OF h`, [helpRequestId]);
	if (!h) return null;
	await ensureDefaultCategories(tx, h.corporation_id, at);
	const [category] = await tx.query<CategoryRow>(
		`SELECT ${categoryColumns} FROM report_categories WHERE corporation_id = $1 AND kind = $2 AND parent_id IS NULL AND active ORDER BY position, id LIMIT 1`,
		[h.corporation_id, kindFor[h.category] ?? 'other']
	);
	const fallback = category ?? (await tx.query<CategoryRow>(`SELECT ${categoryColumns} FROM report_categories WHERE corporation_id = $1 AND active ORDER BY kind = 'other' DESC, position, id LIMIT 1`, [h.corporation_id]))[0];
	if (!fallback) return null;
	const zorg = h.category === 'zorg';
	const description = zorg ? nl('reports.from_help.zorg', { label: nl(`help.zorg_label.${h.zorg_label}`) }) : `${h.title}\n\n${h.description}`.slice(0, 4000);
	const made = await insertReport(
		tx,
		{ category: fallback, location: await locationOf(tx, h), description, answers: {}, reporterId: h.asker_id, hideName: true, source: 'help', sourceHelpRequestId: h.id, ...(zorg ? { visibility: 'private' as const } : {}) },
		at
	);
	if (made && h.proxy_id) await tx.query('INSERT INTO report_followers (report_id, account_id, supports, since) VALUES ($1, $2, false, $3) ON CONFLICT DO NOTHING', [made.id, h.proxy_id, at]);
	return made ? { id: made.id } : null;
}

/** The edge's call right after a redirect (idempotent). */
export async function reportFromRedirectedRequest(ctx: Ctx, helpRequestId: string): Promise<{ id: string } | null> {
	return ctx.db.transaction((tx) => reportFromRedirected(tx, helpRequestId, ctx.clock()));
}

/**
 * The job: every redirected request without a report yet becomes one (oldest first, at most
 * `limit` per run, each in its own transaction). Returns how many were made.
 */
export async function linkRedirectedRequests(ctx: Ctx, limit = 100): Promise<number> {
	const due = await ctx.db.query<{ id: string }>(
		`${redirectedSql} AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.source_help_request_id = h.id) ORDER BY h.updated_at, h.id LIMIT $1`,
		[limit]
	);
	let made = 0;
	for (const { id } of due) if (await reportFromRedirectedRequest(ctx, id)) made++;
	return made;
}
