import type { PhotoType } from './model';

/** What the first bytes of a file say it is: a photo we take, a PDF, a HEIC/AVIF photo we refuse, or unknown. */
export type SniffedType = PhotoType | 'application/pdf' | 'image/heic' | null;

const startsWith = (b: Uint8Array, sig: number[], offset = 0) => sig.every((x, i) => b[offset + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** ISO-BMFF brands of HEIF (iPhone photos) and AVIF: recognised only to say why they are refused. */
const heifBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

/**
 * The file's real type from its magic number, never from its name or the browser's claim.
 * HEIC/AVIF is named so the message can say what to do; every other type is null.
 */
export function sniffType(b: Uint8Array): SniffedType {
	if (b.length >= 3 && startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (b.length >= 8 && startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (b.length >= 12 && startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
	if (b.length >= 5 && startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
	if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp' && heifBrands.has(ascii(b, 8, 12))) return 'image/heic';
	return null;
}

export const isPhotoType = (t: SniffedType): t is PhotoType => t === 'image/jpeg' || t === 'image/png' || t === 'image/webp';
