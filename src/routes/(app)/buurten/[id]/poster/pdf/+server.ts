import { error, type RequestHandler } from '@sveltejs/kit';
import { composePoster } from '$lib/server/posters';
import { posterPdf } from '$lib/server/web/poster-pdf';
import { DomainError, httpStatusFor } from '$lib/server/shared/errors';

/** The stairwell poster as an A4 PDF, for staff and the buurt's supervisors (same choices as the page). */
export const GET: RequestHandler = async (event) => {
	const actor = event.locals.actor;
	if (!actor) error(401, 'login');
	const { ctx } = event.locals;
	const q = event.url.searchParams;
	try {
		const poster = await composePoster(ctx.db, actor, { buurtId: event.params.id, complexId: q.get('complex') ?? '', second: q.get('second') ?? '' }, ctx.clock(), ctx.publicUrl);
		const name = (poster.complex?.name ?? poster.buurt.name).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'buurt';
		return new Response(Buffer.from(await posterPdf(poster)), {
			headers: {
				'Content-Type': 'application/pdf',
				'Content-Disposition': `attachment; filename="noaber-poster-${name}.pdf"`,
				'X-Content-Type-Options': 'nosniff',
				'Cache-Control': 'private, no-store'
			}
		});
	} catch (err) {
		if (err instanceof DomainError) error(httpStatusFor(err.code), err.code);
		throw err;
	}
};
