import type { Queryable } from '../db/client';
import type { Actor } from '../people';
import { isPartnerOf } from './policy';
import { reportColumns, reportFrom, type ReportRow, type ReportState } from './model';

/**
 * The reports outside systems read (Open311 GET requests): the public reports of categories
 * open to them (public, or marked open311) — never a private one, never a withdrawn one — and,
 * for a partner, also every report routed to its organisation (its work orders, private ones
 * included, as the who-sees-what table gives a partner). What of each the reader may see is in
 * `FeedItem`: the text, the home address and the last note only for the partner that handles it.
 */
export interface FeedFilter {
	corporationId: string;
	/** When given, only these (the other filters are ignored by the caller). */
	ids?: string[];
	serviceCodes?: string[];
	states?: ReportState[];
	from?: Date;
	to?: Date;
	limit: number;
}

export interface FeedItem {
	row: ReportRow;
	/** The reader's organisation handles it: it reads the text, the home address and the notes. */
	handled: boolean;
	description: string | null;
	unitAddress: string | null;
	/** The note of the last step (the reporter's words to the handler never: only handlers' notes). */
	lastNote: string | null;
	answers: Record<string, string | number | boolean> | null;
}

type FeedRow = ReportRow & { unit_address: string | null; last_note: string | null };

/** One query on the (corporation_id, created_at) index; newest first, at most `limit`. */
export async function listReportFeed(db: Queryable, reader: Actor | null, f: FeedFilter): Promise<FeedItem[]> {
	// An id that is no uuid names no report (and must not reach the ::uuid[] cast).
	const ids = f.ids?.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
	const orgs = reader?.partners.filter((p) => p.corporationId === f.corporationId).map((p) => p.organisationId) ?? [];
	const rows = await db.query<FeedRow>(
		`SELECT ${reportColumns},
		   (SELECT u.street || ' ' || u.house_number || CASE WHEN u.addition = '' THEN '' ELSE '-' || u.addition END FROM units u WHERE u.id = r.unit_id) AS unit_address,
		   (SELECT h.note FROM report_history h WHERE h.report_id = r.id AND h.note IS NOT NULL AND h.actor_role IN ('staff', 'partner') ORDER BY h.seq DESC LIMIT 1) AS last_note
		 ${reportFrom}
		 WHERE r.corporation_id = $1
		   AND ((r.visibility = 'public' AND (c.visibility = 'public' OR c.open311) AND r.state <> 'withdrawn') OR r.organisation_id = ANY($2::uuid[]))
		   AND ($3::uuid[] IS NULL OR r.id = ANY($3::uuid[]))
		   AND ($4::text[] IS NULL OR c.service_code = ANY($4::text[]))
		   AND ($5::text[] IS NULL OR r.state = ANY($5::text[]))
		   AND ($6::timestamptz IS NULL OR r.created_at >= $6) AND ($7::timestamptz IS NULL OR r.created_at <= $7)
		 ORDER BY r.created_at DESC, r.id DESC LIMIT $8`,
		[f.corporationId, orgs, ids ?? null, f.serviceCodes ?? null, f.states ?? null, f.from ?? null, f.to ?? null, f.limit]
	);
	return rows.map((r) => {
		const handled = reader !== null && isPartnerOf(reader, r);
		return {
			row: r,
			handled,
			description: handled ? r.description : null,
			unitAddress: handled ? r.unit_address : null,
			lastNote: handled ? r.last_note : null,
			answers: handled ? r.answers : null
		};
	});
}
