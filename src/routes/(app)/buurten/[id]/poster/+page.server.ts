import type { PageServerLoadEvent } from './$types';
import { requireActor } from '$lib/server/web/forms';
import { composePoster, qrSvgPath } from '$lib/server/posters';
import { pageLoad } from '$lib/server/web/input';

/** The stairwell poster: choose the complex and a second language (GET, so it works without JavaScript), see it, print it or take the PDF. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const q = event.url.searchParams;
	const input = { buurtId: event.params.id, complexId: q.get('complex') ?? '', second: q.get('second') ?? '' };
	const poster = await composePoster(ctx.db, actor, input, ctx.clock(), ctx.publicUrl);
	const pdf = new URLSearchParams({ ...(input.complexId ? { complex: input.complexId } : {}), ...(input.second ? { second: input.second } : {}) });
	return { poster, qr: qrSvgPath(poster.qr), choice: { complex: input.complexId, second: input.second }, pdfHref: `/buurten/${poster.buurt.id}/poster/pdf${pdf.size ? `?${pdf}` : ''}` };
});
