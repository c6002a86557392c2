import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { DomainError } from '$lib/server/shared/errors';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { reportLine } from '$lib/server/web/report-views';
import { filesFromForm } from '$lib/server/photos';
import { acknowledgeReport, closeWorkOrder, getReportDetail, isPartnerOf, startReport } from '$lib/server/reports';
import { answerLines, historyLines } from '../../../staff/reports/ui/history.server';

/**
 * One work order for the partner it is routed to: what to do and where (the text, the answers,
 * the address, the reporter's first name), its history with the notes, and three steps — accept,
 * plan on a date, close with a note and photos of the work done. Anyone else: 404.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const now = ctx.clock();
	const d = await getReportDetail(ctx.db, actor, event.params.id, now);
	if (!isPartnerOf(actor, d.row)) error(404, 'not_found');
	const r = d.row;
	const names = Object.fromEntries(actor.partners.map((p) => [p.organisationId, p.name]));
	return {
		order: {
			...reportLine(d, now),
			description: d.description,
			reporterName: d.reporterName,
			address: d.unitAddress,
			addressLabel: r.address_label,
			complexName: r.complex_name
		},
		answers: answerLines(d),
		history: historyLines(d),
		photos: d.photos.filter((p) => p.purpose === 'report'),
		can: { accept: d.actions.includes('acknowledge'), schedule: d.actions.includes('start'), close: d.actions.includes('resolve') },
		names,
		done: doneParam(event.url, ['accept', 'schedule', 'close'])
	};
});

/** The partner the report is routed to, else the report's 404 (staff handle it on their own page). */
async function partnerOf(event: RequestEvent) {
	const actor = requireActor(event);
	const d = await getReportDetail(event.locals.ctx.db, actor, event.params.id ?? '', event.locals.ctx.clock());
	if (!isPartnerOf(actor, d.row)) throw new DomainError('reports.not_found');
	return actor;
}

const back = (id: string, done: string) => redirect(303, `/partner/work-orders/${id}?done=${done}`);

export const actions: Actions = {
	accept: (event) =>
		runForm(event, async (data) => {
			await acknowledgeReport(event.locals.ctx, await partnerOf(event), { ...formFields(data, ['note', 'idempotencyKey']), reportId: event.params.id });
			back(event.params.id, 'accept');
		}),
	schedule: (event) =>
		runForm(event, async (data) => {
			await startReport(event.locals.ctx, await partnerOf(event), { ...formFields(data, ['note', 'scheduledOn', 'idempotencyKey']), reportId: event.params.id });
			back(event.params.id, 'schedule');
		}),
	close: (event) =>
		runForm(event, async (data) => {
			// The photos are checked and cleaned by the use case, before anything is written.
			await closeWorkOrder(event.locals.ctx, await partnerOf(event), { ...formFields(data, ['note', 'idempotencyKey']), reportId: event.params.id }, await filesFromForm(data, 'photos'));
			back(event.params.id, 'close');
		})
};
