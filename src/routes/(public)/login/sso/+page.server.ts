import type { PageServerLoad } from './$types';
import { listSsoCorporations } from '$lib/server/sso';
import { safeNext } from '$lib/server/web/forms';

const problems = ['sso.provider_unreachable', 'sso.login_expired', 'sso.login_failed', 'sso.no_staff_role', 'sso.member_refused'];

/** Staff choose their corporation; a sign-in that came back refused says why, in words. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const problem = url.searchParams.get('problem');
	return {
		corporations: await listSsoCorporations(locals.ctx.db),
		next: safeNext(url.searchParams.get('next')),
		problem: problem && problems.includes(problem) ? problem : null
	};
};
