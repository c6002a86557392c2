import type { Actions, PageServerLoadEvent } from './$types';
import { runForm } from '$lib/server/web/forms';
import { requireStaff } from '$lib/server/web/staff';
import { formFields, pageLoad } from '$lib/server/web/input';
import { houseRulesOf, liftSuspension, listCorporationQueue, saveHouseRules, setHideAfter, staffModeration } from '$lib/server/moderation';

/** Staff: everything reported in their corporation, its house rules, when content is hidden per buurt, and who is suspended. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	const { db } = event.locals.ctx;
	const [items, overview, rules] = await Promise.all([listCorporationQueue(db, actor), staffModeration(db, actor, event.locals.ctx.clock()), houseRulesOf(db, actor)]);
	return { items, ...overview, rules: rules.find((r) => r.corporationId === corporationId)! };
});

export const actions: Actions = {
	rules: (event) =>
		runForm(event, async (data) => {
			const { actor, corporationId } = requireStaff(event);
			const r = await saveHouseRules(event.locals.ctx, actor, { corporationId, bodyNl: String(data.get('bodyNl') ?? ''), bodyEn: String(data.get('bodyEn') ?? '') });
			return { saved: 'rules' as const, custom: r.custom };
		}),
	hideAfter: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			await setHideAfter(event.locals.ctx, actor, formFields(data, ['buurtId', 'hideAfter']));
			return { saved: 'settings' as const };
		}),
	lift: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			await liftSuspension(event.locals.ctx, actor, formFields(data, ['suspensionId']));
			return { saved: 'lifted' as const };
		})
};
