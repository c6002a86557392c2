import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import type { Actor } from '../people';
import { defaultBuurtpotSettings, proposalColumns, proposalFrom, type ProposalRow, type ProposalStatus } from './model';
import { canViewBuurtProposals } from './policy';
import { findBuurtRef } from '../places';
import { notifyProposal } from './notices';

/**
 * Low-level reads and writes shared by the proposal use cases. Lock order everywhere:
 * buurtpot_settings row → proposal rows (in id order) → event rows → ledger accounts (by the ledger).
 */

export async function loadProposal(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<ProposalRow | null> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	const [row] = await q.query<ProposalRow>(`SELECT ${proposalColumns} ${proposalFrom} WHERE p.id = $1 ${opts.lock ? 'FOR UPDATE OF p' : ''}`, [id]);
	return row ? normalize(row) : null;
}

export const normalize = (r: ProposalRow): ProposalRow => ({
	...r,
	cost_cents: Number(r.cost_cents),
	requested_cost_cents: r.requested_cost_cents === null ? null : Number(r.requested_cost_cents),
	cost_lines: typeof r.cost_lines === 'string' ? JSON.parse(r.cost_lines) : r.cost_lines
});

/** The proposal if the actor may see it; otherwise proposals.not_found (another buurt looks like none). */
export async function visibleProposal(q: Queryable, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<ProposalRow> {
	const p = await loadProposal(q, id, opts);
	if (!p || !canViewBuurtProposals(actor, p)) throw new DomainError('proposals.not_found');
	return p;
}

export const buurtFacts = findBuurtRef;

export interface BuurtpotSettings {
	supportHouseholds: number;
	supportDays: number;
	associationChecks: boolean;
}

export async function getBuurtpotSettings(q: Queryable, buurtId: string): Promise<BuurtpotSettings> {
	const [row] = await q.query<{ support_households: number; support_days: number; association_checks: boolean }>(
		'SELECT support_households, support_days, association_checks FROM buurtpot_settings WHERE buurt_id = $1',
		[buurtId]
	);
	return row ? { supportHouseholds: row.support_households, supportDays: row.support_days, associationChecks: row.association_checks } : { ...defaultBuurtpotSettings };
}

/** Creates the buurt's settings row (defaults, fresh feed token) if needed; returns the feed token. */
export async function ensureSettingsRow(q: Queryable, buurtId: string, opts: { lock?: boolean } = {}): Promise<string> {
	await q.query('INSERT INTO buurtpot_settings (buurt_id) VALUES ($1) ON CONFLICT DO NOTHING', [buurtId]);
	const [row] = await q.query<{ feed_token: string }>(`SELECT feed_token FROM buurtpot_settings WHERE buurt_id = $1 ${opts.lock ? 'FOR UPDATE' : ''}`, [buurtId]);
	return row.feed_token;
}

export async function recordProposalHistory(
	tx: Queryable,
	e: { proposalId: string; at: Date; actorId: string | null; action: string; from: ProposalStatus | null; to: ProposalStatus; reason?: string | null; details?: Record<string, unknown> }
) {
	await tx.query(
		`INSERT INTO buurtpot_proposal_history (proposal_id, at, actor_id, action, from_status, to_status, reason, details)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		[e.proposalId, e.at, e.actorId, e.action, e.from, e.to, e.reason ?? null, JSON.stringify(e.details ?? {})]
	);
}

/** Moves a locked proposal to a new status and records why, in the caller's transaction. */
export async function setStatus(
	tx: Queryable,
	p: Pick<ProposalRow, 'id' | 'status'>,
	to: ProposalStatus,
	e: { at: Date; actorId: string | null; action: string; reason?: string | null; details?: Record<string, unknown>; extraSql?: string; extraParams?: unknown[] }
) {
	const extra = e.extraSql ? `, ${e.extraSql}` : '';
	await tx.query(`UPDATE buurtpot_proposals SET status = $2, updated_at = $3, version = version + 1${extra} WHERE id = $1`, [p.id, to, e.at, ...(e.extraParams ?? [])]);
	await recordProposalHistory(tx, { proposalId: p.id, at: e.at, actorId: e.actorId, action: e.action, from: p.status, to, reason: e.reason, details: e.details });
	// Every way into the check (enough support, or edited after 'needs changes') tells staff.
	if (to === 'feasibility') await notifyProposal(tx, p.id, 'proposal.to_check', { at: e.at, actorId: e.actorId });
}

/** The actor's households (units) in a buurt. */
export const unitsInBuurt = (actor: Actor, buurtId: string) =>
	actor.memberships
		.filter((m) => m.buurtId === buurtId)
		.map((m) => m.unitId)
		.sort();
