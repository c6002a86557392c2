import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { requireActor, runForm, str } from '$lib/server/web/forms';
import { inviteAccount, createOrganisation, listOrganisations, isAdminOf, appointAmbassador, endAmbassador, listAmbassadors, linkOrganisationBuurt } from '$lib/server/people';
import { listVisibleBuurten } from '$lib/server/places';
import { pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	return {
		admin: isAdminOf(actor, corporationId),
		organisations: await listOrganisations(event.locals.ctx, [corporationId]),
		ambassadors: await listAmbassadors(event.locals.ctx.db, corporationId),
		buurten: (await listVisibleBuurten(event.locals.ctx.db, actor)).filter((b) => b.corporation_id === corporationId).map((b) => ({ id: b.id, name: b.name }))
	};
});

export const actions: Actions = {
	invite: (event) =>
		runForm(event, async (data) => {
			const { actor, corporationId } = requireStaff(event);
			const target = str(data, 'target') ?? '';
			const common = { email: str(data, 'email'), name: str(data, 'name'), locale: str(data, 'locale') || 'nl' };
			const input = target.startsWith('staff:')
				? { kind: 'staff', corporationId, role: target.slice(6), ...common }
				: target.startsWith('member:')
					? { kind: 'member', corporationId, membership: target.slice(7), eenheid: str(data, 'eenheid') ?? '', ...common }
					: { kind: 'partner', organisationId: target.replace(/^partner:/, ''), ...common };
			await inviteAccount(event.locals.ctx, actor, input);
			return { invited: common.email };
		}),
	ambassador: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event); // the use case checks scope, then role
			await appointAmbassador(event.locals.ctx, actor, { buurtId: str(data, 'buurtId'), email: str(data, 'ambassadorEmail') });
			return { ambassadorAppointed: true };
		}),
	endAmbassador: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event);
			await endAmbassador(event.locals.ctx, actor, { buurtId: str(data, 'buurtId'), accountId: str(data, 'accountId') });
			return { ambassadorEnded: true };
		}),
	linkOrganisation: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			await linkOrganisationBuurt(event.locals.ctx, actor, { organisationId: str(data, 'organisationId'), buurtId: str(data, 'buurtId'), linked: str(data, 'linked') });
			return { organisationLinked: true };
		}),
	organisation: (event) =>
		runForm(event, async (data) => {
			const { actor, corporationId } = requireStaff(event);
			await createOrganisation(event.locals.ctx, actor, { corporationId, kind: str(data, 'kind'), name: str(data, 'orgName') });
			return { organisationCreated: true };
		})
};
