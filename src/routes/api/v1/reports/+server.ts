import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { DomainError } from '$lib/server/shared/errors';
import { createReport, listBuurtReports, listMyReports, listStaffQueue, listWorkOrders, presentReportList } from '$lib/server/reports';

const lists = { mine: listMyReports, buurt: listBuurtReports, queue: listStaffQueue, 'work-orders': listWorkOrders } as const;

/** ?scope=mine (default) | buurt&buurtId= | queue (&state, categoryId, buurtId, teamId, assignee, overdue, open) | work-orders; &page, &state. */
export const GET = apiHandler(async (event, actor) => {
	const q = Object.fromEntries(event.url.searchParams);
	const { scope = 'mine', ...input } = q;
	const list = Object.hasOwn(lists, scope) ? lists[scope as keyof typeof lists] : undefined;
	if (!list) throw new DomainError('validation.invalid', {}, { scope: 'validation.choice' });
	return presentReportList(await list(event.locals.ctx.db, actor, input, event.locals.ctx.clock()));
});

/** Report something; Idempotency-Key header or `idempotencyKey`. */
export const POST = apiHandler(async (event, actor) => createReport(event.locals.ctx, actor, await jsonInput(event)), { status: 201 });
