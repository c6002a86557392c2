import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import type { Actor } from '../people';
import { reportFor } from './engine';
import { isReporterOf } from './policy';

/**
 * THE PHOTO SEAM (wired by the lead once the shared photo pipeline, src/lib/server/photos/ on
 * the reportsedge branch, is merged). That pipeline checks the type from the bytes, re-encodes
 * and resizes with sharp and strips all metadata (GPS!); this function only stores what it
 * prepared: at most 3 photos per report, each ≤ 5 MB, JPEG/PNG/WebP (the table checks too).
 * Only the reporter adds photos, while the report is new. The edge calls
 * `attachReportPhoto(ctx, actor, reportId, await preparePhoto(file))`; serving them (with the
 * CSP sandbox, to who may see the report's details) is the edge's too.
 */
export interface PreparedPhoto {
	contentType: 'image/jpeg' | 'image/png' | 'image/webp';
	bytes: Uint8Array;
	width: number;
	height: number;
}

export const MAX_REPORT_PHOTOS = 3;

/** Errors: reports.not_found, reports.forbidden (not the reporter), reports.not_new, reports.too_many_photos. */
export async function attachReportPhoto(ctx: Ctx, actor: Actor, reportId: string, photo: PreparedPhoto): Promise<{ id: string; position: number }> {
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const r = await reportFor(tx, actor, reportId, { lock: true });
		if (!isReporterOf(actor, r)) throw new DomainError('reports.forbidden');
		if (r.state !== 'new') throw new DomainError('reports.not_new');
		const [{ n }] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM report_photos WHERE report_id = $1 AND purpose = 'report'", [r.id]);
		if (n >= MAX_REPORT_PHOTOS) throw new DomainError('reports.too_many_photos', { max: MAX_REPORT_PHOTOS });
		const [row] = await tx.query<{ id: string; position: number }>(
			`INSERT INTO report_photos (report_id, purpose, position, content_type, bytes, width, height, added_by, added_at) VALUES ($1, 'report', $2, $3, $4, $5, $6, $7, $8) RETURNING id, position`,
			[r.id, n + 1, photo.contentType, photo.bytes, photo.width, photo.height, actor.accountId, at]
		);
		return row;
	});
}
