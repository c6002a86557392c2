import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent, RequestEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { DomainError } from '$lib/server/shared/errors';
import { getRequestDetail, publishHelpRequest, redirectHelpRequest, rejectHelpRequest, returnHelpRequest, cancelHelpRequest, confirmHelpRequest, disputeHelpRequest, resubmitHelpRequest, markHelpRequestDone, releaseHelpRequest, takeHelpRequest, settleHelpRequest, postHelpMessage, shareMyAddress, readZorgDetails, getFollowUp, assignRedirectedRequest, answerRedirectedRequest, closeRedirectedRequest } from '$lib/server/help';
import { formFields, newIdempotencyKey, orNotFound, doneParam, pageLoad } from '$lib/server/web/input';
import type { Ctx } from '$lib/server/shared/context';
import type { Actor } from '$lib/server/people';
import { reportForHelpRequest, reportFromRedirectedRequest } from '$lib/server/reports';
import { formRules, reportHref } from '$lib/server/web/moderation-targets';

const forms = ['check', 'resubmit', 'cancel', 'take', 'release', 'done', 'confirm', 'dispute', 'settle', 'message', 'share', 'followUpAssign', 'followUpAnswer', 'followUpClose'] as const;

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const request = await orNotFound(getRequestDetail(ctx.db, actor, event.params.id, ctx.clock()));
	return {
		request,
		followUp: request.state === 'redirected' ? await getFollowUp(ctx.db, actor, request.id) : null,
		// A redirected request becomes a melding (the job, or the redirect below): the page links to it.
		report: request.state === 'redirected' ? await reportForHelpRequest(ctx.db, actor, request.id) : null,
		// Transitions get a new key each time (take, release, take again must work); the thread message
		// is a create form, whose key survives Back (web/forms.ts formKeys).
		// Moderation: the other side's messages are reported to staff; the house rules beside the message form.
		reportMessage: Object.fromEntries((request.messages ?? []).filter((m) => m.canReport).map((m) => [m.id, reportHref('help_message', request.buurtId, m.id)])),
		rules: request.canPost ? await formRules(ctx.db, actor, request.buurtId) : null,
		keys: { ...(Object.fromEntries(forms.map((f) => [f, newIdempotencyKey()])) as Record<(typeof forms)[number], string>), ...(await formKeys(event, ['message'])) },
		done: doneParam(event.url, ['ask', 'ask_on_behalf', 'publish', 'return', 'redirect', 'reject', 'resubmit', 'cancel', 'take', 'release', 'mark_done', 'confirm', 'dispute', 'settle', 'message', 'share', 'read_zorg', 'follow_up_assign', 'follow_up_answer', 'follow_up_close', 'reported', 'reported_hidden'])
	};
});

type UseCase = (ctx: Ctx, actor: Actor, input: unknown) => Promise<unknown>;

/** One form action: read the named fields, run one use case, come back to the request (post/redirect/get). */
const act = (fields: string[], pick: (data: Record<string, string | undefined>) => { useCase: UseCase; input?: Record<string, unknown> }, doneAs: string) => (event: RequestEvent) =>
	runForm(event, async (data) => {
		const actor = requireActor(event);
		const values = formFields(data, [...fields, 'idempotencyKey']);
		const { useCase, input = {} } = pick(values);
		await useCase(event.locals.ctx, actor, { ...values, ...input, requestId: event.params.id });
		redirect(303, `/help/${event.params.id}?done=${doneAs}`);
	});

const checkUseCases: Record<string, UseCase> = { publish: publishHelpRequest, return: returnHelpRequest, redirect: redirectHelpRequest, reject: rejectHelpRequest };

export const actions: Actions = {
	check: (event) =>
		runForm(event, async (data) => {
			const actor = requireActor(event);
			const v = formFields(data, ['decision', 'reason', 'redirectKind', 'category', 'zorgLabel', 'title', 'description', 'idempotencyKey']);
			const useCase = checkUseCases[v.decision ?? ''];
			if (!useCase) throw new DomainError('validation.invalid', {}, { decision: 'validation.choice' });
			const input = v.decision === 'publish' ? v : v.decision === 'redirect' ? { reason: v.reason, redirectKind: v.redirectKind, idempotencyKey: v.idempotencyKey } : { reason: v.reason, idempotencyKey: v.idempotencyKey };
			await useCase(event.locals.ctx, actor, { ...input, requestId: event.params.id });
			// The melding at once, so the page links to it now (the job would do it within a minute; idempotent).
			// The redirect is done either way: should this fail, the job makes the melding later.
			if (v.decision === 'redirect')
				await reportFromRedirectedRequest(event.locals.ctx, event.params.id).catch((err: unknown) => event.locals.ctx.log.warn({ err, requestId: event.params.id }, 'melding from redirected request: left to the job'));
			redirect(303, `/help/${event.params.id}?done=${v.decision}`);
		}),
	resubmit: act(['reason', 'category', 'zorgLabel', 'title', 'description'], () => ({ useCase: resubmitHelpRequest }), 'resubmit'),
	cancel: act(['reason'], () => ({ useCase: cancelHelpRequest }), 'cancel'),
	take: act([], () => ({ useCase: takeHelpRequest }), 'take'),
	release: act(['reason'], () => ({ useCase: releaseHelpRequest }), 'release'),
	done: act(['reason'], () => ({ useCase: markHelpRequestDone }), 'mark_done'),
	confirm: act(['reason'], () => ({ useCase: confirmHelpRequest }), 'confirm'),
	dispute: act(['reason'], () => ({ useCase: disputeHelpRequest }), 'dispute'),
	settle: act(['outcome', 'reason'], () => ({ useCase: settleHelpRequest }), 'settle'),
	message: act(['body'], () => ({ useCase: postHelpMessage }), 'message'),
	share: act([], () => ({ useCase: shareMyAddress }), 'share'),
	readZorg: act(['reason'], () => ({ useCase: readZorgDetails }), 'read_zorg'),
	followUpAssign: act(['assigneeId'], () => ({ useCase: assignRedirectedRequest }), 'follow_up_assign'),
	followUpAnswer: act(['note'], () => ({ useCase: answerRedirectedRequest }), 'follow_up_answer'),
	followUpClose: act(['note'], () => ({ useCase: closeRedirectedRequest }), 'follow_up_close')
};
