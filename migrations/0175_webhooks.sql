-- Webhooks (module webhooks): a corporation's own systems (ERP, CRM) hear what happens in
-- Noaber. Endpoints per corporation; an event is written in the transaction of the change it
-- describes (an outbox), with one delivery row per subscribed endpoint; pg-boss jobs deliver
-- them, signed, and retry with backoff. Payloads carry ids and states, never names or texts:
-- the receiver fetches details through the API it is entitled to (least data).

CREATE TABLE webhook_endpoints (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	url text NOT NULL CHECK (length(url) BETWEEN 8 AND 500),
	description text NOT NULL DEFAULT '' CHECK (length(description) <= 200),
	event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
	-- The signing secret: the receiver holds a copy, so it cannot be a hash. Shown once to staff.
	secret text NOT NULL CHECK (secret ~ '^whsec_[0-9a-f]{64}$'),
	created_by uuid REFERENCES accounts(id),
	created_at timestamptz NOT NULL,
	disabled_at timestamptz,
	disabled_by uuid REFERENCES accounts(id)
);
CREATE INDEX webhook_endpoints_corporation ON webhook_endpoints (corporation_id, created_at DESC);

CREATE TABLE webhook_events (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	type text NOT NULL,
	occurred_at timestamptz NOT NULL,
	data jsonb NOT NULL
);

CREATE TABLE webhook_deliveries (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
	event_id uuid NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
	-- pending: waiting for the dispatcher; queued: a pg-boss job holds it; delivered; failed: gave up.
	status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'queued', 'delivered', 'failed')),
	attempts integer NOT NULL DEFAULT 0,
	last_attempt_at timestamptz,
	last_status integer,
	last_error text CHECK (length(last_error) <= 300),
	delivered_at timestamptz,
	-- When the dispatcher handed it to pg-boss; a queued row far older than the retries take is handed again.
	queued_at timestamptz,
	created_at timestamptz NOT NULL,
	UNIQUE (endpoint_id, event_id)
);
-- The dispatcher's scan, and an endpoint's page (newest first).
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (created_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
-- Retention: delivered events older than the retention period are pruned by a job.
CREATE INDEX webhook_events_occurred ON webhook_events (occurred_at);
