import { dutchDate, workingDaysBetween, type ReportView } from '../reports';

/**
 * One report as a line of the staff queue or a partner's work orders: what the page shows and
 * nothing else (never the raw row), with the working days until (or past) the due date.
 */
export function reportLine(v: ReportView, now: Date) {
	const r = v.row;
	return {
		id: r.id,
		category: { nl: r.category_name_nl, en: r.category_name_en },
		buurt: r.buurt_name,
		place: r.complex_name ?? r.address_label ?? null,
		createdAt: r.created_at.toISOString(),
		ageDays: Math.max(0, Math.floor((now.getTime() - r.created_at.getTime()) / 86_400_000)),
		dueOn: r.due_on,
		workingDaysLeft: workingDaysBetween(dutchDate(now), r.due_on),
		overdue: v.overdue,
		state: r.state,
		scheduledOn: r.scheduled_on,
		visibility: r.visibility,
		party: { party_kind: r.party_kind, team_id: r.team_id, assignee_id: r.assignee_id, organisation_id: r.organisation_id }
	};
}
export type ReportLine = ReturnType<typeof reportLine>;
