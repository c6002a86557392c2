import type { Queryable } from '../db/client';

/** One audit row as a person reads it: who (a name), what (an action key with its sentence), about what (a name). */
export interface AuditLine {
	id: number;
	at: Date;
	action: string;
	actorName: string | null;
	/** The kind of subject (account, buurt, round, …) and its name; null when it has none to show. */
	subjectKind: string | null;
	subjectName: string | null;
}

const uuidPattern = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/**
 * The audit page of an admin: only the rows of the corporations they are admin of (never
 * another corporation's), newest first, with names instead of ids. A help request is named by
 * its buurt only: its text may be private (zorg).
 */
export async function listAuditForCorporations(db: Queryable, corporationIds: string[], opts: { limit?: number } = {}): Promise<AuditLine[]> {
	if (!corporationIds.length) return [];
	const rows = await db.query<{ id: number; at: Date; action: string; actor_name: string | null; subject_kind: string | null; subject_name: string | null }>(
		`WITH l AS (
		   SELECT id, at, action, actor_id, split_part(subject, ':', 1) AS kind,
		     CASE WHEN split_part(subject, ':', 2) ~ '${uuidPattern}' THEN split_part(subject, ':', 2)::uuid END AS ref
		   FROM audit_log WHERE corporation_id = ANY($1::uuid[]) ORDER BY id DESC LIMIT $2)
		 SELECT l.id, l.at, l.action, a.name AS actor_name, NULLIF(l.kind, '') AS subject_kind,
		   CASE l.kind
		     WHEN 'account' THEN (SELECT name FROM accounts WHERE id = l.ref)
		     WHEN 'corporation' THEN (SELECT name FROM corporations WHERE id = l.ref)
		     WHEN 'buurt' THEN (SELECT name FROM buurten WHERE id = l.ref)
		     WHEN 'organisation' THEN (SELECT name FROM organisations WHERE id = l.ref)
		     WHEN 'complex' THEN (SELECT name FROM complexes WHERE id = l.ref)
		     WHEN 'unit' THEN (SELECT street || ' ' || house_number || COALESCE(NULLIF(' ' || addition, ' '), '') FROM units WHERE id = l.ref)
		     WHEN 'round' THEN (SELECT title FROM buurtpot_rounds WHERE id = l.ref)
		     WHEN 'buurtpot_proposal' THEN (SELECT title FROM buurtpot_proposals WHERE id = l.ref)
		     WHEN 'help_request' THEN (SELECT b.name FROM help_requests r JOIN buurten b ON b.id = r.buurt_id WHERE r.id = l.ref)
		   END AS subject_name
		 FROM l LEFT JOIN accounts a ON a.id = l.actor_id ORDER BY l.id DESC`,
		[corporationIds, opts.limit ?? 200]
	);
	return rows.map((r) => ({ id: Number(r.id), at: r.at, action: r.action, actorName: r.actor_name, subjectKind: r.subject_kind, subjectName: r.subject_name }));
}

/**
 * The audit rows about the given subjects (`care_request:<id>`, …), newest first, with the
 * actor's name: for a reader the owning module has already allowed (the care organisation's
 * coordinator reading who read their care requests). Index audit_log_subject (migration 0150).
 */
export async function listAuditForSubjects(db: Queryable, subjects: string[], opts: { limit?: number } = {}): Promise<(AuditLine & { subject: string })[]> {
	if (!subjects.length) return [];
	const rows = await db.query<{ id: number; at: Date; action: string; actor_name: string | null; subject: string }>(
		`SELECT l.id, l.at, l.action, a.name AS actor_name, l.subject FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_id
		 WHERE l.subject = ANY($1::text[]) ORDER BY l.id DESC LIMIT $2`,
		[subjects, opts.limit ?? 200]
	);
	return rows.map((r) => ({ id: Number(r.id), at: r.at, action: r.action, actorName: r.actor_name, subjectKind: r.subject.split(':')[0], subjectName: null, subject: r.subject }));
}
