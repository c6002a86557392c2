import { error, type RequestHandler } from '@sveltejs/kit';
import { getBoardPhoto } from '$lib/server/board';
import { DomainError } from '$lib/server/shared/errors';

/**
 * A board post's photo for whoever may see the post (its buurt's members and staff; in a group
 * by request only its members). Same headers as the buurtpot uploads: the checked type,
 * `nosniff`, and a CSP that forbids everything.
 */
export const GET: RequestHandler = async (event) => {
	const actor = event.locals.actor;
	if (!actor) error(404, 'not_found');
	try {
		const file = await getBoardPhoto(event.locals.ctx.db, actor, event.params.id!);
		const etag = `"${file.sha256}"`;
		const headers: Record<string, string> = {
			'Content-Type': file.contentType,
			'Content-Security-Policy': "default-src 'none'; sandbox",
			'X-Content-Type-Options': 'nosniff',
			'Cross-Origin-Resource-Policy': 'same-origin',
			'Cache-Control': 'private, max-age=86400, immutable',
			ETag: etag,
			'Content-Disposition': 'inline'
		};
		if (event.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
		return new Response(Buffer.from(file.bytes), { headers });
	} catch (err) {
		if (err instanceof DomainError) error(404, 'not_found');
		throw err;
	}
};
