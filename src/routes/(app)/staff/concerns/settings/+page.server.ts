import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { runForm } from '$lib/server/web/forms';
import { requireStaff } from '$lib/server/web/staff';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { listSocialTeam, listStaffOfCorporation, setSocialTeamMember } from '$lib/server/people';
import { getConcernSettings, saveConcernSettings } from '$lib/server/concerns';

/** Admins of the corporation: who is on the social team, and how long concerns are kept. Others 403. */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { corporationId } = requireStaff(event, { admin: true });
	const { db } = event.locals.ctx;
	const team = await listSocialTeam(db, corporationId);
	const staff = await listStaffOfCorporation(db, corporationId);
	return {
		corporationId,
		team,
		candidates: staff.filter((s) => !team.some((m) => m.accountId === s.accountId)),
		settings: await getConcernSettings(db, corporationId),
		done: doneParam(event.url, ['saved', 'added', 'removed'])
	};
});

const member = (add: boolean) => (event: Parameters<Actions[string]>[0]) =>
	runForm(event, async (data) => {
		const { actor, corporationId } = requireStaff(event, { admin: true });
		await setSocialTeamMember(event.locals.ctx, actor, { corporationId, ...formFields(data, ['accountId']) }, add);
		redirect(303, `/staff/concerns/settings?done=${add ? 'added' : 'removed'}`);
	});

export const actions: Actions = {
	add: member(true),
	remove: member(false),
	retention: (event) =>
		runForm(event, async (data) => {
			const { actor, corporationId } = requireStaff(event, { admin: true });
			await saveConcernSettings(event.locals.ctx, actor, { corporationId, ...formFields(data, ['retentionDays', 'caseRetentionDays']) });
			redirect(303, '/staff/concerns/settings?done=saved');
		})
};
