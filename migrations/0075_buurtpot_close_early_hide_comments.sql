-- Staff close a round early, with a reason the results page shows (NULL: closed at its time).
-- Set in the close's own transaction, before the result: the frozen-round trigger refuses it after.
ALTER TABLE buurtpot_rounds ADD COLUMN closed_early_reason text CHECK (length(closed_early_reason) BETWEEN 3 AND 2000);

-- Staff of the corporation hide a comment with a reason; the text stays in the row (the author
-- wrote it, the audit log says who hid it and why) but no page or API shows it any more.
ALTER TABLE buurtpot_comments
	ADD COLUMN hidden_at timestamptz,
	ADD COLUMN hidden_by uuid REFERENCES accounts(id),
	ADD COLUMN hidden_reason text CHECK (length(hidden_reason) BETWEEN 3 AND 2000),
	ADD CONSTRAINT buurtpot_comments_hidden CHECK ((hidden_at IS NULL) = (hidden_by IS NULL) AND (hidden_at IS NULL) = (hidden_reason IS NULL));
