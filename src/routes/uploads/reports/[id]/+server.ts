import { error, type RequestHandler } from '@sveltejs/kit';
import { getReportPhoto } from '$lib/server/reports';
import { DomainError } from '$lib/server/shared/errors';

/**
 * A photo of a melding (the id is its report_photos row) for whoever may see that report's
 * details — checked through the report, not through who added the photo, so a supplier's photo
 * on closing follows the same rules. Served like the buurtpot uploads: the type its bytes were
 * checked to be, `nosniff`, and a CSP that forbids everything; 404 for anyone else.
 */
export const GET: RequestHandler = async (event) => {
	const actor = event.locals.actor;
	if (!actor) error(404, 'not_found');
	try {
		const photo = await getReportPhoto(event.locals.ctx.db, actor, event.params.id!);
		const headers: Record<string, string> = {
			'Content-Type': photo.contentType,
			'Content-Security-Policy': "default-src 'none'; sandbox",
			'X-Content-Type-Options': 'nosniff',
			'Cross-Origin-Resource-Policy': 'same-origin',
			'Cache-Control': 'private, max-age=86400, immutable',
			ETag: photo.etag,
			'Content-Disposition': 'inline'
		};
		if (event.request.headers.get('if-none-match') === photo.etag) return new Response(null, { status: 304, headers });
		return new Response(Buffer.from(photo.bytes), { headers });
	} catch (err) {
		if (err instanceof DomainError) error(404, 'not_found');
		throw err;
	}
};
