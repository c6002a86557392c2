import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import type { Actor } from '../people';
import { contentKinds, rulesForForm, type ModerationTarget } from '../moderation';
import { boardModerationTarget } from '../board';
import { proposalModerationTarget } from '../proposals';
import { helpModerationTarget } from '../help';

/**
 * The report form names content by kind, buurt and id (`/moderation/report?kind=…&buurt=…&id=…`);
 * each kind is resolved by the module that owns it, with that module's scope rules, before
 * moderation's use case runs. Moderation sits below the content modules, so this map lives at
 * the edge. A kind without a resolver here is a 404, like content one may not see.
 */
export const reportAddressSchema = z.object({
	kind: z.enum(contentKinds, 'moderation.not_found'),
	buurt: z.uuid('moderation.not_found'),
	id: z.string('moderation.not_found').regex(/^[0-9a-f-]{1,36}$/i, 'moderation.not_found')
});

export async function resolveModerationTarget(q: Queryable, actor: Actor, input: unknown): Promise<ModerationTarget> {
	const v = parseInput(reportAddressSchema, input);
	if (v.kind === 'board_post' || v.kind === 'board_reply') return boardModerationTarget(q, actor, { kind: v.kind, buurtId: v.buurt, id: v.id });
	if (v.kind === 'proposal_text' || v.kind === 'proposal_comment') return proposalModerationTarget(q, actor, { kind: v.kind, buurtId: v.buurt, id: v.id });
	if (v.kind === 'help_message') return helpModerationTarget(q, actor, { kind: v.kind, buurtId: v.buurt, id: v.id });
	throw new DomainError('moderation.not_found');
}

/** The report form's address for a piece of content. */
export const reportHref = (kind: string, buurtId: string, id: string | number) => `/moderation/report?kind=${kind}&buurt=${buurtId}&id=${id}`;

/** The content's page with `?done=…` before any #fragment. */
export function withDone(path: string, done: string): string {
	const [base, hash] = path.split('#');
	return `${base}${base.includes('?') ? '&' : '?'}done=${done}${hash ? `#${hash}` : ''}`;
}

/** The house rules beside a member's publishing form in this buurt (null for staff and others: they do not post as neighbours). */
export async function formRules(q: Queryable, actor: Actor, buurtId: string) {
	const corporationId = actor.memberships.find((m) => m.buurtId === buurtId)?.corporationId;
	return corporationId ? rulesForForm(q, actor, corporationId) : null;
}
