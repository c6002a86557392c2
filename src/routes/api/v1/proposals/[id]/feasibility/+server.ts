import { apiHandler } from '$lib/server/web/api';
import { answerFeasibility } from '$lib/server/proposals';
import { apiInput } from '$lib/server/web/proposal-forms';

/** The feasibility answer: `{ outcome: accept|needs_changes|decline, reason, costCents? }`. */
export const POST = apiHandler(async (event, actor) => {
	const { input } = await apiInput(event, { numeric: ['costCents'] });
	return answerFeasibility(event.locals.ctx, actor, { ...input, proposalId: event.params.id });
});
