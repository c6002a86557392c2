-- A member's choice to show their street next to their first name where neighbours see their
-- name ("Anna (Lindehof)"). Off unless the person turns it on (/settings/notifications).
ALTER TABLE accounts ADD COLUMN show_street boolean NOT NULL DEFAULT false;
