import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { castBallot, getMyBallot, presentMyBallot } from '$lib/server/rounds';

/** The actor's own household's ballot; nobody else's is ever returned. */
export const GET = apiHandler(async (event, actor) => presentMyBallot(await getMyBallot(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock())));

/** `{ choices: [projectId, …] }`: vote, or replace the household's online ballot until the close. */
export const PUT = apiHandler(async (event, actor) => {
	const input = await jsonInput(event);
	return castBallot(event.locals.ctx, actor, { choices: input.choices, roundId: event.params.id });
});
