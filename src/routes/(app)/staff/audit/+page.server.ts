import type { PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { listAuditForCorporations } from '$lib/server/audit';
import { pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event, { admin: true });
	// Only the log of the corporations this person is admin of.
	const corporations = actor.staff.filter((s) => s.role === 'admin').map((s) => s.corporationId);
	const rows = await listAuditForCorporations(event.locals.ctx.db, corporations, { limit: 200 });
	return { rows: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) };
});
