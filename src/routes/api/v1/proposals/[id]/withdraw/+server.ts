import { apiHandler } from '$lib/server/web/api';
import { withdrawProposal } from '$lib/server/proposals';
import { apiInput } from '$lib/server/web/proposal-forms';

/** The author withdraws the proposal (until it is on a ballot): `{ reason? }`. */
export const POST = apiHandler(async (event, actor) => {
	const { input } = await apiInput(event);
	return withdrawProposal(event.locals.ctx, actor, { ...input, proposalId: event.params.id });
});
