import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { recordAudit } from '../audit';
import { cleanPhotos, type IncomingFile } from '../photos';
import { isPartnerIn, isStaffOf, type Actor } from './actor';

/**
 * The face on a wijkconsulent's card (issue 13): one photo, chosen and removed by the person
 * themself. It goes through the shared pipeline (type by content, re-encoded, all metadata —
 * the GPS position too — dropped), so what is stored is only the picture.
 *
 * Who sees it is who sees the card: the person, staff of a corporation they work for, and the
 * members and linked partners of a buurt whose card it is. Anyone else gets the same 404 as for
 * a photo that does not exist.
 */

export interface ConsultantPhoto {
	contentType: string;
	bytes: Uint8Array;
	sha256: string;
}

/**
 * Sets (or replaces) the actor's card photo from one uploaded file (form field `photo`).
 * Errors: people.forbidden (not staff), people.card_needed (no card yet: the photo belongs on
 * one), validation.invalid (photo → photos.file_type | photos.heic | photos.file_too_big |
 * photos.file_broken | photos.too_many_files | validation.required).
 */
export async function saveMyConsultantPhoto(ctx: Ctx, actor: Actor, files: IncomingFile[]): Promise<{ sha256: string }> {
	if (!actor.staff.length) throw new DomainError('people.forbidden');
	if (!files.length) throw new DomainError('validation.invalid', {}, { photo: 'validation.required' });
	// Checked and cleaned before the transaction: sharp's work holds no database lock.
	const [photo] = await cleanPhotos(files, { max: 1 });
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [card] = await tx.query('SELECT 1 FROM consultant_cards WHERE account_id = $1 FOR UPDATE', [actor.accountId]);
		if (!card) throw new DomainError('people.card_needed');
		await tx.query(
			`INSERT INTO consultant_photos (account_id, content_type, bytes, sha256, width, height, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
			 ON CONFLICT (account_id) DO UPDATE SET content_type = $2, bytes = $3, sha256 = $4, width = $5, height = $6, updated_at = $7`,
			[actor.accountId, photo.contentType, photo.bytes, photo.sha256, photo.width, photo.height, at]
		);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'people.consultant_photo_saved', subject: `account:${actor.accountId}` });
		return { sha256: photo.sha256 };
	});
}

/** Removes the actor's card photo (the card shows initials again). Errors: people.forbidden (not staff). */
export async function removeMyConsultantPhoto(ctx: Ctx, actor: Actor): Promise<{ removed: boolean }> {
	if (!actor.staff.length) throw new DomainError('people.forbidden');
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const removed = await tx.query('DELETE FROM consultant_photos WHERE account_id = $1 RETURNING account_id', [actor.accountId]);
		if (removed.length) await recordAudit(tx, { at, actorId: actor.accountId, action: 'people.consultant_photo_removed', subject: `account:${actor.accountId}` });
		return { removed: removed.length > 0 };
	});
}

/**
 * The photo of `accountId`'s card, for whoever may see that card. Errors: people.photo_not_found
 * (no such photo, a malformed id, or not theirs to see — all the same 404).
 */
export async function getConsultantPhoto(db: Queryable, actor: Actor, accountId: string): Promise<ConsultantPhoto> {
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(accountId)) throw new DomainError('people.photo_not_found');
	const [row] = await db.query<{ content_type: string; bytes: Uint8Array; sha256: string; corporations: string[]; buurten: string[] }>(
		`SELECT p.content_type, p.bytes, p.sha256,
		   ARRAY(SELECT s.corporation_id::text FROM staff_roles s WHERE s.account_id = p.account_id) AS corporations,
		   ARRAY(SELECT l.buurt_id::text FROM buurt_consultants l WHERE l.account_id = p.account_id) AS buurten
		 FROM consultant_photos p JOIN accounts a ON a.id = p.account_id WHERE p.account_id = $1 AND a.disabled_at IS NULL`,
		[accountId]
	);
	const sees =
		row &&
		(actor.accountId === accountId ||
			row.corporations.some((c) => isStaffOf(actor, c)) ||
			// A buurt's members and linked partners, while the person still works for its corporation.
			(row.corporations.length > 0 && row.buurten.some((b) => actor.memberBuurtIds.includes(b) || isPartnerIn(actor, b))));
	if (!sees) throw new DomainError('people.photo_not_found');
	return { contentType: row.content_type, bytes: row.bytes, sha256: row.sha256 };
}
