import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { isAdminOf } from '$lib/server/people';
import { listConcerns, socialTeamCorporationIds } from '$lib/server/concerns';

const iso = (d: Date) => d.toISOString();

/**
 * The social team's list (audited as a read). Anyone not on a social team gets a 404 — staff
 * without the role, admins and supervisors included: the list does not exist for them.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const p = event.url.searchParams;
	const corporationId = socialTeamCorporationIds(actor)[0] ?? '';
	const state = p.get('state') || 'untriaged';
	const q = p.get('q') || undefined;
	const list = await listConcerns(ctx, actor, { corporationId, state, q, page: p.get('page') || undefined });
	return {
		list: { ...list, items: list.items.map((c) => ({ ...c, createdAt: iso(c.createdAt) })) },
		state,
		q: q ?? '',
		mayConfigure: isAdminOf(actor, corporationId)
	};
});
