import type { PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { listAudit } from '$lib/server/audit';
import { pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	requireStaff(event, { admin: true });
	const rows = await listAudit(event.locals.ctx.db, { limit: 200 });
	return { rows: rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString().replace('T', ' ').slice(0, 19), actor: r.actor_id, action: r.action, subject: r.subject })) };
});
