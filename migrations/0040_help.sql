-- Superbuurt (module help): ask, check, help, confirm — and the rewards that fill the buurtpot.
-- The state machine lives in code (src/lib/server/help/state-machine.ts); the constraints below
-- keep the rows consistent with it whatever the code does (house style 6).

-- Per-buurt settings. The row is also the buurt's lock for supervisor sign-ups and for paying
-- rewards oldest-first (SELECT … FOR UPDATE), so it is created on first use.
CREATE TABLE help_settings (
	buurt_id uuid PRIMARY KEY REFERENCES buurten(id),
	term_months integer NOT NULL DEFAULT 3 CHECK (term_months BETWEEN 1 AND 24),
	max_supervisors integer NOT NULL DEFAULT 2 CHECK (max_supervisors BETWEEN 1 AND 20),
	auto_confirm_days integer NOT NULL DEFAULT 7 CHECK (auto_confirm_days BETWEEN 1 AND 60),
	waiting_days integer NOT NULL DEFAULT 5 CHECK (waiting_days BETWEEN 1 AND 60),
	updated_at timestamptz,
	updated_by uuid REFERENCES accounts(id)
);

-- Who appointed or ended a term (a member signing up appoints themself).
ALTER TABLE supervisor_terms ADD COLUMN appointed_by uuid REFERENCES accounts(id);
ALTER TABLE supervisor_terms ADD COLUMN ended_by uuid REFERENCES accounts(id);

CREATE TABLE help_requests (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	-- The member who asks. NULL only when a supervisor or staff member asked on behalf of a
	-- neighbour without an account ("namens"); then proxy_id acts for the asker.
	asker_id uuid REFERENCES accounts(id),
	proxy_id uuid REFERENCES accounts(id),
	on_behalf_name text CHECK (length(on_behalf_name) BETWEEN 1 AND 60),
	consent_note text CHECK (length(consent_note) BETWEEN 3 AND 500),
	update_channel text CHECK (update_channel IN ('paper', 'phone', 'visit')),
	category text NOT NULL CHECK (category IN ('veiligheid', 'onderhoud_woning', 'onderhoud_gedeeld', 'zorg', 'overige')),
	zorg_label text CHECK (zorg_label IN ('boodschappen', 'wandelen', 'gezelschap', 'aankleden', 'steunkousen', 'digitaal', 'vervoer', 'anders')),
	title text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
	description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
	when_kind text NOT NULL CHECK (when_kind IN ('date', 'flexible')),
	when_date date,
	urgency text NOT NULL CHECK (urgency IN ('no_rush', 'this_week', 'soon')),
	place text NOT NULL CHECK (place IN ('home', 'shared', 'buurt')),
	place_note text CHECK (length(place_note) <= 200),
	state text NOT NULL CHECK (state IN ('to_check', 'returned', 'published', 'taken', 'done', 'disputed',
		'confirmed', 'redirected', 'rejected', 'cancelled', 'closed')),
	-- Who published it, and whether as supervisor (earns the supervisor reward) or as staff.
	checker_id uuid REFERENCES accounts(id),
	checked_as text CHECK (checked_as IN ('supervisor', 'staff')),
	redirect_kind text CHECK (redirect_kind IN ('landlord_duty', 'emergency', 'overige', 'other')),
	helper_id uuid REFERENCES accounts(id),
	created_by uuid NOT NULL REFERENCES accounts(id),
	created_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL,
	published_at timestamptz,
	taken_at timestamptz,
	done_at timestamptz,
	confirmed_at timestamptz,
	-- Set by the waiting job when a published request was not taken in time; cleared on take.
	waiting_since timestamptz,
	version integer NOT NULL DEFAULT 1,
	CONSTRAINT help_requests_someone_asks CHECK (asker_id IS NOT NULL OR proxy_id IS NOT NULL),
	CONSTRAINT help_requests_namens_consent CHECK ((proxy_id IS NULL) = (consent_note IS NULL)
		AND (proxy_id IS NULL) = (on_behalf_name IS NULL) AND (proxy_id IS NULL) = (update_channel IS NULL)),
	CONSTRAINT help_requests_zorg_label CHECK ((category = 'zorg') = (zorg_label IS NOT NULL)),
	CONSTRAINT help_requests_when CHECK ((when_kind = 'date') = (when_date IS NOT NULL)),
	-- Nobody helps or checks their own request.
	CONSTRAINT help_requests_not_own_helper CHECK (helper_id IS NULL OR (helper_id IS DISTINCT FROM asker_id AND helper_id IS DISTINCT FROM proxy_id)),
	CONSTRAINT help_requests_not_own_checker CHECK (checker_id IS NULL OR (checker_id IS DISTINCT FROM asker_id AND checker_id IS DISTINCT FROM proxy_id)),
	CONSTRAINT help_requests_checker_shape CHECK ((checker_id IS NULL) = (checked_as IS NULL)),
	-- Exactly one helper from taking until the end; none before.
	CONSTRAINT help_requests_helper_state CHECK ((helper_id IS NOT NULL) = (state IN ('taken', 'done', 'disputed', 'confirmed', 'closed'))),
	CONSTRAINT help_requests_published_checked CHECK (state IN ('to_check', 'returned', 'redirected', 'rejected', 'cancelled')
		OR (checker_id IS NOT NULL AND published_at IS NOT NULL)),
	CONSTRAINT help_requests_overige_not_published CHECK (category <> 'overige' OR published_at IS NULL),
	CONSTRAINT help_requests_redirect_shape CHECK ((state = 'redirected') = (redirect_kind IS NOT NULL)),
	CONSTRAINT help_requests_confirmed_at CHECK ((state = 'confirmed') = (confirmed_at IS NOT NULL))
);
-- The buurt's list (open requests newest or oldest-waiting first) and the check queue.
CREATE INDEX help_requests_buurt_state ON help_requests (buurt_id, state, published_at);
CREATE INDEX help_requests_asker ON help_requests (asker_id) WHERE asker_id IS NOT NULL;
CREATE INDEX help_requests_proxy ON help_requests (proxy_id) WHERE proxy_id IS NOT NULL;
CREATE INDEX help_requests_helper ON help_requests (helper_id) WHERE helper_id IS NOT NULL;
-- The jobs: done requests to confirm automatically, published ones to flag as waiting.
CREATE INDEX help_requests_done ON help_requests (done_at) WHERE state = 'done';
CREATE INDEX help_requests_unflagged ON help_requests (published_at) WHERE state = 'published' AND waiting_since IS NULL;

-- Every state change, with actor and time. Append-only: the asker's own words survive a
-- supervisor's rephrasing here (details.before).
CREATE TABLE help_history (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	request_id uuid NOT NULL REFERENCES help_requests(id),
	at timestamptz NOT NULL,
	actor_id uuid REFERENCES accounts(id),
	actor_role text NOT NULL CHECK (actor_role IN ('asker', 'supervisor', 'staff', 'helper', 'member', 'system')),
	action text NOT NULL,
	from_state text,
	to_state text NOT NULL,
	reason text CHECK (length(reason) <= 1000),
	details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX help_history_request ON help_history (request_id, id);
CREATE TRIGGER help_history_append_only BEFORE UPDATE OR DELETE ON help_history
	FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The conversation between asker and helper on one request.
CREATE TABLE help_messages (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	request_id uuid NOT NULL REFERENCES help_requests(id),
	author_id uuid NOT NULL REFERENCES accounts(id),
	at timestamptz NOT NULL,
	kind text NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'shared_address')),
	body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000)
);
CREATE INDEX help_messages_request ON help_messages (request_id, id);
CREATE TRIGGER help_messages_append_only BEFORE UPDATE OR DELETE ON help_messages
	FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- What a confirmed request earns for the buurtpot, per rewarded category (1–4). No row means the
-- defaults (€5 each); 'overige' earns nothing and cannot have a row.
CREATE TABLE help_reward_schemes (
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	category text NOT NULL CHECK (category IN ('veiligheid', 'onderhoud_woning', 'onderhoud_gedeeld', 'zorg')),
	asker_cents integer NOT NULL CHECK (asker_cents BETWEEN 0 AND 100000),
	supervisor_cents integer NOT NULL CHECK (supervisor_cents BETWEEN 0 AND 100000),
	helper_cents integer NOT NULL CHECK (helper_cents BETWEEN 0 AND 100000),
	updated_at timestamptz NOT NULL,
	updated_by uuid REFERENCES accounts(id),
	PRIMARY KEY (buurt_id, category)
);

-- One reward per confirmed request (the primary key: paid at most once), with the amounts of the
-- scheme at confirmation. Pending while the funding account cannot pay; paid oldest-first.
CREATE TABLE help_rewards (
	request_id uuid PRIMARY KEY REFERENCES help_requests(id),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	asker_id uuid REFERENCES accounts(id),
	supervisor_id uuid REFERENCES accounts(id),
	helper_id uuid NOT NULL REFERENCES accounts(id),
	asker_cents integer NOT NULL CHECK (asker_cents >= 0),
	supervisor_cents integer NOT NULL CHECK (supervisor_cents >= 0),
	helper_cents integer NOT NULL CHECK (helper_cents >= 0),
	status text NOT NULL CHECK (status IN ('pending', 'paid')),
	transfer_id text UNIQUE,
	created_at timestamptz NOT NULL,
	paid_at timestamptz,
	CHECK (asker_cents + supervisor_cents + helper_cents > 0),
	CHECK ((status = 'paid') = (paid_at IS NOT NULL AND transfer_id IS NOT NULL))
);
CREATE INDEX help_rewards_pending ON help_rewards (buurt_id, created_at, request_id) WHERE status = 'pending';

-- A reward only ever moves from pending to paid; nothing else about it changes, and it is never deleted.
CREATE FUNCTION help_rewards_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' OR OLD.status <> 'pending' OR NEW.status <> 'paid'
		OR NEW.request_id <> OLD.request_id OR NEW.buurt_id <> OLD.buurt_id
		OR NEW.asker_id IS DISTINCT FROM OLD.asker_id OR NEW.supervisor_id IS DISTINCT FROM OLD.supervisor_id
		OR NEW.helper_id <> OLD.helper_id OR NEW.asker_cents <> OLD.asker_cents
		OR NEW.supervisor_cents <> OLD.supervisor_cents OR NEW.helper_cents <> OLD.helper_cents
		OR NEW.created_at <> OLD.created_at THEN
		RAISE EXCEPTION 'help_rewards: a reward only goes from pending to paid' USING ERRCODE = 'restrict_violation';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER help_rewards_guard BEFORE UPDATE OR DELETE ON help_rewards
	FOR EACH ROW EXECUTE FUNCTION help_rewards_guard();

-- Members who chose to be named next to what they earned for the buurtpot (default: anonymous).
CREATE TABLE help_name_optins (
	account_id uuid PRIMARY KEY REFERENCES accounts(id),
	at timestamptz NOT NULL
);

-- Idempotency keys of form posts and API calls: a retry with the same key and content returns
-- the first result; the same key with other content is refused.
CREATE TABLE help_idempotency (
	actor_id uuid NOT NULL REFERENCES accounts(id),
	key text NOT NULL CHECK (key ~ '^[A-Za-z0-9._:-]{8,100}$'),
	operation text NOT NULL,
	fingerprint text NOT NULL,
	result jsonb,
	created_at timestamptz NOT NULL,
	PRIMARY KEY (actor_id, key)
);
CREATE INDEX help_idempotency_created ON help_idempotency (created_at);
