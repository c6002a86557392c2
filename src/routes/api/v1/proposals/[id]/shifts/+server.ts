import { apiHandler } from '$lib/server/web/api';
import { createEvent, listEventsForProposal, presentEvent } from '$lib/server/activities';
import { apiInput } from '$lib/server/web/proposal-forms';

export const GET = apiHandler(async (event, actor) => {
	const events = await listEventsForProposal(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock());
	return { shifts: events.filter((e) => e.kind === 'shift').map(presentEvent) };
});

/** `{ title, description?, place, date (YYYY-MM-DD), startTime, endTime (HH:MM, Europe/Amsterdam), capacity }`. */
export const POST = apiHandler(
	async (event, actor) => {
		const { input } = await apiInput(event);
		return createEvent(event.locals.ctx, actor, { ...input, kind: 'shift', proposalId: event.params.id });
	},
	{ status: 201 }
);
