import { error, type RequestHandler } from '@sveltejs/kit';
import { getAdviceDocument } from '$lib/server/voice';
import { DomainError } from '$lib/server/shared/errors';

/**
 * An advice request's document (a PDF, checked by its bytes) for staff of the corporation and
 * the board of the association it was sent to; 404 for anyone else. Served as a download with
 * `nosniff` and a CSP that forbids everything.
 */
export const GET: RequestHandler = async (event) => {
	const actor = event.locals.actor;
	if (!actor) error(404, 'not_found');
	try {
		const doc = await getAdviceDocument(event.locals.ctx.db, actor, event.params.id!);
		const etag = `"${doc.sha256}"`;
		const headers: Record<string, string> = {
			'Content-Type': 'application/pdf',
			'Content-Security-Policy': "default-src 'none'; sandbox",
			'X-Content-Type-Options': 'nosniff',
			'Cross-Origin-Resource-Policy': 'same-origin',
			'Cache-Control': 'private, max-age=86400, immutable',
			ETag: etag,
			// The stored name is cleaned (no path, quotes or control characters); ASCII only in the plain parameter.
			'Content-Disposition': `attachment; filename="${doc.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`
		};
		if (event.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
		return new Response(Buffer.from(doc.bytes), { headers });
	} catch (err) {
		if (err instanceof DomainError) error(404, 'not_found');
		throw err;
	}
};
