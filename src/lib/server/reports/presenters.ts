import type { ReportDetail, ReportView, CategoryTree } from './queries';
import type { BuurtPerformance } from './performance';
import type { Duplicate } from './follow';
import type { TransitionResult } from './engine';
import { publicStateOf } from './model';
import { presentParty } from './routing';

/** JSON shapes for /api/v1/reports (never raw rows). Dates are ISO strings. */
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentReportSummary(v: ReportView) {
	const r = v.row;
	return {
		id: r.id,
		buurt: { id: r.buurt_id, name: r.buurt_name, code: r.buurt_code },
		category: { id: r.category_id, kind: r.category_kind, name: { nl: r.category_name_nl, en: r.category_name_en }, serviceCode: r.service_code },
		visibility: r.visibility,
		state: r.state,
		publicState: publicStateOf[r.state],
		location: {
			kind: r.location_kind,
			complexName: r.complex_name,
			addressLabel: r.address_label,
			unitAddress: v.unitAddress,
			lat: v.details ? r.lat : null,
			lon: v.details ? r.lon : null
		},
		description: v.description,
		reporterName: v.reporterName,
		isMine: v.isMine,
		isFollowing: v.isFollowing,
		supporters: v.supporters,
		createdAt: r.created_at.toISOString(),
		dueOn: r.due_on,
		overdue: v.overdue,
		scheduledOn: r.scheduled_on,
		resolvedAt: iso(r.resolved_at),
		closedAt: iso(r.closed_at),
		mergedIntoId: r.merged_into_id,
		sourceHelpRequestId: v.isMine || v.details ? r.source_help_request_id : null,
		handler: v.showHandler ? presentParty({ ...r, staff_id: r.assignee_id }) : null
	};
}

export const presentReportList = (views: ReportView[]) => ({ reports: views.map(presentReportSummary) });

export function presentReportDetail(d: ReportDetail) {
	return {
		...presentReportSummary(d),
		answers: d.answers,
		followers: d.followers,
		forwardedTo: d.row.forwarded_to_name ?? d.row.forwarded_to_organisation_id,
		history: d.history.map((h) => ({ at: h.at.toISOString(), action: h.action, fromState: h.fromState, toState: h.toState, publicState: publicStateOf[h.toState], role: h.role, actorName: h.actorName, note: h.note })),
		actions: d.actions,
		satisfaction: d.satisfaction ? { score: d.satisfaction.score, comment: d.satisfaction.comment, answeredAt: d.satisfaction.answeredAt.toISOString() } : null,
		canAnswerSatisfaction: d.canAnswerSatisfaction,
		canReopenUntil: iso(d.canReopenUntil),
		photos: d.photos,
		questions: d.questions.map((q) => ({ code: q.code, kind: q.kind, label: { nl: q.label_nl, en: q.label_en }, required: q.required, choices: q.choices }))
	};
}

export const presentTransition = (r: TransitionResult) => ({ id: r.id, state: r.state, publicState: publicStateOf[r.state] });

export const presentCategories = (t: CategoryTree) => ({
	categories: t.categories.map((c) => ({
		id: c.id,
		parentId: c.parent_id,
		kind: c.kind,
		name: { nl: c.name_nl, en: c.name_en },
		description: { nl: c.description_nl, en: c.description_en },
		visibility: c.visibility,
		party: presentParty(c),
		slaWorkingDays: c.sla_working_days,
		open311: c.open311,
		serviceCode: c.service_code,
		position: c.position,
		active: c.active,
		questions: c.questions.map((q) => ({ id: q.id, code: q.code, kind: q.kind, label: { nl: q.label_nl, en: q.label_en }, required: q.required, choices: q.choices, position: q.position, active: q.active }))
	}))
});

export const presentDuplicates = (d: Duplicate[]) => ({ duplicates: d.map((x) => ({ ...x, createdAt: x.createdAt.toISOString() })) });

export const presentPerformance = (p: BuurtPerformance) => ({ ...p, since: p.since.toISOString() });
