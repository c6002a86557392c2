import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/help/web';
import { castBallot, getMyBallot } from '$lib/server/buurtpot/ballots';
import { presentMyBallot } from '$lib/server/buurtpot/round-presenters';

/** The actor's own household's ballot; nobody else's is ever returned. */
export const GET = apiHandler(async (event, actor) => presentMyBallot(await getMyBallot(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock())));

/** `{ choices: [projectId, …] }`: vote, or replace the household's online ballot until the close. */
export const PUT = apiHandler(async (event, actor) => {
	const input = await jsonInput(event);
	return castBallot(event.locals.ctx, actor, { choices: input.choices, roundId: event.params.id });
});
