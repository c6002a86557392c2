-- The neighbourhood dashboard (issue 14, module dashboard): precomputed figures per area and
-- period, refreshed by pg-boss jobs; a page view reads these rows only, never the big tables.

-- The area tree as the dashboard publishes it (rebuilt from places on every refresh): the
-- corporation, the gemeenten and wijken its buurten lie in (per corporation), its buurten and
-- complexes. CBS codes with their year, so an export joins to a municipality's own maps.
CREATE TABLE dashboard_areas (
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	area_kind text NOT NULL CHECK (area_kind IN ('corporation', 'gemeente', 'wijk', 'buurt', 'complex')),
	-- corporation, buurt, complex: the uuid; gemeente, wijk: the CBS code (GM…, WK…).
	area_id text NOT NULL,
	name text NOT NULL,
	-- CBS code (GM…, WK…, BU…) or the corporation's complex code; NULL for the corporation.
	code text,
	-- The year of the CBS wijk- en buurtindeling (a wijk or gemeente takes its buurten's year).
	cbs_year integer,
	parent_kind text,
	parent_id text,
	buurt_id uuid,
	wijk_code text,
	gemeente_code text,
	-- Ancestors from the top, [{kind, id, name}], for the breadcrumb without another read.
	path jsonb NOT NULL DEFAULT '[]',
	PRIMARY KEY (corporation_id, area_kind, area_id)
);
CREATE INDEX dashboard_areas_children ON dashboard_areas (corporation_id, parent_kind, parent_id);
CREATE INDEX dashboard_areas_buurt ON dashboard_areas (area_id) WHERE area_kind = 'buurt';

-- One figure: an area, a period (a month or a year, by its first day in Dutch time), a metric
-- key (dashboard/model.ts; a module that lands later adds keys, not columns) and, for per-round
-- figures, the round (subject). value NULL = no figure (a median of nothing). n = how many
-- people it rests on (NULL: not about people, e.g. the corporation's top-ups). suppressed = shown
-- as "<5" everywhere: fewer than 5 people, or the complement that keeps it from being derived.
CREATE TABLE dashboard_figures (
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	area_kind text NOT NULL,
	area_id text NOT NULL,
	period_kind text NOT NULL CHECK (period_kind IN ('month', 'year')),
	period_start date NOT NULL,
	metric text NOT NULL CHECK (metric ~ '^[a-z][a-z0-9_]*\.[a-z0-9_]+$'),
	subject text NOT NULL DEFAULT '',
	subject_label text,
	value double precision,
	n integer CHECK (n >= 0),
	suppressed boolean NOT NULL DEFAULT false,
	computed_at timestamptz NOT NULL,
	PRIMARY KEY (corporation_id, area_kind, area_id, period_kind, period_start, metric, subject),
	CHECK (period_kind = 'month' AND extract(day FROM period_start) = 1
		OR period_kind = 'year' AND extract(day FROM period_start) = 1 AND extract(month FROM period_start) = 1)
);
-- Exports: every area of one level in one period.
CREATE INDEX dashboard_figures_level ON dashboard_figures (corporation_id, area_kind, period_kind, period_start);

-- Buurten whose figures are out of date, with the month a change touched. Append-only for the
-- writers (no row lock, so no contention between writers of one buurt); the refresh job reads
-- what is there, recomputes, and deletes exactly the rows it read (id <= the highest it saw).
CREATE TABLE dashboard_dirty (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	buurt_id uuid NOT NULL,
	month date NOT NULL,
	marked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dashboard_dirty_buurt ON dashboard_dirty (buurt_id, month, id);

-- Marks buurten dirty from the tables the figures come from: statement-level triggers with
-- transition tables, so a bulk insert (the large seed's COPY) writes one row per buurt and month,
-- not one per row. Months in Dutch time, like the periods.
CREATE FUNCTION dashboard_month(ts timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
	SELECT date_trunc('month', ts AT TIME ZONE 'Europe/Amsterdam')::date
$$;

CREATE FUNCTION dashboard_mark_help() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO dashboard_dirty (buurt_id, month)
	SELECT DISTINCT c.buurt_id, dashboard_month(x.at) FROM changed c
		CROSS JOIN LATERAL (VALUES (c.created_at), (c.published_at), (c.taken_at), (c.confirmed_at)) AS x(at)
		WHERE x.at IS NOT NULL;
	RETURN NULL;
END $$;
CREATE TRIGGER dashboard_help_insert AFTER INSERT ON help_requests REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_help();
CREATE TRIGGER dashboard_help_update AFTER UPDATE ON help_requests REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_help();

CREATE FUNCTION dashboard_mark_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO dashboard_dirty (buurt_id, month) SELECT DISTINCT c.buurt_id, dashboard_month(c.created_at) FROM changed c;
	RETURN NULL;
END $$;
CREATE TRIGGER dashboard_reports_insert AFTER INSERT ON reports REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_reports();
CREATE TRIGGER dashboard_reports_update AFTER UPDATE ON reports REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_reports();

-- Members are a stock: a membership that starts (or ends) changes every month after it, so the
-- months from then until now are marked (at most 25: the dashboard keeps 24 months and this one).
CREATE FUNCTION dashboard_mark_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO dashboard_dirty (buurt_id, month)
	SELECT DISTINCT x.buurt_id, m::date FROM (
		SELECT co.buurt_id, least(c.starts_on, COALESCE(c.ends_on, c.starts_on)) AS since FROM changed c
		JOIN units u ON u.id = c.unit_id JOIN complexes co ON co.id = u.complex_id) x
	CROSS JOIN LATERAL generate_series(
		greatest(date_trunc('month', x.since::timestamp), date_trunc('month', now() AT TIME ZONE 'Europe/Amsterdam') - interval '24 months'),
		date_trunc('month', now() AT TIME ZONE 'Europe/Amsterdam'), interval '1 month') AS m;
	RETURN NULL;
END $$;
CREATE TRIGGER dashboard_memberships_insert AFTER INSERT ON memberships REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_memberships();
CREATE TRIGGER dashboard_memberships_update AFTER UPDATE ON memberships REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_memberships();

-- Money in and out of a buurtpot: a transfer's legs name the accounts (legs are append-only).
CREATE FUNCTION dashboard_mark_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO dashboard_dirty (buurt_id, month)
	SELECT DISTINCT a.buurt_id, dashboard_month(t.at) FROM changed c
		JOIN ledger_transfers t ON t.seq = c.transfer_seq
		JOIN ledger_accounts a ON a.id IN (c.debit_account_id, c.credit_account_id)
		WHERE a.kind = 'buurtpot' AND a.buurt_id IS NOT NULL;
	RETURN NULL;
END $$;
CREATE TRIGGER dashboard_ledger_insert AFTER INSERT ON ledger_legs REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_ledger();

CREATE FUNCTION dashboard_mark_proposals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO dashboard_dirty (buurt_id, month) SELECT DISTINCT c.buurt_id, dashboard_month(c.created_at) FROM changed c;
	RETURN NULL;
END $$;
CREATE TRIGGER dashboard_proposals_insert AFTER INSERT ON buurtpot_proposals REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_proposals();

-- A round's figures belong to the month it closed: marked when it closes.
CREATE FUNCTION dashboard_mark_rounds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO dashboard_dirty (buurt_id, month) SELECT DISTINCT c.buurt_id, dashboard_month(c.closed_at) FROM changed c WHERE c.closed_at IS NOT NULL;
	RETURN NULL;
END $$;
CREATE TRIGGER dashboard_rounds_update AFTER UPDATE ON buurtpot_rounds REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_rounds();
CREATE TRIGGER dashboard_rounds_insert AFTER INSERT ON buurtpot_rounds REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_mark_rounds();

-- What the refresh reads by period (the figures of a month or a year of one corporation).
CREATE INDEX dashboard_help_created ON help_requests (buurt_id, created_at);
CREATE INDEX dashboard_help_taken ON help_requests (buurt_id, taken_at) WHERE taken_at IS NOT NULL;
CREATE INDEX dashboard_help_confirmed ON help_requests (buurt_id, confirmed_at) WHERE confirmed_at IS NOT NULL;
CREATE INDEX dashboard_help_proxy ON help_requests (proxy_id) WHERE asker_id IS NULL;
CREATE INDEX dashboard_reports_created ON reports (corporation_id, created_at);
CREATE INDEX dashboard_ledger_transfers_at ON ledger_transfers (at);
CREATE INDEX dashboard_rounds_closed ON buurtpot_rounds (corporation_id, closed_at) WHERE closed_at IS NOT NULL;
