import type { Ctx } from '../shared/context';
import { acknowledgeReport, resolveReport, startReport, type TransitionResult } from '../reports';
import { bad, updateActions, type UpdateAction } from './model';
import { one, type Params } from './params';
import type { KeyHolder } from './keys';

/**
 * An extension: POST requests/{id}/updates — the organisation that handles a report (it is
 * routed to it) takes a step on the state machine as role 'partner', with a note the reporter
 * reads: action=acknowledge | start (optionally scheduled_on=YYYY-MM-DD) | resolve, or the
 * Open311 word status=closed (resolve) or status=open (acknowledge). The note is `status_notes`
 * (or `note`). What the state machine refuses (rejecting is the corporation's: staff only) is a
 * 400 naming the reason; a report not routed to the organisation is 404.
 */
export async function updateServiceRequest(ctx: Ctx, holder: KeyHolder, id: string, params: Params): Promise<TransitionResult> {
	const status = one(params, 'status');
	const action = one(params, 'action') ?? (status === 'closed' ? 'resolve' : status === 'open' ? 'acknowledge' : undefined);
	if (!action || !updateActions.includes(action as UpdateAction)) throw bad('open311.errors.action_invalid');
	const input = { reportId: id, note: one(params, 'status_notes') ?? one(params, 'note') ?? '', scheduledOn: one(params, 'scheduled_on') };
	if (action === 'acknowledge') return acknowledgeReport(ctx, holder.actor, input);
	if (action === 'start') return startReport(ctx, holder.actor, input);
	return resolveReport(ctx, holder.actor, input);
}
