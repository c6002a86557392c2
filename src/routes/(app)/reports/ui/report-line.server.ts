import { publicStateOf, type ReportView } from '$lib/server/reports';

/** One report in a list, as the page shows it: never more than the view already allows. */
export const reportLine = (v: ReportView) => ({
	id: v.row.id,
	publicState: publicStateOf[v.row.state],
	categoryNl: v.row.category_name_nl,
	categoryEn: v.row.category_name_en,
	place: v.unitAddress ?? v.row.complex_name ?? v.row.address_label,
	buurtName: v.row.buurt_name,
	createdAt: v.row.created_at.toISOString(),
	description: v.description ? (v.description.length > 140 ? `${v.description.slice(0, 137)}…` : v.description) : null,
	supporters: v.supporters,
	visibility: v.row.visibility,
	lat: v.details ? v.row.lat : null,
	lon: v.details ? v.row.lon : null
});
export type ReportLine = ReturnType<typeof reportLine>;
