-- Meldingen (module reports): what the corporation, a supplier or the municipality must do.
-- The state machine lives in code (src/lib/server/reports/state-machine.ts); the constraints
-- below keep the rows consistent with it whatever the code does.

-- Per corporation: how long personal data of reporters stays in closed reports.
CREATE TABLE report_settings (
	corporation_id uuid PRIMARY KEY REFERENCES corporations(id),
	retention_months integer NOT NULL DEFAULT 12 CHECK (retention_months BETWEEN 1 AND 120),
	updated_at timestamptz NOT NULL,
	updated_by uuid REFERENCES accounts(id)
);

-- Teams of the corporation's staff a report can be routed to (e.g. "Huismeesters Noord").
CREATE TABLE report_teams (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	name text NOT NULL CHECK (length(name) BETWEEN 2 AND 80),
	UNIQUE (corporation_id, name)
);
CREATE TABLE report_team_members (
	team_id uuid NOT NULL REFERENCES report_teams(id),
	account_id uuid NOT NULL REFERENCES accounts(id),
	PRIMARY KEY (team_id, account_id)
);
CREATE INDEX report_team_members_account ON report_team_members (account_id);

-- The category tree per corporation. kind is the family a category belongs to (and its default
-- name); nuisance (burenoverlast) is always private. service_code is stable (Open311).
CREATE TABLE report_categories (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	parent_id uuid REFERENCES report_categories(id),
	kind text NOT NULL CHECK (kind IN ('repairs', 'cleanliness', 'nuisance', 'safety', 'public_space', 'other')),
	name_nl text NOT NULL CHECK (length(name_nl) BETWEEN 2 AND 80),
	name_en text NOT NULL CHECK (length(name_en) BETWEEN 2 AND 80),
	visibility text NOT NULL CHECK (visibility IN ('public', 'private')),
	party_kind text NOT NULL CHECK (party_kind IN ('corporation', 'team', 'staff', 'supplier', 'municipality')),
	team_id uuid REFERENCES report_teams(id),
	staff_id uuid REFERENCES accounts(id),
	organisation_id uuid REFERENCES organisations(id),
	sla_working_days integer NOT NULL CHECK (sla_working_days BETWEEN 1 AND 120),
	open311 boolean NOT NULL DEFAULT false,
	service_code text NOT NULL CHECK (service_code ~ '^[a-z0-9][a-z0-9_-]{1,39}$'),
	position integer NOT NULL DEFAULT 0,
	active boolean NOT NULL DEFAULT true,
	created_at timestamptz NOT NULL,
	UNIQUE (corporation_id, service_code),
	CHECK (kind <> 'nuisance' OR visibility = 'private'),
	CHECK (parent_id IS DISTINCT FROM id),
	CONSTRAINT report_categories_party CHECK ((party_kind = 'team') = (team_id IS NOT NULL) AND (party_kind = 'staff') = (staff_id IS NOT NULL)
		AND (party_kind IN ('supplier', 'municipality')) = (organisation_id IS NOT NULL))
);
CREATE INDEX report_categories_corporation ON report_categories (corporation_id, position);
CREATE INDEX report_categories_parent ON report_categories (parent_id) WHERE parent_id IS NOT NULL;

-- Extra questions per category. code is the stable key of the answer (and the Open311 attribute).
CREATE TABLE report_questions (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	category_id uuid NOT NULL REFERENCES report_categories(id),
	code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
	kind text NOT NULL CHECK (kind IN ('text', 'number', 'yes_no', 'choice', 'date')),
	label_nl text NOT NULL CHECK (length(label_nl) BETWEEN 2 AND 200),
	label_en text NOT NULL CHECK (length(label_en) BETWEEN 2 AND 200),
	required boolean NOT NULL DEFAULT false,
	-- For 'choice': [{ "key": "…", "nl": "…", "en": "…" }]; empty otherwise.
	choices jsonb NOT NULL DEFAULT '[]',
	position integer NOT NULL DEFAULT 0,
	active boolean NOT NULL DEFAULT true,
	UNIQUE (category_id, code),
	CHECK ((kind = 'choice') = (jsonb_array_length(choices) > 0))
);

-- Ordered routing rules: the first rule that matches a report (category — or its parent — and
-- buurt and/or complex; an empty field matches anything) decides who handles it.
CREATE TABLE report_routing_rules (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	position integer NOT NULL CHECK (position >= 1),
	category_id uuid REFERENCES report_categories(id),
	buurt_id uuid REFERENCES buurten(id),
	complex_id uuid REFERENCES complexes(id),
	party_kind text NOT NULL CHECK (party_kind IN ('corporation', 'team', 'staff', 'supplier', 'municipality')),
	team_id uuid REFERENCES report_teams(id),
	staff_id uuid REFERENCES accounts(id),
	organisation_id uuid REFERENCES organisations(id),
	created_at timestamptz NOT NULL,
	UNIQUE (corporation_id, position),
	CONSTRAINT report_routing_rules_party CHECK ((party_kind = 'team') = (team_id IS NOT NULL) AND (party_kind = 'staff') = (staff_id IS NOT NULL)
		AND (party_kind IN ('supplier', 'municipality')) = (organisation_id IS NOT NULL))
);

CREATE TABLE reports (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	category_id uuid NOT NULL REFERENCES report_categories(id),
	-- Copied from the category at creation: a later change of the category does not expose a report.
	visibility text NOT NULL CHECK (visibility IN ('public', 'private')),
	-- NULL after anonymisation (or for a report that came in without an account).
	reporter_id uuid REFERENCES accounts(id),
	hide_reporter_name boolean NOT NULL DEFAULT false,
	source text NOT NULL CHECK (source IN ('app', 'help')),
	source_help_request_id uuid UNIQUE REFERENCES help_requests(id),
	description text CHECK (length(description) BETWEEN 3 AND 4000),
	answers jsonb NOT NULL DEFAULT '{}',
	location_kind text NOT NULL CHECK (location_kind IN ('home', 'complex', 'address', 'pin', 'buurt')),
	unit_id uuid REFERENCES units(id),
	complex_id uuid REFERENCES complexes(id),
	address_label text CHECK (length(address_label) BETWEEN 1 AND 200),
	bag_nummeraanduiding_id text CHECK (bag_nummeraanduiding_id ~ '^[0-9]{16}$'),
	bag_verblijfsobject_id text CHECK (bag_verblijfsobject_id ~ '^[0-9]{16}$'),
	lat double precision CHECK (lat BETWEEN -90 AND 90),
	lon double precision CHECK (lon BETWEEN -180 AND 180),
	state text NOT NULL CHECK (state IN ('new', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'forwarded', 'merged', 'reopened', 'withdrawn')),
	party_kind text NOT NULL CHECK (party_kind IN ('corporation', 'team', 'staff', 'supplier', 'municipality')),
	team_id uuid REFERENCES report_teams(id),
	assignee_id uuid REFERENCES accounts(id),
	organisation_id uuid REFERENCES organisations(id),
	-- forward: to whom (an organisation, or a named party outside Noaber).
	forwarded_to_organisation_id uuid REFERENCES organisations(id),
	forwarded_to_name text CHECK (length(forwarded_to_name) BETWEEN 2 AND 120),
	merged_into_id uuid REFERENCES reports(id),
	scheduled_on date,
	due_on date NOT NULL,
	sla_working_days integer NOT NULL,
	overdue_at timestamptz,
	created_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL,
	first_response_at timestamptz,
	accepted_at timestamptz,
	resolved_at timestamptz,
	closed_at timestamptz,
	anonymised_at timestamptz,
	version integer NOT NULL DEFAULT 1,
	CHECK (description IS NOT NULL OR anonymised_at IS NOT NULL),
	CHECK ((source = 'help') = (source_help_request_id IS NOT NULL)),
	CONSTRAINT reports_location CHECK (
		(location_kind = 'home' AND complex_id IS NOT NULL AND (unit_id IS NOT NULL OR anonymised_at IS NOT NULL))
		OR (location_kind = 'complex' AND complex_id IS NOT NULL AND unit_id IS NULL)
		OR (location_kind = 'address' AND lat IS NOT NULL AND lon IS NOT NULL AND address_label IS NOT NULL AND unit_id IS NULL)
		OR (location_kind = 'pin' AND lat IS NOT NULL AND lon IS NOT NULL AND unit_id IS NULL)
		OR (location_kind = 'buurt' AND unit_id IS NULL AND source = 'help')),
	CHECK ((lat IS NULL) = (lon IS NULL)),
	CONSTRAINT reports_party CHECK ((party_kind = 'team') = (team_id IS NOT NULL) AND (party_kind = 'staff') <= (assignee_id IS NOT NULL)
		AND (party_kind IN ('supplier', 'municipality')) = (organisation_id IS NOT NULL)),
	CONSTRAINT reports_merged CHECK ((state = 'merged') = (merged_into_id IS NOT NULL) AND merged_into_id IS DISTINCT FROM id),
	CONSTRAINT reports_forwarded CHECK (state <> 'forwarded' OR forwarded_to_organisation_id IS NOT NULL OR forwarded_to_name IS NOT NULL),
	CONSTRAINT reports_resolved CHECK (state <> 'resolved' OR resolved_at IS NOT NULL),
	CONSTRAINT reports_closed CHECK ((closed_at IS NOT NULL) = (state IN ('resolved', 'rejected', 'forwarded', 'merged', 'withdrawn'))),
	CONSTRAINT reports_anonymised_closed CHECK (anonymised_at IS NULL OR (closed_at IS NOT NULL AND reporter_id IS NULL))
);
-- The staff queue (corporation, state, newest) and its filters; the public buurt list.
CREATE INDEX reports_queue ON reports (corporation_id, state, created_at DESC);
CREATE INDEX reports_buurt ON reports (buurt_id, visibility, created_at DESC);
CREATE INDEX reports_reporter ON reports (reporter_id) WHERE reporter_id IS NOT NULL;
CREATE INDEX reports_assignee ON reports (assignee_id) WHERE assignee_id IS NOT NULL AND closed_at IS NULL;
CREATE INDEX reports_work_orders ON reports (organisation_id, created_at DESC) WHERE organisation_id IS NOT NULL;
-- The overdue job and the retention job.
CREATE INDEX reports_due ON reports (due_on) WHERE closed_at IS NULL AND overdue_at IS NULL;
CREATE INDEX reports_retention ON reports (corporation_id, closed_at) WHERE closed_at IS NOT NULL AND anonymised_at IS NULL;
-- Duplicate search: open reports of a category near a point (bounding box on lat/lon, then
-- haversine in SQL; no PostGIS on PGlite) or in the same complex.
CREATE INDEX reports_open_point ON reports (category_id, lat, lon) WHERE closed_at IS NULL AND lat IS NOT NULL;
CREATE INDEX reports_open_complex ON reports (complex_id, category_id) WHERE closed_at IS NULL AND complex_id IS NOT NULL;
CREATE INDEX reports_merged_into ON reports (merged_into_id) WHERE merged_into_id IS NOT NULL;

-- Followers get every update; supporters also said "I have this too" (counted on the report).
CREATE TABLE report_followers (
	report_id uuid NOT NULL REFERENCES reports(id),
	account_id uuid NOT NULL REFERENCES accounts(id),
	supports boolean NOT NULL DEFAULT false,
	since timestamptz NOT NULL,
	PRIMARY KEY (report_id, account_id)
);
CREATE INDEX report_followers_account ON report_followers (account_id);

-- Append-only history: one row per change (and per same-state event: assign, edit, reply,
-- overdue flag). seq numbers the rows of one report; replaying to_state gives the state.
-- The only change allowed afterwards is the retention job scrubbing the reporter from it.
CREATE TABLE report_history (
	id bigserial PRIMARY KEY,
	report_id uuid NOT NULL REFERENCES reports(id),
	seq integer NOT NULL CHECK (seq >= 1),
	at timestamptz NOT NULL,
	actor_id uuid REFERENCES accounts(id),
	actor_role text NOT NULL CHECK (actor_role IN ('reporter', 'staff', 'partner', 'system')),
	action text NOT NULL,
	from_state text,
	to_state text NOT NULL,
	-- The note the reporter reads (required for every handler's step; the code checks).
	note text CHECK (length(note) <= 2000),
	details jsonb NOT NULL DEFAULT '{}',
	UNIQUE (report_id, seq)
);
CREATE FUNCTION report_history_scrub_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'report_history is append-only'; END IF;
	IF NEW.report_id <> OLD.report_id OR NEW.seq <> OLD.seq OR NEW.at <> OLD.at OR NEW.action <> OLD.action
		OR NEW.from_state IS DISTINCT FROM OLD.from_state OR NEW.to_state <> OLD.to_state OR NEW.actor_role <> OLD.actor_role
		OR (NEW.actor_id IS NOT NULL AND NEW.actor_id IS DISTINCT FROM OLD.actor_id)
		OR (NEW.note IS NOT NULL AND NEW.note IS DISTINCT FROM OLD.note) THEN
		RAISE EXCEPTION 'report_history is append-only (only the reporter can be scrubbed)';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER report_history_append_only BEFORE UPDATE OR DELETE ON report_history
	FOR EACH ROW EXECUTE FUNCTION report_history_scrub_only();

-- One satisfaction answer per report, from its reporter, after it was resolved.
CREATE TABLE report_satisfaction (
	report_id uuid PRIMARY KEY REFERENCES reports(id),
	score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
	comment text CHECK (length(comment) <= 1000),
	answered_at timestamptz NOT NULL
);

-- The photo seam: the shared photo pipeline (src/lib/server/photos, another branch) prepares the
-- bytes (type checked, re-encoded, metadata stripped, resized); attachReportPhoto stores them.
CREATE TABLE report_photos (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	report_id uuid NOT NULL REFERENCES reports(id),
	position integer NOT NULL CHECK (position BETWEEN 1 AND 3),
	content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
	bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 5242880),
	width integer NOT NULL CHECK (width > 0),
	height integer NOT NULL CHECK (height > 0),
	added_by uuid REFERENCES accounts(id),
	added_at timestamptz NOT NULL,
	UNIQUE (report_id, position)
);

-- Notifications about reports: an update for the reporter and followers, a report assigned to
-- a handler, a reopened report, an overdue report; subjects are now reports too. The lists are
-- extended from whatever the database holds now (another migration may have added types), in
-- either form PostgreSQL prints a list check: IN ('a', 'b') or = ANY ('{a,b}'::text[]).
DO $$
DECLARE
	con record;
	listed text[];
	wanted text[];
	col text;
BEGIN
	FOR con IN SELECT c.conname, c.conrelid::regclass::text AS tbl, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
		WHERE c.conname IN ('notification_items_type_check', 'notification_preferences_type_check', 'notification_items_subject_kind_check') LOOP
		IF position('''{' IN con.def) > 0 THEN
			listed := string_to_array(substring(con.def FROM '''\{([^}]*)\}'''), ',');
		ELSE
			listed := ARRAY(SELECT m[1] FROM regexp_matches(con.def, '''([a-z_.]+)''', 'g') AS m);
		END IF;
		IF con.conname = 'notification_items_subject_kind_check' THEN
			col := 'subject_kind';
			wanted := ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['report']) AS x ORDER BY 1);
		ELSE
			col := 'type';
			wanted := ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['report.update', 'report.assigned', 'report.reopened', 'report.overdue']) AS x ORDER BY 1);
		END IF;
		EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', con.tbl, con.conname);
		EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (%I = ANY (%L::text[]))', con.tbl, con.conname, col, wanted);
	END LOOP;
END $$;

-- reports' job picks up redirected help requests without a report (from-help.ts).
CREATE INDEX help_requests_redirected ON help_requests (updated_at, id) WHERE state = 'redirected';
