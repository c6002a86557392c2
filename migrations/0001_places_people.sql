-- Places: corporation → gemeente → wijk → buurt → complex → unit. CBS codes carry their year.
CREATE TABLE corporations (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	allow_owner_occupiers boolean NOT NULL DEFAULT false,
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE gemeenten (
	code text PRIMARY KEY CHECK (code ~ '^GM[0-9]{4}$'),
	name text NOT NULL
);

CREATE TABLE wijken (
	code text PRIMARY KEY CHECK (code ~ '^WK[0-9]{6}$'),
	gemeente_code text NOT NULL REFERENCES gemeenten(code),
	name text NOT NULL
);
CREATE INDEX wijken_gemeente ON wijken (gemeente_code);

CREATE TABLE buurten (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	code text NOT NULL CHECK (code ~ '^BU[0-9A-Z]{8}$'),
	cbs_year integer NOT NULL CHECK (cbs_year BETWEEN 2000 AND 2100),
	wijk_code text NOT NULL REFERENCES wijken(code),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	name text NOT NULL,
	UNIQUE (code, cbs_year, corporation_id)
);
CREATE INDEX buurten_corporation ON buurten (corporation_id);

CREATE TABLE complexes (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	code text NOT NULL,
	name text NOT NULL,
	UNIQUE (corporation_id, code)
);
CREATE INDEX complexes_buurt ON complexes (buurt_id);

CREATE TABLE units (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	complex_id uuid NOT NULL REFERENCES complexes(id),
	-- VERA: eenheidnummer, the corporation's own id of the rentable unit
	eenheid text NOT NULL,
	street text NOT NULL,
	house_number integer NOT NULL CHECK (house_number > 0),
	addition text NOT NULL DEFAULT '',
	postcode text NOT NULL CHECK (postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'),
	place text NOT NULL,
	bag_vbo_id text CHECK (bag_vbo_id ~ '^[0-9]{16}$'),
	bag_pand_id text CHECK (bag_pand_id ~ '^[0-9]{16}$'),
	UNIQUE (complex_id, eenheid),
	UNIQUE (postcode, house_number, addition)
);
CREATE INDEX units_complex ON units (complex_id);

-- People.
CREATE TABLE accounts (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	email text NOT NULL,
	name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	password_hash text,
	locale text NOT NULL DEFAULT 'nl',
	created_at timestamptz NOT NULL DEFAULT now(),
	disabled_at timestamptz
);
CREATE UNIQUE INDEX accounts_email ON accounts (lower(email));

-- A member belongs to one or more units: a tenancy, or ownership where the corporation allows it.
CREATE TABLE memberships (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	account_id uuid NOT NULL REFERENCES accounts(id),
	unit_id uuid NOT NULL REFERENCES units(id),
	kind text NOT NULL CHECK (kind IN ('tenant', 'owner')),
	starts_on date NOT NULL DEFAULT current_date,
	ends_on date,
	UNIQUE (account_id, unit_id)
);
CREATE INDEX memberships_unit ON memberships (unit_id);

-- Tenancies as the corporation knows them (imported); sign-up codes attach an account to one.
CREATE TABLE tenancies (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	unit_id uuid NOT NULL REFERENCES units(id),
	contract text NOT NULL,
	starts_on date NOT NULL,
	ends_on date,
	UNIQUE (unit_id, contract)
);

CREATE TABLE supervisor_terms (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	account_id uuid NOT NULL REFERENCES accounts(id),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	starts_on date NOT NULL,
	ends_on date NOT NULL,
	ended_early_on date,
	CHECK (ends_on > starts_on)
);
CREATE INDEX supervisor_terms_buurt ON supervisor_terms (buurt_id, ends_on);
CREATE INDEX supervisor_terms_account ON supervisor_terms (account_id);

CREATE TABLE ambassadors (
	account_id uuid NOT NULL REFERENCES accounts(id),
	buurt_id uuid NOT NULL REFERENCES buurten(id),
	PRIMARY KEY (account_id, buurt_id)
);

CREATE TABLE staff_roles (
	account_id uuid NOT NULL REFERENCES accounts(id),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	role text NOT NULL CHECK (role IN ('wijkconsulent', 'huismeester', 'admin')),
	PRIMARY KEY (account_id, corporation_id, role)
);

CREATE TABLE organisations (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	kind text NOT NULL CHECK (kind IN ('care', 'municipality', 'supplier', 'tenants_association')),
	name text NOT NULL
);

CREATE TABLE partner_staff (
	account_id uuid NOT NULL REFERENCES accounts(id),
	organisation_id uuid NOT NULL REFERENCES organisations(id),
	PRIMARY KEY (account_id, organisation_id)
);

-- Auth.
CREATE TABLE sessions (
	token_hash text PRIMARY KEY,
	account_id uuid NOT NULL REFERENCES accounts(id),
	created_at timestamptz NOT NULL,
	expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- One-time tokens: e-mailed login links, password resets, invitations. Only hashes are stored.
CREATE TABLE one_time_tokens (
	token_hash text PRIMARY KEY,
	purpose text NOT NULL CHECK (purpose IN ('login', 'reset', 'invite')),
	account_id uuid NOT NULL REFERENCES accounts(id),
	expires_at timestamptz NOT NULL,
	used_at timestamptz
);

-- Per-unit letter codes for sign-up. Only hashes are stored; the letter is the only copy.
CREATE TABLE signup_codes (
	code_hash text PRIMARY KEY,
	unit_id uuid NOT NULL REFERENCES units(id),
	created_at timestamptz NOT NULL,
	expires_at timestamptz NOT NULL,
	used_at timestamptz,
	used_by uuid REFERENCES accounts(id),
	revoked_at timestamptz
);
CREATE INDEX signup_codes_unit ON signup_codes (unit_id);

CREATE TABLE rate_limits (
	key text NOT NULL,
	window_start timestamptz NOT NULL,
	hits integer NOT NULL,
	PRIMARY KEY (key, window_start)
);

-- Append-only audit trail: sign-ins, role changes, imports, sensitive reads, money.
CREATE TABLE audit_log (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at timestamptz NOT NULL,
	actor_id uuid,
	action text NOT NULL,
	subject text,
	details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
CREATE INDEX audit_log_action ON audit_log (action, at);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Mail outbox: where mail goes when no SMTP server is configured (development only).
CREATE TABLE mail_outbox (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	created_at timestamptz NOT NULL DEFAULT now(),
	to_address text NOT NULL,
	subject text NOT NULL,
	body text NOT NULL
);
