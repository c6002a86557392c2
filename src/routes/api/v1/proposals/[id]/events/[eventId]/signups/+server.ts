import { apiHandler } from '$lib/server/web/api';
import { DomainError } from '$lib/server/shared/errors';
import { cancelSignUp, listEventsForProposal, signUpForEvent } from '$lib/server/activities';

/** The event must belong to the proposal in the path (else 404, like any unknown event). */
async function checkPath(event: Parameters<Parameters<typeof apiHandler>[0]>[0], actor: Parameters<Parameters<typeof apiHandler>[0]>[1]) {
	const events = await listEventsForProposal(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock());
	if (!events.some((e) => e.id === event.params.eventId)) throw new DomainError('activities.not_found');
}

/** Sign up for a shift or activity of the proposal. */
export const POST = apiHandler(
	async (event, actor) => {
		await checkPath(event, actor);
		return signUpForEvent(event.locals.ctx, actor, { eventId: event.params.eventId });
	},
	{ status: 201 }
);

/** Cancel one's sign-up. */
export const DELETE = apiHandler(async (event, actor) => {
	await checkPath(event, actor);
	return cancelSignUp(event.locals.ctx, actor, { eventId: event.params.eventId });
});
