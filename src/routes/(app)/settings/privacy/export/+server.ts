import type { RequestHandler } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { exportMyData } from '$lib/server/personal-data';

/**
 * The person's own export as a ZIP download (a form POST, so it works without JavaScript and
 * no link prefetch or crawler ever makes one). Never cached.
 */
export const POST: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const { fileName, bytes } = await exportMyData(event.locals.ctx, actor);
	return new Response(bytes as BodyInit, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
