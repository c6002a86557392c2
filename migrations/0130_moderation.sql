-- Moderation (issue 13, part 3): house rules per corporation, reports of content by neighbours,
-- hide after N reporting households, review by buurtambassadeurs and staff, warnings and
-- suspensions, and the history a member reads of their own content (docs/ARCHITECTURE.md,
-- "Moderation"). The content itself stays in its own module's table; this module keeps one
-- item per reported piece of content and the content modules read its state in their queries.

-- No row: the default text (messages moderation.rules.default_*). Staff write their own.
CREATE TABLE moderation_house_rules (
	corporation_id uuid PRIMARY KEY REFERENCES corporations(id),
	body_nl text NOT NULL CHECK (length(body_nl) BETWEEN 1 AND 5000),
	body_en text NOT NULL CHECK (length(body_en) BETWEEN 1 AND 5000),
	updated_by uuid NOT NULL REFERENCES accounts(id),
	updated_at timestamptz NOT NULL
);

-- Per buurt: after how many reporting households an item is hidden. No row: 3.
CREATE TABLE moderation_settings (
	buurt_id uuid PRIMARY KEY REFERENCES buurten(id),
	hide_after integer NOT NULL CHECK (hide_after BETWEEN 1 AND 20),
	updated_by uuid NOT NULL REFERENCES accounts(id),
	updated_at timestamptz NOT NULL
);

-- Who has seen the house rules at their first post (after that the forms only link to them).
CREATE TABLE moderation_rules_seen (
	account_id uuid NOT NULL REFERENCES accounts(id),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	at timestamptz NOT NULL,
	PRIMARY KEY (account_id, corporation_id)
);

-- One row per reported piece of content.
CREATE TABLE moderation_items (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	content_kind text NOT NULL CHECK (content_kind IN ('board_post', 'board_reply', 'proposal_comment', 'proposal_text', 'help_message')),
	content_id text NOT NULL CHECK (length(content_id) BETWEEN 1 AND 100),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	author_id uuid NOT NULL REFERENCES accounts(id),
	-- A private conversation (a help thread) is reviewed by staff only, never by a neighbour.
	is_public boolean NOT NULL,
	-- The content's page (for links) and its words as last reported or edited, for the reviewer.
	path text NOT NULL CHECK (path LIKE '/%'),
	excerpt text NOT NULL CHECK (length(excerpt) <= 2000),
	state text NOT NULL DEFAULT 'visible' CHECK (state IN ('visible', 'hidden', 'removed')),
	-- reports: hidden because N households reported it; reviewer: a reviewer hid it.
	hidden_by text CHECK (hidden_by IN ('reports', 'reviewer')),
	needs_review boolean NOT NULL DEFAULT true,
	-- Reports of the current round count; every review decision starts a new round.
	round integer NOT NULL DEFAULT 1 CHECK (round >= 1),
	edited_after_hide boolean NOT NULL DEFAULT false,
	-- The last reviewer's reason, which the author reads.
	reason text,
	note text CHECK (length(note) <= 1000),
	first_reported_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL,
	UNIQUE (content_kind, content_id),
	CHECK ((state = 'visible') = (hidden_by IS NULL) OR state = 'removed')
);
CREATE INDEX moderation_items_buurt_queue ON moderation_items (buurt_id, updated_at) WHERE needs_review;
CREATE INDEX moderation_items_corporation_queue ON moderation_items (corporation_id, updated_at) WHERE needs_review;
CREATE INDEX moderation_items_author ON moderation_items (author_id, updated_at DESC);

CREATE TABLE moderation_reports (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	item_id uuid NOT NULL REFERENCES moderation_items(id),
	round integer NOT NULL,
	reporter_id uuid NOT NULL REFERENCES accounts(id),
	-- The reporter's household: 'unit:<id>' of their home in the buurt, else 'account:<id>'.
	household text NOT NULL,
	reason text NOT NULL CHECK (reason IN ('insult', 'discrimination', 'threat', 'privacy', 'spam', 'misleading', 'other')),
	note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
	at timestamptz NOT NULL,
	UNIQUE (item_id, round, reporter_id)
);
CREATE INDEX moderation_reports_round ON moderation_reports (item_id, round, household);

-- Everything that happened to a member's content or to the member: append-only.
CREATE TABLE moderation_decisions (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	item_id uuid REFERENCES moderation_items(id),
	account_id uuid NOT NULL REFERENCES accounts(id),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	kind text NOT NULL CHECK (kind IN ('auto_hidden', 'edited', 'keep', 'hide', 'remove', 'warn', 'suspend', 'lift')),
	actor_id uuid REFERENCES accounts(id),
	actor_role text NOT NULL CHECK (actor_role IN ('system', 'author', 'ambassador', 'staff')),
	reason text,
	note text CHECK (length(note) <= 1000),
	until timestamptz,
	at timestamptz NOT NULL,
	CHECK ((item_id IS NULL) = (kind IN ('warn', 'suspend', 'lift')))
);
CREATE INDEX moderation_decisions_account ON moderation_decisions (account_id, at DESC, id DESC);
CREATE INDEX moderation_decisions_item ON moderation_decisions (item_id, id);
CREATE TRIGGER moderation_decisions_append_only BEFORE UPDATE OR DELETE ON moderation_decisions
	FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE moderation_suspensions (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	account_id uuid NOT NULL REFERENCES accounts(id),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	starts_at timestamptz NOT NULL,
	ends_at timestamptz NOT NULL,
	lifted_at timestamptz,
	reason text NOT NULL,
	note text CHECK (length(note) <= 1000),
	created_by uuid NOT NULL REFERENCES accounts(id),
	CHECK (ends_at > starts_at)
);
CREATE INDEX moderation_suspensions_account ON moderation_suspensions (account_id, corporation_id, ends_at) WHERE lifted_at IS NULL;

-- Notification types of moderation; subjects may now be moderation items. The lists are extended
-- from whatever the database holds now (as 0086, 0090 and 0120 do), so other branches' types stay.
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
			wanted := ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['moderation_item']) AS x ORDER BY 1);
		ELSE
			col := 'type';
			wanted := ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['moderation.hidden', 'moderation.decision', 'moderation.sanction', 'moderation.to_review']) AS x ORDER BY 1);
		END IF;
		EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', con.tbl, con.conname);
		EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (%I = ANY (%L::text[]))', con.tbl, con.conname, col, wanted);
	END LOOP;
END $$;
