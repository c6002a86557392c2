import { exportRoundPabulib } from '$lib/server/buurtpot/pabulib-io';
import { apiFileHandler } from '$lib/server/buurtpot/round-web';

/** A closed round as a Pabulib file, ballots anonymised; 404 before the close. */
export const GET = apiFileHandler(async (event, actor) => ({
	...(await exportRoundPabulib(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock())),
	type: 'text/plain; charset=utf-8'
}));
