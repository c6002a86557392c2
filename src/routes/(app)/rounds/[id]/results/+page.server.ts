import type { PageServerLoadEvent } from './$types';
import { orNotFound, pageLoad } from '$lib/server/web/input';
import { requireActor } from '$lib/server/web/forms';
import { explainResults, getRoundResults } from '$lib/server/rounds';

/** Published results; before the close there are none (404), for anyone. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx, t, locale } = event.locals;
	const results = await orNotFound(getRoundResults(ctx.db, actor, event.params.id, ctx.clock()));
	const { result, ...rest } = results;
	return {
		results: rest,
		mes: result.count.rule === 'equal-shares' ? { share: result.count.sharePerVoter * result.factor, utility: result.count.utility } : null,
		explanation: explainResults(results, t, locale),
		done: event.url.searchParams.get('done')
	};
});
