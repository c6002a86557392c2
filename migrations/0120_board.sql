-- The neighbourhood board (issue 13, part 1): news from the corporation, posts of members with
-- up to three photos, replies, and groups with their own posts. News and posts share one table
-- so the feed is one indexed read (docs/ARCHITECTURE.md, "Board").

CREATE TABLE board_groups (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
	description text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
	-- open: anyone of the buurt joins; request: the owner approves.
	access text NOT NULL CHECK (access IN ('open', 'request')),
	owner_id uuid NOT NULL REFERENCES accounts(id),
	created_at timestamptz NOT NULL,
	closed_at timestamptz
);
CREATE INDEX board_groups_buurt ON board_groups (buurt_id, name) WHERE closed_at IS NULL;

CREATE TABLE board_group_members (
	group_id uuid NOT NULL REFERENCES board_groups(id),
	account_id uuid NOT NULL REFERENCES accounts(id),
	status text NOT NULL CHECK (status IN ('requested', 'member')),
	requested_at timestamptz NOT NULL,
	joined_at timestamptz,
	PRIMARY KEY (group_id, account_id),
	CHECK ((status = 'member') = (joined_at IS NOT NULL))
);
CREATE INDEX board_group_members_account ON board_group_members (account_id);

CREATE TABLE board_posts (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	group_id uuid REFERENCES board_groups(id),
	kind text NOT NULL CHECK (kind IN ('news', 'question', 'offer', 'found_lost', 'announcement')),
	author_id uuid NOT NULL REFERENCES accounts(id),
	-- The author's choice per post: 'name' (first name, + street if they show it) or 'street'
	-- ("een buurtbewoner van de <straat>"). The street is the one they lived on when posting.
	name_choice text NOT NULL CHECK (name_choice IN ('name', 'street')),
	author_street text,
	body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
	pinned boolean NOT NULL DEFAULT false,
	expires_on date,
	created_at timestamptz NOT NULL,
	edited_at timestamptz,
	deleted_at timestamptz,
	-- Only the corporation's news is pinned or expires, and news is never in a group.
	CHECK (kind = 'news' OR (NOT pinned AND expires_on IS NULL)),
	CHECK (kind <> 'news' OR group_id IS NULL),
	CHECK (name_choice = 'name' OR author_street IS NOT NULL)
);
-- The feed: newest first per buurt (outside groups) and per group, keyset on (created_at, id).
CREATE INDEX board_posts_feed ON board_posts (buurt_id, created_at DESC, id DESC) WHERE group_id IS NULL AND deleted_at IS NULL;
CREATE INDEX board_posts_group_feed ON board_posts (group_id, created_at DESC, id DESC) WHERE group_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX board_posts_pinned ON board_posts (buurt_id, created_at DESC) WHERE pinned AND deleted_at IS NULL;

CREATE TABLE board_photos (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	post_id uuid NOT NULL REFERENCES board_posts(id),
	position smallint NOT NULL CHECK (position BETWEEN 0 AND 2),
	content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
	size integer NOT NULL CHECK (size > 0),
	sha256 text NOT NULL,
	bytes bytea NOT NULL,
	UNIQUE (post_id, position)
);

CREATE TABLE board_replies (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	post_id uuid NOT NULL REFERENCES board_posts(id),
	author_id uuid NOT NULL REFERENCES accounts(id),
	name_choice text NOT NULL CHECK (name_choice IN ('name', 'street')),
	author_street text,
	body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
	created_at timestamptz NOT NULL,
	edited_at timestamptz,
	deleted_at timestamptz,
	CHECK (name_choice = 'name' OR author_street IS NOT NULL)
);
CREATE INDEX board_replies_post ON board_replies (post_id, created_at) WHERE deleted_at IS NULL;

-- A reply tells the post's author (board.reply); subjects are now board posts too. The lists are
-- extended from whatever the database holds now (as 0086 and 0090 do), so other branches' types stay.
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
			wanted := ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['board_post']) AS x ORDER BY 1);
		ELSE
			col := 'type';
			wanted := ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['board.reply']) AS x ORDER BY 1);
		END IF;
		EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', con.tbl, con.conname);
		EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (%I = ANY (%L::text[]))', con.tbl, con.conname, col, wanted);
	END LOOP;
END $$;
