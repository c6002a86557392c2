import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { DEFAULT_HIDE_AFTER, MAX_REPORT_NOTE, noteSchema, reasonSchema, type ModerationTarget } from './model';
import { canReport } from './policy';
import { tellAuthorHidden, tellReviewers } from './notices';

export const reportContentSchema = z.object({ reason: reasonSchema, note: noteSchema(MAX_REPORT_NOTE) });

/** The household a report counts for: the reporter's home in the buurt (two people of one home count once), else the person. */
export function householdOf(actor: Actor, buurtId: string): string {
	const units = actor.memberships.filter((m) => m.buurtId === buurtId).map((m) => m.unitId).sort();
	return units.length ? `unit:${units[0]}` : `account:${actor.accountId}`;
}

/** Reports from this many households hide an item in this buurt (moderation_settings, default 3). */
export async function hideAfter(q: Queryable, buurtId: string): Promise<number> {
	const [s] = await q.query<{ hide_after: number }>('SELECT hide_after FROM moderation_settings WHERE buurt_id = $1', [buurtId]);
	return s ? Number(s.hide_after) : DEFAULT_HIDE_AFTER;
}

export interface ReportResult {
	itemId: string;
	/** Whether this report made the item hidden. */
	hidden: boolean;
}

/**
 * Someone who sees a piece of content reports it with a reason from the list (and, for
 * "other", words of their own). The content module resolved `target` with its own scope rules.
 * Once reports of the current round come from `hideAfter` different households, the item is
 * hidden until a reviewer looks; the author is told (moderation.hidden) and the buurt's
 * ambassadors too (moderation.to_review). Every report puts the item in the review queue and is
 * audited (the reason, not the note). One report per person per round.
 * Errors: moderation.forbidden (the author, or staff: they review instead), validation.invalid
 * (reason → moderation.reason_required, note → moderation.note_required | validation.too_long),
 * moderation.already_reported (409), moderation.removed (409).
 */
export async function reportContent(ctx: Ctx, actor: Actor, target: ModerationTarget, input: unknown): Promise<ReportResult> {
	if (!canReport(actor, target)) throw new DomainError('moderation.forbidden');
	const v = parseInput(reportContentSchema, input);
	if (v.reason === 'other' && !v.note) throw new DomainError('validation.invalid', {}, { note: 'moderation.note_required' });
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// One row per piece of content; the upsert locks it, which serialises reports of it (the count below is exact).
		const [item] = await tx.query<{ id: string; state: string; round: number; buurt_id: string; corporation_id: string; author_id: string; content_kind: string; is_public: boolean }>(
			`INSERT INTO moderation_items (content_kind, content_id, buurt_id, corporation_id, author_id, is_public, path, excerpt, first_reported_at, updated_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
			 ON CONFLICT (content_kind, content_id) DO UPDATE SET excerpt = EXCLUDED.excerpt
			 RETURNING id, state, round, buurt_id, corporation_id, author_id, content_kind, is_public`,
			[target.kind, target.id, target.buurtId, target.corporationId, target.authorId, target.isPublic, target.path, target.text.slice(0, 2000), at]
		);
		if (item.state === 'removed') throw new DomainError('moderation.removed');
		const inserted = await tx.query('INSERT INTO moderation_reports (item_id, round, reporter_id, household, reason, note, at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id', [
			item.id,
			item.round,
			actor.accountId,
			householdOf(actor, target.buurtId),
			v.reason,
			v.note,
			at
		]);
		if (!inserted.length) throw new DomainError('moderation.already_reported');
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'moderation.reported', subject: `moderation_item:${item.id}`, details: { kind: target.kind, contentId: target.id, reason: v.reason }, corporationId: item.corporation_id });
		const [{ households }] = await tx.query<{ households: number }>('SELECT count(DISTINCT household)::int AS households FROM moderation_reports WHERE item_id = $1 AND round = $2', [item.id, item.round]);
		const hide = item.state === 'visible' && Number(households) >= (await hideAfter(tx, item.buurt_id));
		await tx.query(
			`UPDATE moderation_items SET needs_review = true, updated_at = $2,
			   state = CASE WHEN $3 THEN 'hidden' ELSE state END, hidden_by = CASE WHEN $3 THEN 'reports' ELSE hidden_by END WHERE id = $1`,
			[item.id, at, hide]
		);
		if (hide) {
			await tx.query(`INSERT INTO moderation_decisions (item_id, account_id, corporation_id, kind, actor_role, at) VALUES ($1, $2, $3, 'auto_hidden', 'system', $4)`, [item.id, item.author_id, item.corporation_id, at]);
			await recordAudit(tx, { at, actorId: null, action: 'moderation.auto_hidden', subject: `moderation_item:${item.id}`, details: { kind: target.kind, contentId: target.id, households: Number(households) }, corporationId: item.corporation_id });
			const [b] = await tx.query<{ name: string }>('SELECT name FROM buurten WHERE id = $1', [item.buurt_id]);
			await tellAuthorHidden(tx, { ...item, buurt_name: b?.name }, at);
			await tellReviewers(tx, { ...item, buurt_name: b?.name }, at);
		}
		return { itemId: item.id, hidden: hide };
	});
}
