-- Open311 GeoReport v2 (module open311): API keys per partner organisation, and what the
-- reports table needs to take reports from a partner's own system.

-- One active key per partner organisation. Only the SHA-256 of the key is stored (the key is
-- 256 random bits, shown once when it is issued), so a copy of the database opens nothing.
-- The key acts as its contact: a partner staff member of the organisation, so every step taken
-- over Open311 is recorded as that person in the role 'partner'; a contact who leaves the
-- organisation (or is disabled) takes the key's power with them.
CREATE TABLE open311_keys (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	organisation_id uuid NOT NULL REFERENCES organisations(id),
	contact_id uuid NOT NULL REFERENCES accounts(id),
	label text NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
	key_hash text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
	-- The first characters, so staff can tell keys apart without the secret.
	key_prefix text NOT NULL CHECK (length(key_prefix) BETWEEN 4 AND 16),
	created_by uuid REFERENCES accounts(id),
	created_at timestamptz NOT NULL,
	revoked_at timestamptz,
	revoked_by uuid REFERENCES accounts(id),
	CHECK (revoked_by IS NULL OR revoked_at IS NOT NULL)
);
CREATE UNIQUE INDEX open311_keys_active ON open311_keys (organisation_id) WHERE revoked_at IS NULL;
CREATE INDEX open311_keys_corporation ON open311_keys (corporation_id, created_at DESC);

-- A report can come from a partner's system over Open311 (no reporter account: least data),
-- and may then name its place as an address in words only, in a buurt the partner serves (an
-- Open311 client may send address_string without lat/long), as a redirected help request may.
ALTER TABLE reports DROP CONSTRAINT reports_source_check;
ALTER TABLE reports ADD CONSTRAINT reports_source_check CHECK (source IN ('app', 'help', 'open311'));
ALTER TABLE reports DROP CONSTRAINT reports_location;
ALTER TABLE reports ADD CONSTRAINT reports_location CHECK (
	(location_kind = 'home' AND complex_id IS NOT NULL AND (unit_id IS NOT NULL OR anonymised_at IS NOT NULL))
	OR (location_kind = 'complex' AND complex_id IS NOT NULL AND unit_id IS NULL)
	OR (location_kind = 'address' AND lat IS NOT NULL AND lon IS NOT NULL AND address_label IS NOT NULL AND unit_id IS NULL)
	OR (location_kind = 'pin' AND lat IS NOT NULL AND lon IS NOT NULL AND unit_id IS NULL)
	OR (location_kind = 'buurt' AND unit_id IS NULL AND source IN ('help', 'open311')));

-- GET requests: the newest reports of one corporation in a date window (at most 90 days, at
-- most 1,000 rows); the other filters (service_code, status) are applied on this range.
CREATE INDEX reports_open311_window ON reports (corporation_id, created_at DESC, id);
