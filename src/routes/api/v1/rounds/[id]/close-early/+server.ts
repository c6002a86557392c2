import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { closeRoundEarly } from '$lib/server/rounds';

/** Staff: `{ reason }` — close an open round before its closing time; counts once and publishes. */
export const POST = apiHandler(async (event, actor) => {
	const input = await jsonInput(event);
	return closeRoundEarly(event.locals.ctx, actor, { reason: input.reason, roundId: event.params.id });
});
