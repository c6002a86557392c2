import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { cleanPhoto, isPhotoType, sha256, sniffType, type IncomingFile, type PhotoType } from '../photos';
import { MAX_FILE_BYTES } from './model';

/**
 * Uploaded files of the buurtpot (proposal photos, update photos, payment receipts).
 *
 * - Photos go through the shared pipeline (`photos/`): type by content (JPEG, PNG, WebP),
 *   re-encoded and scaled down by sharp, every piece of metadata (EXIF/GPS, XMP, IPTC) dropped.
 * - Receipts may also be a PDF (type by its magic number), kept as it is; at most 5 MB.
 * - Bytes are stored in buurtpot_files (bytea) and served by /uploads/buurtpot/[id] with the
 *   stored content type, `nosniff` and `Content-Security-Policy: default-src 'none'; sandbox`.
 */

export type { IncomingFile, PhotoType };
export { filesFromForm } from '../photos';
export type FileType = PhotoType | 'application/pdf';

export interface PreparedFile {
	contentType: FileType;
	bytes: Uint8Array;
	sha256: string;
}

/**
 * Checks and cleans uploaded files. `allowPdf` for receipts. Throws `validation.invalid` with the
 * field's message key (`photos.*`, or `proposals.receipt_type` for a receipt of another type)
 * before anything is written.
 */
export async function prepareFiles(files: IncomingFile[], opts: { allowPdf?: boolean; max: number }): Promise<PreparedFile[]> {
	if (files.length > opts.max) {
		const field = files[0].field;
		throw new DomainError('validation.invalid', { max: opts.max, fieldParams: { [field]: { max: opts.max } } }, { [field]: 'photos.too_many_files' });
	}
	const out: PreparedFile[] = [];
	for (const f of files) {
		// A receipt of the right size: a PDF is kept as it is, a photo goes on to the photo pipeline.
		if (opts.allowPdf && f.bytes.length > 0 && f.bytes.length <= MAX_FILE_BYTES) {
			const type = sniffType(f.bytes);
			if (type === 'application/pdf') {
				out.push({ contentType: type, bytes: f.bytes, sha256: sha256(f.bytes) });
				continue;
			}
			if (!isPhotoType(type)) throw new DomainError('validation.invalid', {}, { [f.field]: 'proposals.receipt_type' });
		}
		const photo = await cleanPhoto(f);
		out.push({ contentType: photo.contentType, bytes: photo.bytes, sha256: photo.sha256 });
	}
	return out;
}

/** Writes prepared files for a proposal inside the caller's transaction; returns their ids. */
export async function storeFiles(
	tx: Queryable,
	files: PreparedFile[],
	where: { buurtId: string; proposalId: string; updateId?: string | null; purpose: 'photo' | 'update_photo' | 'receipt'; uploadedBy: string; at: Date }
): Promise<string[]> {
	const ids: string[] = [];
	for (const f of files) {
		const [row] = await tx.query<{ id: string }>(
			`INSERT INTO buurtpot_files (buurt_id, proposal_id, update_id, purpose, content_type, size, sha256, bytes, uploaded_by, at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			[where.buurtId, where.proposalId, where.updateId ?? null, where.purpose, f.contentType, f.bytes.length, f.sha256, Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength), where.uploadedBy, where.at]
		);
		ids.push(row.id);
	}
	return ids;
}
