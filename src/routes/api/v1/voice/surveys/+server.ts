import { apiHandler } from '$lib/server/web/api';
import { listMySurveys, listStaffSurveys, presentSurveySummary } from '$lib/server/voice';

/** Staff: every survey of their corporation; members: the published surveys of their home's area. */
export const GET = apiHandler(async (event, actor) => {
	const { db, clock } = event.locals.ctx;
	const surveys = actor.staff.length ? (await listStaffSurveys(db, actor, clock())).surveys : await listMySurveys(db, actor, clock());
	return { surveys: surveys.map(presentSurveySummary) };
});
