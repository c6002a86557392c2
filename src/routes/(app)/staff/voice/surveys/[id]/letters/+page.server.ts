import type { PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { pageLoad } from '$lib/server/web/input';
import { qrMatrix, qrSvgPath } from '$lib/server/posters';
import { listInvitationLetters } from '$lib/server/voice';

/** The invitation letters to print: one per household, with its personal link and that link as a QR code. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	const { ctx } = event.locals;
	const { survey, letters } = await listInvitationLetters(ctx.db, actor, event.params.id, ctx.clock());
	const base = ctx.publicUrl.replace(/\/$/, '');
	return {
		survey: { id: survey.id, title: survey.title, intro: survey.intro, closesAt: new Date(new Date(survey.closes_at).getTime() - 1000) },
		letters: letters.map((l) => ({ ...l, url: base + l.path, qr: qrSvgPath(qrMatrix(base + l.path)) }))
	};
});
