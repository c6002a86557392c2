-- Concern signals (issue 12, module concerns): a worry about a household reaches only the
-- corporation's social team. Least data: the unit, a category, a short text, "may we contact
-- you?" and who raised it; deleted (not anonymised) after the corporation's period unless a case
-- was opened; a case keeps only its outcome after its own period.

-- The social team is a staff role with named members per corporation (people's staff_roles).
-- The list is extended from what the database holds now, so another branch's roles stay.
DO $$
DECLARE
	def text;
	listed text[];
BEGIN
	SELECT pg_get_constraintdef(c.oid) INTO def FROM pg_constraint c WHERE c.conname = 'staff_roles_role_check';
	IF def IS NULL THEN
		listed := ARRAY['admin', 'huismeester', 'wijkconsulent'];
	ELSIF position('''{' IN def) > 0 THEN
		listed := string_to_array(substring(def FROM '''\{([^}]*)\}'''), ',');
	ELSE
		listed := ARRAY(SELECT m[1] FROM regexp_matches(def, '''([a-z_]+)''', 'g') AS m);
	END IF;
	IF def IS NOT NULL THEN
		ALTER TABLE staff_roles DROP CONSTRAINT staff_roles_role_check;
	END IF;
	EXECUTE format('ALTER TABLE staff_roles ADD CONSTRAINT staff_roles_role_check CHECK (role = ANY (%L::text[]))',
		ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['social_team']) AS x ORDER BY 1));
END $$;

CREATE INDEX staff_roles_social_team ON staff_roles (corporation_id) WHERE role = 'social_team';

-- Per corporation: how long a concern without a case is kept, and how long a case keeps more than its outcome.
CREATE TABLE concern_settings (
	corporation_id uuid PRIMARY KEY REFERENCES corporations(id),
	retention_days int NOT NULL CHECK (retention_days BETWEEN 7 AND 365),
	case_retention_days int NOT NULL CHECK (case_retention_days BETWEEN 30 AND 3650),
	updated_at timestamptz NOT NULL,
	updated_by uuid REFERENCES accounts(id)
);

CREATE TABLE concerns (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	-- NULL only once a case is reduced to its outcome.
	unit_id uuid REFERENCES units(id),
	reporter_id uuid REFERENCES accounts(id),
	reporter_role text NOT NULL CHECK (reporter_role IN ('member', 'supplier', 'staff')),
	category text CHECK (category IN ('not_seen', 'neglected', 'children', 'other')),
	body text CHECK (char_length(body) BETWEEN 1 AND 500),
	may_contact boolean NOT NULL DEFAULT false,
	-- The abuse guard: the same reporter raised several concerns about this household in a short time.
	flagged boolean NOT NULL DEFAULT false,
	created_at timestamptz NOT NULL,
	triaged_at timestamptz,
	triaged_by uuid REFERENCES accounts(id),
	outcome text CHECK (outcome IN ('no_action', 'contact_made', 'case_opened', 'referred')),
	-- When the latest outcome was recorded: a case's own period counts from here.
	outcome_at timestamptz,
	-- The social team's own note; never shown to the reporter.
	triage_note text CHECK (char_length(triage_note) <= 1000),
	reduced_at timestamptz,
	CONSTRAINT concerns_triaged CHECK ((outcome IS NULL) = (triaged_at IS NULL) AND (outcome IS NULL) = (outcome_at IS NULL)),
	CONSTRAINT concerns_whole_until_reduced CHECK (
		reduced_at IS NOT NULL OR (unit_id IS NOT NULL AND category IS NOT NULL AND body IS NOT NULL)),
	CONSTRAINT concerns_reduced_only_cases CHECK (reduced_at IS NULL OR outcome = 'case_opened')
);

-- The social team's queue: untriaged oldest first.
CREATE INDEX concerns_untriaged ON concerns (corporation_id, created_at, id) WHERE outcome IS NULL;
CREATE INDEX concerns_corporation ON concerns (corporation_id, created_at DESC, id);
-- The abuse guard and the reporter's own list.
CREATE INDEX concerns_reporter_unit ON concerns (reporter_id, unit_id, created_at);
-- The retention job.
CREATE INDEX concerns_retention ON concerns (created_at) WHERE reduced_at IS NULL;

-- A referral is a record of a decision (to whom and why), never a copy of the concern.
CREATE TABLE concern_referrals (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	concern_id uuid NOT NULL REFERENCES concerns(id) ON DELETE CASCADE,
	target text NOT NULL CHECK (target IN ('wijkteam', 'care')),
	organisation_id uuid REFERENCES organisations(id),
	reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
	decided_by uuid REFERENCES accounts(id),
	decided_at timestamptz NOT NULL,
	CONSTRAINT concern_referrals_care_org CHECK (target <> 'care' OR organisation_id IS NOT NULL)
);
CREATE INDEX concern_referrals_concern ON concern_referrals (concern_id);

-- Notifications about concerns: new (the social team), picked up (the reporter), flagged (the
-- social team). Extended from what the database holds (as 0090 and 0120 do).
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
			wanted := ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['concern']) AS x ORDER BY 1);
		ELSE
			col := 'type';
			wanted := ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['concern.new', 'concern.picked_up', 'concern.flagged']) AS x ORDER BY 1);
		END IF;
		EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', con.tbl, con.conname);
		EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (%I = ANY (%L::text[]))', con.tbl, con.conname, col, wanted);
	END LOOP;
END $$;
