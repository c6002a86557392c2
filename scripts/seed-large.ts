// npm run seed -- --scale large: a corporation the size of a large Dutch one, on PostgreSQL.
//
// The demo neighbourhood first (its people keep their demo password, so the benchmarks can log
// in as Anna, Wim, …), then its corporation grows to 80,000 units in ~300 buurten with ~60,000
// accounts, 1,000,000 meldingen, 2,000,000 ledger transfers and 200,000 survey answers (help
// requests stand in until the voice module's tables exist: seedSurveyAnswers). Activity is
// skewed as in life: a buurt's share falls with its rank (rank = ⌊300·u²⌋ for uniform u), so the
// demo's Lindebuurt (rank 0) carries about 6 % of everything and most buurten little.
//
// Everything is written by INSERT … SELECT over generate_series in the database itself: no rows
// travel over the wire. The ledger stays double-entry and valid (checkLedger passes): each
// transfer has one leg and, per account, one entry numbered by the account's version, with the
// running balance computed by a window over the account's transfers in order; funding accounts
// and buurtpots never go below zero (each buurt's transfers follow a top-up → reward → reward →
// payout cycle that adds more than it takes). Foreign-key triggers are off while loading
// (session_replication_role = replica): the generator writes only ids it just made.
import pg from 'pg';

export interface LargeSeedOptions {
	url: string;
	units?: number;
	buurten?: number;
	accounts?: number;
	reports?: number;
	transfers?: number;
	surveyAnswers?: number;
	log?: (line: string) => void;
}

const YEARS = 3;

export async function seedLarge(o: LargeSeedOptions): Promise<void> {
	const n = {
		units: o.units ?? 80_000,
		buurten: o.buurten ?? 300,
		accounts: o.accounts ?? 60_000,
		reports: o.reports ?? 1_000_000,
		transfers: o.transfers ?? 2_000_000,
		surveyAnswers: o.surveyAnswers ?? 200_000
	};
	const log = o.log ?? console.log;
	const c = new pg.Client({ connectionString: o.url });
	await c.connect();
	const started = performance.now();
	const step = async (label: string, sql: string, params: unknown[] = []) => {
		const t = performance.now();
		const r = await c.query(sql, params);
		log(`  ${label.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s${r.rowCount ? `  (${r.rowCount.toLocaleString('en')} rows)` : ''}`);
	};
	try {
		const [corp] = (await c.query<{ corporation_id: string }>(`SELECT corporation_id FROM buurten WHERE name = 'Lindebuurt' LIMIT 1`)).rows;
		if (!corp) throw new Error('the demo neighbourhood is missing (npm run seed runs it first)');
		if ((await c.query(`SELECT 1 FROM buurten WHERE code LIKE 'BU97%' LIMIT 1`)).rowCount) throw new Error('this database already has the large data');
		const corporation = corp.corporation_id;
		await c.query('SET session_replication_role = replica');
		await c.query('SET synchronous_commit = off');
		await c.query(`SET work_mem = '256MB'`);

		// --- Places: 3 gemeenten, 30 wijken, the buurten, ~40 units per complex.
		const existing = Number((await c.query(`SELECT count(*) AS n FROM buurten WHERE corporation_id = $1`, [corporation])).rows[0].n);
		const newBuurten = Math.max(0, n.buurten - existing);
		await step('gemeenten, wijken', `
			WITH g AS (INSERT INTO gemeenten (code, name) SELECT 'GM97' || lpad(i::text, 2, '0'), 'Groteveen ' || i || ' (fictief)' FROM generate_series(1, 3) i RETURNING code)
			INSERT INTO wijken (code, gemeente_code, name)
			SELECT 'WK' || substr(g.code, 3) || lpad(w::text, 2, '0'), g.code, 'Wijk ' || w FROM g, generate_series(1, 10) w`);
		await step('buurten', `
			INSERT INTO buurten (code, cbs_year, wijk_code, corporation_id, name)
			SELECT 'BU' || substr(w.code, 3) || lpad(((i - 1) / 30)::text, 2, '0'), 2025, w.code, $1, 'Buurt ' || i
			FROM generate_series(1, $2::int) i
			JOIN LATERAL (SELECT code FROM wijken WHERE code LIKE 'WK97%' ORDER BY code OFFSET (i - 1) % 30 LIMIT 1) w ON true`, [corporation, newBuurten]);
		// Rank: the demo's buurten first (Lindebuurt, then the rest), then the new ones.
		await c.query(`CREATE TEMP TABLE ranked AS
			SELECT id, (row_number() OVER (ORDER BY (name <> 'Lindebuurt'), (code NOT LIKE 'BU9999%'), code) - 1)::int AS rank
			FROM buurten WHERE corporation_id = $1`, [corporation]);
		await c.query('CREATE UNIQUE INDEX ON ranked (rank)');
		const buurtCount = Number((await c.query('SELECT count(*) AS n FROM ranked')).rows[0].n);
		const existingUnits = Number((await c.query(`SELECT count(*) AS n FROM units u JOIN complexes x ON x.id = u.complex_id WHERE x.corporation_id = $1`, [corporation])).rows[0].n);
		const newUnits = Math.max(0, n.units - existingUnits);
		const complexes = Math.ceil(newUnits / 40);
		await step('complexes', `
			INSERT INTO complexes (corporation_id, buurt_id, code, name)
			SELECT $1, r.id, 'SC-' || i, 'Complex ' || i FROM generate_series(1, $2::int) i
			JOIN ranked r ON r.rank = floor($3::int * power((i - 1)::float8 / $2, 1.5))::int`, [corporation, complexes, buurtCount]);
		await step('units', `
			INSERT INTO units (complex_id, eenheid, street, house_number, addition, postcode, place)
			SELECT x.id, 'SE-' || i, 'Straat ' || ((i / 400) + 1), (i % 50) + 1, '',
				(8000 + i / 33800)::text || ' ' || chr(65 + (i / 50 / 26) % 26) || chr(65 + (i / 50) % 26), 'Groteveen'
			FROM generate_series(0, $1::int - 1) i
			JOIN complexes x ON x.corporation_id = $2 AND x.code = 'SC-' || (i / 40 + 1)`, [newUnits, corporation]);

		// --- People: one account per home for 3 in 4 homes, members of it since a random day.
		const existingAccounts = Number((await c.query('SELECT count(*) AS n FROM accounts')).rows[0].n);
		const newAccounts = Math.max(0, n.accounts - existingAccounts);
		await step('accounts', `
			INSERT INTO accounts (email, name, locale, created_at)
			SELECT 'bewoner' || i || '@scale.noaber.test',
				(ARRAY['Anouk','Bas','Daan','Emma','Fleur','Hamza','Iris','Jesse','Lotte','Mohamed','Noah','Sanne','Yara','Zeynep'])[1 + i % 14] || ' ' ||
				(ARRAY['de Vries','Jansen','Bakker','Visser','Smit','Meijer','Yilmaz','El Amrani','de Boer','Mulder'])[1 + (i / 14) % 10],
				CASE WHEN i % 9 = 0 THEN 'en' ELSE 'nl' END, now() - (i % 1000) * interval '1 day'
			FROM generate_series(1, $1::int) i`, [newAccounts]);
		await step('memberships', `
			INSERT INTO memberships (account_id, unit_id, kind, starts_on)
			SELECT a.id, u.id, 'tenant', current_date - 1 - (a.rn % 1500)::int
			FROM (SELECT id, row_number() OVER (ORDER BY email) AS rn FROM accounts WHERE email LIKE '%@scale.noaber.test') a
			JOIN (SELECT u.id, row_number() OVER (ORDER BY u.eenheid) AS rn FROM units u WHERE u.eenheid LIKE 'SE-%') u ON u.rn = a.rn`);
		// The members of each buurt as an array, to pick askers, helpers and reporters from.
		await c.query(`CREATE TEMP TABLE buurt_people AS
			SELECT r.rank, r.id AS buurt_id, array_agg(m.account_id ORDER BY m.account_id) AS people,
				array_agg(DISTINCT x.id) AS complexes
			FROM ranked r JOIN complexes x ON x.buurt_id = r.id JOIN units u ON u.complex_id = x.id JOIN memberships m ON m.unit_id = u.id
			GROUP BY r.rank, r.id`);
		await c.query('CREATE UNIQUE INDEX ON buurt_people (rank)');
		await c.query(`CREATE TEMP TABLE active AS SELECT row_number() OVER (ORDER BY rank)::int - 1 AS k, rank FROM buurt_people`);
		const activeCount = Number((await c.query('SELECT count(*) AS n FROM active')).rows[0].n);
		// ⌊count·u²⌋ over the buurten that have people: a few very active buurten, a long quiet tail.
		const skewed = (from: string) => `(SELECT r.*, b.buurt_id, b.people, b.complexes FROM (SELECT ${from}, floor(${activeCount} * power(random(), 2))::int AS k
			FROM generate_series(1, $2::int) i) r JOIN active a ON a.k = r.k JOIN buurt_people b ON b.rank = a.rank)`;
		const [staff] = (await c.query<{ id: string }>(`SELECT account_id AS id FROM staff_roles WHERE corporation_id = $1 ORDER BY role = 'wijkconsulent' DESC LIMIT 1`, [corporation])).rows;
		await step('supervisor terms (one per generated buurt)', `
			INSERT INTO supervisor_terms (account_id, buurt_id, starts_on, ends_on, approved_at, appointed_by, approved_by)
			SELECT bp.people[1], bp.buurt_id, current_date - 100, current_date + 265, now() - interval '100 days', $1::uuid, $1::uuid
			FROM buurt_people bp WHERE bp.rank >= ${existing} AND bp.rank % 3 <> 0`, [staff.id]);

		// --- Meldingen: most closed long ago, the open ones recent; one history row per step.
		await c.query(`CREATE TEMP TABLE cats AS SELECT row_number() OVER (ORDER BY id)::int - 1 AS k, id, visibility, sla_working_days
			FROM report_categories WHERE corporation_id = $1 AND parent_id IS NULL AND kind <> 'public_space'`, [corporation]);
		const catCount = Number((await c.query('SELECT count(*) AS n FROM cats')).rows[0].n);
		if (!catCount) throw new Error('the corporation has no report categories');
		await step('meldingen', `
			INSERT INTO reports (corporation_id, buurt_id, category_id, visibility, reporter_id, source, description, location_kind, complex_id,
				state, party_kind, due_on, sla_working_days, created_at, updated_at, first_response_at, resolved_at, closed_at)
			SELECT $1, s.buurt_id, c.id, c.visibility, s.people[1 + (s.i::bigint * 7919) % cardinality(s.people)], 'app',
				'Melding ' || s.i || ': graag iemand laten kijken.', 'complex', s.complexes[1 + s.i % cardinality(s.complexes)],
				s.state, 'corporation', (s.at + c.sla_working_days * interval '1.4 day')::date, c.sla_working_days, s.at, s.at + interval '2 days',
				CASE WHEN s.state <> 'new' THEN s.at + (1 + s.i % 72) * interval '1 hour' END,
				CASE WHEN s.state = 'resolved' THEN s.at + (1 + s.i % 30) * interval '1 day' END,
				CASE WHEN s.state IN ('resolved', 'rejected', 'withdrawn') THEN s.at + (1 + s.i % 30) * interval '1 day' END
			FROM (SELECT *,
					CASE WHEN i % 100 < 78 THEN 'resolved' WHEN i % 100 < 82 THEN 'rejected' WHEN i % 100 < 85 THEN 'withdrawn'
					     WHEN i % 100 < 91 THEN 'new' WHEN i % 100 < 95 THEN 'acknowledged' ELSE 'in_progress' END AS state,
					CASE WHEN i % 100 < 85 THEN now() - interval '60 days' - random() * interval '${YEARS * 365 - 60} days'
					     ELSE now() - random() * interval '60 days' END AS at
				FROM ${skewed('i')} g) s
			JOIN cats c ON c.k = s.i % ${catCount}`, [corporation, n.reports]);
		await step('meldingen: history (create, then one step)', `
			INSERT INTO report_history (report_id, seq, at, actor_id, actor_role, action, from_state, to_state, note)
			SELECT id, 1, created_at, reporter_id, 'reporter', 'create', NULL, 'new', NULL FROM reports WHERE description LIKE 'Melding %'
			UNION ALL
			SELECT id, 2, COALESCE(closed_at, first_response_at, created_at), CASE WHEN state = 'withdrawn' THEN reporter_id ELSE $1::uuid END,
				CASE WHEN state = 'withdrawn' THEN 'reporter' ELSE 'staff' END,
				CASE state WHEN 'resolved' THEN 'resolve' WHEN 'rejected' THEN 'reject' WHEN 'withdrawn' THEN 'withdraw' WHEN 'acknowledged' THEN 'acknowledge' ELSE 'start' END,
				'new', state, CASE WHEN state <> 'withdrawn' THEN 'Bedankt, we hebben het opgepakt.' END
			FROM reports WHERE description LIKE 'Melding %' AND state <> 'new'`, [staff.id]);

		await seedSurveyAnswers(c, step, skewed, staff.id, n.surveyAnswers);
		await seedLedger(c, step, corporation, activeCount, n.transfers);

		await c.query('SET session_replication_role = origin');
		await step('ANALYZE', 'ANALYZE');
		log(`  ${'total'.padEnd(44)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`);
	} finally {
		await c.end();
	}
}

type Step = (label: string, sql: string, params?: unknown[]) => Promise<void>;

/**
 * 200,000 survey answers. The voice module (surveys) is not on main yet, so help requests stand
 * in for them: the same volume of member activity, skewed the same way. When voice's tables
 * land, write its answers here (and keep the help requests: they are activity too).
 */
async function seedSurveyAnswers(c: pg.Client, step: Step, skewed: (from: string) => string, staffId: string, count: number): Promise<void> {
	await step('help requests (stand-in for survey answers)', `
		INSERT INTO help_requests (buurt_id, asker_id, category, zorg_label, title, description, when_kind, urgency, place, state,
			checker_id, checked_as, helper_id, created_by, created_at, updated_at, published_at, taken_at, done_at, confirmed_at)
		SELECT s.buurt_id, s.asker, s.category, CASE WHEN s.category = 'zorg' THEN 'boodschappen' END,
			'Hulpvraag ' || s.i, 'Wie kan even helpen? Het duurt niet lang.', 'flexible', 'no_rush', 'buurt', s.state,
			CASE WHEN s.state IN ('published', 'taken', 'done', 'confirmed') THEN $1::uuid END,
			CASE WHEN s.state IN ('published', 'taken', 'done', 'confirmed') THEN 'staff' END,
			CASE WHEN s.state IN ('taken', 'done', 'confirmed') THEN s.helper END,
			s.asker, s.at, s.at + interval '3 days',
			CASE WHEN s.state IN ('published', 'taken', 'done', 'confirmed') THEN s.at + interval '1 hour' END,
			CASE WHEN s.state IN ('taken', 'done', 'confirmed') THEN s.at + interval '1 day' END,
			CASE WHEN s.state IN ('done', 'confirmed') THEN s.at + interval '2 days' END,
			CASE WHEN s.state = 'confirmed' THEN s.at + interval '3 days' END
		FROM (SELECT i, buurt_id,
				people[1 + (i * 31) % cardinality(people)] AS asker,
				people[1 + (i * 31 + 1 + i % 7) % cardinality(people)] AS helper,
				(ARRAY['onderhoud_gedeeld', 'veiligheid', 'zorg', 'onderhoud_woning'])[1 + i % 4] AS category,
				CASE WHEN i % 100 < 70 THEN 'confirmed' WHEN i % 100 < 80 THEN 'published' WHEN i % 100 < 85 THEN 'taken'
				     WHEN i % 100 < 88 THEN 'done' WHEN i % 100 < 92 THEN 'to_check' ELSE 'cancelled' END AS state,
				CASE WHEN i % 100 < 70 THEN now() - interval '30 days' - random() * interval '${YEARS * 365 - 30} days' ELSE now() - random() * interval '30 days' END AS at
			FROM ${skewed('i')} g WHERE cardinality(people) > 8) s
		WHERE s.asker <> $1::uuid AND s.helper <> $1::uuid`, [staffId, count]);
}

/**
 * The ledger: accounts per buurt, then `count` one-leg transfers spread over the buurten by the
 * same skew, each buurt cycling top-up (world → funding), reward, reward (funding → buurtpot,
 * attributed to a member), payout (buurtpot → expense). Entries continue each account's chain
 * from its current version and balance (the demo's accounts already have some).
 */
async function seedLedger(c: pg.Client, step: Step, corporation: string, activeCount: number, count: number): Promise<void> {
	await step('ledger accounts', `
		INSERT INTO ledger_accounts (ledger, kind, buurt_id, may_go_negative, created_at)
		SELECT 'EUR', k, b.id, false, now() - interval '${YEARS} years' FROM buurten b, unnest(ARRAY['funding', 'buurtpot', 'expense']) k
		WHERE b.corporation_id = $1
		ON CONFLICT DO NOTHING`, [corporation]);
	await c.query(`INSERT INTO ledger_accounts (ledger, kind, buurt_id, may_go_negative, created_at) VALUES ('EUR', 'world', NULL, true, now()) ON CONFLICT DO NOTHING`);
	const [{ base }] = (await c.query<{ base: string }>('SELECT COALESCE(max(seq), 0) AS base FROM ledger_transfers')).rows;
	await c.query(`CREATE TEMP TABLE gen AS
		SELECT $1::bigint + i AS seq, g.buurt_id, g.people, g.step % 4 AS kind,
			now() - interval '${YEARS} years' + (i::float8 / $2) * interval '${YEARS * 365 - 1} days' AS at,
			CASE g.step % 4 WHEN 0 THEN 2000 WHEN 3 THEN 800 ELSE 500 END AS amount
		FROM (SELECT i, bp.buurt_id, bp.people, (row_number() OVER (PARTITION BY bp.buurt_id ORDER BY i) - 1) AS step
			FROM (SELECT i, floor(${activeCount} * power(random(), 2))::int AS k FROM generate_series(1, $2::int) i) r
			JOIN active a ON a.k = r.k JOIN buurt_people bp ON bp.rank = a.rank) g`, [base, count]);
	await c.query(`CREATE TEMP TABLE acct AS
		SELECT b.id AS buurt_id,
			max(a.id::text) FILTER (WHERE a.kind = 'funding')::uuid AS funding,
			max(a.id::text) FILTER (WHERE a.kind = 'buurtpot')::uuid AS buurtpot,
			max(a.id::text) FILTER (WHERE a.kind = 'expense')::uuid AS expense
		FROM buurten b JOIN ledger_accounts a ON a.buurt_id = b.id AND a.ledger = 'EUR' WHERE b.corporation_id = $1 GROUP BY b.id`, [corporation]);
	const world = (await c.query<{ id: string }>(`SELECT id FROM ledger_accounts WHERE ledger = 'EUR' AND kind = 'world'`)).rows[0].id;
	await c.query(`CREATE TEMP TABLE gen_legs AS
		SELECT g.seq, g.at, g.amount, g.kind,
			CASE g.kind WHEN 0 THEN $1::uuid WHEN 3 THEN x.buurtpot ELSE x.funding END AS debit,
			CASE g.kind WHEN 0 THEN x.funding WHEN 3 THEN x.expense ELSE x.buurtpot END AS credit,
			CASE WHEN g.kind IN (1, 2) THEN g.people[1 + (g.seq * 13) % cardinality(g.people)] END AS attributed_to
		FROM gen g JOIN acct x ON x.buurt_id = g.buurt_id`, [world]);
	await step('ledger transfers', `
		INSERT INTO ledger_transfers (seq, id, ledger, code, note, fingerprint, at) OVERRIDING SYSTEM VALUE
		SELECT seq, 'scale:' || seq, 'EUR', CASE kind WHEN 0 THEN 'ledger.top_up' WHEN 3 THEN 'buurtpot.payout' ELSE 'help.reward' END,
			CASE kind WHEN 0 THEN 'Bijdrage van de corporatie' WHEN 3 THEN 'Uitbetaling plan' END, md5('scale:' || seq), at
		FROM gen_legs`);
	await c.query(`SELECT setval(pg_get_serial_sequence('ledger_transfers', 'seq'), (SELECT max(seq) FROM ledger_transfers))`);
	await step('ledger legs', `
		INSERT INTO ledger_legs (transfer_seq, leg_no, debit_account_id, credit_account_id, amount, attributed_to, code)
		SELECT seq, 1, debit, credit, amount, attributed_to, CASE kind WHEN 1 THEN 'asker' WHEN 2 THEN 'helper' END FROM gen_legs`);
	// The legs went in with triggers off: recount what members earned per buurtpot (migration 0165).
	await step('ledger attribution totals', 'SELECT ledger_attribution_rebuild()');
	await step('ledger entries (running balances per account)', `
		INSERT INTO ledger_entries (account_id, version, transfer_seq, leg_no, amount, balance_before, balance_after, covers_transfer)
		SELECT s.account_id, a.version + row_number() OVER w, s.seq, 1, s.amount,
			a.balance + sum(s.amount) OVER w - s.amount, a.balance + sum(s.amount) OVER w, true
		FROM (SELECT seq, debit AS account_id, -amount AS amount FROM gen_legs UNION ALL SELECT seq, credit, amount FROM gen_legs) s
		JOIN ledger_accounts a ON a.id = s.account_id
		WINDOW w AS (PARTITION BY s.account_id ORDER BY s.seq ROWS UNBOUNDED PRECEDING)`);
	await step('ledger account balances', `
		UPDATE ledger_accounts a SET balance = a.balance + t.sum, version = a.version + t.n
		FROM (SELECT account_id, sum(amount) AS sum, count(*) AS n FROM ledger_entries e WHERE e.transfer_seq > $1 GROUP BY account_id) t
		WHERE a.id = t.account_id`, [base]);
}
