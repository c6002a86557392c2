import { apiHandler } from '$lib/server/web/api';
import { postProgressUpdate } from '$lib/server/proposals';
import { apiInput } from '$lib/server/web/proposal-forms';

/** `{ body }`, or multipart/form-data with up to 3 `photos`. */
export const POST = apiHandler(
	async (event, actor) => {
		const { input, files } = await apiInput(event, { files: ['photos'] });
		return postProgressUpdate(event.locals.ctx, actor, { ...input, proposalId: event.params.id }, files.photos ?? []);
	},
	{ status: 201 }
);
