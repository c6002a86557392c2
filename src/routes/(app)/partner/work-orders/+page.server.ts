import { error } from '@sveltejs/kit';
import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { reportLine } from '$lib/server/web/report-views';
import { listWorkOrders, reportStates } from '$lib/server/reports';

/**
 * A partner's work orders: the reports routed to their organisation (a supplier's jobs, the
 * municipality's reports), the one due first on top, open ones before closed ones. Partners only.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	if (!actor.partners.length) error(403, 'forbidden');
	const { ctx } = event.locals;
	const now = ctx.clock();
	const state = event.url.searchParams.get('state') ?? '';
	const page = Number(event.url.searchParams.get('page') ?? '1');
	const views = await listWorkOrders(ctx.db, actor, { state: (reportStates as readonly string[]).includes(state) ? state : undefined, page: event.url.searchParams.get('page') ?? undefined }, now);
	return {
		organisations: [...new Set(actor.partners.map((p) => p.name))],
		kinds: [...new Set(actor.partners.map((p) => p.kind))],
		orders: views.map((v) => ({ ...reportLine(v, now), address: v.unitAddress, reporterName: v.reporterName })),
		page: Number.isInteger(page) && page > 0 ? page : 1,
		hasMore: views.length === 50
	};
});
