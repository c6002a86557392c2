import { timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/client';

/**
 * The buurt's iCalendar feed (RFC 5545) of volunteer shifts and activities.
 *
 * Calendar apps cannot log in, so the feed is reached with a per-buurt secret token in the URL:
 * `/calendar/<buurtId>/<token>.ics`. Members, staff and the tenants' association see that URL on
 * the buurt's activities page. The token is 256 random bits (buurtpot_settings.feed_token); staff
 * can replace it (the buurtpot settings), which stops every old link. The feed shows what
 * members see on the activities page (titles, places, times) and never who signed up.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlChars = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(s: string): string {
	return s
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n')
		// Other control characters are not allowed in TEXT.
		.replace(controlChars, '');
}

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
	const out: string[] = [];
	let current = '';
	let octets = 0;
	let limit = 75;
	for (const ch of line) {
		const size = Buffer.byteLength(ch, 'utf8');
		if (octets + size > limit) {
			out.push(current);
			current = '';
			octets = 0;
			// Continuation lines begin with one space, which counts towards their 75 octets.
			limit = 74;
		}
		current += ch;
		octets += size;
	}
	out.push(current);
	return out.join('\r\n ');
}

/** UTC date-time form: 20260410T080000Z. */
export const icsDate = (d: Date) => new Date(d).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export interface FeedEvent {
	id: string;
	kind: 'shift' | 'activity';
	title: string;
	description: string;
	place: string;
	startsAt: Date;
	endsAt: Date;
	cancelled: boolean;
	sequence: number;
	proposalId: string;
	proposalTitle: string;
}

export interface FeedLabels {
	calendarName: string;
	/** Prefix for shift summaries, e.g. "Vrijwilligers:"; activities have none. */
	shiftPrefix: string;
	proposalLine: (title: string) => string;
}

/** The whole VCALENDAR text, with CRLF line endings and folded lines. */
export function buildCalendar(events: FeedEvent[], opts: { now: Date; host: string; publicUrl: string; labels: FeedLabels }): string {
	const lines: string[] = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Noaber//Buurtpot//NL',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(opts.labels.calendarName)}`,
		'X-WR-TIMEZONE:Europe/Amsterdam',
		'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
		'X-PUBLISHED-TTL:PT1H'
	];
	for (const e of events) {
		const summary = e.kind === 'shift' ? `${opts.labels.shiftPrefix} ${e.title}` : e.title;
		const description = [e.description, opts.labels.proposalLine(e.proposalTitle)].filter((s) => s.trim() !== '').join('\n\n');
		lines.push(
			'BEGIN:VEVENT',
			`UID:${e.id}@${opts.host}`,
			`DTSTAMP:${icsDate(opts.now)}`,
			`DTSTART:${icsDate(e.startsAt)}`,
			`DTEND:${icsDate(e.endsAt)}`,
			`SEQUENCE:${e.sequence}`,
			`STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
			`SUMMARY:${escapeText(summary)}`,
			`LOCATION:${escapeText(e.place)}`,
			`DESCRIPTION:${escapeText(description)}`,
			`CATEGORIES:${e.kind === 'shift' ? 'VOLUNTEER' : 'ACTIVITY'}`,
			`URL:${opts.publicUrl}/proposals/${e.proposalId}`,
			'TRANSP:OPAQUE',
			'END:VEVENT'
		);
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}

function sameToken(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The feed's events when the token matches the buurt's (compared in constant time), else null
 * (the route answers 404, the same for an unknown buurt and a wrong token). Events from 30 days
 * ago on, at most 500.
 */
export async function getCalendarFeed(db: Queryable, buurtId: string, token: string, now: Date): Promise<{ buurtName: string; events: FeedEvent[] } | null> {
	if (!/^[0-9a-f-]{36}$/i.test(buurtId) || !/^[0-9a-f]{32,128}$/.test(token)) return null;
	const [s] = await db.query<{ feed_token: string; name: string }>(
		'SELECT s.feed_token, b.name FROM buurtpot_settings s JOIN buurten b ON b.id = s.buurt_id WHERE s.buurt_id = $1',
		[buurtId]
	);
	if (!s || !sameToken(s.feed_token, token)) return null;
	const rows = await db.query<{ id: string; kind: 'shift' | 'activity'; title: string; description: string; place: string; starts_at: Date; ends_at: Date; cancelled_at: Date | null; sequence: number; proposal_id: string; proposal_title: string }>(
		`SELECT e.id, e.kind, e.title, e.description, e.place, e.starts_at, e.ends_at, e.cancelled_at, e.sequence, e.proposal_id, p.title AS proposal_title
		 FROM buurtpot_events e JOIN buurtpot_proposals p ON p.id = e.proposal_id
		 WHERE e.buurt_id = $1 AND e.ends_at >= $2::timestamptz - interval '30 days'
		 ORDER BY e.starts_at, e.id LIMIT 500`,
		[buurtId, now]
	);
	return {
		buurtName: s.name,
		events: rows.map((r) => ({
			id: r.id,
			kind: r.kind,
			title: r.title,
			description: r.description,
			place: r.place,
			startsAt: r.starts_at,
			endsAt: r.ends_at,
			cancelled: r.cancelled_at !== null,
			sequence: r.sequence,
			proposalId: r.proposal_id,
			proposalTitle: r.proposal_title
		}))
	};
}
