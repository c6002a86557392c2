import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { requireActor, runForm } from '$lib/server/web/forms';
import { doneParam, formFields, pageLoad } from '$lib/server/web/input';
import { partyFrom, partyValue, reportIdIn } from '$lib/server/web/report-forms';
import { reportLine } from '$lib/server/web/report-views';
import { isStaffOf } from '$lib/server/people';
import {
	acknowledgeReport, assignReports, forwardReport, getReportDetail, isOpen, listHandlingOptions, mergeReport, recordReply, rejectReport, resolveReport, startReport
} from '$lib/server/reports';
import { answerLines, historyLines } from '../ui/history.server';

const steps = ['acknowledge', 'start', 'resolve', 'reject', 'forward', 'reply', 'merge', 'assign'] as const;

/**
 * One report for staff of its corporation: everything they may see (the reporter's full name and
 * home address, the answers, photos, the full history with who did what) and the handling steps
 * the state machine allows now — each with a note the reporter reads. A step sent from a stale
 * page is refused with the state machine's message, next to the form.
 */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor, corporationId } = requireStaff(event);
	const { ctx } = event.locals;
	const now = ctx.clock();
	const d = await getReportDetail(ctx.db, actor, event.params.id, now);
	// Staff of another corporation, or staff who reported it themselves elsewhere: not theirs to handle.
	if (!isStaffOf(actor, d.row.corporation_id)) error(404, 'not_found');
	const options = await listHandlingOptions(ctx.db, actor, d.row.corporation_id === corporationId ? corporationId : d.row.corporation_id);
	const r = d.row;
	return {
		report: {
			...reportLine(d, now),
			description: d.description,
			reporterName: d.reporterName,
			hideReporterName: r.hide_reporter_name,
			unitAddress: d.unitAddress,
			addressLabel: r.address_label,
			complexName: r.complex_name,
			locationKind: r.location_kind,
			point: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null,
			source: r.source,
			sourceHelpRequestId: r.source_help_request_id,
			forwardedTo: r.forwarded_to_name ?? (r.forwarded_to_organisation_id ? (options.partners.find((o) => o.id === r.forwarded_to_organisation_id)?.name ?? null) : null),
			mergedIntoId: r.merged_into_id,
			followers: d.followers,
			supporters: d.supporters,
			anonymised: r.anonymised_at !== null,
			partyValue: partyValue(r)
		},
		open: isOpen(r.state),
		answers: answerLines(d),
		history: historyLines(d),
		reopenNotes: d.history.filter((h) => h.action === 'reopen').map((h) => ({ at: h.at.toISOString(), note: h.note })),
		photos: d.photos,
		satisfaction: d.satisfaction ? { score: d.satisfaction.score, comment: d.satisfaction.comment, at: d.satisfaction.answeredAt.toISOString() } : null,
		actions: d.actions.filter((a) => a !== 'reopen' && a !== 'withdraw'),
		choices: { teams: options.teams, staff: options.staff, organisations: options.organisations },
		partners: options.partners,
		names: Object.fromEntries([...options.teams, ...options.staff, ...options.partners].map((x) => [x.id, x.name])),
		done: doneParam(event.url, [...steps])
	};
});

/** Runs one step on the report of the page, then shows the page again with its confirmation. */
const step = (name: (typeof steps)[number], run: (event: RequestEvent, data: FormData) => Promise<unknown>) => (event: RequestEvent) =>
	runForm(event, async (data) => {
		// Staff pages are for staff: a partner handles the same report on its own page.
		requireStaff(event);
		await run(event, data);
		redirect(303, `/staff/reports/${event.params.id}?done=${name}`);
	});
const base = (event: RequestEvent, data: FormData) => ({ ...formFields(data, ['note', 'idempotencyKey']), reportId: event.params.id });

export const actions: Actions = {
	acknowledge: step('acknowledge', (e, d) => acknowledgeReport(e.locals.ctx, requireActor(e), base(e, d))),
	start: step('start', (e, d) => startReport(e.locals.ctx, requireActor(e), { ...base(e, d), ...formFields(d, ['scheduledOn']) })),
	resolve: step('resolve', (e, d) => resolveReport(e.locals.ctx, requireActor(e), base(e, d))),
	reject: step('reject', (e, d) => rejectReport(e.locals.ctx, requireActor(e), base(e, d))),
	forward: step('forward', (e, d) => forwardReport(e.locals.ctx, requireActor(e), { ...base(e, d), ...formFields(d, ['organisationId', 'forwardedTo']) })),
	reply: step('reply', (e, d) => recordReply(e.locals.ctx, requireActor(e), base(e, d))),
	merge: step('merge', (e, d) => mergeReport(e.locals.ctx, requireActor(e), { ...base(e, d), intoId: reportIdIn(formFields(d, ['intoId']).intoId) })),
	assign: step('assign', (e, d) => assignReports(e.locals.ctx, requireActor(e), { reportIds: [e.params.id], party: partyFrom(d.get('party')?.toString()) }))
};
