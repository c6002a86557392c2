-- The corporation's follow-up of a request the supervisor redirected to it ('overige' and the
-- like): who of staff picks it up, the note the asker reads, and when it was closed. One row per
-- request; every change is also a help_history row and an audit row.
CREATE TABLE help_follow_ups (
	request_id uuid PRIMARY KEY REFERENCES help_requests(id),
	assignee_id uuid REFERENCES accounts(id),
	assigned_at timestamptz,
	note text CHECK (length(note) BETWEEN 1 AND 2000),
	noted_by uuid REFERENCES accounts(id),
	noted_at timestamptz,
	closed_at timestamptz,
	closed_by uuid REFERENCES accounts(id),
	updated_at timestamptz NOT NULL,
	CHECK ((note IS NULL) = (noted_at IS NULL)),
	CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
	-- The asker always learns why it was closed.
	CHECK (closed_at IS NULL OR note IS NOT NULL)
);
CREATE INDEX help_follow_ups_assignee ON help_follow_ups (assignee_id) WHERE closed_at IS NULL;
