import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { listMyReports } from '$lib/server/reports';
import { reportLine } from './ui/report-line.server';

// "Mijn meldingen": what the person reported and what they follow, newest first.
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const views = await listMyReports(ctx.db, actor, { page: event.url.searchParams.get('page') ?? undefined }, ctx.clock());
	return {
		mine: views.filter((v) => v.isMine).map(reportLine),
		following: views.filter((v) => !v.isMine).map(reportLine),
		canReport: actor.memberships.length > 0
	};
});
