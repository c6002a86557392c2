-- Pot (module pot, with proposals' payments): staff can reverse a payout that was booked wrongly.
--
-- Payments stay append-only. A reversed payout gets a second row that points at it, with the
-- negative amount and the reversal's ledger transfer: every sum over buurtpot_payments (what a
-- proposal has been paid, what it still needs, what a round may promise) is then right without
-- knowing about reversals, and the proposal page shows the correction with its reason.
-- A payment is reversed at most once (the unique key), and only a payment can be reversed.
-- (Payment ids and transfer ids are now made from the request's idempotency key; transfer_id
-- was already unique, so a retry can never add a second row for the same payout.)

ALTER TABLE buurtpot_payments ADD COLUMN reverses_payment_id uuid UNIQUE REFERENCES buurtpot_payments(id);

ALTER TABLE buurtpot_payments DROP CONSTRAINT buurtpot_payments_amount_cents_check;
ALTER TABLE buurtpot_payments ADD CONSTRAINT buurtpot_payments_amount_sign CHECK (
	(reverses_payment_id IS NULL AND amount_cents > 0) OR (reverses_payment_id IS NOT NULL AND amount_cents < 0)
);

-- A reversal takes back exactly its payment, in the same proposal and buurt.
CREATE FUNCTION buurtpot_payment_reversal_matches() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.reverses_payment_id IS NOT NULL AND NOT EXISTS (
		SELECT 1 FROM buurtpot_payments p
		WHERE p.id = NEW.reverses_payment_id AND p.reverses_payment_id IS NULL
			AND p.proposal_id = NEW.proposal_id AND p.buurt_id = NEW.buurt_id AND p.amount_cents = -NEW.amount_cents
	) THEN
		RAISE EXCEPTION 'a payment reversal must take back exactly one payment of the same proposal';
	END IF;
	RETURN NEW;
END $$;

CREATE TRIGGER buurtpot_payment_reversal_matches BEFORE INSERT ON buurtpot_payments
	FOR EACH ROW EXECUTE FUNCTION buurtpot_payment_reversal_matches();
