import { error, type RequestHandler } from '@sveltejs/kit';
import { buildCalendar, getCalendarFeed } from '$lib/server/activities';
import { translator } from '$lib/i18n';

/**
 * The buurt's iCalendar feed of volunteer shifts and activities: /calendar/<buurtId>/<token>.ics.
 * No session (calendar apps cannot log in): the per-buurt secret token in the path is the key.
 * A wrong token and an unknown buurt both answer 404. Texts are Dutch (the buurt's language).
 */
export const GET: RequestHandler = async (event) => {
	const { ctx } = event.locals;
	const now = ctx.clock();
	const feed = await getCalendarFeed(ctx.db, event.params.buurtId!, event.params.token!, now);
	if (!feed) error(404, 'not_found');
	const t = translator('nl');
	const body = buildCalendar(feed.events, {
		now,
		host: new URL(ctx.publicUrl).hostname,
		publicUrl: ctx.publicUrl,
		labels: {
			calendarName: t('proposals.calendar.name', { buurt: feed.buurtName }),
			shiftPrefix: t('proposals.calendar.shift_prefix'),
			proposalLine: (title) => t('proposals.calendar.proposal_line', { title })
		}
	});
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': 'inline; filename="buurtpot.ics"',
			'Cache-Control': 'private, max-age=300',
			'Referrer-Policy': 'no-referrer',
			'X-Robots-Tag': 'noindex'
		}
	});
};
