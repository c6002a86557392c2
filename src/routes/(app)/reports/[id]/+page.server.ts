import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { requireActor, runForm } from '$lib/server/web/forms';
import { formFields, newIdempotencyKey, orNotFound, doneParam, pageLoad } from '$lib/server/web/input';
import { canReadBuurtFigures, answerSatisfaction, editReport, followReport, getReportDetail, publicStateOf, reopenReport, unfollowReport, withdrawReport } from '$lib/server/reports';
import { isMemberOf, type Actor } from '$lib/server/people';
import type { Ctx } from '$lib/server/shared/context';

// One melding as this person may see it (a report they may not see is a 404, like one that does
// not exist), with what they can do now: change or withdraw it while new, say how it went after
// it is done, reopen it ("klopt niet"), follow or stop following. Opening it marks its
// notifications read (web/read-state.ts).

const forms = ['edit', 'withdraw', 'satisfaction', 'reopen', 'follow', 'unfollow'] as const;

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const d = await orNotFound(getReportDetail(ctx.db, actor, event.params.id, ctx.clock()));
	const r = d.row;
	return {
		report: {
			id: r.id,
			publicState: publicStateOf[r.state],
			state: r.state,
			categoryNl: r.category_name_nl,
			categoryEn: r.category_name_en,
			kind: r.category_kind,
			visibility: r.visibility,
			buurtId: r.buurt_id,
			buurtName: r.buurt_name,
			// The buurt's list is for its members and staff (a partner handles the report, not the buurt).
			linkBuurt: r.visibility === 'public' && canReadBuurtFigures(actor, { id: r.buurt_id, corporation_id: r.corporation_id }),
			place: d.unitAddress ?? r.complex_name ?? r.address_label,
			description: d.description,
			answers: d.answers,
			questions: d.questions.map((q) => ({ code: q.code, kind: q.kind, labelNl: q.label_nl, labelEn: q.label_en, choices: q.choices })),
			reporterName: d.reporterName,
			hideName: r.hide_reporter_name,
			createdAt: r.created_at.toISOString(),
			dueOn: r.closed_at ? null : r.due_on,
			slaDays: r.sla_working_days,
			scheduledOn: r.closed_at ? null : r.scheduled_on,
			overdue: d.overdue,
			supporters: d.supporters,
			mergedIntoId: r.merged_into_id,
			forwardedTo: d.isMine ? r.forwarded_to_name : null,
			history: d.history.map((h) => ({ at: h.at.toISOString(), action: h.action, publicState: publicStateOf[h.toState], role: h.role, note: h.note })),
			photos: d.photos.map((p) => ({ id: p.id, position: p.position })),
			satisfaction: d.satisfaction ? { score: d.satisfaction.score, comment: d.satisfaction.comment } : null,
			canAnswerSatisfaction: d.canAnswerSatisfaction,
			canReopenUntil: d.canReopenUntil?.toISOString() ?? null,
			isMine: d.isMine,
			isFollowing: d.isFollowing,
			canEdit: d.isMine && r.state === 'new',
			// Buurt members follow a public report; a follower may always stop.
			canFollow: !d.isMine && !d.isFollowing && r.visibility === 'public' && isMemberOf(actor, r.buurt_id) && !r.closed_at
		},
		keys: Object.fromEntries(forms.map((f) => [f, newIdempotencyKey()])) as Record<(typeof forms)[number], string>,
		done: doneParam(event.url, ['created', 'followed', 'unfollowed', 'edited', 'withdrawn', 'satisfaction', 'satisfaction_low', 'reopened'])
	};
});

type UseCase = (ctx: Ctx, actor: Actor, input: unknown) => Promise<unknown>;

/** One form action: the named fields, one use case, back to the report (post/redirect/get). */
const act = (fields: string[], useCase: UseCase, done: string | ((result: unknown) => string), extra: Record<string, unknown> = {}) => (event: RequestEvent) =>
	runForm(event, async (data) => {
		const actor = requireActor(event);
		const values = Object.fromEntries(Object.entries(formFields(data, [...fields, 'idempotencyKey'])).filter(([, v]) => v !== undefined));
		const result = await useCase(event.locals.ctx, actor, { ...values, ...extra, reportId: event.params.id });
		redirect(303, `/reports/${event.params.id}?done=${typeof done === 'string' ? done : done(result)}`);
	});

export const actions: Actions = {
	// An emptied text is a mistake to show, not "change nothing".
	edit: act(['description'], (ctx, actor, input) => editReport(ctx, actor, { description: '', ...(input as object) }), 'edited'),
	withdraw: act(['note'], withdrawReport, 'withdrawn'),
	satisfaction: act(['score', 'comment'], answerSatisfaction, (r) => ((r as { offerReopen: boolean }).offerReopen ? 'satisfaction_low' : 'satisfaction')),
	reopen: act(['note'], reopenReport, 'reopened'),
	follow: act(['support'], followReport, 'followed'),
	unfollow: act([], unfollowReport, 'unfollowed')
};
