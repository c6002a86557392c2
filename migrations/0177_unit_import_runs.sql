-- Every import of units and tenancies (full file or nightly changes from the corporation's ERP),
-- with its report. An incremental file is taken once: a nightly job that sends the same file
-- again gets "already imported", not doubled changes.
CREATE TABLE unit_import_runs (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	mode text NOT NULL CHECK (mode IN ('full', 'incremental')),
	file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
	file_name text CHECK (length(file_name) <= 255),
	imported_by uuid REFERENCES accounts(id),
	imported_at timestamptz NOT NULL,
	report jsonb NOT NULL
);
CREATE UNIQUE INDEX unit_import_runs_incremental_once ON unit_import_runs (corporation_id, file_sha256) WHERE mode = 'incremental';
CREATE INDEX unit_import_runs_corporation ON unit_import_runs (corporation_id, imported_at DESC);
