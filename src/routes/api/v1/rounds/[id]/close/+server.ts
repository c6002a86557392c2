import { apiHandler } from '$lib/server/web/api';
import { closeRound } from '$lib/server/rounds';

/** Staff: close a round after its closing time; counts once and publishes. */
export const POST = apiHandler(async (event, actor) => closeRound(event.locals.ctx, actor, { roundId: event.params.id }));
