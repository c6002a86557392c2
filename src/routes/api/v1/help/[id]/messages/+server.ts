import { apiHandler } from '$lib/server/web/api';
import { DomainError } from '$lib/server/shared/errors';
import { getRequestDetail, postHelpMessage, shareMyAddress, presentRequestDetail } from '$lib/server/help';
import { jsonInput } from '$lib/server/web/input';

/**
 * The thread of a request (asker and helper; staff during a dispute). The asker always reads
 * their own: until someone takes the request it is empty.
 */
export const GET = apiHandler(async (event, actor) => {
	const detail = await getRequestDetail(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock());
	const d = presentRequestDetail(detail);
	if (d.messages === null && !detail.isMine) throw new DomainError('help.forbidden');
	return { messages: d.messages ?? [], canPostMessage: d.canPostMessage };
});

/** `{ body }` adds a message; `{ shareAddress: true }` shares the actor's own address. */
export const POST = apiHandler(
	async (event, actor) => {
		const input = await jsonInput(event);
		const requestId = event.params.id;
		return input.shareAddress === true
			? shareMyAddress(event.locals.ctx, actor, { requestId, idempotencyKey: input.idempotencyKey })
			: postHelpMessage(event.locals.ctx, actor, { ...input, requestId });
	},
	{ status: 201 }
);
