import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { DomainError } from '$lib/server/shared/errors';
import type { Ctx } from '$lib/server/shared/context';
import type { Actor } from '$lib/server/people';
import {
	acknowledgeReport, startReport, resolveReport, rejectReport, forwardReport, recordReply, mergeReport, reopenReport, withdrawReport, presentTransition,
	type TransitionAction, type TransitionResult
} from '$lib/server/reports';

const byAction: Record<TransitionAction, (ctx: Ctx, actor: Actor, input: unknown) => Promise<TransitionResult>> = {
	acknowledge: acknowledgeReport,
	start: startReport,
	resolve: resolveReport,
	reject: rejectReport,
	forward: forwardReport,
	record_reply: recordReply,
	merge: mergeReport,
	reopen: reopenReport,
	withdraw: withdrawReport
};

/** One step: `{ action, note, scheduledOn?, intoId?, organisationId?, forwardedTo? }`. */
export const POST = apiHandler(async (event, actor) => {
	const { action, ...input } = await jsonInput(event);
	const useCase = typeof action === 'string' && Object.hasOwn(byAction, action) ? byAction[action as TransitionAction] : undefined;
	if (!useCase) throw new DomainError('validation.invalid', {}, { action: 'validation.choice' });
	return presentTransition(await useCase(event.locals.ctx, actor, { ...input, reportId: event.params.id }));
});
