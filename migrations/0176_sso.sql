-- Staff single sign-on (module sso): a corporation that keeps its staff accounts in an
-- OpenID Connect provider (Microsoft Entra ID, Keycloak, …) lets them sign in there. Members
-- never do: a member's account is theirs, not the corporation's.

CREATE TABLE sso_providers (
	corporation_id uuid PRIMARY KEY REFERENCES corporations(id),
	issuer text NOT NULL CHECK (length(issuer) BETWEEN 8 AND 500),
	client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 200),
	-- Needed in the clear to call the provider's token endpoint; never shown again after saving.
	client_secret text NOT NULL CHECK (length(client_secret) BETWEEN 1 AND 500),
	-- The ID-token claim that lists the person's groups, and which group gives which staff role.
	groups_claim text NOT NULL DEFAULT 'groups' CHECK (groups_claim ~ '^[A-Za-z0-9_:./-]{1,100}$'),
	role_map jsonb NOT NULL,
	updated_by uuid REFERENCES accounts(id),
	updated_at timestamptz NOT NULL
);

-- A sign-in on its way to the provider: the state (only its hash), the PKCE verifier and the
-- nonce, for ten minutes. Taken once by the callback.
CREATE TABLE sso_logins (
	state_hash text PRIMARY KEY CHECK (state_hash ~ '^[0-9a-f]{64}$'),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	code_verifier text NOT NULL,
	nonce text NOT NULL,
	next text NOT NULL,
	expires_at timestamptz NOT NULL
);
CREATE INDEX sso_logins_expires ON sso_logins (expires_at);

-- Who the provider says someone is (issuer + subject), tied to one Noaber account: an e-mail
-- address can change at the provider, the subject does not.
CREATE TABLE sso_identities (
	issuer text NOT NULL,
	subject text NOT NULL,
	account_id uuid NOT NULL REFERENCES accounts(id),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	last_login_at timestamptz NOT NULL,
	PRIMARY KEY (issuer, subject)
);
CREATE INDEX sso_identities_account ON sso_identities (account_id);
