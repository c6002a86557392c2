import { exportRoundPabulib } from '$lib/server/rounds';
import { apiFileHandler } from '$lib/server/web/round-forms';

/** A closed round as a Pabulib file, ballots anonymised; 404 before the close. */
export const GET = apiFileHandler(async (event, actor) => ({
	...(await exportRoundPabulib(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock())),
	type: 'text/plain; charset=utf-8'
}));
