-- The wijkconsulent's face on their card (issue 13: "photo, name, what they do…"). One photo per
-- card, already re-encoded and stripped of all metadata by the shared pipeline (photos/); the
-- sha256 versions the URL so a new photo is never hidden by a cache. Removing the card's photo
-- deletes the row: a photo of a person is kept only while they want it shown.
CREATE TABLE consultant_photos (
	account_id uuid PRIMARY KEY REFERENCES consultant_cards(account_id),
	content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
	bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 5242880),
	sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	width integer NOT NULL CHECK (width > 0),
	height integer NOT NULL CHECK (height > 0),
	updated_at timestamptz NOT NULL
);
