-- AVG self-service (issue 15, module privacy): consent records, per-corporation retention
-- periods and move-out grace, and the narrow doors through which erasure and retention may
-- change rows that are otherwise append-only. See docs/ARCHITECTURE.md, "Privacy".

-- An erased account keeps its row (ledger legs, rewards and histories point at it by id) with
-- nothing personal left in it; this says when that happened.
ALTER TABLE accounts ADD COLUMN anonymised_at timestamptz;

-- Every consent a person gave: what (kind, and optionally what exactly: a request id, a client
-- label), when, how (a form, the API, on paper recorded by staff, on behalf of someone) and by
-- whom it was recorded; withdrawing keeps the row and sets when and how. Kinds are a vocabulary
-- in code (privacy/model.ts) so modules that land later add theirs without a migration.
CREATE TABLE consent_records (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	account_id uuid NOT NULL REFERENCES accounts(id),
	kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{1,59}$'),
	scope text CHECK (length(scope) BETWEEN 1 AND 200),
	given_at timestamptz NOT NULL,
	given_how text NOT NULL CHECK (given_how IN ('web', 'api', 'paper', 'staff', 'on_behalf')),
	given_by uuid REFERENCES accounts(id),
	withdrawn_at timestamptz,
	withdrawn_how text CHECK (withdrawn_how IN ('web', 'api', 'paper', 'staff', 'on_behalf', 'erasure')),
	CHECK ((withdrawn_at IS NULL) = (withdrawn_how IS NULL)),
	CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at)
);
CREATE INDEX consent_records_account ON consent_records (account_id, given_at);
-- At most one live consent per person, kind and scope.
CREATE UNIQUE INDEX consent_records_live ON consent_records (account_id, kind, COALESCE(scope, '')) WHERE withdrawn_at IS NULL;

-- Per corporation: days after the last membership ended before a moved-out member is anonymised.
CREATE TABLE privacy_settings (
	corporation_id uuid PRIMARY KEY REFERENCES corporations(id),
	move_out_grace_days integer NOT NULL DEFAULT 30 CHECK (move_out_grace_days BETWEEN 0 AND 365),
	updated_at timestamptz NOT NULL,
	updated_by uuid REFERENCES accounts(id)
);

-- Per corporation and data kind: how many days data of that kind is kept (no row: the kind's
-- default from its module's definition). Kinds are the retention table's (privacy registry).
CREATE TABLE privacy_retention_periods (
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{1,59}$'),
	days integer NOT NULL CHECK (days BETWEEN 0 AND 3650),
	updated_at timestamptz NOT NULL,
	updated_by uuid REFERENCES accounts(id),
	PRIMARY KEY (corporation_id, kind)
);

-- The period of one kind for one corporation, or the default (NULL corporation: the default).
CREATE FUNCTION privacy_period_days(p_corporation uuid, p_kind text, p_default integer) RETURNS integer LANGUAGE sql STABLE AS $$
	SELECT COALESCE((SELECT days FROM privacy_retention_periods WHERE corporation_id = p_corporation AND kind = p_kind), p_default)
$$;

-- Append-only tables that hold a person's words or details. They stay append-only for everyone,
-- except inside a transaction that set `noaber.privacy_erasure` (SET LOCAL, through
-- set_config(…, true): the erasure and retention use cases only): then rows may be rewritten
-- (never deleted), and the audit log's old rows may be deleted when `noaber.privacy_retention` is
-- set. The ledger's own tables keep refuse_change(): money history is never rewritten.
CREATE FUNCTION refuse_change_except_privacy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND current_setting('noaber.privacy_erasure', true) = 'on' THEN RETURN NEW; END IF;
	IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_log' AND current_setting('noaber.privacy_retention', true) = 'on' THEN RETURN OLD; END IF;
	RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;

DROP TRIGGER audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION refuse_change_except_privacy();
DROP TRIGGER help_history_append_only ON help_history;
CREATE TRIGGER help_history_append_only BEFORE UPDATE OR DELETE ON help_history
	FOR EACH ROW EXECUTE FUNCTION refuse_change_except_privacy();
DROP TRIGGER help_messages_append_only ON help_messages;
CREATE TRIGGER help_messages_append_only BEFORE UPDATE OR DELETE ON help_messages
	FOR EACH ROW EXECUTE FUNCTION refuse_change_except_privacy();
DROP TRIGGER buurtpot_proposal_history_append_only ON buurtpot_proposal_history;
CREATE TRIGGER buurtpot_proposal_history_append_only BEFORE UPDATE OR DELETE ON buurtpot_proposal_history
	FOR EACH ROW EXECUTE FUNCTION refuse_change_except_privacy();

-- Replaces, anywhere in a JSON document, every string that contains one of the needles
-- (case-insensitive) by the replacement: audit details, notification params and history details
-- carry names, e-mail addresses and texts in different shapes, and this reaches them all.
CREATE FUNCTION privacy_scrub_jsonb(doc jsonb, needles text[], replacement text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	n text;
BEGIN
	CASE jsonb_typeof(doc)
	WHEN 'string' THEN
		FOREACH n IN ARRAY needles LOOP
			IF n <> '' AND position(lower(n) IN lower(doc #>> '{}')) > 0 THEN RETURN to_jsonb(replacement); END IF;
		END LOOP;
		RETURN doc;
	WHEN 'object' THEN
		RETURN COALESCE((SELECT jsonb_object_agg(key, privacy_scrub_jsonb(value, needles, replacement)) FROM jsonb_each(doc)), '{}'::jsonb);
	WHEN 'array' THEN
		RETURN COALESCE((SELECT jsonb_agg(privacy_scrub_jsonb(value, needles, replacement) ORDER BY i) FROM jsonb_array_elements(doc) WITH ORDINALITY AS e(value, i)), '[]'::jsonb);
	ELSE
		RETURN doc;
	END CASE;
END $$;

-- The move-out job looks for accounts whose memberships all ended.
CREATE INDEX memberships_ended ON memberships (account_id, ends_on) WHERE ends_on IS NOT NULL;
