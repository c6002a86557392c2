import type { Queryable } from '../db/client';
import type { AreaKind, Cell, MetricKey, Period } from './model';
import { periodEnd } from './model';

/**
 * Where the figures come from: one function per source, each computing every area of one
 * corporation for one period in a few grouped statements (the buurt, its wijk, its gemeente and
 * the corporation at once: each buurt row is joined to its four areas, complexes where the data
 * knows them). Only the refresh job calls these — never a page.
 *
 * These read other modules' tables (help_requests, reports, ledger_*, buurtpot_*, memberships)
 * read-only: a documented crossing (docs/ARCHITECTURE.md, Dashboard), because a read model is a
 * view over every feature and the features sit below it.
 *
 * Extension point: a module that lands later (survey grades from `voice`) adds a source here —
 * `(q, scope) => Cell[]` with its metric keys in model.ts — and a dirty-marking trigger in its
 * migration; nothing else changes.
 */
export interface SourceScope {
	corporationId: string;
	period: Period;
	/** The end of the period, or now when the period is still running (stocks, waiting). */
	asOf: Date;
}
export type Source = (q: Queryable, s: SourceScope) => Promise<Cell[]>;

// $1 corporation, $2 first day, $3 first day after, $4 as of. Bounds as timestamps in Dutch time.
const bounds = `p AS (SELECT ($2::date::timestamp AT TIME ZONE 'Europe/Amsterdam') AS t0,
	least($3::date::timestamp AT TIME ZONE 'Europe/Amsterdam', $4::timestamptz) AS t1,
	((least($3::date::timestamp AT TIME ZONE 'Europe/Amsterdam', $4::timestamptz) AT TIME ZONE 'Europe/Amsterdam') - interval '1 second')::date AS last_day)`;
// Each buurt of the corporation with its four areas.
const areas = `areas AS (SELECT b.id AS buurt_id, x.kind, x.id FROM buurten b JOIN wijken w ON w.code = b.wijk_code,
	LATERAL (VALUES ('corporation', b.corporation_id::text), ('gemeente', w.gemeente_code), ('wijk', b.wijk_code), ('buurt', b.id::text)) AS x(kind, id)
	WHERE b.corporation_id = $1)`;
const buurtenOf = `SELECT id FROM buurten WHERE corporation_id = $1`;
const params = (s: SourceScope) => [s.corporationId, s.period.start, periodEnd(s.period), s.asOf];

type Row = { kind: AreaKind; id: string } & Record<string, number | null>;

/** Rows (one per area) → cells: each metric with its value column and the column of its n. */
function cellsOf(rows: Row[], spec: [MetricKey, string, string | null][]): Cell[] {
	const out: Cell[] = [];
	for (const r of rows) for (const [metric, value, n] of spec) out.push({ areaKind: r.kind, areaId: r.id, metric, value: r[value] === null ? null : Number(r[value]), n: n === null ? null : Number(r[n] ?? 0) });
	return out;
}

/** Grouped per area (the four above the complex), plus per complex when `complex` is true (the events need a complex_id). */
const grouped = (events: string, aggs: string, complex = false) => `WITH ${bounds}, ${areas}, ev AS (${events})
	SELECT a.kind, a.id, ${aggs} FROM ev JOIN areas a ON a.buurt_id = ev.buurt_id GROUP BY a.kind, a.id
	${complex ? `UNION ALL SELECT 'complex', ev.complex_id::text, ${aggs} FROM ev WHERE ev.complex_id IS NOT NULL GROUP BY ev.complex_id` : ''}`;

/** Members at the end of the period (a stock), and the share of homes with a member. */
export const membersSource: Source = async (q, s) => {
	const rows = await q.query<Row>(
		`WITH ${bounds}, ${areas},
		 homes AS (SELECT c.buurt_id, u.complex_id, u.id AS unit_id, m.account_id FROM units u JOIN complexes c ON c.id = u.complex_id
			LEFT JOIN memberships m ON m.unit_id = u.id AND m.starts_on <= (SELECT last_day FROM p) AND (m.ends_on IS NULL OR m.ends_on > (SELECT last_day FROM p))
			WHERE c.corporation_id = $1),
		 agg AS (SELECT a.kind, a.id, count(DISTINCT h.account_id)::int AS members, count(DISTINCT h.unit_id) FILTER (WHERE h.account_id IS NOT NULL)::int AS homes_with, count(DISTINCT h.unit_id)::int AS homes
			FROM homes h JOIN areas a ON a.buurt_id = h.buurt_id GROUP BY a.kind, a.id
			UNION ALL SELECT 'complex', h.complex_id::text, count(DISTINCT h.account_id)::int, count(DISTINCT h.unit_id) FILTER (WHERE h.account_id IS NOT NULL)::int, count(DISTINCT h.unit_id)::int
			FROM homes h GROUP BY h.complex_id)
		 SELECT kind, id, members, homes_with, CASE WHEN homes > 0 THEN homes_with::float8 / homes END AS share FROM agg`,
		params(s)
	);
	return cellsOf(rows, [
		['members.count', 'members', 'members'],
		['members.household_share', 'share', 'homes_with']
	]);
};

// The person who asked: the asker, or for a neighbour without an account the one who asked for them.
const asker = 'COALESCE(r.asker_id, r.proxy_id)';
const firstAsk = `CASE WHEN r.asker_id IS NOT NULL THEN (SELECT min(x.created_at) FROM help_requests x WHERE x.asker_id = r.asker_id)
	ELSE (SELECT min(x.created_at) FROM help_requests x WHERE x.proxy_id = r.proxy_id AND x.asker_id IS NULL) END`;
const inPeriod = (col: string) => `r.${col} >= (SELECT t0 FROM p) AND r.${col} < (SELECT t1 FROM p) AND r.buurt_id IN (${buurtenOf})`;

/** Requests asked, published and completed; first-time and returning askers and helpers. */
export const helpSource: Source = async (q, s) => {
	const events = `SELECT r.buurt_id, 'asked' AS k, ${asker} AS person, ${firstAsk} AS first_at FROM help_requests r WHERE ${inPeriod('created_at')}
		UNION ALL SELECT r.buurt_id, 'published', ${asker}, NULL FROM help_requests r WHERE ${inPeriod('published_at')}
		UNION ALL SELECT r.buurt_id, 'taken', r.helper_id, (SELECT min(x.taken_at) FROM help_requests x WHERE x.helper_id = r.helper_id) FROM help_requests r WHERE ${inPeriod('taken_at')} AND r.helper_id IS NOT NULL
		UNION ALL SELECT r.buurt_id, 'completed', ${asker}, NULL FROM help_requests r WHERE ${inPeriod('confirmed_at')}`;
	const aggs = `count(*) FILTER (WHERE k = 'asked')::int AS asked, count(DISTINCT person) FILTER (WHERE k = 'asked')::int AS asked_n,
		count(*) FILTER (WHERE k = 'published')::int AS published, count(DISTINCT person) FILTER (WHERE k = 'published')::int AS published_n,
		count(*) FILTER (WHERE k = 'completed')::int AS completed, count(DISTINCT person) FILTER (WHERE k = 'completed')::int AS completed_n,
		count(DISTINCT person) FILTER (WHERE k = 'asked' AND first_at >= (SELECT t0 FROM p))::int AS askers_new,
		count(DISTINCT person) FILTER (WHERE k = 'asked' AND first_at < (SELECT t0 FROM p))::int AS askers_returning,
		count(DISTINCT person) FILTER (WHERE k = 'taken' AND first_at >= (SELECT t0 FROM p))::int AS helpers_new,
		count(DISTINCT person) FILTER (WHERE k = 'taken' AND first_at < (SELECT t0 FROM p))::int AS helpers_returning`;
	const rows = await q.query<Row>(grouped(events, aggs), params(s));
	return cellsOf(rows, [
		['help.asked', 'asked', 'asked_n'],
		['help.published', 'published', 'published_n'],
		['help.completed', 'completed', 'completed_n'],
		['help.askers_new', 'askers_new', 'askers_new'],
		['help.askers_returning', 'askers_returning', 'askers_returning'],
		['help.helpers_new', 'helpers_new', 'helpers_new'],
		['help.helpers_returning', 'helpers_returning', 'helpers_returning']
	]);
};

/**
 * The reciprocity index: of the members who gave or received help in the period (a request
 * taken then: its helper gave, its asker received), the share who did both. n = those active.
 */
export const reciprocitySource: Source = async (q, s) => {
	const rows = await q.query<Row>(
		`WITH ${bounds}, ${areas},
		 ev AS (SELECT r.buurt_id, r.helper_id AS person, true AS gave, false AS got FROM help_requests r WHERE ${inPeriod('taken_at')} AND r.helper_id IS NOT NULL
			UNION ALL SELECT r.buurt_id, ${asker}, false, true FROM help_requests r WHERE ${inPeriod('taken_at')}),
		 per AS (SELECT a.kind, a.id, ev.person, bool_or(ev.gave) AS gave, bool_or(ev.got) AS got FROM ev JOIN areas a ON a.buurt_id = ev.buurt_id GROUP BY a.kind, a.id, ev.person)
		 SELECT kind, id, count(*)::int AS active, CASE WHEN count(*) > 0 THEN (count(*) FILTER (WHERE gave AND got))::float8 / count(*) END AS share FROM per GROUP BY kind, id`,
		params(s)
	);
	return cellsOf(rows, [['help.reciprocity', 'share', 'active']]);
};

/** The longest any published request was still waiting for a helper at the end of the period (days); n = the waiting requests' askers. */
export const waitingSource: Source = async (q, s) => {
	const events = `SELECT r.buurt_id, ${asker} AS person, extract(epoch FROM (SELECT t1 FROM p) - r.published_at) / 86400 AS days FROM help_requests r
		WHERE r.buurt_id IN (${buurtenOf}) AND r.published_at < (SELECT t1 FROM p) AND r.published_at >= (SELECT t1 FROM p) - interval '365 days'
		AND (r.taken_at IS NULL OR r.taken_at >= (SELECT t1 FROM p)) AND r.state NOT IN ('cancelled', 'rejected', 'redirected')`;
	const rows = await q.query<Row>(grouped(events, 'max(days)::float8 AS days, count(DISTINCT person)::int AS n'), params(s));
	return cellsOf(rows, [['help.waiting_longest_days', 'days', 'n']]);
};

/** The corporation's response on meldingen made in the period: medians to the first response and to resolution, the share within the target. */
export const reportsSource: Source = async (q, s) => {
	const events = `SELECT r.buurt_id, r.complex_id, COALESCE(r.reporter_id::text, r.id::text) AS person,
			extract(epoch FROM r.first_response_at - r.created_at) / 3600 AS first_h, extract(epoch FROM r.resolved_at - r.created_at) / 3600 AS resolved_h,
			r.resolved_at IS NOT NULL AND (r.resolved_at AT TIME ZONE 'Europe/Amsterdam')::date <= r.due_on AS within
		FROM reports r WHERE r.corporation_id = $1 AND r.created_at >= (SELECT t0 FROM p) AND r.created_at < (SELECT t1 FROM p) AND r.state NOT IN ('withdrawn', 'merged')`;
	const aggs = `count(*)::int AS received, count(DISTINCT person)::int AS received_n,
		percentile_cont(0.5) WITHIN GROUP (ORDER BY first_h) AS first_h, count(DISTINCT person) FILTER (WHERE first_h IS NOT NULL)::int AS first_n,
		percentile_cont(0.5) WITHIN GROUP (ORDER BY resolved_h) AS resolved_h, count(DISTINCT person) FILTER (WHERE resolved_h IS NOT NULL)::int AS resolved_n,
		CASE WHEN count(resolved_h) > 0 THEN (count(*) FILTER (WHERE within))::float8 / count(resolved_h) END AS within`;
	const rows = await q.query<Row>(grouped(events, aggs, true), params(s));
	return cellsOf(rows, [
		['reports.received', 'received', 'received_n'],
		['reports.first_response_hours', 'first_h', 'first_n'],
		['reports.resolution_hours', 'resolved_h', 'resolved_n'],
		['reports.within_target_share', 'within', 'resolved_n']
	]);
};

/**
 * Money into and out of each buurtpot: top-ups (from the corporation: not about people), rewards
 * (n = the neighbours who earned them) and payouts; a reversal counts against what it undid.
 */
export const potSource: Source = async (q, s) => {
	const events = `SELECT a.buurt_id, COALESCE(o.code, t.code) AS code, l.attributed_to,
			CASE WHEN l.credit_account_id = a.id THEN l.amount ELSE -l.amount END AS cents
		FROM ledger_transfers t JOIN ledger_legs l ON l.transfer_seq = t.seq
		JOIN ledger_accounts a ON a.id IN (l.debit_account_id, l.credit_account_id) AND a.kind = 'buurtpot'
		LEFT JOIN ledger_transfers o ON o.id = t.reverses_id
		WHERE t.at >= (SELECT t0 FROM p) AND t.at < (SELECT t1 FROM p) AND a.buurt_id IN (${buurtenOf})`;
	const aggs = `COALESCE(sum(cents) FILTER (WHERE code = 'ledger.top_up'), 0)::float8 AS top_ups,
		COALESCE(sum(cents) FILTER (WHERE code = 'help.reward'), 0)::float8 AS rewards, count(DISTINCT attributed_to) FILTER (WHERE code = 'help.reward')::int AS rewards_n,
		COALESCE(-sum(cents) FILTER (WHERE code = 'buurtpot.payout'), 0)::float8 AS payouts`;
	const rows = await q.query<Row>(grouped(events, aggs), params(s));
	return cellsOf(rows, [
		['pot.top_ups_cents', 'top_ups', null],
		['pot.rewards_cents', 'rewards', 'rewards_n'],
		['pot.payouts_cents', 'payouts', null]
	]);
};

/** Proposals submitted for the buurtpot in the period; n = their authors. */
export const proposalsSource: Source = async (q, s) => {
	const events = `SELECT r.buurt_id, r.author_id FROM buurtpot_proposals r WHERE ${inPeriod('created_at')}`;
	const rows = await q.query<Row>(grouped(events, 'count(*)::int AS submitted, count(DISTINCT author_id)::int AS authors'), params(s));
	return cellsOf(rows, [['proposals.submitted', 'submitted', 'authors']]);
};

/** Each voting round that closed in the period (not a test round): households that voted, turnout, proposals on the ballot. */
export const roundsSource: Source = async (q, s) => {
	const rows = await q.query<{ id: string; buurt_id: string; title: string; voters: number; homes: number; proposals: number }>(
		`WITH ${bounds}
		 SELECT r.id, r.buurt_id, r.title,
			(SELECT count(*) FROM buurtpot_round_voters v WHERE v.round_id = r.id)::int AS voters,
			(SELECT count(*) FROM units u JOIN complexes c ON c.id = u.complex_id WHERE c.buurt_id = r.buurt_id)::int AS homes,
			(SELECT count(*) FROM buurtpot_round_proposals x WHERE x.round_id = r.id)::int AS proposals
		 FROM buurtpot_rounds r WHERE r.corporation_id = $1 AND NOT r.is_test AND r.closed_at >= (SELECT t0 FROM p) AND r.closed_at < (SELECT t1 FROM p)`,
		params(s)
	);
	return rows.flatMap((r): Cell[] => {
		const base = { areaKind: 'buurt' as const, areaId: r.buurt_id, subject: r.id, subjectLabel: r.title };
		return [
			{ ...base, metric: 'round.voters', value: r.voters, n: r.voters },
			{ ...base, metric: 'round.turnout', value: r.homes ? r.voters / r.homes : null, n: r.voters },
			{ ...base, metric: 'round.proposals', value: r.proposals, n: null }
		];
	});
};

/** Every source, in the order the refresh runs them. Survey grades join here when `voice` lands. */
export const sources: Source[] = [membersSource, helpSource, reciprocitySource, waitingSource, reportsSource, potSource, proposalsSource, roundsSource];
