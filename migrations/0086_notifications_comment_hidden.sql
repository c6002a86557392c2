-- A comment hidden by staff: its author is told, with the reason (issue 9). The type lists stay
-- in the database as well as in the code (notifications/types.ts).
ALTER TABLE notification_items DROP CONSTRAINT notification_items_type_check;
ALTER TABLE notification_items ADD CONSTRAINT notification_items_type_check CHECK (type IN ('help.to_check', 'help.published',
	'help.taken', 'help.done', 'help.confirmed', 'help.returned', 'help.redirected', 'help.waiting', 'help.pending_reward',
	'help.message', 'help.follow_up', 'proposal.to_check', 'proposal.feasibility', 'proposal.paid', 'proposal.comment_hidden',
	'round.opened', 'round.results'));
ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_type_check;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_type_check CHECK (type IN ('help.to_check', 'help.published',
	'help.taken', 'help.done', 'help.confirmed', 'help.returned', 'help.redirected', 'help.waiting', 'help.pending_reward',
	'help.message', 'help.follow_up', 'proposal.to_check', 'proposal.feasibility', 'proposal.paid', 'proposal.comment_hidden',
	'round.opened', 'round.results'));
