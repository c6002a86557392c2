import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { runForm } from '$lib/server/web/forms';
import { doneParam, pageLoad } from '$lib/server/web/input';
import { partyFrom } from '$lib/server/web/report-forms';
import { reportLine } from '$lib/server/web/report-views';
import { assignReports, listCategories, listHandlingOptions, listStaffQueue, reportStates } from '$lib/server/reports';

const PAGE = 50;
/** "open" (the default: every report someone still has to work on), "all", or one state. */
const shows = ['open', 'all', ...reportStates] as const;

/**
 * The staff queue: filters are GET parameters (a filtered queue can be bookmarked), the report
 * due first on top (overdue ones are due earliest), 50 a page. Bulk assign is one form around
 * the list; the filters travel along so the person lands on the same view.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	const { ctx } = event.locals;
	const now = ctx.clock();
	const q = event.url.searchParams;
	const show = (shows as readonly string[]).includes(q.get('state') ?? '') ? (q.get('state') as (typeof shows)[number]) : 'open';
	const handler = q.get('handler') ?? '';
	const filters = {
		state: show,
		categoryId: q.get('categoryId') ?? '',
		buurtId: q.get('buurtId') ?? '',
		handler,
		overdue: q.get('overdue') === '1'
	};
	const page = Number(q.get('page') ?? '1');
	const [options, tree, views] = await Promise.all([
		listHandlingOptions(ctx.db, actor, corporationId),
		listCategories(ctx.db, actor, corporationId, now),
		listStaffQueue(ctx.db, actor, {
			corporationId,
			page: q.get('page') ?? undefined,
			...(show === 'open' ? { open: true } : show === 'all' ? {} : { state: show }),
			categoryId: filters.categoryId || undefined,
			buurtId: filters.buurtId || undefined,
			...(handler.startsWith('team:') ? { teamId: handler.slice(5) } : handler ? { assignee: handler } : {}),
			overdue: filters.overdue ? 'true' : undefined
		}, now)
	]);
	return {
		filters,
		page: Number.isInteger(page) && page > 0 ? page : 1,
		hasMore: views.length === PAGE,
		reports: views.map((v) => reportLine(v, now)),
		categories: tree.categories.map((c) => ({ id: c.id, parentId: c.parent_id, nl: c.name_nl, en: c.name_en })),
		options: { teams: options.teams, staff: options.staff, organisations: options.organisations, buurten: options.buurten },
		names: Object.fromEntries([...options.teams, ...options.staff, ...options.partners].map((x) => [x.id, x.name])),
		done: doneParam(event.url, ['assigned']),
		assigned: Number(q.get('n') ?? 0) || 0
	};
});

export const actions: Actions = {
	assign: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event); // then the use case checks scope, then role
			const reportIds = data.getAll('reportId').filter((v): v is string => typeof v === 'string');
			const party = partyFrom(data.get('party')?.toString());
			const r = await assignReports(event.locals.ctx, actor, { reportIds, party, idempotencyKey: data.get('idempotencyKey')?.toString() || undefined });
			// Back to the same filtered view, with how many were assigned.
			const back = new URLSearchParams(data.get('back')?.toString() ?? '');
			back.set('done', 'assigned');
			back.set('n', String(r.assigned));
			redirect(303, `/staff/reports?${back}`);
		})
};
