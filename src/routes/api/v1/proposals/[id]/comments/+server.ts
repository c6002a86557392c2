import { apiHandler } from '$lib/server/web/api';
import { addComment, getProposalDetail, presentComment } from '$lib/server/proposals';
import { apiInput } from '$lib/server/web/proposal-forms';

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
