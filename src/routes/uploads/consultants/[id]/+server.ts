import { error, type RequestHandler } from '@sveltejs/kit';
import { getConsultantPhoto } from '$lib/server/people';
import { DomainError } from '$lib/server/shared/errors';

/**
 * A wijkconsulent's card photo (id = their account id), for whoever may see the card. The URL
 * carries the photo's sha256 (`?v=`), so it may be cached for long; served with its checked
 * type, `nosniff` and a CSP that forbids everything, like every upload.
 */
export const GET: RequestHandler = async (event) => {
	const actor = event.locals.actor;
	if (!actor) error(404, 'not_found');
	try {
		const photo = await getConsultantPhoto(event.locals.ctx.db, actor, event.params.id!);
		const etag = `"${photo.sha256}"`;
		const headers: Record<string, string> = {
			'Content-Type': photo.contentType,
			'Content-Security-Policy': "default-src 'none'; sandbox",
			'X-Content-Type-Options': 'nosniff',
			'Cross-Origin-Resource-Policy': 'same-origin',
			'Cache-Control': 'private, max-age=86400',
			ETag: etag,
			'Content-Disposition': 'inline'
		};
		if (event.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
		return new Response(Buffer.from(photo.bytes), { headers });
	} catch (err) {
		if (err instanceof DomainError) error(404, 'not_found');
		throw err;
	}
};
