import { apiHandler } from '$lib/server/web/api';
import { DomainError } from '$lib/server/shared/errors';
import { publishHelpRequest, redirectHelpRequest, rejectHelpRequest, returnHelpRequest, cancelHelpRequest, confirmHelpRequest, disputeHelpRequest, resubmitHelpRequest, markHelpRequestDone, releaseHelpRequest, takeHelpRequest, settleHelpRequest, presentTransition } from '$lib/server/help';
import { jsonInput } from '$lib/server/web/input';
import type { Ctx } from '$lib/server/shared/context';
import type { Actor } from '$lib/server/people';
import type { TransitionResult } from '$lib/server/help';

type UseCase = (ctx: Ctx, actor: Actor, input: unknown) => Promise<TransitionResult>;
const byAction: Record<string, UseCase> = {
	publish: publishHelpRequest,
	return: returnHelpRequest,
	redirect: redirectHelpRequest,
	reject: rejectHelpRequest,
	resubmit: resubmitHelpRequest,
	cancel: cancelHelpRequest,
	take: takeHelpRequest,
	release: releaseHelpRequest,
	mark_done: markHelpRequestDone,
	confirm: confirmHelpRequest,
	dispute: disputeHelpRequest,
	settle: settleHelpRequest
};

/** One state change: `{ action, reason?, … }`; Idempotency-Key header or `idempotencyKey`. */
export const POST = apiHandler(async (event, actor) => {
	const { action, ...input } = await jsonInput(event);
	const useCase = typeof action === 'string' && Object.hasOwn(byAction, action) ? byAction[action] : undefined;
	if (!useCase) throw new DomainError('validation.invalid', {}, { action: 'help.unknown_action' });
	return presentTransition(await useCase(event.locals.ctx, actor, { ...input, requestId: event.params.id }));
});
