import { apiHandler } from '$lib/server/web/api';
import { cancelRound } from '$lib/server/rounds';

/** Staff: cancel a round nobody has voted in yet. */
export const POST = apiHandler(async (event, actor) => cancelRound(event.locals.ctx, actor, { roundId: event.params.id }));
