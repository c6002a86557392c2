-- A neighbour comments on your proposal: the author hears of it (issue 13's notification gaps). The type lists stay
-- in the database as well as in the code (notifications/types.ts). The list is extended from
-- whatever the database holds now (another migration may have added types, in either order), in
-- either form PostgreSQL prints a list check: IN ('a', 'b') or = ANY ('{a,b}'::text[]).
DO $$
DECLARE
	con record;
	listed text[];
BEGIN
	FOR con IN SELECT c.conname, c.conrelid::regclass::text AS tbl, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
		WHERE c.conname IN ('notification_items_type_check', 'notification_preferences_type_check') LOOP
		IF position('''{' IN con.def) > 0 THEN
			listed := string_to_array(substring(con.def FROM '''\{([^}]*)\}'''), ',');
		ELSE
			listed := ARRAY(SELECT m[1] FROM regexp_matches(con.def, '''([a-z_.]+)''', 'g') AS m);
		END IF;
		EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', con.tbl, con.conname);
		EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (type = ANY (%L::text[]))', con.tbl, con.conname,
			ARRAY(SELECT DISTINCT x FROM unnest(listed || ARRAY['proposal.comment']) AS x ORDER BY 1));
	END LOOP;
END $$;
