import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { DomainError } from '../shared/errors';
import { isPhotoType, sniffType } from './sniff';
import { MAX_INPUT_PIXELS, MAX_PHOTO_BYTES, MAX_PHOTO_SIDE, type CleanPhoto, type IncomingFile, type PhotoType } from './model';

/**
 * The one way a photo enters Noaber (proposals, updates, receipts, reports):
 * - the type is decided by the bytes: JPEG, PNG or WebP; HEIC/AVIF and anything else are refused
 *   with a message next to the field; at most MAX_PHOTO_BYTES as it comes in;
 * - sharp decodes it (a file that does not decode as what its magic number claims is refused),
 *   turns it upright from its EXIF orientation, scales it down to at most MAX_PHOTO_SIDE on its
 *   longest side, and encodes it again in the same format. sharp writes no metadata unless asked
 *   to, so EXIF (with the GPS position and the camera), XMP, IPTC and ICC are gone; the result is
 *   read back and refused should any of it have survived.
 * Errors are `validation.invalid` with the field's message key (`photos.file_type`,
 * `photos.heic`, `photos.file_too_big`, `photos.file_broken`, `photos.too_many_files`).
 */

const fieldError = (field: string, key: string, details: Record<string, unknown> = {}) => new DomainError('validation.invalid', details, { [field]: key });

/** Turns a form's File entries into bytes; empty file inputs (nothing chosen) are skipped. */
export async function filesFromForm(data: FormData, field: string, maxBytes = MAX_PHOTO_BYTES): Promise<IncomingFile[]> {
	const out: IncomingFile[] = [];
	for (const v of data.getAll(field)) {
		if (typeof v === 'string' || v.size === 0) continue;
		// Refuse before reading a huge body into memory.
		if (v.size > maxBytes) throw fieldError(field, 'photos.file_too_big');
		out.push({ field, bytes: new Uint8Array(await v.arrayBuffer()) });
	}
	return out;
}

/**
 * Re-encodes one photo of a known type; null when it does not decode (truncated, disguised,
 * too many pixels). Never returns metadata.
 */
export async function reencodePhoto(bytes: Uint8Array, type: PhotoType): Promise<{ bytes: Uint8Array; width: number; height: number } | null> {
	try {
		const img = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
			.autoOrient()
			.resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside', withoutEnlargement: true });
		const encoded = type === 'image/png' ? img.png() : type === 'image/webp' ? img.webp({ quality: 85 }) : img.jpeg({ quality: 85, mozjpeg: true });
		const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
		const meta = await sharp(data).metadata();
		if (meta.exif || meta.xmp || meta.iptc || meta.icc) return null;
		return { bytes: new Uint8Array(data), width: info.width, height: info.height };
	} catch {
		return null;
	}
}

/** Checks and cleans one photo, or throws the field's error. */
export async function cleanPhoto(file: IncomingFile): Promise<CleanPhoto> {
	if (file.bytes.length === 0) throw fieldError(file.field, 'photos.file_broken');
	if (file.bytes.length > MAX_PHOTO_BYTES) throw fieldError(file.field, 'photos.file_too_big');
	const type = sniffType(file.bytes);
	if (type === 'image/heic') throw fieldError(file.field, 'photos.heic');
	if (!isPhotoType(type)) throw fieldError(file.field, 'photos.file_type');
	const out = await reencodePhoto(file.bytes, type);
	if (!out) throw fieldError(file.field, 'photos.file_broken');
	if (out.bytes.length > MAX_PHOTO_BYTES) throw fieldError(file.field, 'photos.file_too_big');
	return { contentType: type, ...out, sha256: sha256(out.bytes) };
}

/** Checks and cleans up to `max` photos; all are checked before the caller writes anything. */
export async function cleanPhotos(files: IncomingFile[], opts: { max: number }): Promise<CleanPhoto[]> {
	if (files.length > opts.max) throw fieldError(files[0].field, 'photos.too_many_files', { max: opts.max, fieldParams: { [files[0].field]: { max: opts.max } } });
	const out: CleanPhoto[] = [];
	for (const f of files) out.push(await cleanPhoto(f));
	return out;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
