/**
 * Photos: the shared pipeline every uploaded photo goes through (type by content, re-encoded and
 * scaled down with sharp, all metadata dropped, size-limited). Storing them is the caller's.
 */
export * from './model';
export { sniffType, isPhotoType, type SniffedType } from './sniff';
export { cleanPhoto, cleanPhotos, filesFromForm, reencodePhoto, sha256 } from './clean-photo';
