import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { DomainError } from '$lib/server/shared/errors';
import { createCategory, listCategories, presentCategories } from '$lib/server/reports';

/** ?corporationId=… (default: the actor's own). */
export const GET = apiHandler(async (event, actor) => {
	const id = event.url.searchParams.get('corporationId') ?? undefined;
	if (id !== undefined && !/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('reports.forbidden');
	return presentCategories(await listCategories(event.locals.ctx.db, actor, id, event.locals.ctx.clock()));
});

/** Staff: a new category or sub-category. */
export const POST = apiHandler(async (event, actor) => createCategory(event.locals.ctx, actor, await jsonInput(event)), { status: 201 });
