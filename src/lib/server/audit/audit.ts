import type { Queryable } from '../db/client';

export interface AuditEntry {
	at: Date;
	actorId: string | null;
	action: string;
	subject?: string | null;
	details?: Record<string, unknown>;
	/** Whose log the row belongs to; when left out, the subject (`corporation:…`) or the actor's role decides. */
	corporationId?: string | null;
}

/**
 * Appends to the audit trail inside the caller's transaction, so the record and the change it
 * describes commit together. The table refuses updates and deletes. The row's corporation is
 * given, or derived in SQL (`audit_corporation_of`, migration 0070): the subject if it names a
 * corporation, else the actor's staff role, partner organisation or membership.
 */
export async function recordAudit(tx: Queryable, e: AuditEntry): Promise<void> {
	await tx.query(
		`INSERT INTO audit_log (at, actor_id, action, subject, details, corporation_id)
		 VALUES ($1, $2, $3, $4, $5, COALESCE($6::uuid, audit_corporation_of($2::uuid, $4::text)))`,
		[e.at, e.actorId, e.action, e.subject ?? null, JSON.stringify(e.details ?? {}), e.corporationId ?? null]
	);
}

export interface AuditRow {
	id: number;
	at: Date;
	actor_id: string | null;
	action: string;
	subject: string | null;
	details: Record<string, unknown>;
	corporation_id: string | null;
}

/**
 * Raw rows for tests and jobs. `corporationIds` limits the rows to those corporations' logs;
 * leave it out only where no person reads the answer.
 */
export async function listAudit(db: Queryable, opts: { limit?: number; action?: string; corporationIds?: string[] } = {}): Promise<AuditRow[]> {
	return db.query<AuditRow>(
		`SELECT id, at, actor_id, action, subject, details, corporation_id FROM audit_log
		 WHERE ($1::text IS NULL OR action = $1) AND ($3::uuid[] IS NULL OR corporation_id = ANY($3::uuid[]))
		 ORDER BY id DESC LIMIT $2`,
		[opts.action ?? null, opts.limit ?? 100, opts.corporationIds ?? null]
	);
}

/**
 * Appends many rows in one statement (a list page that shows several sensitive records audits
 * each one it shows), inside the caller's transaction, each with its own subject.
 */
export async function recordAuditMany(tx: Queryable, e: Omit<AuditEntry, 'subject'> & { subjects: string[] }): Promise<void> {
	if (!e.subjects.length) return;
	await tx.query(
		`INSERT INTO audit_log (at, actor_id, action, subject, details, corporation_id)
		 SELECT $1, $2, $3, s, $5, COALESCE($6::uuid, audit_corporation_of($2::uuid, s)) FROM unnest($4::text[]) AS s`,
		[e.at, e.actorId, e.action, e.subjects, JSON.stringify(e.details ?? {}), e.corporationId ?? null]
	);
}
