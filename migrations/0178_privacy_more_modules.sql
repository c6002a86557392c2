-- Issue 15, the modules that landed after the privacy module (care, moderation): the erasure
-- may rewrite the person's own words in two more append-only tables, exactly as it does for
-- help_messages (migration 0170): still append-only, except inside a transaction that ran
-- set_config('noaber.privacy_erasure', 'on', true). Rows are never deleted by it.
DROP TRIGGER care_messages_append_only ON care_messages;
CREATE TRIGGER care_messages_append_only BEFORE UPDATE ON care_messages
	FOR EACH ROW EXECUTE FUNCTION refuse_change_except_privacy();
DROP TRIGGER moderation_decisions_append_only ON moderation_decisions;
CREATE TRIGGER moderation_decisions_append_only BEFORE UPDATE OR DELETE ON moderation_decisions
	FOR EACH ROW EXECUTE FUNCTION refuse_change_except_privacy();

-- The erasure finds the webhook events that name an account (member.joined / member.left).
CREATE INDEX webhook_events_account ON webhook_events ((data->>'accountId')) WHERE data ? 'accountId';
