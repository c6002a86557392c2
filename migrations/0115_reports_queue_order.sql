-- The staff queue's order (open first, then by due date, then age) for one corporation, so a
-- page of the queue is read off the index instead of sorting every report of the corporation
-- (bench/reports.ts: 100,000 reports). The optional filters (state, buurt, category, assignee)
-- are checked on the rows as the index yields them; a buurt filter may use reports_buurt instead.
CREATE INDEX reports_queue_order ON reports (corporation_id, (closed_at IS NOT NULL), due_on, created_at, id);
