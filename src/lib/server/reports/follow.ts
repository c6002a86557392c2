import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { withIdempotency } from '../shared/idempotency';
import { staffCorporationIds, type Actor } from '../people';
import { canSeeDetails, isReporterOf } from './policy';
import { loadReport } from './engine';
import { locationSchema, resolveLocation } from './location';
import { categoryIdSchema, DAY_MS, DUPLICATE_DAYS, DUPLICATE_METRES, idempotencyKeySchema, publicStateOf, reportIdSchema, type PublicState, type ReportState } from './model';

/**
 * Before submitting, the reporter sees open reports of the same category nearby — in the same
 * complex, or within 50 m of the point, made in the last 60 days — and may follow one of them
 * instead ("ik heb dit ook": a supporter). Only reports the actor may see are shown: public ones
 * of their own buurten, and their own.
 */
export const findDuplicatesSchema = z.object({ categoryId: categoryIdSchema, location: locationSchema });

export interface Duplicate {
	id: string;
	publicState: PublicState;
	createdAt: Date;
	complexName: string | null;
	addressLabel: string | null;
	/** Metres from the given point; null when found through the complex. */
	distance: number | null;
	supporters: number;
	/** The description of a public report (the buurt may read it anyway). */
	description: string | null;
}

const EARTH_M = 6_371_000;

/**
 * Errors: validation.invalid (location, as createReport), reports.unknown_category (not a
 * category of the location's corporation). A bounding box on the indexed lat/lon narrows the
 * rows first; the haversine distance then decides.
 */
export async function findDuplicates(db: Queryable, actor: Actor, input: unknown, now: Date): Promise<Duplicate[]> {
	const v = parseInput(findDuplicatesSchema, input);
	const loc = await resolveLocation(db, actor, v.location);
	const [cat] = await db.query('SELECT 1 FROM report_categories WHERE id = $1 AND corporation_id = $2', [v.categoryId, loc.corporationId]);
	if (!cat) throw new DomainError('validation.invalid', {}, { categoryId: 'reports.unknown_category' });
	const dLat = DUPLICATE_METRES / 111_320;
	const dLon = loc.lat === null ? 0 : DUPLICATE_METRES / (111_320 * Math.cos((loc.lat * Math.PI) / 180));
	const rows = await db.query<{ id: string; state: ReportState; created_at: Date; complex_name: string | null; address_label: string | null; distance: number | null; supporters: number; description: string | null; visibility: string }>(
		`WITH near AS (
			SELECT r.id, r.state, r.created_at, r.complex_id, r.address_label, r.visibility, r.description,
				CASE WHEN $3::float8 IS NULL OR r.lat IS NULL THEN NULL ELSE
					2 * $9::float8 * asin(sqrt(power(sin(radians(r.lat - $3) / 2), 2) + cos(radians($3)) * cos(radians(r.lat)) * power(sin(radians(r.lon - $4) / 2), 2))) END AS distance
			FROM reports r
			WHERE r.category_id = $1 AND r.closed_at IS NULL AND r.created_at >= $2
			  AND ((r.visibility = 'public' AND r.buurt_id = ANY($7::uuid[])) OR r.reporter_id = $8 OR r.corporation_id = ANY($10::uuid[]))
			  AND (($5::uuid IS NOT NULL AND r.complex_id = $5)
				OR ($3::float8 IS NOT NULL AND r.lat BETWEEN $3 - $6::float8 AND $3 + $6::float8 AND r.lon BETWEEN $4 - $11::float8 AND $4 + $11::float8))
		)
		SELECT n.id, n.state, n.created_at, cx.name AS complex_name, n.address_label, n.distance, n.visibility, n.description,
			(SELECT count(*)::int FROM report_followers f WHERE f.report_id = n.id AND f.supports) AS supporters
		FROM near n LEFT JOIN complexes cx ON cx.id = n.complex_id
		WHERE n.distance IS NULL OR n.distance <= $12 OR n.complex_id = $5
		ORDER BY n.distance NULLS LAST, n.created_at DESC LIMIT 10`,
		[v.categoryId, new Date(now.getTime() - DUPLICATE_DAYS * DAY_MS), loc.lat, loc.lon, loc.complexId, dLat, actor.memberBuurtIds, actor.accountId, EARTH_M, staffCorporationIds(actor), dLon, DUPLICATE_METRES]
	);
	return rows.map((r) => ({
		id: r.id,
		publicState: publicStateOf[r.state],
		createdAt: r.created_at,
		complexName: r.complex_name,
		addressLabel: r.address_label,
		distance: r.distance === null ? null : Math.round(r.distance),
		supporters: r.supporters,
		description: r.visibility === 'public' ? r.description : null
	}));
}

export const followReportSchema = z.object({
	reportId: reportIdSchema,
	/** "I have this too": counted as a supporter. */
	support: z.preprocess((v) => (v === 'on' || v === 'yes' || v === 'true' ? true : v === undefined || v === '' ? false : v), z.boolean('validation.type')),
	idempotencyKey: idempotencyKeySchema
});

/**
 * Follow a report one may see (every update reaches the follower), optionally as a supporter.
 * Following again only changes the support. Errors: reports.not_found, reports.own_report (the
 * reporter hears everything already).
 */
export async function followReport(ctx: Ctx, actor: Actor, input: unknown): Promise<{ reportId: string; following: true; supports: boolean }> {
	const v = parseInput(followReportSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction((tx) =>
		withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'reports.follow', input: v, at }, async () => {
			const r = await loadReport(tx, v.reportId);
			if (!r || !canSeeDetails(actor, r)) throw new DomainError('reports.not_found');
			if (isReporterOf(actor, r)) throw new DomainError('reports.own_report');
			await tx.query(
				`INSERT INTO report_followers (report_id, account_id, supports, since) VALUES ($1, $2, $3, $4)
				 ON CONFLICT (report_id, account_id) DO UPDATE SET supports = EXCLUDED.supports`,
				[r.id, actor.accountId, v.support, at]
			);
			return { reportId: r.id, following: true as const, supports: v.support };
		})
	);
}

export const unfollowReportSchema = z.object({ reportId: reportIdSchema });

/** Stop following. Errors: reports.not_found, reports.not_following. */
export async function unfollowReport(ctx: Ctx, actor: Actor, input: unknown): Promise<{ reportId: string; following: false }> {
	const v = parseInput(unfollowReportSchema, input);
	const [row] = await ctx.db.query('DELETE FROM report_followers WHERE report_id = $1 AND account_id = $2 RETURNING report_id', [v.reportId, actor.accountId]);
	if (!row) throw new DomainError('reports.not_following');
	return { reportId: v.reportId, following: false };
}
