import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { requireStaff } from '$lib/server/web/staff';
import { formFields, pageLoad, doneParam } from '$lib/server/web/input';
import { listVisibleBuurten } from '$lib/server/places';
import { endHelperCheck, issueCareToken, listCareOrganisations, listHelperChecks, recordHelperCheck, revokeCareToken, setCareCoordinator } from '$lib/server/care';

/**
 * Staff and the care bridge: record a helper's check (a VOG seen, or a care organisation's own
 * vetting) and end it; name each care organisation's coordinator; issue or revoke its API token
 * (shown once). Staff never read care requests here — only who may help.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	const { ctx } = event.locals;
	return {
		checks: await listHelperChecks(ctx.db, actor, ctx.clock()),
		organisations: await listCareOrganisations(ctx.db, actor),
		buurten: (await listVisibleBuurten(ctx.db, actor)).filter((b) => b.corporation_id === corporationId).map((b) => ({ id: b.id, name: b.name })),
		today: ctx.clock().toISOString().slice(0, 10),
		done: doneParam(event.url, ['vetted', 'ended', 'coordinator', 'revoked'])
	};
});

const back = (done: string) => redirect(303, `/staff/care?done=${done}`);

export const actions: Actions = {
	vet: (event) =>
		runForm(event, async (data) => {
			await recordHelperCheck(event.locals.ctx, requireActor(event), formFields(data, ['buurtId', 'email', 'method', 'vogSeenOn', 'organisationId', 'validUntil']));
			back('vetted');
		}),
	endCheck: (event) =>
		runForm(event, async (data) => {
			await endHelperCheck(event.locals.ctx, requireActor(event), formFields(data, ['checkId']));
			back('ended');
		}),
	coordinator: (event) =>
		runForm(event, async (data) => {
			await setCareCoordinator(event.locals.ctx, requireActor(event), formFields(data, ['organisationId', 'accountId', 'coordinator']));
			back('coordinator');
		}),
	issueToken: (event) =>
		runForm(event, async (data) => {
			// The token is shown once, on this answer; it is never stored.
			const issued = await issueCareToken(event.locals.ctx, requireActor(event), formFields(data, ['organisationId', 'contactId']));
			return { issued: { token: issued.token, organisationId: formFields(data, ['organisationId']).organisationId } };
		}),
	revokeToken: (event) =>
		runForm(event, async (data) => {
			await revokeCareToken(event.locals.ctx, requireActor(event), formFields(data, ['id']));
			back('revoked');
		})
};
