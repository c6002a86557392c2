import { apiHandler } from '$lib/server/web/api';
import { DomainError } from '$lib/server/shared/errors';
import { answerRedirectedRequest, assignRedirectedRequest, closeRedirectedRequest, getFollowUp } from '$lib/server/help';
import { jsonInput } from '$lib/server/web/input';
import { idOf } from '$lib/server/shared/text';
import { parseInput } from '$lib/server/shared/validate';
import { z } from 'zod';

// A malformed id is the same 404 as a missing one (getFollowUp sends the id to SQL as it is).
const requestId = z.object({ id: idOf('help.not_found') });

/** The corporation's follow-up of a redirected request (asker and staff). */
export const GET = apiHandler(async (event, actor) => {
	const { id } = parseInput(requestId, { id: event.params.id });
	const f = await getFollowUp(event.locals.ctx.db, actor, id);
	if (!f) throw new DomainError('help.not_redirected');
	return { assigneeName: f.assigneeName, note: f.note, notedAt: f.notedAt?.toISOString() ?? null, closedAt: f.closedAt?.toISOString() ?? null, staff: f.staff };
});

const steps = { assign: assignRedirectedRequest, answer: answerRedirectedRequest, close: closeRedirectedRequest } as const;

/** Staff: `{ step: 'assign', assigneeId }`, `{ step: 'answer', note }` or `{ step: 'close', note? }`. */
export const POST = apiHandler(async (event, actor) => {
	const { step, ...input } = await jsonInput(event);
	const useCase = steps[String(step) as keyof typeof steps];
	if (!useCase) throw new DomainError('validation.invalid', {}, { step: 'validation.choice' });
	return useCase(event.locals.ctx, actor, { ...input, requestId: event.params.id });
});
