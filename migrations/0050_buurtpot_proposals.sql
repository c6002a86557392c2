-- Buurtpot proposals (module buurtpot): members propose what the buurtpot pays for, households
-- support, the corporation checks feasibility, the buurt votes (0060, the rounds colleague), the
-- winners are paid from the buurtpot and followed up (updates, shifts, activities, report).
-- The state machine lives in src/lib/server/buurtpot/proposal-model.ts; the constraints below keep
-- rows consistent with it whatever the code does (house style 6).

-- Per-buurt settings; created on first use with the defaults. The row is also the buurt's lock
-- for changing them, and holds the secret token of the buurt's calendar feed.
CREATE TABLE buurtpot_settings (
	buurt_id uuid PRIMARY KEY REFERENCES buurten(id),
	-- How many households (units) must support a proposal, and within how many days.
	support_households integer NOT NULL DEFAULT 5 CHECK (support_households BETWEEN 1 AND 500),
	support_days integer NOT NULL DEFAULT 30 CHECK (support_days BETWEEN 1 AND 365),
	-- May the tenants' association's staff answer feasibility too (besides the corporation)?
	association_checks boolean NOT NULL DEFAULT false,
	-- The calendar feed URL carries this token: calendar apps cannot log in. gen_random_uuid draws
	-- from the strong random source (2 × 122 random bits); pgcrypto is not needed.
	feed_token text NOT NULL UNIQUE DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') CHECK (feed_token ~ '^[0-9a-f]{32,128}$'),
	updated_at timestamptz,
	updated_by uuid REFERENCES accounts(id)
);

CREATE TABLE buurtpot_proposals (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	author_id uuid NOT NULL REFERENCES accounts(id),
	title text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
	description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
	cost_cents bigint NOT NULL CHECK (cost_cents > 0 AND cost_cents <= 100000000),
	-- What the author asked for, when the feasibility check adjusted the cost (with a reason).
	requested_cost_cents bigint CHECK (requested_cost_cents > 0),
	-- Optional breakdown: [{label, cents}], summing to the requested cost.
	cost_lines jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(cost_lines) = 'array' AND jsonb_array_length(cost_lines) <= 10),
	place text NOT NULL DEFAULT '' CHECK (length(place) <= 200),
	volunteers text NOT NULL DEFAULT '' CHECK (length(volunteers) <= 1000),
	-- 'expired' (support phase ended without enough households) is added to the agreed list.
	status text NOT NULL CHECK (status IN ('support', 'feasibility', 'needs_changes', 'accepted', 'declined', 'withdrawn',
		'expired', 'in_vote', 'won', 'lost', 'in_progress', 'done')),
	-- Snapshot of the buurt's settings at submission: changing them later does not move the goal.
	support_needed integer NOT NULL CHECK (support_needed >= 1),
	support_deadline timestamptz NOT NULL,
	-- Cached count of buurtpot_supports rows, kept under the proposal's row lock.
	support_count integer NOT NULL DEFAULT 0 CHECK (support_count >= 0),
	-- The latest feasibility answer, which the author and the buurt see.
	decision text CHECK (decision IN ('accept', 'needs_changes', 'decline')),
	decision_reason text CHECK (length(decision_reason) <= 2000),
	decided_by uuid REFERENCES accounts(id),
	decided_at timestamptz,
	-- The final report.
	report text CHECK (length(report) <= 4000),
	created_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL,
	edited_at timestamptz,
	withdrawn_at timestamptz,
	done_at timestamptz,
	version integer NOT NULL DEFAULT 1,
	CONSTRAINT buurtpot_proposals_decision_shape CHECK ((decision IS NULL) = (decided_at IS NULL) AND (decision IS NULL) = (decision_reason IS NULL)),
	CONSTRAINT buurtpot_proposals_decided CHECK (status IN ('support', 'feasibility', 'withdrawn', 'expired') OR decision IS NOT NULL),
	CONSTRAINT buurtpot_proposals_done CHECK ((status = 'done') = (done_at IS NOT NULL AND report IS NOT NULL)),
	CONSTRAINT buurtpot_proposals_withdrawn CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
CREATE INDEX buurtpot_proposals_buurt_status ON buurtpot_proposals (buurt_id, status, created_at);
CREATE INDEX buurtpot_proposals_author ON buurtpot_proposals (author_id);
CREATE INDEX buurtpot_proposals_support_deadline ON buurtpot_proposals (support_deadline) WHERE status = 'support';

-- One support per household (unit) per proposal; the person who gave it is kept for their own view.
CREATE TABLE buurtpot_supports (
	proposal_id uuid NOT NULL REFERENCES buurtpot_proposals(id),
	unit_id uuid NOT NULL REFERENCES units(id),
	account_id uuid NOT NULL REFERENCES accounts(id),
	at timestamptz NOT NULL,
	PRIMARY KEY (proposal_id, unit_id)
);
CREATE INDEX buurtpot_supports_account ON buurtpot_supports (account_id);

-- Every status change and feasibility answer, with actor, time and reason. Append-only.
CREATE TABLE buurtpot_proposal_history (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	proposal_id uuid NOT NULL REFERENCES buurtpot_proposals(id),
	at timestamptz NOT NULL,
	actor_id uuid REFERENCES accounts(id),
	action text NOT NULL,
	from_status text,
	to_status text NOT NULL,
	reason text CHECK (length(reason) <= 2000),
	details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX buurtpot_proposal_history_proposal ON buurtpot_proposal_history (proposal_id, id);
CREATE TRIGGER buurtpot_proposal_history_append_only BEFORE UPDATE OR DELETE ON buurtpot_proposal_history
	FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE buurtpot_comments (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	proposal_id uuid NOT NULL REFERENCES buurtpot_proposals(id),
	author_id uuid NOT NULL REFERENCES accounts(id),
	body text NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
	at timestamptz NOT NULL,
	-- Deleting keeps the row (the thread stays readable) but removes the text.
	deleted_at timestamptz,
	CHECK (deleted_at IS NULL OR body = '-')
);
CREATE INDEX buurtpot_comments_proposal ON buurtpot_comments (proposal_id, id);

-- Progress updates on a funded proposal.
CREATE TABLE buurtpot_updates (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	-- Order of writing (times can be equal within a test clock or a batch).
	seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
	proposal_id uuid NOT NULL REFERENCES buurtpot_proposals(id),
	author_id uuid NOT NULL REFERENCES accounts(id),
	body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
	at timestamptz NOT NULL
);
CREATE INDEX buurtpot_updates_proposal ON buurtpot_updates (proposal_id, seq);

-- Uploaded files: proposal photos, update photos, payment receipts. Bytes live here (bytea), are
-- type-checked by content, and photos are re-encoded without metadata before they are stored.
CREATE TABLE buurtpot_files (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	proposal_id uuid NOT NULL REFERENCES buurtpot_proposals(id),
	update_id uuid REFERENCES buurtpot_updates(id),
	purpose text NOT NULL CHECK (purpose IN ('photo', 'update_photo', 'receipt')),
	content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
	size integer NOT NULL CHECK (size BETWEEN 1 AND 5242880),
	sha256 text NOT NULL,
	bytes bytea NOT NULL,
	uploaded_by uuid NOT NULL REFERENCES accounts(id),
	at timestamptz NOT NULL,
	CHECK ((purpose = 'update_photo') = (update_id IS NOT NULL)),
	CHECK (purpose = 'receipt' OR content_type <> 'application/pdf'),
	CHECK (octet_length(bytes) = size)
);
CREATE INDEX buurtpot_files_proposal ON buurtpot_files (proposal_id, purpose, seq);

-- Payments of a won proposal from the buurtpot; each is one ledger transfer (buurtpot → expense).
CREATE TABLE buurtpot_payments (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
	proposal_id uuid NOT NULL REFERENCES buurtpot_proposals(id),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	amount_cents bigint NOT NULL CHECK (amount_cents > 0),
	payee text NOT NULL CHECK (length(payee) BETWEEN 2 AND 120),
	note text CHECK (length(note) <= 500),
	receipt_file_id uuid REFERENCES buurtpot_files(id),
	transfer_id text NOT NULL UNIQUE,
	paid_by uuid NOT NULL REFERENCES accounts(id),
	at timestamptz NOT NULL
);
CREATE INDEX buurtpot_payments_proposal ON buurtpot_payments (proposal_id, seq);
CREATE TRIGGER buurtpot_payments_append_only BEFORE UPDATE OR DELETE ON buurtpot_payments
	FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Volunteer shifts and activities of a proposal: both have a time, a place and sign-ups.
-- `taken` is the cached number of sign-ups, changed only under the row's lock; the CHECK makes
-- overbooking impossible even for a buggy writer.
CREATE TABLE buurtpot_events (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	proposal_id uuid NOT NULL REFERENCES buurtpot_proposals(id),
	kind text NOT NULL CHECK (kind IN ('shift', 'activity')),
	title text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
	description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
	place text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
	starts_at timestamptz NOT NULL,
	ends_at timestamptz NOT NULL,
	-- Null: no limit (activities only).
	capacity integer CHECK (capacity BETWEEN 1 AND 1000),
	taken integer NOT NULL DEFAULT 0,
	created_by uuid NOT NULL REFERENCES accounts(id),
	created_at timestamptz NOT NULL,
	cancelled_at timestamptz,
	-- Bumped on every change: calendar apps read it as SEQUENCE.
	sequence integer NOT NULL DEFAULT 0,
	CHECK (ends_at > starts_at),
	CHECK (kind = 'activity' OR capacity IS NOT NULL),
	CHECK (taken >= 0 AND (capacity IS NULL OR taken <= capacity))
);
CREATE INDEX buurtpot_events_buurt ON buurtpot_events (buurt_id, starts_at);
CREATE INDEX buurtpot_events_proposal ON buurtpot_events (proposal_id, starts_at);

CREATE TABLE buurtpot_event_signups (
	event_id uuid NOT NULL REFERENCES buurtpot_events(id),
	account_id uuid NOT NULL REFERENCES accounts(id),
	at timestamptz NOT NULL,
	PRIMARY KEY (event_id, account_id)
);
CREATE INDEX buurtpot_event_signups_account ON buurtpot_event_signups (account_id);
