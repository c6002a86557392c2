import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { runForm, str } from '$lib/server/web/forms';
import { doneParam, pageLoad } from '$lib/server/web/input';
import { partyFrom } from '$lib/server/web/report-forms';
import { listCategories, listHandlingOptions, listRoutingRules, saveReportSettings, saveRoutingRules, saveTeam } from '$lib/server/reports';

/**
 * Routing rules, teams and the retention setting. The rules are one ordered list (first match
 * wins); every button here — add, delete, move up or down — changes the stored list and saves it
 * as a whole with saveRoutingRules, so no JavaScript is needed. A button aimed at a rule that is
 * no longer there (a colleague changed the list meanwhile) changes nothing and says so.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	const { ctx } = event.locals;
	const [rules, tree, options] = await Promise.all([
		listRoutingRules(ctx.db, actor, corporationId),
		listCategories(ctx.db, actor, corporationId, ctx.clock()),
		listHandlingOptions(ctx.db, actor, corporationId)
	]);
	return {
		rules,
		categories: tree.categories.map((c) => ({ id: c.id, parentId: c.parent_id, nl: c.name_nl, en: c.name_en })),
		options,
		choices: { teams: options.teams, staff: options.staff, organisations: options.organisations },
		names: Object.fromEntries([...options.teams, ...options.staff, ...options.partners, ...options.buurten, ...options.complexes].map((x) => [x.id, x.name])),
		done: doneParam(event.url, ['added', 'moved', 'deleted', 'changed', 'team', 'settings'])
	};
});

type Rule = Awaited<ReturnType<typeof listRoutingRules>>[number];
/** A stored rule as saveRoutingRules takes it again (no nulls where the schema wants nothing). */
const asInput = (r: Rule) => ({
	categoryId: r.categoryId,
	buurtId: r.buurtId,
	complexId: r.complexId,
	party: Object.fromEntries(Object.entries(r.party).filter(([, v]) => v !== null))
});

/** Loads the current list, lets `change` rearrange it (null: the rule is gone), and saves it whole. */
async function changeRules(event: RequestEvent, data: FormData, done: string, change: (rules: Rule[]) => ReturnType<typeof asInput>[] | null) {
	const { actor, corporationId } = requireStaff(event);
	const { ctx } = event.locals;
	const next = change(await listRoutingRules(ctx.db, actor, corporationId));
	if (!next) redirect(303, '/staff/reports/routing?done=changed');
	await saveRoutingRules(ctx, actor, { corporationId, rules: next });
	redirect(303, `/staff/reports/routing?done=${done}`);
}

export const actions: Actions = {
	add: (event) =>
		runForm(event, (data) =>
			changeRules(event, data, 'added', (rules) => {
				const place = str(data, 'place') ?? '';
				const rule = {
					categoryId: str(data, 'categoryId') || null,
					buurtId: place.startsWith('buurt:') ? place.slice(6) : null,
					complexId: place.startsWith('complex:') ? place.slice(8) : null,
					party: partyFrom(str(data, 'party')) as Record<string, string>
				};
				const list = rules.map(asInput);
				return str(data, 'where') === 'first' ? [rule, ...list] : [...list, rule];
			})
		),
	move: (event) =>
		runForm(event, (data) =>
			changeRules(event, data, 'moved', (rules) => {
				const i = rules.findIndex((r) => r.id === str(data, 'ruleId'));
				const j = str(data, 'direction') === 'up' ? i - 1 : i + 1;
				if (i < 0 || j < 0 || j >= rules.length) return null;
				const list = rules.map(asInput);
				[list[i], list[j]] = [list[j], list[i]];
				return list;
			})
		),
	delete: (event) =>
		runForm(event, (data) =>
			changeRules(event, data, 'deleted', (rules) => {
				const i = rules.findIndex((r) => r.id === str(data, 'ruleId'));
				return i < 0 ? null : rules.filter((_, k) => k !== i).map(asInput);
			})
		),
	team: (event) =>
		runForm(event, async (data) => {
			const { actor, corporationId } = requireStaff(event);
			const memberIds = data.getAll('memberIds').filter((v): v is string => typeof v === 'string');
			await saveTeam(event.locals.ctx, actor, { corporationId, teamId: str(data, 'teamId') || undefined, name: str(data, 'name') ?? '', memberIds });
			redirect(303, '/staff/reports/routing?done=team');
		}),
	settings: (event) =>
		runForm(event, async (data) => {
			const { actor, corporationId } = requireStaff(event);
			await saveReportSettings(event.locals.ctx, actor, { corporationId, retentionMonths: str(data, 'retentionMonths') ?? '' });
			redirect(303, '/staff/reports/routing?done=settings');
		})
};
