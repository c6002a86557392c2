-- Stem van de buurt (issue 11): "jij zei, wij deden" — what the corporation did, with the inputs
-- behind it (docs/ARCHITECTURE.md, "Voice").

CREATE TABLE voice_actions (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	corporation_id uuid NOT NULL REFERENCES corporations(id),
	-- Where it applies: the members of that area read it on their buurt's page.
	area_kind text NOT NULL CHECK (area_kind IN ('corporation', 'wijk', 'buurt', 'complex')),
	wijk_code text REFERENCES wijken(code),
	buurt_id uuid REFERENCES buurten(id),
	complex_id uuid REFERENCES complexes(id),
	kind text NOT NULL CHECK (kind IN ('decision', 'repair_programme', 'policy_change')),
	title text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
	description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
	status text NOT NULL CHECK (status IN ('planned', 'doing', 'done')),
	created_by uuid NOT NULL REFERENCES accounts(id),
	created_at timestamptz NOT NULL,
	status_changed_at timestamptz NOT NULL,
	CONSTRAINT voice_actions_area CHECK (
		(area_kind = 'corporation' AND wijk_code IS NULL AND buurt_id IS NULL AND complex_id IS NULL)
		OR (area_kind = 'wijk' AND wijk_code IS NOT NULL AND buurt_id IS NULL AND complex_id IS NULL)
		OR (area_kind = 'buurt' AND buurt_id IS NOT NULL AND wijk_code IS NULL AND complex_id IS NULL)
		OR (area_kind = 'complex' AND complex_id IS NOT NULL AND wijk_code IS NULL AND buurt_id IS NULL))
);
CREATE INDEX voice_actions_corporation ON voice_actions (corporation_id, created_at DESC);

-- Every status change with the note members read (append-only).
CREATE TABLE voice_action_updates (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	action_id uuid NOT NULL REFERENCES voice_actions(id),
	status text NOT NULL CHECK (status IN ('planned', 'doing', 'done')),
	note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
	at timestamptz NOT NULL,
	by_account uuid NOT NULL REFERENCES accounts(id)
);
CREATE INDEX voice_action_updates_action ON voice_action_updates (action_id, at);

-- The inputs behind an action, generic: a kind and a reference. ref_id names a row of the kind's
-- own table (a survey question, a proposal, a melding, an advice reply); ref_key a value that is
-- not a row (a conversation theme). label_nl/label_en are the anonymised words shown to members,
-- taken when the input was linked (a proposal's title, a melding's category — never a name or an
-- address). New kinds are added here and in voice/action-input-kinds.ts.
CREATE TABLE voice_action_inputs (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	action_id uuid NOT NULL REFERENCES voice_actions(id) ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind IN ('survey_question', 'proposal', 'report', 'conversation_theme', 'advice_reply')),
	ref_id uuid,
	ref_key text CHECK (length(ref_key) BETWEEN 1 AND 80),
	label_nl text NOT NULL DEFAULT '' CHECK (length(label_nl) <= 300),
	label_en text NOT NULL DEFAULT '' CHECK (length(label_en) <= 300),
	-- What staff say about it ("62% wil meer licht"), shown with the input.
	note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
	-- The order staff linked them in (several are linked in one step).
	position integer NOT NULL CHECK (position >= 1),
	linked_at timestamptz NOT NULL,
	linked_by uuid NOT NULL REFERENCES accounts(id),
	CHECK (num_nonnulls(ref_id, ref_key) = 1)
);
CREATE UNIQUE INDEX voice_action_inputs_ref ON voice_action_inputs (action_id, kind, COALESCE(ref_id::text, ref_key));
CREATE INDEX voice_action_inputs_ref_id ON voice_action_inputs (kind, ref_id) WHERE ref_id IS NOT NULL;
CREATE INDEX voice_action_inputs_action ON voice_action_inputs (action_id);
