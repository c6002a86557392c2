import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { migrationsApplied } from '$lib/server/db/migrate';

/** Ready: the database answers and every migration is applied. */
export const GET: RequestHandler = async ({ locals }) => {
	try {
		const ok = await migrationsApplied(locals.ctx.db);
		return json({ status: ok ? 'ready' : 'migrations_pending', database: 'ok' }, { status: ok ? 200 : 503 });
	} catch {
		return json({ status: 'unavailable', database: 'unreachable' }, { status: 503 });
	}
};
