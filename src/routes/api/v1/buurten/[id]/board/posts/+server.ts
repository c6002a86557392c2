import { apiHandler } from '$lib/server/web/api';
import { apiInput } from '$lib/server/web/proposal-forms';
import { createPost } from '$lib/server/board';

/** A member posts: JSON, or multipart/form-data with up to 3 `photos`. */
export const POST = apiHandler(
	async (event, actor) => {
		const { input, files } = await apiInput(event, { files: ['photos'] });
		return createPost(event.locals.ctx, actor, { ...input, buurtId: event.params.id }, files.photos ?? []);
	},
	{ status: 201 }
);
