-- Notifications for every event a person waits for (issue 9): a new message in a help request's
-- thread, the follow-up of a redirected request, a feasibility answer, a proposal to check, a
-- round opened, results published, a payout. Subjects are now also proposals and rounds.
-- The lists stay in the database as well as in the code (notifications/types.ts), so a typo
-- cannot store an item nobody can render.
ALTER TABLE notification_items DROP CONSTRAINT notification_items_type_check;
ALTER TABLE notification_items ADD CONSTRAINT notification_items_type_check CHECK (type IN ('help.to_check', 'help.published',
	'help.taken', 'help.done', 'help.confirmed', 'help.returned', 'help.redirected', 'help.waiting', 'help.pending_reward',
	'help.message', 'help.follow_up', 'proposal.to_check', 'proposal.feasibility', 'proposal.paid', 'round.opened', 'round.results'));
ALTER TABLE notification_items DROP CONSTRAINT notification_items_subject_kind_check;
ALTER TABLE notification_items ADD CONSTRAINT notification_items_subject_kind_check CHECK (subject_kind IN ('help_request', 'proposal', 'round'));
ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_type_check;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_type_check CHECK (type IN ('help.to_check', 'help.published',
	'help.taken', 'help.done', 'help.confirmed', 'help.returned', 'help.redirected', 'help.waiting', 'help.pending_reward',
	'help.message', 'help.follow_up', 'proposal.to_check', 'proposal.feasibility', 'proposal.paid', 'round.opened', 'round.results'));
