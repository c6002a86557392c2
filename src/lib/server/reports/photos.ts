import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import type { Actor } from '../people';
import { loadReport, reportFor } from './engine';
import { canSeeDetails, isReporterOf } from './policy';

/**
 * Photos of a report. The shared pipeline (src/lib/server/photos/, `cleanPhotos`) checks the type
 * from the bytes, re-encodes and resizes with sharp and strips all metadata (GPS!) — at the edge,
 * before any transaction, so no row lock waits for sharp; this module only stores what it
 * prepared: at most 3 photos per report, each ≤ 5 MB, JPEG/PNG/WebP (the table checks too).
 * The report form hands them to createReport, which stores report and photos in one transaction;
 * attachReportPhoto adds one later (the reporter, while the report is new). Serving them (with the
 * CSP sandbox, to who may see the report's details) is `getReportPhoto` + the edge's.
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
		const [row] = await insertReportPhotos(tx, { reportId: r.id, from: n + 1, photos: [photo], addedBy: actor.accountId, at });
		return row;
	});
}

const photoTypes: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * The photos as they would be stored, checked before anything is written: a report's form names
 * the problem next to its photo field (`photos`), never a database error. Errors:
 * validation.invalid with photos → reports.too_many_photos | photos.file_type | photos.file_too_big.
 */
export function checkPreparedPhotos(photos: readonly PreparedPhoto[], already = 0): void {
	const bad = (key: string, details: Record<string, unknown> = {}) => new DomainError('validation.invalid', details, { photos: key });
	if (already + photos.length > MAX_REPORT_PHOTOS) throw bad('reports.too_many_photos', { max: MAX_REPORT_PHOTOS, fieldParams: { photos: { max: MAX_REPORT_PHOTOS } } });
	for (const p of photos) {
		if (!photoTypes.includes(p.contentType)) throw bad('photos.file_type');
		if (p.bytes.length === 0 || p.bytes.length > MAX_BYTES || !(p.width > 0) || !(p.height > 0)) throw bad('photos.file_too_big');
	}
}

/** Writes photos in the caller's transaction, numbered from `from`. */
export async function insertReportPhotos(tx: Queryable, p: { reportId: string; from: number; photos: readonly PreparedPhoto[]; addedBy: string | null; at: Date }): Promise<{ id: string; position: number }[]> {
	const out: { id: string; position: number }[] = [];
	for (const [i, photo] of p.photos.entries()) {
		const [row] = await tx.query<{ id: string; position: number }>(
			`INSERT INTO report_photos (report_id, purpose, position, content_type, bytes, width, height, added_by, added_at) VALUES ($1, 'report', $2, $3, $4, $5, $6, $7, $8) RETURNING id, position`,
			[p.reportId, p.from + i, photo.contentType, photo.bytes, photo.width, photo.height, p.addedBy, p.at]
		);
		out.push(row);
	}
	return out;
}

export interface StoredReportPhoto {
	contentType: PreparedPhoto['contentType'];
	bytes: Uint8Array;
	/** A validator for the HTTP cache: the row id and when it was added (photos never change). */
	etag: string;
}

/**
 * One photo for whoever may see its report's details (the reporter, the handler — staff or the
 * partner it is routed to —, members of the buurt for a public report), whoever added it: a
 * supplier's photo on closing follows the report's rules too. Errors: reports.not_found.
 */
export async function getReportPhoto(db: Queryable, actor: Actor, photoId: string): Promise<StoredReportPhoto> {
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(photoId)) throw new DomainError('reports.not_found');
	const [p] = await db.query<{ report_id: string; content_type: PreparedPhoto['contentType']; bytes: Uint8Array; added_at: Date }>(
		'SELECT report_id, content_type, bytes, added_at FROM report_photos WHERE id = $1',
		[photoId]
	);
	if (!p) throw new DomainError('reports.not_found');
	const r = await loadReport(db, p.report_id);
	if (!r || !canSeeDetails(actor, r)) throw new DomainError('reports.not_found');
	return { contentType: p.content_type, bytes: p.bytes, etag: `"${photoId}-${p.added_at.getTime()}"` };
}
