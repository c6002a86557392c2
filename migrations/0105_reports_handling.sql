-- Meldingen, the handling side (issue 10, part 3): a supplier's or the municipality's photo when
-- they close a work order, a description per category, and the index of the staff queue.

-- A photo belongs to the report (the reporter's, at most 3) or to the work order (the handler's
-- closing photos, at most 3): the position counts per purpose, so a closing photo never takes a
-- reporter's place and the two kinds are told apart wherever photos are shown.
ALTER TABLE report_photos ADD COLUMN purpose text NOT NULL DEFAULT 'report' CHECK (purpose IN ('report', 'work_order'));
ALTER TABLE report_photos DROP CONSTRAINT report_photos_report_id_position_key;
ALTER TABLE report_photos ADD CONSTRAINT report_photos_report_purpose_position_key UNIQUE (report_id, purpose, position);

-- What a category is for, in the reporter's words (shown with the category when reporting).
ALTER TABLE report_categories ADD COLUMN description_nl text CHECK (length(description_nl) <= 500);
ALTER TABLE report_categories ADD COLUMN description_en text CHECK (length(description_en) <= 500);

-- The staff queue shows open reports, the one due first on top (overdue ones are due earliest).
CREATE INDEX reports_open_queue ON reports (corporation_id, due_on, created_at) WHERE closed_at IS NULL;
