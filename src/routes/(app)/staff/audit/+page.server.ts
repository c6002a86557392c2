import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { listAudit } from '$lib/server/audit';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, { admin: true });
	const rows = await listAudit(event.locals.ctx.db, { limit: 200 });
	return { rows: rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString().replace('T', ' ').slice(0, 19), actor: r.actor_id, action: r.action, subject: r.subject })) };
};
