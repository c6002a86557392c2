import { error, type RequestHandler } from '@sveltejs/kit';
import { getUploadedFile } from '$lib/server/proposals';
import { DomainError } from '$lib/server/shared/errors';

/**
 * A buurtpot upload (proposal or update photo, payment receipt) for whoever may see its proposal.
 * Served with the type its bytes were checked to be, `nosniff`, and a CSP that forbids
 * everything (a PDF or image cannot run script or load anything, even if opened directly).
 */
export const GET: RequestHandler = async (event) => {
	const actor = event.locals.actor;
	if (!actor) error(404, 'not_found');
	try {
		const file = await getUploadedFile(event.locals.ctx.db, actor, event.params.id!);
		const etag = `"${file.sha256}"`;
		const headers: Record<string, string> = {
			'Content-Type': file.contentType,
			'Content-Security-Policy': "default-src 'none'; sandbox",
			'X-Content-Type-Options': 'nosniff',
			'Cross-Origin-Resource-Policy': 'same-origin',
			'Cache-Control': 'private, max-age=86400, immutable',
			ETag: etag,
			'Content-Disposition': file.contentType === 'application/pdf' ? `attachment; filename="bon-${event.params.id}.pdf"` : 'inline'
		};
		if (event.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
		return new Response(Buffer.from(file.bytes), { headers });
	} catch (err) {
		if (err instanceof DomainError) error(404, 'not_found');
		throw err;
	}
};
