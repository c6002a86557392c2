import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import type { Actor } from '../people';
import { moderationColumn, shownModeration, type ModerationTarget, type RawModeration } from '../moderation';
import { canReportMessage, canViewRequest } from './policy';
import { loadRequest } from './engine';

export const helpTargetSchema = z.object({
	kind: z.literal('help_message', 'help.not_found'),
	buurtId: z.uuid('help.not_found'),
	id: z.string('help.not_found').regex(/^[1-9][0-9]{0,17}$/, 'help.not_found')
});

/**
 * A message of a help thread as moderation sees it, for the other side of the thread only (help's
 * scope: help.not_found for anyone else, and for one's own side's words). The thread is private:
 * the target is not public, so only staff of the corporation review it — the reporter hands that
 * one message (not the thread) to them. A shared address is not text to report.
 */
export async function helpModerationTarget(q: Queryable, actor: Actor, input: unknown): Promise<ModerationTarget> {
	const v = parseInput(helpTargetSchema, input);
	const [m] = await q.query<{ id: number; request_id: string; author_id: string; body: string; moderation: RawModeration | null }>(
		`SELECT m.id, m.request_id, m.author_id, m.body, ${moderationColumn('help_message', 'm.id')} FROM help_messages m WHERE m.id = $1 AND m.kind = 'text'`,
		[v.id]
	);
	if (!m) throw new DomainError('help.not_found');
	const r = await loadRequest(q, m.request_id);
	if (!r || r.buurt_id !== v.buurtId || !canViewRequest(actor, r) || !canReportMessage(actor, r, m.author_id)) throw new DomainError('help.not_found');
	if (!shownModeration(actor, m.author_id, m.moderation).showText) throw new DomainError('help.not_found');
	return { kind: 'help_message', id: String(m.id), buurtId: r.buurt_id, corporationId: r.corporation_id, authorId: m.author_id, text: m.body, path: `/help/${r.id}#message-${m.id}`, isPublic: false };
}
