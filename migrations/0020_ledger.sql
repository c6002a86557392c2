-- The ledger: double-entry bookkeeping in integer cents, modelled on TigerBeetle's rules.
-- Money moves only through ledger_post_transfer() at the end of this file, which locks, checks
-- and writes in one statement; the TypeScript use cases validate input and turn its verdict into
-- friendly errors. The constraints and triggers below are the last word (house style 6): a bug
-- or a hand-written UPDATE cannot break an invariant unnoticed. Formats (id, code) are checked by
-- the use cases' zod schemas, not here: every CHECK is evaluated on the hot path.
--
-- Shape: an account has a cached balance and a version. A transfer (client-supplied id) has one
-- or more legs; each leg moves an amount from its debit account to its credit account and yields
-- two entries, one per account, numbered by that account's version. So for every account:
-- balance = sum(entries.amount), version = count(entries), and entry n's balance_before equals
-- entry n-1's balance_after. Every ledger sums to zero because the `world` account, the only one
-- allowed below zero, is the other side of every euro that enters.
--
-- A member's "wallet" is not an account: money is never paid to a person. It is attribution —
-- a leg may name the person it was earned by (attributed_to), and what someone earned for a
-- buurtpot is the sum of the attributed legs into that buurtpot minus reversals out of it
-- (equivalently: the buurtpot's entries whose leg names them).
-- One source of truth (the money legs themselves), no second ledger to keep in step, no per-person
-- row to lock on every reward, and a reversal undoes the attribution automatically.

CREATE TABLE ledger_accounts (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	-- A currency or unit: 'EUR' counts cents; a time ledger could be 'MIN'.
	ledger text NOT NULL,
	-- world | funding | buurtpot | expense
	kind text NOT NULL,
	-- funding, buurtpot and expense belong to one buurt; world belongs to the whole ledger.
	buurt_id uuid REFERENCES buurten(id),
	may_go_negative boolean NOT NULL,
	balance bigint NOT NULL DEFAULT 0,
	version bigint NOT NULL DEFAULT 0,
	created_at timestamptz NOT NULL,
	-- One combined CHECK: PostgreSQL evaluates every CHECK on every balance update.
	CONSTRAINT ledger_accounts_identity CHECK (
		ledger ~ '^[A-Z][A-Z0-9_]{1,15}$'
		AND kind IN ('world', 'funding', 'buurtpot', 'expense')
		AND may_go_negative = (kind = 'world')  -- only the world account may go below zero
		AND (kind = 'world') = (buurt_id IS NULL)
		AND version >= 0),
	CONSTRAINT ledger_accounts_limit CHECK (balance >= 0 OR may_go_negative),
	-- One account per (ledger, kind, buurt): ensureAccount is an idempotent insert.
	CONSTRAINT ledger_accounts_one_per_owner UNIQUE NULLS NOT DISTINCT (ledger, kind, buurt_id)
);
CREATE INDEX ledger_accounts_buurt ON ledger_accounts (buurt_id) WHERE buurt_id IS NOT NULL;

-- An account is never deleted, never changes what it is, and its balance only changes together
-- with a higher version (that is, together with new entries).
CREATE FUNCTION ledger_refuse_account_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'ledger account %: only balance and version may change, and only forward', OLD.id
		USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER ledger_accounts_no_delete BEFORE DELETE ON ledger_accounts
	FOR EACH ROW EXECUTE FUNCTION ledger_refuse_account_change();
-- The WHEN clause keeps the hot path free of a function call: it only fires on a violation.
CREATE TRIGGER ledger_accounts_guard BEFORE UPDATE ON ledger_accounts
	FOR EACH ROW WHEN (
		NEW.id <> OLD.id OR NEW.ledger <> OLD.ledger OR NEW.kind <> OLD.kind
		OR NEW.buurt_id IS DISTINCT FROM OLD.buurt_id OR NEW.may_go_negative <> OLD.may_go_negative
		OR NEW.created_at <> OLD.created_at
		OR NEW.version < OLD.version OR (NEW.version = OLD.version AND NEW.balance <> OLD.balance))
	EXECUTE FUNCTION ledger_refuse_account_change();


-- People (accounts) are referenced without foreign keys on purpose: ledger history is
-- append-only, so a foreign key would make a member who ever earned anything impossible to
-- delete (AVG erasure). ledger_post_transfer checks that people exist when money moves; after a
-- deletion the history keeps an opaque id, as audit_log.actor_id does.

CREATE TABLE ledger_transfers (
	-- Pagination key and the compact reference used by legs and entries.
	seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	-- Client-supplied idempotency key, e.g. 'superbuurt.reward:<request id>' (format checked by
	-- the use case's schema).
	id text NOT NULL UNIQUE,
	ledger text NOT NULL,
	code text NOT NULL,
	note text,
	actor_id uuid,
	-- A correction points at the transfer it undoes.
	reverses_id text REFERENCES ledger_transfers(id),
	reason text,
	-- sha256 of the request's content (everything but its time): tells a retry from a clash.
	fingerprint text NOT NULL,
	at timestamptz NOT NULL,
	CONSTRAINT ledger_transfers_reversal_shape CHECK (
		(reverses_id IS NULL) = (reason IS NULL)
		AND (reverses_id IS NULL) = (code <> 'ledger.reversal')
		AND (reverses_id IS NULL OR actor_id IS NOT NULL)
		AND reverses_id IS DISTINCT FROM id)
);
-- One reversal per transfer at most (partial: ordinary transfers do not pay for it).
CREATE UNIQUE INDEX ledger_transfers_one_reversal ON ledger_transfers (reverses_id) WHERE reverses_id IS NOT NULL;

CREATE TABLE ledger_legs (
	transfer_seq bigint NOT NULL REFERENCES ledger_transfers(seq),
	leg_no smallint NOT NULL,
	debit_account_id uuid NOT NULL REFERENCES ledger_accounts(id),
	credit_account_id uuid NOT NULL REFERENCES ledger_accounts(id),
	amount bigint NOT NULL,
	-- The member this money was earned by (attribution, never ownership).
	attributed_to uuid,
	code text,
	note text,
	PRIMARY KEY (transfer_seq, leg_no),
	CONSTRAINT ledger_legs_shape CHECK (leg_no >= 1 AND amount > 0 AND debit_account_id <> credit_account_id)
);
-- What one person earned (partial: top-ups and payouts cost nothing here). What a buurtpot's
-- members earned is read from the buurtpot's own entries.
CREATE INDEX ledger_legs_attributed_to ON ledger_legs (attributed_to, transfer_seq) WHERE attributed_to IS NOT NULL;

-- One row per account per leg: the account's history, numbered by its version.
CREATE TABLE ledger_entries (
	account_id uuid NOT NULL REFERENCES ledger_accounts(id),
	-- The account's version after this entry. The primary key proves that no two writers ever
	-- applied an entry on top of the same account state (no lost update).
	version bigint NOT NULL,
	transfer_seq bigint NOT NULL,
	leg_no smallint NOT NULL,
	-- Signed: negative on the debit account, positive on the credit account.
	amount bigint NOT NULL,
	balance_before bigint NOT NULL,
	balance_after bigint NOT NULL,
	PRIMARY KEY (account_id, version),
	FOREIGN KEY (transfer_seq, leg_no) REFERENCES ledger_legs (transfer_seq, leg_no),
	CONSTRAINT ledger_entries_arithmetic CHECK (version >= 1 AND amount <> 0 AND balance_after = balance_before + amount)
);
-- An account's transfers in order (buurt listings, loading one transfer's entries).
CREATE INDEX ledger_entries_account_transfer ON ledger_entries (account_id, transfer_seq);

-- History is immutable: corrections are new reversal transfers, never edits.
CREATE TRIGGER ledger_transfers_append_only BEFORE UPDATE OR DELETE ON ledger_transfers
	FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ledger_legs_append_only BEFORE UPDATE OR DELETE ON ledger_legs
	FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
	FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ledger_transfers_no_truncate BEFORE TRUNCATE ON ledger_transfers
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ledger_legs_no_truncate BEFORE TRUNCATE ON ledger_legs
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The one place money moves: applies one transfer atomically and returns a verdict (json) that
-- the TypeScript use case (record-transfer.ts) turns into a result or a DomainError. It is a
-- single statement inside PL/pgSQL because PL/pgSQL keeps its plan: planning this statement
-- afresh on every call cost more server time than executing it.
--
-- p_legs: [{legNo, debitAccountId, creditAccountId, amount, attributedTo, code, note}, …]
-- p_accounts: every account the legs touch, distinct.
--
-- Steps, all within one statement:
-- 1. `locked`: lock the involved accounts in id order (a fixed global order: no deadlocks).
--    FOR UPDATE at READ COMMITTED re-reads a row changed while we waited, so the balances and
--    versions used below are the latest ones; the UPDATE at the end lands on those rows too.
-- 2. `planned`: apply the legs in order, debit side first (step = leg_no * 2 + side), giving
--    each entry its balance before/after and the account's next version.
-- 3. `verdict`: all accounts found, one ledger, people and actor known, no ordinary account
--    below zero at any step, id not used yet (`earlier`, read from the statement's snapshot,
--    which may predate the lock wait: ON CONFLICT below and the caller's re-check cover that).
-- 4. `claimed`: only if the verdict is clean, claim the id (ON CONFLICT DO NOTHING: a
--    concurrent claim of the same id, or a second reversal of one transfer, writes nothing).
--    Every write selects FROM `claimed`: they all happen, or none does.
CREATE FUNCTION ledger_post_transfer(
	p_id text, p_code text, p_note text, p_actor uuid, p_reverses text, p_reason text,
	p_fingerprint text, p_at timestamptz, p_legs jsonb, p_accounts uuid[]
) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
	verdict json;
BEGIN
	WITH locked AS MATERIALIZED (
		SELECT id, ledger, balance, version, may_go_negative
		FROM ledger_accounts WHERE id = ANY(p_accounts) ORDER BY id FOR UPDATE
	), earlier AS (
		SELECT fingerprint FROM ledger_transfers WHERE id = p_id
	), legs AS MATERIALIZED (
		SELECT * FROM jsonb_to_recordset(p_legs) AS l("legNo" smallint, "debitAccountId" uuid,
			"creditAccountId" uuid, amount bigint, "attributedTo" uuid, code text, note text)
	), planned AS MATERIALIZED (
		SELECT m.account_id, m.leg_no, m.amount, m.step, a.may_go_negative,
			a.balance AS start_balance,
			a.balance + SUM(m.amount) OVER running AS balance_after,
			a.version + ROW_NUMBER() OVER running AS version
		FROM (
			SELECT l."legNo" AS leg_no, l."legNo" * 2 AS step, l."debitAccountId" AS account_id, -l.amount AS amount FROM legs l
			UNION ALL
			SELECT l."legNo", l."legNo" * 2 + 1, l."creditAccountId", l.amount FROM legs l
		) m
		JOIN locked a ON a.id = m.account_id
		WINDOW running AS (PARTITION BY m.account_id ORDER BY m.step ROWS UNBOUNDED PRECEDING)
	), breach AS (
		SELECT account_id, start_balance, start_balance - MIN(balance_after) AS needed
		FROM planned WHERE NOT may_go_negative
		GROUP BY account_id, start_balance HAVING MIN(balance_after) < 0
		ORDER BY account_id LIMIT 1
	), checked AS (
		SELECT
			(SELECT COALESCE(json_agg(id ORDER BY id), '[]') FROM locked) AS locked_ids,
			(SELECT COALESCE(json_agg(DISTINCT ledger), '[]') FROM locked) AS ledgers,
			(SELECT fingerprint FROM earlier) AS earlier_fingerprint,
			(SELECT json_build_object('accountId', account_id, 'balance', start_balance, 'needed', needed) FROM breach) AS breach,
			(SELECT json_agg(DISTINCT l."attributedTo") FROM legs l
			 WHERE l."attributedTo" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts p WHERE p.id = l."attributedTo")) AS unknown_people,
			(p_actor IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts p WHERE p.id = p_actor)) AS unknown_actor
	), claimed AS (
		INSERT INTO ledger_transfers (id, ledger, code, note, actor_id, reverses_id, reason, fingerprint, at)
		SELECT p_id, (SELECT MIN(ledger) FROM locked), p_code, p_note, p_actor, p_reverses, p_reason, p_fingerprint, p_at
		FROM checked c
		WHERE c.earlier_fingerprint IS NULL AND c.breach IS NULL AND c.unknown_people IS NULL AND NOT c.unknown_actor
			AND json_array_length(c.locked_ids) = cardinality(p_accounts) AND json_array_length(c.ledgers) = 1
		ON CONFLICT DO NOTHING
		RETURNING seq, ledger
	), written_legs AS (
		INSERT INTO ledger_legs (transfer_seq, leg_no, debit_account_id, credit_account_id, amount, attributed_to, code, note)
		SELECT c.seq, l."legNo", l."debitAccountId", l."creditAccountId", l.amount, l."attributedTo", l.code, l.note
		FROM claimed c, legs l
	), written_entries AS (
		INSERT INTO ledger_entries (account_id, version, transfer_seq, leg_no, amount, balance_before, balance_after)
		SELECT p.account_id, p.version, c.seq, p.leg_no, p.amount, p.balance_after - p.amount, p.balance_after
		FROM claimed c, planned p
	), written_balances AS (
		UPDATE ledger_accounts a SET balance = f.balance_after, version = f.version
		FROM claimed c, (
			SELECT DISTINCT ON (account_id) account_id, balance_after, version
			FROM planned ORDER BY account_id, step DESC
		) f
		WHERE a.id = ANY(p_accounts) AND a.id = f.account_id
	), audited AS (
		INSERT INTO audit_log (at, actor_id, action, subject, details)
		SELECT p_at, p_actor, CASE WHEN p_reverses IS NULL THEN 'ledger.transfer' ELSE 'ledger.reversal' END,
			'ledger_transfer:' || p_id,
			jsonb_build_object('transferId', p_id, 'ledger', c.ledger, 'code', p_code, 'note', p_note,
				'reversesId', p_reverses, 'reason', p_reason, 'total', (SELECT SUM(amount) FROM legs), 'legs', p_legs)
		FROM claimed c
	)
	SELECT json_build_object(
		'lockedIds', c.locked_ids, 'ledgers', c.ledgers, 'earlierFingerprint', c.earlier_fingerprint,
		'breach', c.breach, 'unknownPeople', c.unknown_people, 'unknownActor', c.unknown_actor,
		'seq', (SELECT seq FROM claimed),
		'entries', (SELECT COALESCE(json_agg(json_build_object('accountId', account_id, 'version', version,
			'legNo', leg_no, 'amount', amount, 'balanceBefore', balance_after - amount, 'balanceAfter', balance_after)
			ORDER BY step), '[]') FROM planned))
	INTO verdict
	FROM checked c;
	RETURN verdict;
END $$;
