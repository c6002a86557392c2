-- The outcome of every run of the ledger check (checkLedger, ledger/jobs.ts): hourly and once
-- after every start. Admins' home page shows the latest (getLatestLedgerCheck); a failed check
-- also writes an audit row ('ledger.check_failed') and logs at error level.
-- mismatches: the LedgerMismatch objects the check found ([] when ok; at most 100 per kind).
CREATE TABLE ledger_checks (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	checked_at timestamptz NOT NULL,
	ok boolean NOT NULL,
	mismatches jsonb NOT NULL DEFAULT '[]',
	CONSTRAINT ledger_checks_outcome CHECK (jsonb_typeof(mismatches) = 'array' AND ok = (mismatches = '[]'::jsonb))
);
-- The latest check, and the checks of a period.
CREATE INDEX ledger_checks_checked_at ON ledger_checks (checked_at);
