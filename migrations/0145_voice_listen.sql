-- Stem van de buurt, the listening part (issue 11): wijkgesprekken with the resident's consent,
-- quotes tagged with the corporation's themes, personas with their evidence, and advice requests
-- to the tenants' association (Overlegwet) with the corporation's reasoned reply
-- (docs/ARCHITECTURE.md, "Voice: conversations, personas, advice").

-- The corporation's own theme list (staff manage it); archived themes stay on old quotes.
CREATE TABLE voice_themes (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
	created_at timestamptz NOT NULL,
	archived_at timestamptz
);
CREATE UNIQUE INDEX voice_themes_name ON voice_themes (corporation_id, lower(name));

-- A conversation with a resident. The area is a wijk, a buurt or a complex (the wijk is always
-- kept, the buurt for a buurt or complex). No name unless the resident agreed, and then only a
-- first name; no notes unless they agreed to notes being kept.
CREATE TABLE voice_conversations (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	held_on date NOT NULL,
	area_kind text NOT NULL CHECK (area_kind IN ('wijk', 'buurt', 'complex')),
	wijk_code text NOT NULL REFERENCES wijken(code),
	buurt_id uuid REFERENCES buurten(id),
	complex_id uuid REFERENCES complexes(id),
	format text NOT NULL CHECK (format IN ('door_to_door', 'kitchen_table', 'group', 'phone')),
	consent_notes boolean NOT NULL,
	consent_quotes boolean NOT NULL,
	consent_name boolean NOT NULL,
	resident_first_name text CHECK (length(resident_first_name) BETWEEN 1 AND 40 AND resident_first_name !~ '\s'),
	notes text CHECK (length(notes) BETWEEN 1 AND 8000),
	recorded_by uuid NOT NULL REFERENCES accounts(id),
	created_at timestamptz NOT NULL,
	CHECK (resident_first_name IS NULL OR consent_name),
	CHECK (notes IS NULL OR consent_notes),
	CHECK ((area_kind = 'wijk') = (buurt_id IS NULL)),
	CHECK ((area_kind = 'complex') = (complex_id IS NOT NULL)),
	-- Quotes point at (id, consent_quotes = true): a quote without the resident's consent cannot exist.
	UNIQUE (id, consent_quotes)
);
CREATE INDEX voice_conversations_list ON voice_conversations (corporation_id, held_on DESC, created_at DESC);

CREATE TABLE voice_quotes (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	conversation_id uuid NOT NULL,
	quotes_consented boolean NOT NULL DEFAULT true CHECK (quotes_consented),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	body text NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
	created_at timestamptz NOT NULL,
	FOREIGN KEY (conversation_id, quotes_consented) REFERENCES voice_conversations(id, consent_quotes) ON DELETE CASCADE
);
CREATE INDEX voice_quotes_conversation ON voice_quotes (conversation_id, created_at);
CREATE INDEX voice_quotes_corporation ON voice_quotes (corporation_id, created_at DESC);

CREATE TABLE voice_quote_themes (
	quote_id uuid NOT NULL REFERENCES voice_quotes(id) ON DELETE CASCADE,
	theme_id uuid NOT NULL REFERENCES voice_themes(id),
	PRIMARY KEY (quote_id, theme_id)
);
CREATE INDEX voice_quote_themes_theme ON voice_quote_themes (theme_id);

-- Personas: the seed's four are made on first use (seed_key), staff edit them and add others.
CREATE TABLE voice_personas (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	seed_key text CHECK (seed_key IN ('tenant', 'care_provider', 'employee', 'involved_citizen')),
	name_nl text NOT NULL CHECK (length(name_nl) BETWEEN 1 AND 80),
	name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
	about_nl text NOT NULL CHECK (length(about_nl) BETWEEN 1 AND 2000),
	about_en text NOT NULL CHECK (length(about_en) BETWEEN 1 AND 2000),
	needs_nl text NOT NULL CHECK (length(needs_nl) BETWEEN 1 AND 2000),
	needs_en text NOT NULL CHECK (length(needs_en) BETWEEN 1 AND 2000),
	created_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL,
	updated_by uuid REFERENCES accounts(id),
	UNIQUE (corporation_id, seed_key)
);
CREATE INDEX voice_personas_corporation ON voice_personas (corporation_id, created_at);

-- Evidence behind a persona, generic: a kind, a reference and a label. 'quote' points at a
-- conversation's quote (gone with it); 'figure' is a number typed with its source (a survey
-- result until surveys link themselves: later kinds use ref_id); 'platform' names a count the
-- platform computes live (metric).
CREATE TABLE voice_persona_evidence (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	persona_id uuid NOT NULL REFERENCES voice_personas(id) ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind IN ('quote', 'figure', 'platform')),
	quote_id uuid REFERENCES voice_quotes(id) ON DELETE CASCADE,
	metric text CHECK (length(metric) BETWEEN 1 AND 60),
	ref_id uuid,
	label text CHECK (length(label) BETWEEN 1 AND 200),
	value text CHECK (length(value) BETWEEN 1 AND 40),
	source text CHECK (length(source) BETWEEN 1 AND 200),
	note text CHECK (length(note) BETWEEN 1 AND 500),
	added_by uuid NOT NULL REFERENCES accounts(id),
	added_at timestamptz NOT NULL,
	CHECK (kind <> 'quote' OR quote_id IS NOT NULL),
	CHECK (kind <> 'figure' OR (label IS NOT NULL AND value IS NOT NULL AND source IS NOT NULL)),
	CHECK (kind <> 'platform' OR metric IS NOT NULL)
);
CREATE INDEX voice_persona_evidence_persona ON voice_persona_evidence (persona_id, added_at DESC);
CREATE UNIQUE INDEX voice_persona_evidence_quote ON voice_persona_evidence (persona_id, quote_id) WHERE quote_id IS NOT NULL;
CREATE UNIQUE INDEX voice_persona_evidence_metric ON voice_persona_evidence (persona_id, metric) WHERE metric IS NOT NULL;
CREATE INDEX voice_persona_evidence_quote_ref ON voice_persona_evidence (quote_id) WHERE quote_id IS NOT NULL;

-- Advice requests (Overlegwet) to a tenants' association, about an area of the corporation.
CREATE TABLE voice_advice_requests (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	organisation_id uuid NOT NULL REFERENCES organisations(id),
	area_kind text NOT NULL CHECK (area_kind IN ('wijk', 'buurt', 'complex')),
	wijk_code text NOT NULL REFERENCES wijken(code),
	buurt_id uuid REFERENCES buurten(id),
	complex_id uuid REFERENCES complexes(id),
	subject text NOT NULL CHECK (length(subject) BETWEEN 3 AND 160),
	intended_decision text NOT NULL CHECK (length(intended_decision) BETWEEN 10 AND 8000),
	legal_basis text NOT NULL CHECK (legal_basis IN ('information', 'advice', 'consent')),
	deadline_on date NOT NULL,
	sent_by uuid NOT NULL REFERENCES accounts(id),
	sent_at timestamptz NOT NULL,
	-- The association's answer.
	answer_position text CHECK (answer_position IN ('positive', 'conditional', 'negative')),
	answer_advice text CHECK (length(answer_advice) BETWEEN 1 AND 8000),
	answer_reasons text CHECK (length(answer_reasons) BETWEEN 1 AND 8000),
	answered_by uuid REFERENCES accounts(id),
	answered_at timestamptz,
	-- The association agrees that the corporation's reply is shown to the members of the area.
	publish_reply boolean NOT NULL DEFAULT false,
	-- The corporation's reasoned reply.
	reply_due_on date,
	reply_outcome text CHECK (reply_outcome IN ('follows', 'partly', 'not')),
	reply_reasons text CHECK (length(reply_reasons) BETWEEN 1 AND 8000),
	replied_by uuid REFERENCES accounts(id),
	replied_at timestamptz,
	closed_by uuid REFERENCES accounts(id),
	closed_at timestamptz,
	-- Set once by the overdue job (voice.flag_overdue_advice), so each side is told once.
	answer_overdue_at timestamptz,
	reply_overdue_at timestamptz,
	CHECK ((area_kind = 'wijk') = (buurt_id IS NULL)),
	CHECK ((area_kind = 'complex') = (complex_id IS NOT NULL)),
	CHECK ((answered_at IS NULL) = (answer_position IS NULL) AND (answered_at IS NULL) = (answer_advice IS NULL)
		AND (answered_at IS NULL) = (answer_reasons IS NULL) AND (answered_at IS NULL) = (answered_by IS NULL) AND (answered_at IS NULL) = (reply_due_on IS NULL)),
	CHECK ((replied_at IS NULL) = (reply_outcome IS NULL) AND (replied_at IS NULL) = (reply_reasons IS NULL) AND (replied_at IS NULL) = (replied_by IS NULL)),
	-- A reply answers an answer; a request is never closed without the corporation's reply.
	CHECK (replied_at IS NULL OR answered_at IS NOT NULL),
	CHECK (closed_at IS NULL OR replied_at IS NOT NULL),
	CHECK ((closed_at IS NULL) = (closed_by IS NULL))
);
CREATE INDEX voice_advice_corporation ON voice_advice_requests (corporation_id, sent_at DESC);
CREATE INDEX voice_advice_organisation ON voice_advice_requests (organisation_id, sent_at DESC);
CREATE INDEX voice_advice_published ON voice_advice_requests (buurt_id, replied_at DESC) WHERE publish_reply AND replied_at IS NOT NULL;
CREATE INDEX voice_advice_published_wijk ON voice_advice_requests (wijk_code, replied_at DESC) WHERE publish_reply AND replied_at IS NOT NULL AND area_kind = 'wijk';
CREATE INDEX voice_advice_open_answer ON voice_advice_requests (deadline_on) WHERE answered_at IS NULL AND answer_overdue_at IS NULL;
CREATE INDEX voice_advice_open_reply ON voice_advice_requests (reply_due_on) WHERE answered_at IS NOT NULL AND replied_at IS NULL AND reply_overdue_at IS NULL;

-- The request's documents: PDFs only (checked by their bytes), kept as sent.
CREATE TABLE voice_advice_documents (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	request_id uuid NOT NULL REFERENCES voice_advice_requests(id) ON DELETE CASCADE,
	position smallint NOT NULL CHECK (position BETWEEN 0 AND 2),
	file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 120),
	content_type text NOT NULL CHECK (content_type = 'application/pdf'),
	size integer NOT NULL CHECK (size > 0 AND size <= 5242880),
	sha256 text NOT NULL,
	bytes bytea NOT NULL,
	UNIQUE (request_id, position)
);

-- New notification types and the advice request as a subject. The lists are extended from
-- whatever the database holds now (as 0086, 0090 and 0120 do), so other branches' types stay.
DO $$
DECLARE
	con record;
	listed text[];
	wanted text[];
	col text;
BEGIN
	FOR con IN SELECT c.conname, c.conrelid::regclass::text AS tbl, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
		WHERE c.conname IN ('notification_items_type_check', 'notification_preferences_type_check', 'notification_items_subject_kind_check') LOOP
		IF position('''{' IN con.def) > 0 THEN
			listed := string_to_array(substring(con.def FROM '''\{([^}]*)\}'''), ',');
		ELSE
			listed := ARRAY(SELECT m[1] FROM regexp_matches(con.def, '''([a-z_.]+)''', 'g') AS m);
		END IF;
		IF con.conname = 'notification_items_subject_kind_check' THEN
			col := 'subject_kind';
			wanted := ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['advice_request']) AS x ORDER BY 1);
		ELSE
			col := 'type';
			wanted := ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['advice.request', 'advice.answered', 'advice.replied', 'advice.overdue']) AS x ORDER BY 1);
		END IF;
		EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', con.tbl, con.conname);
		EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (%I = ANY (%L::text[]))', con.tbl, con.conname, col, wanted);
	END LOOP;
END $$;
