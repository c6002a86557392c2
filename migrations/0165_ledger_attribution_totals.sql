-- What members earned per buurtpot, kept up to date (issue 14: the pot page summed every
-- attributed leg of the buurtpot on each view — 400 ms for a buurtpot with 100,000 movements).
-- One row per (account, person): the attributed amount into the account minus the attributed
-- amount out of it, and the number of transfers. Legs are append-only (0020), so an AFTER INSERT
-- trigger keeps this exact; ledger_attribution_rebuild() recomputes it from the legs (this
-- migration, and bulk loads that insert legs with triggers off: scripts/seed-large.ts).
CREATE TABLE ledger_attribution_totals (
	account_id uuid NOT NULL REFERENCES ledger_accounts(id),
	person_id uuid NOT NULL,
	total bigint NOT NULL,
	transfers integer NOT NULL CHECK (transfers >= 0),
	PRIMARY KEY (account_id, person_id)
);

CREATE FUNCTION ledger_attribution_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.attributed_to IS NULL THEN
		RETURN NULL;
	END IF;
	-- Both sides: money in counts for the credit account, money out against the debit account.
	INSERT INTO ledger_attribution_totals AS t (account_id, person_id, total, transfers)
	SELECT side.account_id, NEW.attributed_to, side.amount,
		-- A transfer counts once per person and account, however many of its legs name them.
		CASE WHEN EXISTS (SELECT 1 FROM ledger_legs o WHERE o.transfer_seq = NEW.transfer_seq AND o.leg_no <> NEW.leg_no
			AND o.attributed_to = NEW.attributed_to AND side.account_id IN (o.debit_account_id, o.credit_account_id)
			AND o.leg_no < NEW.leg_no) THEN 0 ELSE 1 END
	FROM (VALUES (NEW.credit_account_id, NEW.amount), (NEW.debit_account_id, -NEW.amount)) AS side(account_id, amount)
	ON CONFLICT (account_id, person_id) DO UPDATE SET total = t.total + EXCLUDED.total, transfers = t.transfers + EXCLUDED.transfers;
	RETURN NULL;
END $$;
CREATE TRIGGER ledger_legs_attribution AFTER INSERT ON ledger_legs FOR EACH ROW EXECUTE FUNCTION ledger_attribution_add();

CREATE FUNCTION ledger_attribution_rebuild() RETURNS void LANGUAGE sql AS $$
	DELETE FROM ledger_attribution_totals;
	INSERT INTO ledger_attribution_totals (account_id, person_id, total, transfers)
	SELECT account_id, attributed_to, SUM(amount)::bigint, count(DISTINCT transfer_seq)::int FROM (
		SELECT credit_account_id AS account_id, attributed_to, amount, transfer_seq FROM ledger_legs WHERE attributed_to IS NOT NULL
		UNION ALL
		SELECT debit_account_id, attributed_to, -amount, transfer_seq FROM ledger_legs WHERE attributed_to IS NOT NULL
	) s GROUP BY account_id, attributed_to;
$$;
SELECT ledger_attribution_rebuild();
