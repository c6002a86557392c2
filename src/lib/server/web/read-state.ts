import type { RequestEvent } from '@sveltejs/kit';
import { markSubjectRead, type InboxItem } from '../notifications';

/** The pages that are an inbox item's target: opening one marks the person's items about it read. */
const targets: Record<string, { kind: InboxItem['subject_kind']; param: string }> = {
	'/(app)/help/[id]': { kind: 'help_request', param: 'id' },
	'/(app)/proposals/[id]': { kind: 'proposal', param: 'id' },
	'/(app)/rounds/[id]': { kind: 'round', param: 'id' },
	'/(app)/rounds/[id]/results': { kind: 'round', param: 'id' },
	'/(app)/staff/reports/[id]': { kind: 'report', param: 'id' },
	'/(app)/partner/work-orders/[id]': { kind: 'report', param: 'id' },
	'/(app)/reports/[id]': { kind: 'report', param: 'id' },
	'/(app)/buurten/[id]/board/[postId]': { kind: 'board_post', param: 'postId' },
	'/(app)/concerns/[id]': { kind: 'concern', param: 'id' },
	'/(app)/staff/concerns/[id]': { kind: 'concern', param: 'id' },
	'/(app)/care/[id]': { kind: 'care_request', param: 'id' },
	'/(app)/staff/voice/advice/[id]': { kind: 'advice_request', param: 'id' },
	'/(app)/association/advice/[id]': { kind: 'advice_request', param: 'id' }
};

/**
 * Called by the root layout before it counts unread items for the menu, so the count on the
 * page that was opened is already right. Acting on a request (check, take, confirm…) lands on
 * that same page, so acting marks it read too.
 */
export async function markOpenedRead(event: Pick<RequestEvent, 'locals' | 'route' | 'params'>): Promise<void> {
	const actor = event.locals.actor;
	const target = event.route.id ? targets[event.route.id] : undefined;
	const id = target ? (event.params as Record<string, string | undefined>)[target.param] : undefined;
	if (actor && target && id) await markSubjectRead(event.locals.ctx, actor, { kind: target.kind, id });
}
