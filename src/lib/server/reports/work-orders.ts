import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { withIdempotency } from '../shared/idempotency';
import { cleanPhotos, type IncomingFile } from '../photos';
import type { Actor } from '../people';
import { applyTransition, type TransitionResult } from './engine';
import { idempotencyKeySchema, noteSchema, reportIdSchema } from './model';

/**
 * A supplier (or the municipality, or staff) closes a work order: the note the reporter reads and
 * up to MAX_WORK_ORDER_PHOTOS photos of the work done, in ONE transaction with the resolve step —
 * the photos are stored with purpose 'work_order' (their own positions, never a reporter's
 * place) and named in the history row, so the corporation sees them with the step.
 */
export const MAX_WORK_ORDER_PHOTOS = 3;

export const closeWorkOrderSchema = z.object({ reportId: reportIdSchema, note: noteSchema, idempotencyKey: idempotencyKeySchema });

/**
 * Resolves the report with a note and stores the closing photos. Every photo goes through the
 * shared pipeline first (type by content, re-encoded, all metadata such as GPS dropped); a photo
 * it refuses stops everything before the transaction, so the state stays as it was. Errors: as
 * resolveReport (reports.not_found, reports.forbidden, reports.closed, reports.state_conflict),
 * validation.invalid (note → reports.note_required; photos → photos.file_type | photos.heic |
 * photos.file_too_big | photos.file_broken | photos.too_many_files).
 */
export async function closeWorkOrder(ctx: Ctx, actor: Actor, input: unknown, files: IncomingFile[] = []): Promise<TransitionResult & { photoIds: string[] }> {
	const v = parseInput(closeWorkOrderSchema, input);
	const photos = await cleanPhotos(files, { max: MAX_WORK_ORDER_PHOTOS });
	const at = ctx.clock();
	return ctx.db.transaction((tx) =>
		withIdempotency(
			tx,
			{ actorId: actor.accountId, key: v.idempotencyKey, operation: 'reports.close_work_order', input: { ...v, photos: photos.map((p) => p.sha256) }, at },
			async () => {
				const photoIds: string[] = [];
				const result = await applyTransition(tx, actor, {
					action: 'resolve', reportId: v.reportId, note: v.note, input: v,
					changes: async (q, r) => {
						const [{ n }] = await q.query<{ n: number }>("SELECT count(*)::int AS n FROM report_photos WHERE report_id = $1 AND purpose = 'work_order'", [r.id]);
						if (n + photos.length > MAX_WORK_ORDER_PHOTOS) throw new DomainError('validation.invalid', { max: MAX_WORK_ORDER_PHOTOS }, { photos: 'photos.too_many_files' });
						for (const [i, p] of photos.entries()) {
							const [row] = await q.query<{ id: string }>(
								`INSERT INTO report_photos (report_id, purpose, position, content_type, bytes, width, height, added_by, added_at)
								 VALUES ($1, 'work_order', $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
								[r.id, n + i + 1, p.contentType, p.bytes, p.width, p.height, actor.accountId, at]
							);
							photoIds.push(row.id);
						}
						return { details: photoIds.length ? { photoIds } : {} };
					}
				}, at);
				return { ...result, photoIds };
			}
		)
	);
}
