-- The care bridge (module care, issue 12): a care organisation asks the neighbourhood for support
-- for a client, with the client's recorded consent, and only vetted helpers of the buurt see it.
-- Least data by design: there is NO column for a client's name, date of birth, BSN, address or
-- diagnosis. The one free text (a short note about availability) is checked for BSN-like numbers
-- and dates of birth before it is stored (care/sensitive-text.ts).

-- Coordinators of a care organisation (named by the corporation's staff): they read the audit log
-- of their organisation's care requests.
CREATE TABLE care_coordinators (
	organisation_id uuid NOT NULL REFERENCES organisations(id),
	account_id uuid NOT NULL REFERENCES accounts(id),
	added_by uuid REFERENCES accounts(id),
	added_at timestamptz NOT NULL,
	PRIMARY KEY (organisation_id, account_id)
);

-- A helper's check, per buurt: a VOG (certificate of conduct) seen on a date by the staff member
-- who records it, or the care organisation's own vetting. Valid until a date; ended early by staff.
CREATE TABLE care_helpers (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	account_id uuid NOT NULL REFERENCES accounts(id),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	method text NOT NULL CHECK (method IN ('vog', 'organisation')),
	vog_seen_on date,
	organisation_id uuid REFERENCES organisations(id),
	valid_until date NOT NULL,
	checked_by uuid NOT NULL REFERENCES accounts(id),
	checked_at timestamptz NOT NULL,
	ended_at timestamptz,
	ended_by uuid REFERENCES accounts(id),
	CONSTRAINT care_helpers_vog CHECK ((method = 'vog') = (vog_seen_on IS NOT NULL)),
	CONSTRAINT care_helpers_organisation CHECK ((method = 'organisation') = (organisation_id IS NOT NULL)),
	CONSTRAINT care_helpers_valid CHECK (vog_seen_on IS NULL OR valid_until >= vog_seen_on),
	CONSTRAINT care_helpers_ended CHECK ((ended_at IS NULL) = (ended_by IS NULL))
);
-- At most one running check per person and buurt; the buurt's helpers for the visibility checks.
CREATE UNIQUE INDEX care_helpers_active ON care_helpers (account_id, buurt_id) WHERE ended_at IS NULL;
CREATE INDEX care_helpers_buurt ON care_helpers (buurt_id, valid_until) WHERE ended_at IS NULL;

CREATE TABLE care_requests (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	organisation_id uuid NOT NULL REFERENCES organisations(id),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	complex_id uuid REFERENCES complexes(id),
	need text NOT NULL CHECK (need IN ('company', 'shopping', 'walk', 'digital', 'small_jobs', 'appointment')),
	days text[] NOT NULL CHECK (cardinality(days) BETWEEN 1 AND 7 AND days <@ ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
	dayparts text[] NOT NULL CHECK (cardinality(dayparts) BETWEEN 1 AND 3 AND dayparts <@ ARRAY['morning', 'afternoon', 'evening']),
	availability_note text CHECK (length(availability_note) BETWEEN 1 AND 300),
	frequency text NOT NULL CHECK (frequency IN ('once', 'weekly')),
	weeks integer CHECK (weeks BETWEEN 2 AND 52),
	-- The consent record: what (scope), when, by whom (a role, never a name), until when, and the
	-- care provider's statement that it was obtained (the time they made it; created_by made it).
	consent_scope text NOT NULL CHECK (consent_scope = 'need_buurt_availability'),
	consent_given_on date NOT NULL,
	consent_given_by text NOT NULL CHECK (consent_given_by IN ('client', 'legal_representative')),
	consent_expires_on date NOT NULL,
	consent_stated_at timestamptz NOT NULL,
	state text NOT NULL CHECK (state IN ('open', 'matched', 'closed')),
	closed_reason text CHECK (closed_reason IN ('withdrawn', 'consent_ended')),
	helper_id uuid REFERENCES accounts(id),
	created_by uuid NOT NULL REFERENCES accounts(id),
	created_at timestamptz NOT NULL,
	matched_at timestamptz,
	closed_at timestamptz,
	closed_by uuid REFERENCES accounts(id),
	CONSTRAINT care_requests_weeks CHECK ((frequency = 'weekly') = (weeks IS NOT NULL)),
	CONSTRAINT care_requests_consent_dates CHECK (consent_expires_on > consent_given_on),
	CONSTRAINT care_requests_helper CHECK ((helper_id IS NOT NULL) = (matched_at IS NOT NULL)),
	CONSTRAINT care_requests_matched CHECK (state <> 'matched' OR helper_id IS NOT NULL),
	CONSTRAINT care_requests_closed CHECK ((state = 'closed') = (closed_at IS NOT NULL AND closed_reason IS NOT NULL))
);
-- Helpers' lists (open requests of a buurt), the organisation's lists, the consent job.
CREATE INDEX care_requests_buurt_open ON care_requests (buurt_id, created_at) WHERE state = 'open';
CREATE INDEX care_requests_organisation ON care_requests (organisation_id, created_at DESC);
CREATE INDEX care_requests_helper ON care_requests (helper_id) WHERE helper_id IS NOT NULL;
CREATE INDEX care_requests_consent ON care_requests (consent_expires_on) WHERE state <> 'closed';

CREATE TABLE care_offers (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	request_id uuid NOT NULL REFERENCES care_requests(id),
	helper_id uuid NOT NULL REFERENCES accounts(id),
	state text NOT NULL CHECK (state IN ('waiting', 'accepted', 'declined')),
	created_at timestamptz NOT NULL,
	decided_at timestamptz,
	UNIQUE (request_id, helper_id),
	CHECK ((state = 'waiting') = (decided_at IS NULL))
);
-- One accepted offer per request: the database's word, whatever the code does.
CREATE UNIQUE INDEX care_offers_one_accepted ON care_offers (request_id) WHERE state = 'accepted';
CREATE INDEX care_offers_helper ON care_offers (helper_id);

-- The thread between the accepted helper and the care provider (append-only).
CREATE TABLE care_messages (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	request_id uuid NOT NULL REFERENCES care_requests(id),
	author_id uuid NOT NULL REFERENCES accounts(id),
	at timestamptz NOT NULL,
	body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000)
);
CREATE INDEX care_messages_request ON care_messages (request_id, id);
-- Never changed; deleted only by the consent job, 90 days after the request closed.
CREATE TRIGGER care_messages_append_only BEFORE UPDATE ON care_messages
	FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Completed sessions: each is also a confirmed Superbuurt zorg request (help_request_id), whose
-- reward goes through help's reward path into the buurtpot.
CREATE TABLE care_sessions (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	request_id uuid NOT NULL REFERENCES care_requests(id),
	helper_id uuid NOT NULL REFERENCES accounts(id),
	session_on date NOT NULL,
	minutes integer NOT NULL CHECK (minutes BETWEEN 5 AND 600),
	logged_by uuid NOT NULL REFERENCES accounts(id),
	logged_at timestamptz NOT NULL,
	help_request_id uuid NOT NULL UNIQUE REFERENCES help_requests(id),
	UNIQUE (request_id, session_on)
);
CREATE TRIGGER care_sessions_append_only BEFORE UPDATE OR DELETE ON care_sessions
	FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- API tokens of care organisations (/api/v1/care/**), as Open311's keys: one active per
-- organisation, only the SHA-256 of a 256-bit random token is stored, acting as its contact.
CREATE TABLE care_api_tokens (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	organisation_id uuid NOT NULL REFERENCES organisations(id),
	contact_id uuid NOT NULL REFERENCES accounts(id),
	token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
	token_prefix text NOT NULL CHECK (length(token_prefix) BETWEEN 4 AND 16),
	created_by uuid REFERENCES accounts(id),
	created_at timestamptz NOT NULL,
	revoked_at timestamptz,
	revoked_by uuid REFERENCES accounts(id),
	CHECK (revoked_by IS NULL OR revoked_at IS NOT NULL)
);
CREATE UNIQUE INDEX care_api_tokens_active ON care_api_tokens (organisation_id) WHERE revoked_at IS NULL;

-- The coordinator's view of who read their requests: audit rows by subject (audit listAuditForSubjects).
CREATE INDEX audit_log_subject ON audit_log (subject, id);

-- Help (Superbuurt) learns that a confirmed zorg request can come from the care bridge: made in one
-- step when a session is logged, asked by the care provider for a client without an account (no
-- name: the client is never named), checked by nobody (the care organisation vetted the need).
ALTER TABLE help_requests ADD COLUMN source text NOT NULL DEFAULT 'superbuurt' CHECK (source IN ('superbuurt', 'care'));
ALTER TABLE help_requests DROP CONSTRAINT help_requests_namens_consent;
ALTER TABLE help_requests ADD CONSTRAINT help_requests_namens_consent CHECK (
	(source = 'care' AND category = 'zorg' AND state = 'confirmed' AND asker_id IS NULL AND proxy_id IS NOT NULL
		AND on_behalf_name IS NULL AND consent_note IS NULL AND update_channel IS NULL)
	OR (source = 'superbuurt' AND (proxy_id IS NULL) = (consent_note IS NULL)
		AND (proxy_id IS NULL) = (on_behalf_name IS NULL) AND (proxy_id IS NULL) = (update_channel IS NULL)));
ALTER TABLE help_requests DROP CONSTRAINT help_requests_published_checked;
ALTER TABLE help_requests ADD CONSTRAINT help_requests_published_checked CHECK (state IN ('to_check', 'returned', 'redirected', 'rejected', 'cancelled')
	OR (checker_id IS NOT NULL AND published_at IS NOT NULL) OR (source = 'care' AND published_at IS NOT NULL));

-- Notifications of the care bridge (types and the subject kind), extended from what the database
-- holds now, as 0120 does.
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
			wanted := ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['care_request']) AS x ORDER BY 1);
		ELSE
			col := 'type';
			wanted := ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['care.offer', 'care.accepted', 'care.message', 'care.ended']) AS x ORDER BY 1);
		END IF;
		EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', con.tbl, con.conname);
		EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (%I = ANY (%L::text[]))', con.tbl, con.conname, col, wanted);
	END LOOP;
END $$;
