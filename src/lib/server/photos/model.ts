/** Photos: the accepted types and the limits every upload of a photo keeps (no rules here). */

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The most a photo may weigh as it comes in (before re-encoding). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** The longest side of a stored photo, in pixels: larger photos are scaled down. */
export const MAX_PHOTO_SIDE = 1600;
/** Decompression bombs: refuse an image of more pixels than this before decoding it. */
export const MAX_INPUT_PIXELS = 50_000_000;

export interface IncomingFile {
	/** The form field or API part it came in, for the error message next to it. */
	field: string;
	bytes: Uint8Array;
}

export interface CleanPhoto {
	contentType: PhotoType;
	bytes: Uint8Array;
	sha256: string;
	width: number;
	height: number;
}
