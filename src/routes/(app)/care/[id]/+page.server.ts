import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { doneParam, formFields, newIdempotencyKey, orNotFound, pageLoad } from '$lib/server/web/input';
import type { Ctx } from '$lib/server/shared/context';
import type { Actor } from '$lib/server/people';
import { acceptOffer, getCareRequest, logCareSession, offerHelp, postCareMessage, withdrawCareRequest } from '$lib/server/care';

const steps = ['offer', 'accept', 'session', 'withdraw'] as const;

/**
 * One care request as the person may see it (the read is audited): the care provider sees the
 * consent record, the offers, the thread and the sessions; a vetted helper the need, place and
 * availability and the offer button; the accepted helper the thread; once it ended, only that.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const request = await orNotFound(getCareRequest(ctx.db, actor, event.params.id, ctx.clock()));
	return {
		request,
		today: ctx.clock().toISOString().slice(0, 10),
		keys: { ...(Object.fromEntries(steps.map((s) => [s, newIdempotencyKey()])) as Record<(typeof steps)[number], string>), ...(await formKeys(event, ['message'])) },
		done: doneParam(event.url, ['created', 'offer', 'accept', 'message', 'session', 'withdraw'])
	};
});

type UseCase = (ctx: Ctx, actor: Actor, input: unknown) => Promise<unknown>;
const act = (useCase: UseCase, fields: string[], done: string) => (event: RequestEvent) =>
	runForm(event, async (data) => {
		const actor = requireActor(event);
		await useCase(event.locals.ctx, actor, { ...formFields(data, [...fields, 'idempotencyKey']), requestId: event.params.id });
		redirect(303, done === 'withdraw' ? '/care?done=withdrawn' : `/care/${event.params.id}?done=${done}`);
	});

export const actions: Actions = {
	offer: act(offerHelp, [], 'offer'),
	accept: act(acceptOffer, ['offerId'], 'accept'),
	message: act(postCareMessage, ['body'], 'message'),
	session: act(logCareSession, ['sessionOn', 'minutes'], 'session'),
	withdraw: act(withdrawCareRequest, [], 'withdraw')
};
