import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { endSession } from '$lib/server/auth';
import { clearSessionCookie } from '$lib/server/web/session-cookie';
import { recordAudit } from '$lib/server/audit';

export const POST: RequestHandler = async ({ locals, cookies }) => {
	if (locals.sessionToken) await endSession(locals.ctx.db, locals.sessionToken);
	if (locals.actor) await recordAudit(locals.ctx.db, { at: locals.ctx.clock(), actorId: locals.actor.accountId, action: 'auth.logout' });
	clearSessionCookie(cookies);
	redirect(303, '/');
};
