import type { PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { isAdminOf } from '$lib/server/people';

export const load: PageServerLoad = (event) => {
	const { actor, corporationId } = requireStaff(event);
	return { admin: isAdminOf(actor, corporationId) };
};
