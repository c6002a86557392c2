import type { LayoutServerLoad } from './$types';
import { personaOf } from '$lib/server/people';
import { unreadCount } from '$lib/server/notifications';
import { hasDashboard } from '$lib/server/dashboard';
import { markOpenedRead } from '$lib/server/web/read-state';

// Server-rendered pages with no client JavaScript: every flow works with JavaScript off and
// pages stay small on cheap phones. A page that truly needs client behaviour can set csr = true.
export const csr = false;

export const load: LayoutServerLoad = async (event) => {
	const { locals, url } = event;
	// Opening an item's target (a request) marks the items about it read, before the menu counts.
	await markOpenedRead(event);
	return {
		locale: locals.locale,
		path: url.pathname + url.search,
		user: locals.actor
			? {
					name: locals.actor.name,
					persona: personaOf(locals.actor),
					isStaff: locals.actor.staff.length > 0,
					isAdmin: locals.actor.staff.some((s) => s.role === 'admin'),
					// Members earn rewards for their buurtpot: the wallet is in their menu.
					hasWallet: locals.actor.memberBuurtIds.length > 0,
					// Members report to the corporation and follow what happens: "Meldingen" in their menu.
					hasReports: locals.actor.memberBuurtIds.length > 0,
					// Members, staff, the tenants' association and the municipality read the buurt's figures.
					hasDashboard: hasDashboard(locals.actor),
					// One indexed count per page view, for the menu.
					unread: await unreadCount(locals.ctx.db, locals.actor.accountId)
				}
			: null,
		devMailbox: !locals.ctx.demo ? false : locals.ctx.mail.kind === 'outbox'
	};
};
