import { apiHandler } from '$lib/server/web/api';
import { addComment } from '$lib/server/buurtpot/proposal-comments';
import { getProposalDetail } from '$lib/server/buurtpot/proposal-queries';
import { presentComment } from '$lib/server/buurtpot/proposal-presenters';
import { apiInput } from '$lib/server/buurtpot/proposal-web';

export const GET = apiHandler(async (event, actor) => {
	const p = await getProposalDetail(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock());
	return { comments: p.comments.map(presentComment) };
});

/** `{ body }` (1–1000 characters). */
export const POST = apiHandler(
	async (event, actor) => {
		const { input } = await apiInput(event);
		return addComment(event.locals.ctx, actor, { ...input, proposalId: event.params.id });
	},
	{ status: 201 }
);
