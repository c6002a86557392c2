-- Who sees what (issue 8): approved supervisor terms, staff reads of zorg text with a reason,
-- membership invitations the person accepts, partner organisations linked to buurten, and an
-- audit log that knows whose corporation a row belongs to.

-- A supervisor term counts only once staff approved it. Terms staff appointed were approved by
-- them; a term a member gave themself waits for approval.
ALTER TABLE supervisor_terms ADD COLUMN approved_at timestamptz;
ALTER TABLE supervisor_terms ADD COLUMN approved_by uuid REFERENCES accounts(id);
UPDATE supervisor_terms SET approved_at = starts_on::timestamptz, approved_by = appointed_by
	WHERE appointed_by IS NOT NULL AND appointed_by <> account_id;

-- Staff read the free text of a zorg request only with a reason; the asker sees each read.
CREATE TABLE help_zorg_reads (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	request_id uuid NOT NULL REFERENCES help_requests(id),
	reader_id uuid NOT NULL REFERENCES accounts(id),
	reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
	at timestamptz NOT NULL
);
CREATE INDEX help_zorg_reads_request ON help_zorg_reads (request_id, reader_id);
CREATE TRIGGER help_zorg_reads_append_only BEFORE UPDATE OR DELETE ON help_zorg_reads
	FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Staff invite an existing account to a unit; the membership starts when the person accepts.
CREATE TABLE membership_invitations (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	account_id uuid NOT NULL REFERENCES accounts(id),
	unit_id uuid NOT NULL REFERENCES units(id),
	kind text NOT NULL CHECK (kind IN ('tenant', 'owner')),
	invited_by uuid NOT NULL REFERENCES accounts(id),
	invited_at timestamptz NOT NULL,
	answered_at timestamptz,
	accepted boolean
);
CREATE UNIQUE INDEX membership_invitations_open ON membership_invitations (account_id, unit_id) WHERE answered_at IS NULL;

-- The buurten a partner organisation serves: its staff see those buurten only.
CREATE TABLE organisation_buurten (
	organisation_id uuid NOT NULL REFERENCES organisations(id),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	PRIMARY KEY (organisation_id, buurt_id)
);

-- The corporation an audit row belongs to, so each corporation's admins read only their own.
ALTER TABLE audit_log ADD COLUMN corporation_id uuid REFERENCES corporations(id);
CREATE INDEX audit_log_corporation ON audit_log (corporation_id, id);

-- The subject names the corporation, or else the actor's role does (staff, then partner, then member).
CREATE FUNCTION audit_corporation_of(actor uuid, subject text) RETURNS uuid LANGUAGE sql STABLE AS $$
	SELECT COALESCE(
		CASE WHEN subject ~ '^corporation:[0-9a-f-]{36}$' THEN substr(subject, 13)::uuid END,
		(SELECT min(corporation_id::text)::uuid FROM staff_roles WHERE account_id = actor),
		(SELECT min(o.corporation_id::text)::uuid FROM partner_staff p JOIN organisations o ON o.id = p.organisation_id WHERE p.account_id = actor),
		(SELECT min(c.corporation_id::text)::uuid FROM memberships m JOIN units u ON u.id = m.unit_id
			JOIN complexes c ON c.id = u.complex_id WHERE m.account_id = actor)
	)
$$;

ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
UPDATE audit_log SET corporation_id = audit_corporation_of(actor_id, subject);
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
