import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import type { Actor } from '../people';
import { moderationColumn, shownModeration, type ModerationTarget, type RawModeration } from '../moderation';
import { visibleProposal } from './store';

export const proposalTargetSchema = z.object({
	kind: z.enum(['proposal_text', 'proposal_comment'], 'proposals.not_found'),
	buurtId: z.uuid('proposals.not_found'),
	/** A proposal's id (its text), or a comment's number. */
	id: z.string('proposals.not_found').regex(/^[0-9a-f-]{1,36}$/i, 'proposals.not_found')
});

/** The words a reviewer reads for a proposal's text: its title and its description. */
export const proposalWords = (p: { title: string; description: string }) => `${p.title}\n\n${p.description}`;

async function stillShown(q: Queryable, actor: Actor, kind: 'proposal_text' | 'proposal_comment', id: string, authorId: string): Promise<void> {
	const table = kind === 'proposal_text' ? 'buurtpot_proposals' : 'buurtpot_comments';
	const [row] = await q.query<{ moderation: RawModeration | null }>(`SELECT ${moderationColumn(kind, 'c.id')} FROM ${table} c WHERE c.id = $1`, [id]);
	if (!shownModeration(actor, authorId, row?.moderation).showText) throw new DomainError('proposals.not_found');
}

/**
 * A proposal's text or a comment on it as moderation sees it, for someone who may read the
 * proposal (proposals' own scope: proposals.not_found otherwise, e.g. another buurt). A comment
 * removed by its author or hidden by staff is not reported (nothing to read), and hidden or
 * removed words are not shown here either, so the report form never leaks them.
 */
export async function proposalModerationTarget(q: Queryable, actor: Actor, input: unknown): Promise<ModerationTarget> {
	const v = parseInput(proposalTargetSchema, input);
	if (v.kind === 'proposal_text') {
		if (!/^[0-9a-f-]{36}$/i.test(v.id)) throw new DomainError('proposals.not_found');
		const p = await visibleProposal(q, actor, v.id);
		if (p.buurt_id !== v.buurtId) throw new DomainError('proposals.not_found');
		await stillShown(q, actor, 'proposal_text', p.id, p.author_id);
		return { kind: 'proposal_text', id: p.id, buurtId: p.buurt_id, corporationId: p.corporation_id, authorId: p.author_id, text: proposalWords(p), path: `/proposals/${p.id}`, isPublic: true };
	}
	if (!/^[1-9][0-9]{0,17}$/.test(v.id)) throw new DomainError('proposals.not_found');
	const [c] = await q.query<{ id: number; proposal_id: string; author_id: string; body: string }>(
		'SELECT id, proposal_id, author_id, body FROM buurtpot_comments WHERE id = $1 AND deleted_at IS NULL AND hidden_at IS NULL',
		[v.id]
	);
	if (!c) throw new DomainError('proposals.not_found');
	const p = await visibleProposal(q, actor, c.proposal_id);
	if (p.buurt_id !== v.buurtId) throw new DomainError('proposals.not_found');
	await stillShown(q, actor, 'proposal_comment', String(c.id), c.author_id);
	return { kind: 'proposal_comment', id: String(c.id), buurtId: p.buurt_id, corporationId: p.corporation_id, authorId: c.author_id, text: c.body, path: `/proposals/${p.id}#comment-${c.id}`, isPublic: true };
}
