import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { MAX_FILE_BYTES } from './model';

/**
 * Uploaded files of the buurtpot (proposal photos, update photos, payment receipts).
 *
 * - The type is decided by the bytes (magic numbers), never by the name or the browser's claim:
 *   photos are JPEG, PNG or WebP; receipts may also be PDF. At most 5 MB each.
 * - Photos never keep their metadata (EXIF/GPS, XMP, IPTC, comments, text chunks): when `sharp`
 *   can be imported they are re-encoded (auto-rotated, metadata dropped); otherwise the file's
 *   structure is rewritten without its metadata segments/chunks (stripMetadata below), which
 *   also refuses a file that does not parse as the format its magic number claims.
 * - Bytes are stored in buurtpot_files (bytea) and served by /uploads/buurtpot/[id] with the
 *   stored content type, `nosniff` and `Content-Security-Policy: default-src 'none'; sandbox`.
 */

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';
export type FileType = PhotoType | 'application/pdf';

export interface IncomingFile {
	/** The form field or API part it came in, for the error message next to it. */
	field: string;
	bytes: Uint8Array;
}

export interface PreparedFile {
	contentType: FileType;
	bytes: Uint8Array;
	sha256: string;
}

const startsWith = (b: Uint8Array, sig: number[], offset = 0) => sig.every((x, i) => b[offset + i] === x);

/** The file's real type from its first bytes, or null when it is none we accept. */
export function sniffType(b: Uint8Array): FileType | null {
	if (b.length >= 3 && startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (b.length >= 8 && startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (b.length >= 12 && startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
	if (b.length >= 5 && startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
	return null;
}

/** Turns a form's File entries into bytes; empty file inputs (nothing chosen) are skipped. */
export async function filesFromForm(data: FormData, field: string): Promise<IncomingFile[]> {
	const out: IncomingFile[] = [];
	for (const v of data.getAll(field)) {
		if (typeof v === 'string' || v.size === 0) continue;
		// Refuse before reading a huge body into memory twice.
		if (v.size > MAX_FILE_BYTES) throw new DomainError('validation.invalid', {}, { [field]: 'proposals.file_too_big' });
		out.push({ field, bytes: new Uint8Array(await v.arrayBuffer()) });
	}
	return out;
}

type Sharp = (input: Uint8Array, options?: Record<string, unknown>) => {
	rotate(): ReturnType<Sharp>;
	jpeg(o?: Record<string, unknown>): ReturnType<Sharp>;
	png(o?: Record<string, unknown>): ReturnType<Sharp>;
	webp(o?: Record<string, unknown>): ReturnType<Sharp>;
	toBuffer(): Promise<Buffer>;
};
let sharpLoaded: Promise<Sharp | null> | undefined;

/** sharp when it is installed (an optional native module), else null. */
export function loadSharp(): Promise<Sharp | null> {
	sharpLoaded ??= (async () => {
		try {
			const name = 'sharp';
			const mod = (await import(/* @vite-ignore */ name)) as { default: Sharp };
			return mod.default;
		} catch {
			return null;
		}
	})();
	return sharpLoaded;
}

/**
 * Checks and cleans uploaded files. `allowPdf` for receipts. Throws `validation.invalid` with the
 * field's message key (`proposals.file_type`, `proposals.file_too_big`, `proposals.file_broken`,
 * `proposals.too_many_files`) before anything is written.
 */
export async function prepareFiles(files: IncomingFile[], opts: { allowPdf?: boolean; max: number }): Promise<PreparedFile[]> {
	if (files.length > opts.max) throw new DomainError('validation.invalid', { max: opts.max }, { [files[0].field]: 'proposals.too_many_files' });
	const out: PreparedFile[] = [];
	for (const f of files) {
		const fail = (key: string) => new DomainError('validation.invalid', {}, { [f.field]: key });
		if (f.bytes.length === 0) throw fail('proposals.file_broken');
		if (f.bytes.length > MAX_FILE_BYTES) throw fail('proposals.file_too_big');
		const type = sniffType(f.bytes);
		if (!type || (type === 'application/pdf' && !opts.allowPdf)) throw fail(opts.allowPdf ? 'proposals.receipt_type' : 'proposals.file_type');
		let bytes: Uint8Array;
		if (type === 'application/pdf') bytes = f.bytes;
		else {
			const cleaned = await cleanPhoto(f.bytes, type);
			if (!cleaned) throw fail('proposals.file_broken');
			bytes = cleaned;
		}
		if (bytes.length > MAX_FILE_BYTES) throw fail('proposals.file_too_big');
		out.push({ contentType: type, bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
	}
	return out;
}

/** Re-encodes with sharp when available, else strips metadata structurally; null when unreadable. */
export async function cleanPhoto(bytes: Uint8Array, type: PhotoType): Promise<Uint8Array | null> {
	const sharp = await loadSharp();
	if (sharp) {
		try {
			// rotate() applies the EXIF orientation before the metadata (and with it the GPS) is dropped.
			const img = sharp(bytes, { failOn: 'error', limitInputPixels: 50_000_000 }).rotate();
			const out = type === 'image/png' ? img.png() : type === 'image/webp' ? img.webp({ quality: 85 }) : img.jpeg({ quality: 85, mozjpeg: true });
			return new Uint8Array(await out.toBuffer());
		} catch {
			return null;
		}
	}
	return stripMetadata(bytes, type);
}

/**
 * Rewrites an image without its metadata, keeping only what is needed to draw it:
 * - JPEG: every marker segment except APP1 (EXIF, XMP), APP2–APP13 (ICC is APP2: dropped too;
 *   browsers assume sRGB), APP15 and COM; APP0 (JFIF) and APP14 (Adobe colour transform) stay.
 * - PNG: only IHDR, PLTE, IDAT, IEND, tRNS, gAMA, cHRM, sRGB, sBIT, pHYs, bKGD (no tEXt, zTXt,
 *   iTXt, eXIf, tIME, iCCP…).
 * - WebP: RIFF chunks except EXIF and XMP; the VP8X flags for them are cleared.
 * Returns null when the structure does not parse (a truncated or disguised file).
 */
export function stripMetadata(b: Uint8Array, type: PhotoType): Uint8Array | null {
	try {
		if (type === 'image/jpeg') return stripJpeg(b);
		if (type === 'image/png') return stripPng(b);
		return stripWebp(b);
	} catch {
		return null;
	}
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}

function stripJpeg(b: Uint8Array): Uint8Array | null {
	const parts: Uint8Array[] = [b.subarray(0, 2)];
	let i = 2;
	while (i < b.length) {
		if (b[i] !== 0xff) return null;
		let marker = b[i + 1];
		// Fill bytes.
		while (marker === 0xff) {
			i++;
			marker = b[i + 1];
		}
		if (marker === undefined) return null;
		if (marker === 0xd9) {
			parts.push(b.subarray(i, i + 2));
			return concat(parts);
		}
		// Standalone markers without a length.
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			parts.push(b.subarray(i, i + 2));
			i += 2;
			continue;
		}
		if (i + 4 > b.length) return null;
		const len = (b[i + 2] << 8) | b[i + 3];
		if (len < 2 || i + 2 + len > b.length) return null;
		const segment = b.subarray(i, i + 2 + len);
		const isApp = marker >= 0xe0 && marker <= 0xef;
		const keep = !isApp ? marker !== 0xfe : marker === 0xe0 || marker === 0xee;
		if (keep) parts.push(segment);
		i += 2 + len;
		if (marker === 0xda) {
			// Start of scan: entropy-coded data runs to the next marker that is not RSTn or a stuffed 0xFF00.
			let j = i;
			while (j < b.length - 1 && !(b[j] === 0xff && b[j + 1] !== 0x00 && !(b[j + 1] >= 0xd0 && b[j + 1] <= 0xd7))) j++;
			if (j >= b.length - 1) return null;
			parts.push(b.subarray(i, j));
			i = j;
		}
	}
	return null;
}

const pngKeep = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'pHYs', 'bKGD']);

function stripPng(b: Uint8Array): Uint8Array | null {
	const parts: Uint8Array[] = [b.subarray(0, 8)];
	let i = 8;
	let sawEnd = false;
	while (i + 12 <= b.length) {
		const len = ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
		const type = String.fromCharCode(b[i + 4], b[i + 5], b[i + 6], b[i + 7]);
		if (!/^[A-Za-z]{4}$/.test(type) || i + 12 + len > b.length) return null;
		if (pngKeep.has(type)) parts.push(b.subarray(i, i + 12 + len));
		i += 12 + len;
		if (type === 'IEND') {
			sawEnd = true;
			break;
		}
	}
	return sawEnd && parts.length > 2 ? concat(parts) : null;
}

function stripWebp(b: Uint8Array): Uint8Array | null {
	const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const riffSize = view.getUint32(4, true);
	if (riffSize + 8 > b.length || riffSize < 4) return null;
	const chunks: Uint8Array[] = [];
	let i = 12;
	let image = false;
	while (i + 8 <= riffSize + 8) {
		const type = String.fromCharCode(b[i], b[i + 1], b[i + 2], b[i + 3]);
		const size = view.getUint32(i + 4, true);
		const total = 8 + size + (size % 2);
		if (i + 8 + size > b.length) return null;
		if (type === 'VP8 ' || type === 'VP8L' || type === 'ANMF' || type === 'ALPH') image = true;
		if (type !== 'EXIF' && type !== 'XMP ') {
			const chunk = b.slice(i, Math.min(i + total, b.length));
			// VP8X flags: bit 3 = EXIF, bit 2 = XMP.
			if (type === 'VP8X' && chunk.length > 8) chunk[8] &= ~0b1100;
			chunks.push(chunk);
		}
		i += total;
	}
	if (!image) return null;
	const body = concat(chunks);
	const header = new Uint8Array(12);
	header.set(b.subarray(0, 4));
	new DataView(header.buffer).setUint32(4, body.length + 4, true);
	header.set(b.subarray(8, 12), 8);
	return concat([header, body]);
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
