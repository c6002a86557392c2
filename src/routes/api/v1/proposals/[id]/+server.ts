import { apiHandler } from '$lib/server/web/api';
import { editProposal } from '$lib/server/proposals';
import { getProposalWithEvents, presentProposalWithEvents } from '$lib/server/activities';
import { apiInput } from '$lib/server/web/proposal-forms';

/** One proposal with its history, comments, payments, updates, shifts and activities. */
export const GET = apiHandler(async (event, actor) =>
	presentProposalWithEvents(await getProposalWithEvents(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock()))
);

/** The author edits (whole text; `removePhotoIds`; multipart for new `photos`). */
export const PATCH = apiHandler(async (event, actor) => {
	const { input, files } = await apiInput(event, { files: ['photos'], numeric: ['costCents'], json: ['costLines', 'removePhotoIds'] });
	const { removePhotoIds, ...rest } = input as { removePhotoIds?: unknown };
	const remove = Array.isArray(removePhotoIds) ? removePhotoIds.filter((x): x is string => typeof x === 'string') : [];
	return editProposal(event.locals.ctx, actor, { ...rest, proposalId: event.params.id }, files.photos ?? [], remove);
});
