import { apiHandler } from '$lib/server/web/api';
import { finishProposal } from '$lib/server/proposals';
import { apiInput } from '$lib/server/web/proposal-forms';

/** The final report `{ report }`: the proposal is done. */
export const POST = apiHandler(async (event, actor) => {
	const { input } = await apiInput(event);
	return finishProposal(event.locals.ctx, actor, { ...input, proposalId: event.params.id });
});
