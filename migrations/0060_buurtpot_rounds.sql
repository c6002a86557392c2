-- Buurtpot rounds (module buurtpot): the buurt votes on accepted proposals, secretly, one ballot
-- per household; results exist only after the close and are computed once.
--
-- SECRECY BY DESIGN. Who voted and what was voted are kept in two tables with nothing in common
-- but the round:
--   buurtpot_round_voters   (round, unit, online|paper, day)   → prevents double voting
--   buurtpot_round_ballots  (round, ballot_key, choices)       → what is counted
-- A ballot row has no account, no unit, no timestamp and no sequence number. An online household
-- may change its ballot until the close, so its row must be findable again: ballot_key =
-- HMAC-SHA256(round secret, unit id). The round secret lives in buurtpot_round_secrets (not in
-- the ballot tables), is never logged, and is DELETED when the round closes or is cancelled.
-- Honest trade-off: while a round is open, someone who can read the database (secrets table
-- included) can recompute the key of every household and so link ballots to units — and even
-- without the secret, a ballot and its voter row share a transaction id (xmin). At the close
-- every ballot is written again in a random order with a new random key in one transaction and
-- the secret is deleted: after that nobody can link them (except from backups or WAL made during
-- the vote, and old row versions until VACUUM). See src/lib/server/buurtpot/ballots.ts.

CREATE TABLE buurtpot_rounds (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	title text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
	-- A test round is imported from a Pabulib file to check the counting: no money, no proposals,
	-- no households; it exists only counted (created closed, in one transaction).
	is_test boolean NOT NULL DEFAULT false,
	-- 'balance': what the buurtpot held (minus won proposals not yet paid) at opening;
	-- 'amount': set by staff; 'file': from a test round's file.
	budget_source text NOT NULL CHECK (budget_source IN ('balance', 'amount', 'file')),
	budget_cents bigint NOT NULL CHECK (budget_cents >= 0),
	-- Test rounds keep the file's currency (e.g. PLN); real rounds are in euros.
	currency text NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Za-z]{3}$'),
	rule text NOT NULL CHECK (rule IN ('knapsack', 'approval', 'equal-shares')),
	-- Approval voting: at most this many proposals per ballot (K).
	max_choices integer CHECK (max_choices BETWEEN 1 AND 1000),
	-- Method of Equal Shares: utility of a proposal to a supporter, and whether what is left is
	-- spent greedily by votes afterwards (otherwise it stays in the buurtpot).
	utility text CHECK (utility IN ('cost', 'unit')),
	fill boolean NOT NULL DEFAULT false,
	opens_at timestamptz NOT NULL,
	closes_at timestamptz NOT NULL,
	created_by uuid NOT NULL REFERENCES accounts(id),
	created_at timestamptz NOT NULL,
	-- Set once, together with the result, by the close (job or staff); NULL by = the job.
	closed_at timestamptz,
	closed_by uuid REFERENCES accounts(id),
	-- The stored outcome (winners, votes, money, the counting module's full result). NULL until
	-- the close: before it, no result exists anywhere.
	result jsonb,
	cancelled_at timestamptz,
	cancelled_by uuid REFERENCES accounts(id),
	-- Test rounds: the file's name or description, shown with the TEST mark.
	source_note text CHECK (length(source_note) <= 300),
	CONSTRAINT buurtpot_rounds_dates CHECK (closes_at > opens_at),
	CONSTRAINT buurtpot_rounds_k CHECK (rule = 'approval' OR max_choices IS NULL),
	CONSTRAINT buurtpot_rounds_k_real CHECK (is_test OR rule <> 'approval' OR max_choices IS NOT NULL),
	CONSTRAINT buurtpot_rounds_mes CHECK ((rule = 'equal-shares') = (utility IS NOT NULL) AND (fill = false OR rule = 'equal-shares')),
	CONSTRAINT buurtpot_rounds_result CHECK ((closed_at IS NULL) = (result IS NULL)),
	CONSTRAINT buurtpot_rounds_cancelled CHECK (cancelled_at IS NULL OR closed_at IS NULL),
	CONSTRAINT buurtpot_rounds_test CHECK (is_test = (budget_source = 'file')),
	CONSTRAINT buurtpot_rounds_currency CHECK (is_test OR currency = 'EUR')
);
CREATE INDEX buurtpot_rounds_buurt ON buurtpot_rounds (buurt_id, created_at);
-- The close job's work list.
CREATE INDEX buurtpot_rounds_due ON buurtpot_rounds (closes_at) WHERE closed_at IS NULL AND cancelled_at IS NULL;

-- A closed or cancelled round is history: its result is computed once and never changes.
CREATE FUNCTION buurtpot_round_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.closed_at IS NOT NULL OR OLD.cancelled_at IS NOT NULL THEN
		RAISE EXCEPTION 'buurtpot round % is closed; its result is final', OLD.id USING ERRCODE = 'restrict_violation';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER buurtpot_rounds_frozen BEFORE UPDATE OR DELETE ON buurtpot_rounds
	FOR EACH ROW EXECUTE FUNCTION buurtpot_round_frozen();

-- The proposals on the ballot, with the cost and title they had when the round opened. project_id
-- is the short id used on ballots and in Pabulib files ("1", "2", … in order of proposing, so the
-- last tie-breaker "lower project id" means "proposed first"); test rounds keep the file's ids.
CREATE TABLE buurtpot_round_proposals (
	round_id uuid NOT NULL REFERENCES buurtpot_rounds(id),
	project_id text NOT NULL CHECK (project_id ~ '^[^,;"[:space:]]{1,64}$'),
	proposal_id uuid REFERENCES buurtpot_proposals(id),
	title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
	cost_cents bigint NOT NULL CHECK (cost_cents > 0),
	position integer NOT NULL CHECK (position >= 1),
	-- Set at the close, from the stored result.
	votes integer CHECK (votes >= 0),
	won boolean,
	PRIMARY KEY (round_id, project_id),
	UNIQUE (round_id, proposal_id),
	UNIQUE (round_id, position),
	CHECK ((votes IS NULL) = (won IS NULL))
);
CREATE INDEX buurtpot_round_proposals_proposal ON buurtpot_round_proposals (proposal_id) WHERE proposal_id IS NOT NULL;

-- Who voted (never what). One row per household (unit) per round: the primary key is the
-- guarantee against double voting, online and paper alike. voted_on is a day, not a moment, so
-- it cannot be lined up with anything else; entered_by is the staff member who typed a paper ballot.
CREATE TABLE buurtpot_round_voters (
	round_id uuid NOT NULL REFERENCES buurtpot_rounds(id),
	unit_id uuid NOT NULL REFERENCES units(id),
	voted_via text NOT NULL CHECK (voted_via IN ('online', 'paper')),
	voted_on date NOT NULL,
	entered_by uuid REFERENCES accounts(id),
	PRIMARY KEY (round_id, unit_id),
	CHECK ((voted_via = 'paper') = (entered_by IS NOT NULL))
);

-- What was voted (never who): see the comment at the top.
CREATE TABLE buurtpot_round_ballots (
	round_id uuid NOT NULL REFERENCES buurtpot_rounds(id),
	ballot_key text NOT NULL CHECK (ballot_key ~ '^[0-9a-f]{64}$'),
	-- Project ids, sorted: the order in which boxes were ticked is not kept.
	choices text[] NOT NULL,
	PRIMARY KEY (round_id, ballot_key)
);

-- Ballots of a closed or cancelled round never change (the last word after the code's own check).
CREATE FUNCTION buurtpot_ballot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	rid uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.round_id ELSE NEW.round_id END;
BEGIN
	IF EXISTS (SELECT 1 FROM buurtpot_rounds WHERE id = rid AND (closed_at IS NOT NULL OR cancelled_at IS NOT NULL)) THEN
		RAISE EXCEPTION 'buurtpot round % is closed; its ballots are final', rid USING ERRCODE = 'restrict_violation';
	END IF;
	RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER buurtpot_round_ballots_frozen BEFORE INSERT OR UPDATE OR DELETE ON buurtpot_round_ballots
	FOR EACH ROW EXECUTE FUNCTION buurtpot_ballot_frozen();
CREATE TRIGGER buurtpot_round_voters_frozen BEFORE INSERT OR UPDATE OR DELETE ON buurtpot_round_voters
	FOR EACH ROW EXECUTE FUNCTION buurtpot_ballot_frozen();

-- The per-round HMAC key for online ballot keys. Only the application reads it; deleted at the
-- close. In production, grant this table to the application's role only.
CREATE TABLE buurtpot_round_secrets (
	round_id uuid PRIMARY KEY REFERENCES buurtpot_rounds(id),
	secret bytea NOT NULL CHECK (octet_length(secret) = 32)
);
