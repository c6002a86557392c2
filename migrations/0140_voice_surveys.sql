-- Stem van de buurt, part 1 (issue 11): surveys, anonymous by default (docs/ARCHITECTURE.md, "Voice").
--
-- ANONYMITY BY DESIGN, as the buurtpot's secret ballot (0060). Who answered and what was answered
-- live in tables with nothing in common but the survey:
--   voice_survey_respondents (survey, unit, via, day)      → one response per household
--   voice_survey_responses   (survey, response_key)         → a response, no account, unit or time
--   voice_survey_answers     (response, question, value)    → what was answered
-- A household may change its response until the close, so its response must be findable again:
-- response_key = HMAC-SHA256(survey secret, survey id:unit id). The secret lives in
-- voice_survey_secrets, is never logged or returned, and is DELETED at the close, when every
-- response and answer is written again in a random order with new random ids and keys (one
-- transaction): afterwards nothing — key, id, row order or transaction id — links an answer to a
-- household. Paper answers get a random key at once. Honest limit: during the survey someone who
-- reads the whole database (secret included) can recompute keys; see voice/survey-answers.ts.

CREATE TABLE voice_surveys (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	-- The audience: members of the whole corporation, a wijk, a buurt or a complex.
	area_kind text NOT NULL CHECK (area_kind IN ('corporation', 'wijk', 'buurt', 'complex')),
	wijk_code text REFERENCES wijken(code),
	buurt_id uuid REFERENCES buurten(id),
	complex_id uuid REFERENCES complexes(id),
	-- A ready-made template ('seed', 'neighbourhood'); NULL = the staff's own questions. Rounds of
	-- the same template (and area) form a trend.
	template text CHECK (template IN ('seed', 'neighbourhood')),
	title text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
	intro text NOT NULL DEFAULT '' CHECK (length(intro) <= 2000),
	opens_at timestamptz NOT NULL,
	closes_at timestamptz NOT NULL,
	-- Personal invitation links (a letter with a QR code per household) for a paper/QR round.
	invitations boolean NOT NULL DEFAULT false,
	created_by uuid NOT NULL REFERENCES accounts(id),
	created_at timestamptz NOT NULL,
	-- A draft until published; published with at least one question (checked in code and below).
	published_at timestamptz,
	-- Set once by the close (job or staff): the answers were anonymised and the secret deleted.
	closed_at timestamptz,
	CONSTRAINT voice_surveys_dates CHECK (closes_at > opens_at),
	CONSTRAINT voice_surveys_area CHECK (
		(area_kind = 'corporation' AND wijk_code IS NULL AND buurt_id IS NULL AND complex_id IS NULL)
		OR (area_kind = 'wijk' AND wijk_code IS NOT NULL AND buurt_id IS NULL AND complex_id IS NULL)
		OR (area_kind = 'buurt' AND buurt_id IS NOT NULL AND wijk_code IS NULL AND complex_id IS NULL)
		OR (area_kind = 'complex' AND complex_id IS NOT NULL AND wijk_code IS NULL AND buurt_id IS NULL)),
	CONSTRAINT voice_surveys_closed CHECK (closed_at IS NULL OR published_at IS NOT NULL)
);
CREATE INDEX voice_surveys_corporation ON voice_surveys (corporation_id, created_at DESC);
-- The close job's work list.
CREATE INDEX voice_surveys_due ON voice_surveys (closes_at) WHERE published_at IS NOT NULL AND closed_at IS NULL;

CREATE TABLE voice_survey_questions (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	survey_id uuid NOT NULL REFERENCES voice_surveys(id),
	position integer NOT NULL CHECK (position >= 1),
	kind text NOT NULL CHECK (kind IN ('grade', 'single', 'multiple', 'agree', 'open')),
	text_nl text NOT NULL CHECK (length(text_nl) BETWEEN 3 AND 300),
	text_en text NOT NULL DEFAULT '' CHECK (length(text_en) <= 300),
	required boolean NOT NULL DEFAULT false,
	-- single/multiple: [{ "key": "a", "nl": "…", "en": "…" }, …] (2–10); others: [].
	options jsonb NOT NULL DEFAULT '[]'::jsonb,
	-- Templates: a stable key per question (for the trend), its theme and where the statement comes from.
	template_key text CHECK (template_key ~ '^[a-z0-9_.]{3,60}$'),
	theme text CHECK (theme IN ('seed', 'safety', 'cohesion', 'nuisance', 'upkeep', 'general')),
	source text CHECK (length(source) <= 300),
	-- Open answers: published to the members after staff reviewed them (and at least 5 answered).
	open_published_at timestamptz,
	open_published_by uuid REFERENCES accounts(id),
	UNIQUE (survey_id, position),
	CHECK ((kind IN ('single', 'multiple')) = (jsonb_array_length(options) > 0)),
	CHECK (kind = 'open' OR open_published_at IS NULL)
);
CREATE INDEX voice_survey_questions_key ON voice_survey_questions (template_key) WHERE template_key IS NOT NULL;

CREATE TABLE voice_survey_secrets (
	survey_id uuid PRIMARY KEY REFERENCES voice_surveys(id),
	secret bytea NOT NULL CHECK (length(secret) = 32)
);

-- Who answered (never what): one row per household (unit) per survey. answered_on is a day, so it
-- lines up with nothing; entered_by is the staff member who typed a paper form.
CREATE TABLE voice_survey_respondents (
	survey_id uuid NOT NULL REFERENCES voice_surveys(id),
	unit_id uuid NOT NULL REFERENCES units(id),
	via text NOT NULL CHECK (via IN ('online', 'invitation', 'paper')),
	answered_on date NOT NULL,
	entered_by uuid REFERENCES accounts(id),
	PRIMARY KEY (survey_id, unit_id),
	CHECK ((via = 'paper') = (entered_by IS NOT NULL))
);

-- What was answered (never who): no account, unit, time or sequence.
CREATE TABLE voice_survey_responses (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	survey_id uuid NOT NULL REFERENCES voice_surveys(id),
	response_key text NOT NULL CHECK (response_key ~ '^[0-9a-f]{64}$'),
	UNIQUE (survey_id, response_key)
);

CREATE TABLE voice_survey_answers (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	response_id uuid NOT NULL REFERENCES voice_survey_responses(id) ON DELETE CASCADE,
	question_id uuid NOT NULL REFERENCES voice_survey_questions(id),
	-- One of: a grade 1–10, an agree-scale point 1–5 (1 = totally disagree), chosen option keys, text.
	grade smallint CHECK (grade BETWEEN 1 AND 10),
	agree smallint CHECK (agree BETWEEN 1 AND 5),
	choices text[],
	body text CHECK (length(body) BETWEEN 1 AND 2000),
	UNIQUE (response_id, question_id),
	CHECK (num_nonnulls(grade, agree, choices, body) = 1)
);
CREATE INDEX voice_survey_answers_question ON voice_survey_answers (question_id);

-- Staff's review of an open answer (after the close, when answers no longer change): shown as
-- written, shown with names/addresses taken out (shown_text), or hidden.
CREATE TABLE voice_open_reviews (
	answer_id uuid PRIMARY KEY REFERENCES voice_survey_answers(id) ON DELETE CASCADE,
	decision text NOT NULL CHECK (decision IN ('show', 'redact', 'hide')),
	shown_text text CHECK (length(shown_text) BETWEEN 1 AND 2000),
	reviewed_by uuid NOT NULL REFERENCES accounts(id),
	reviewed_at timestamptz NOT NULL,
	CHECK ((decision = 'redact') = (shown_text IS NOT NULL))
);

-- Personal invitation links: the token (in the letter's URL and QR code) is HMAC(secret, unit),
-- so a letter can be printed again; only its SHA-256 is stored for the lookup.
CREATE TABLE voice_survey_invitations (
	survey_id uuid NOT NULL REFERENCES voice_surveys(id),
	unit_id uuid NOT NULL REFERENCES units(id),
	token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
	PRIMARY KEY (survey_id, unit_id)
);

-- Answers of a closed survey never change (after the code's own check, the database's).
CREATE FUNCTION voice_survey_answers_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	sid uuid;
BEGIN
	IF TG_TABLE_NAME = 'voice_survey_responses' THEN
		sid := COALESCE(NEW.survey_id, OLD.survey_id);
	ELSE
		SELECT r.survey_id INTO sid FROM voice_survey_responses r WHERE r.id = COALESCE(NEW.response_id, OLD.response_id);
	END IF;
	IF EXISTS (SELECT 1 FROM voice_surveys s WHERE s.id = sid AND s.closed_at IS NOT NULL) THEN
		RAISE EXCEPTION 'survey % is closed; its answers are final', sid USING ERRCODE = 'restrict_violation';
	END IF;
	IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER voice_survey_responses_frozen BEFORE INSERT OR UPDATE OR DELETE ON voice_survey_responses
	FOR EACH ROW EXECUTE FUNCTION voice_survey_answers_frozen();
CREATE TRIGGER voice_survey_answers_frozen BEFORE INSERT OR UPDATE OR DELETE ON voice_survey_answers
	FOR EACH ROW EXECUTE FUNCTION voice_survey_answers_frozen();
