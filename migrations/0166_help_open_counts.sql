-- The open-requests list counts a buurt's published requests and those flagged as waiting on every
-- view (the home, /help). With tens of thousands of requests in a busy buurt that was a heap visit
-- per request; this partial index answers both counts from the index alone (issue 14).
CREATE INDEX help_requests_open_counts ON help_requests (buurt_id, waiting_since) WHERE state = 'published';
