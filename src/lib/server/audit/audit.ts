import type { Queryable } from '../db/client';

export interface AuditEntry {
	at: Date;
	actorId: string | null;
	action: string;
	subject?: string | null;
	details?: Record<string, unknown>;
}

/**
 * Appends to the audit trail inside the caller's transaction, so the record and the change it
 * describes commit together. The table refuses updates and deletes.
 */
export async function recordAudit(tx: Queryable, e: AuditEntry): Promise<void> {
	await tx.query(
		'INSERT INTO audit_log (at, actor_id, action, subject, details) VALUES ($1, $2, $3, $4, $5)',
		[e.at, e.actorId, e.action, e.subject ?? null, JSON.stringify(e.details ?? {})]
	);
}

export interface AuditRow {
	id: number;
	at: Date;
	actor_id: string | null;
	action: string;
	subject: string | null;
	details: Record<string, unknown>;
}

export async function listAudit(db: Queryable, opts: { limit?: number; action?: string } = {}): Promise<AuditRow[]> {
	return db.query<AuditRow>(
		`SELECT id, at, actor_id, action, subject, details FROM audit_log
		 WHERE ($1::text IS NULL OR action = $1) ORDER BY id DESC LIMIT $2`,
		[opts.action ?? null, opts.limit ?? 100]
	);
}
