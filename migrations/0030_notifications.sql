-- Notifications: an in-app inbox, and e-mail sent later by jobs (instant or as a daily digest).
-- notify() writes items and deliveries inside the caller's business transaction and never sends
-- mail itself: a rolled-back transaction leaves nothing and mails nobody.

-- One inbox item per recipient per event. The text is not stored: it is rendered from the type
-- and params in the reader's language, so switching language also changes old messages.
CREATE TABLE notification_items (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	account_id uuid NOT NULL REFERENCES accounts(id),
	type text NOT NULL CHECK (type IN ('help.to_check', 'help.published', 'help.taken', 'help.done', 'help.confirmed',
		'help.returned', 'help.redirected', 'help.waiting', 'help.pending_reward')),
	subject_kind text NOT NULL CHECK (subject_kind IN ('help_request')),
	-- No foreign key: subjects live in other modules' tables (and the help module may come later).
	subject_id text NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 100),
	params jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
	created_at timestamptz NOT NULL,
	read_at timestamptz
);
-- The inbox, newest first, paged by (created_at, id).
CREATE INDEX notification_items_inbox ON notification_items (account_id, created_at DESC, id DESC);
-- The unread count in the menu (one query per page view): only unread rows are indexed.
CREATE INDEX notification_items_unread ON notification_items (account_id) WHERE read_at IS NULL;

-- One e-mail delivery per item that the recipient wants mailed. 'pending' until a job sends it;
-- a failed send stays pending with a later next_attempt_at, until max attempts ('failed').
-- claimed_until is a short lease: a worker that dies mid-send releases its rows by timing out,
-- and two workers never pick the same row.
CREATE TABLE notification_deliveries (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	item_id uuid NOT NULL REFERENCES notification_items(id),
	-- Copied from the item, so digests can be gathered per person from this table alone.
	account_id uuid NOT NULL REFERENCES accounts(id),
	channel text NOT NULL CHECK (channel IN ('email')),
	mode text NOT NULL CHECK (mode IN ('instant', 'digest')),
	status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
	attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
	created_at timestamptz NOT NULL,
	next_attempt_at timestamptz NOT NULL,
	claimed_until timestamptz,
	sent_at timestamptz,
	last_error text,
	UNIQUE (item_id, channel),
	CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
-- What the instant job looks for every minute, oldest first.
CREATE INDEX notification_deliveries_instant ON notification_deliveries (id) WHERE status = 'pending' AND mode = 'instant';
-- What the digest job gathers per person, and what a preference change re-routes.
CREATE INDEX notification_deliveries_digest ON notification_deliveries (account_id, mode) WHERE status = 'pending';

-- A person's choice per type. No row: the default from the code (types.ts).
CREATE TABLE notification_preferences (
	account_id uuid NOT NULL REFERENCES accounts(id),
	type text NOT NULL CHECK (type IN ('help.to_check', 'help.published', 'help.taken', 'help.done', 'help.confirmed',
		'help.returned', 'help.redirected', 'help.waiting', 'help.pending_reward')),
	mode text NOT NULL CHECK (mode IN ('instant', 'digest', 'off')),
	updated_at timestamptz NOT NULL,
	PRIMARY KEY (account_id, type)
);
