-- The ledger, faster, with the same rules (see 0020_ledger.sql for the rules themselves).
--
-- 1. Accounts keep room for their own updates. Every transfer rewrites its accounts' rows
--    (balance, version), and a few hundred rows take almost all of those updates. On full pages
--    (fillfactor 100) an update cannot stay on its page, so it is not HOT: it adds an entry to
--    every index of ledger_accounts and leaves dead versions that each later lock and update
--    has to step over (measured: 30 heap pages visited to lock 2 accounts after a 10 s run, and
--    only 30% HOT updates). With room on the page (fillfactor 10: a handful of accounts per
--    8 kB page, a few hundred kB in all) updates stay HOT and pages are pruned in place.
--    Applies to rows written from now on; existing rows move to roomier pages as they update
--    (or at once with VACUUM FULL ledger_accounts, which cannot run inside a migration).
ALTER TABLE ledger_accounts SET (fillfactor = 10);

-- 2. One entry per account per transfer (from now on). An entry used to be one account's side
--    of one leg, so a three-leg reward from a funding account into a buurtpot wrote six entries;
--    now it writes two: the account's net change over the transfer's legs, with its balance
--    before and after and the account's next version. The legs still say who earned what
--    (attribution lives on the legs, as before), and the limit is still checked after every leg
--    (ledger_post_transfer computes the running balances before it writes anything).
--    Entries written before this migration keep their meaning (one leg each, covers_transfer
--    false); entries from now on have covers_transfer true and leg_no = the first leg of the
--    transfer that touches the account (so the foreign key to ledger_legs still holds). The
--    read side (queries.ts, check-ledger.ts) understands both. Per account, still:
--    balance = sum(entries.amount), version = count(entries), unbroken balance chain; per
--    transfer and account: sum(entries.amount) = the net of its legs on that account.
--    Every account a transfer touches still gets its entry, even when its legs cancel out
--    (then the entry's amount is 0: the account took part, its version moves on, its balance
--    does not), so "an account's transfers" stays "its entries".
--    A constant default is metadata only: no rewrite of the existing rows; the new CHECK holds
--    for them (their amounts are never 0).
ALTER TABLE ledger_entries ADD COLUMN covers_transfer boolean NOT NULL DEFAULT false;
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_arithmetic;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_arithmetic CHECK (
	version >= 1 AND (amount <> 0 OR covers_transfer) AND balance_after = balance_before + amount);

-- Same signature, same verdict; steps as in 0020, except that `netted` sums each account's
-- leg sides into its one entry (and the balance update) while `planned` keeps every step for
-- the limit check.
CREATE OR REPLACE FUNCTION ledger_post_transfer(
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
			a.balance AS start_balance, a.version AS start_version,
			a.balance + SUM(m.amount) OVER running AS balance_after
		FROM (
			SELECT l."legNo" AS leg_no, l."legNo" * 2 AS step, l."debitAccountId" AS account_id, -l.amount AS amount FROM legs l
			UNION ALL
			SELECT l."legNo", l."legNo" * 2 + 1, l."creditAccountId", l.amount FROM legs l
		) m
		JOIN locked a ON a.id = m.account_id
		WINDOW running AS (PARTITION BY m.account_id ORDER BY m.step ROWS UNBOUNDED PRECEDING)
	), netted AS MATERIALIZED (
		SELECT account_id, MIN(leg_no) AS leg_no, SUM(amount)::bigint AS amount,
			start_balance AS balance_before, (start_balance + SUM(amount))::bigint AS balance_after,
			start_version + 1 AS version
		FROM planned
		GROUP BY account_id, start_balance, start_version
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
		INSERT INTO ledger_entries (account_id, version, transfer_seq, leg_no, amount, balance_before, balance_after, covers_transfer)
		SELECT n.account_id, n.version, c.seq, n.leg_no, n.amount, n.balance_before, n.balance_after, true
		FROM claimed c, netted n
	), written_balances AS (
		UPDATE ledger_accounts a SET balance = n.balance_after, version = n.version
		FROM claimed c, netted n
		WHERE a.id = ANY(p_accounts) AND a.id = n.account_id
	-- The audit row names the transfer and its total; the legs themselves are in the append-only
	-- ledger_legs table, so copying them here would only double the write-ahead log per reward.
	), audited AS (
		INSERT INTO audit_log (at, actor_id, action, subject, details)
		SELECT p_at, p_actor, CASE WHEN p_reverses IS NULL THEN 'ledger.transfer' ELSE 'ledger.reversal' END,
			'ledger_transfer:' || p_id,
			jsonb_build_object('transferId', p_id, 'ledger', c.ledger, 'code', p_code, 'note', p_note,
				'reversesId', p_reverses, 'reason', p_reason, 'total', (SELECT SUM(amount) FROM legs), 'legCount', jsonb_array_length(p_legs))
		FROM claimed c
	)
	SELECT json_build_object(
		'lockedIds', c.locked_ids, 'ledgers', c.ledgers, 'earlierFingerprint', c.earlier_fingerprint,
		'breach', c.breach, 'unknownPeople', c.unknown_people, 'unknownActor', c.unknown_actor,
		'seq', (SELECT seq FROM claimed),
		'entries', (SELECT COALESCE(json_agg(json_build_object('accountId', account_id, 'version', version,
			'legNo', leg_no, 'amount', amount, 'balanceBefore', balance_before, 'balanceAfter', balance_after)
			ORDER BY leg_no, amount), '[]') FROM netted))
	INTO verdict
	FROM checked c;
	RETURN verdict;
END $$;
