import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { runForm, str } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { formatRoleMap, getSsoProvider, saveSsoProvider } from '$lib/server/sso';

/** An admin connects the corporation's own sign-in (OpenID Connect) and says which group gives which role. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event, { admin: true });
	const provider = await getSsoProvider(event.locals.ctx.db, actor, corporationId);
	return { provider: provider ? { ...provider, roleMapText: formatRoleMap(provider.role_map) } : null, callbackUrl: `${event.locals.ctx.publicUrl}/login/sso/callback` };
});

export const actions: Actions = {
	save: (event) =>
		runForm(event, async (data) => {
			const { actor, corporationId } = requireStaff(event, { admin: true });
			await saveSsoProvider(event.locals.ctx, actor, {
				corporationId,
				issuer: str(data, 'issuer') ?? '',
				clientId: str(data, 'clientId') ?? '',
				clientSecret: str(data, 'clientSecret') ?? '',
				groupsClaim: str(data, 'groupsClaim') || undefined,
				roleMap: str(data, 'roleMap') ?? ''
			});
			return { saved: true };
		})
};
