-- The wijkconsulent as a person on every member's home (issue 9; reused by issue 13's board and
-- poster). Each staff member keeps their own card: what is on it is what members see (the login
-- address is never shown unless they typed it here). Staff of a buurt's corporation link one
-- card to the buurt (people/consultant-cards.ts). No photo yet: the card shows initials.
CREATE TABLE consultant_cards (
	account_id uuid PRIMARY KEY REFERENCES accounts(id),
	display_name text NOT NULL CHECK (length(display_name) BETWEEN 2 AND 80),
	about text NOT NULL CHECK (length(about) BETWEEN 1 AND 300),
	office_hours text CHECK (length(office_hours) <= 200),
	office_place text CHECK (length(office_place) <= 200),
	phone text CHECK (length(phone) <= 20),
	email text CHECK (length(email) <= 254),
	-- Members can always reach the person on the card.
	CHECK (phone IS NOT NULL OR email IS NOT NULL),
	updated_at timestamptz NOT NULL
);

-- One consultant per buurt; a card can be the face of several buurten.
CREATE TABLE buurt_consultants (
	buurt_id uuid PRIMARY KEY REFERENCES buurten(id),
	account_id uuid NOT NULL REFERENCES consultant_cards(account_id),
	linked_by uuid NOT NULL REFERENCES accounts(id),
	linked_at timestamptz NOT NULL
);
CREATE INDEX buurt_consultants_account ON buurt_consultants (account_id);
