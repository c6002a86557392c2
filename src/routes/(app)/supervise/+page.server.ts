import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { listCheckQueue, endSupervisorTerm, getSupervisionStatus, signUpAsSupervisor, listFollowUps } from '$lib/server/help';
import { formFields, newIdempotencyKey, doneParam, pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const now = ctx.clock();
	const statuses = [];
	for (const buurtId of actor.memberBuurtIds) statuses.push(await getSupervisionStatus(ctx.db, actor, buurtId, now));
	const checks = actor.supervisorBuurtIds.length > 0 || actor.staff.length > 0;
	const queue = checks ? await listCheckQueue(ctx.db, actor, now) : null;
	// Staff follow up what was redirected to the corporation: who has it, answered, closed (open first).
	const followUps = await listFollowUps(ctx.db, actor.staff.length && queue ? queue.redirected.map((r) => r.id) : []);
	const redirected = (queue?.redirected ?? [])
		.map((r) => ({ id: r.id, title: r.title, category: r.category, zorgLabel: r.zorgLabel, buurtName: r.buurtName, ...(followUps.get(r.id) ?? { assigneeName: null, answered: false, closed: false }) }))
		.sort((a, b) => Number(a.closed) - Number(b.closed));
	return {
		statuses,
		queue,
		redirected,
		isStaff: actor.staff.length > 0,
		canAskOnBehalf: checks,
		keys: { signUp: newIdempotencyKey(), end: newIdempotencyKey() },
		done: doneParam(event.url, ['sign_up', 'end'])
	};
});

export const actions: Actions = {
	signUp: (event) =>
		runForm(event, async (data) => {
			await signUpAsSupervisor(event.locals.ctx, requireActor(event), formFields(data, ['buurtId', 'idempotencyKey']));
			redirect(303, '/supervise?done=sign_up');
		}),
	end: (event) =>
		runForm(event, async (data) => {
			await endSupervisorTerm(event.locals.ctx, requireActor(event), formFields(data, ['termId', 'idempotencyKey']));
			redirect(303, '/supervise?done=end');
		})
};
