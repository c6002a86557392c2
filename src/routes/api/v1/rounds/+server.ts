import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { listRounds, openRound, presentRoundSummary } from '$lib/server/rounds';

/** Rounds the actor may see; `?buurtId=` narrows to one buurt. */
export const GET = apiHandler(async (event, actor) => {
	const buurtId = event.url.searchParams.get('buurtId') ?? undefined;
	const rounds = await listRounds(event.locals.ctx.db, actor, { buurtId }, event.locals.ctx.clock());
	return { rounds: rounds.map(presentRoundSummary) };
});

/** Staff open a round (Idempotency-Key header supported). */
export const POST = apiHandler(async (event, actor) => openRound(event.locals.ctx, actor, await jsonInput(event)), { status: 201 });
