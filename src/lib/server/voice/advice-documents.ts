import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { sha256, sniffType } from '../photos';
import { hasControlCharacters } from '../shared/text';
import type { Actor } from '../people';
import { MAX_DOCUMENTS, MAX_DOCUMENT_BYTES } from './listen-model';
import { seesAdvice } from './listen-policy';

/**
 * The documents of an advice request: PDFs only, decided by their bytes (the magic number
 * `%PDF-` at the start and the end-of-file marker `%%EOF` near the end, so a truncated or renamed
 * file is refused), at most MAX_DOCUMENTS of MAX_DOCUMENT_BYTES. Kept as sent, in the database
 * with the request (one transaction), served by /uploads/advice/[id] with a CSP that forbids
 * everything, to staff of the corporation and the association's board only.
 */

export interface IncomingDocument {
	field: string;
	name: string;
	bytes: Uint8Array;
}

export interface PreparedDocument {
	fileName: string;
	bytes: Uint8Array;
	sha256: string;
}

const fieldError = (field: string, key: string, details: Record<string, unknown> = {}) => new DomainError('validation.invalid', details, { [field]: key });

/** A form's chosen files (empty inputs skipped); a file over the limit is refused before it is read. */
export async function documentsFromForm(data: FormData, field: string): Promise<IncomingDocument[]> {
	const out: IncomingDocument[] = [];
	for (const v of data.getAll(field)) {
		if (typeof v === 'string' || v.size === 0) continue;
		if (v.size > MAX_DOCUMENT_BYTES) throw fieldError(field, 'listen.document_too_big');
		out.push({ field, name: v.name, bytes: new Uint8Array(await v.arrayBuffer()) });
	}
	return out;
}

/** A file name that is safe to show and to send back: no path, no control characters, ends in .pdf. */
export function cleanFileName(name: string): string {
	const base = (name.split(/[\\/]/).pop() ?? '').replace(/["<>]/g, '').trim();
	const safe = hasControlCharacters(base) || !base ? 'document' : base.slice(0, 100);
	return /\.pdf$/i.test(safe) ? safe : `${safe}.pdf`;
}

const hasEofMarker = (b: Uint8Array) => Buffer.from(b.subarray(Math.max(0, b.length - 1024))).includes('%%EOF');

/** Checks every document before anything is written; the field's message says what is wrong. */
export function prepareDocuments(files: IncomingDocument[]): PreparedDocument[] {
	if (files.length > MAX_DOCUMENTS) throw fieldError(files[0].field, 'listen.too_many_documents', { fieldParams: { [files[0].field]: { max: MAX_DOCUMENTS } } });
	return files.map((f) => {
		if (f.bytes.length > MAX_DOCUMENT_BYTES) throw fieldError(f.field, 'listen.document_too_big');
		if (f.bytes.length === 0 || sniffType(f.bytes) !== 'application/pdf') throw fieldError(f.field, 'listen.document_type');
		if (!hasEofMarker(f.bytes)) throw fieldError(f.field, 'listen.document_broken');
		return { fileName: cleanFileName(f.name), bytes: f.bytes, sha256: sha256(f.bytes) };
	});
}

export async function storeDocuments(tx: Queryable, requestId: string, docs: PreparedDocument[]): Promise<void> {
	for (const [i, d] of docs.entries())
		await tx.query('INSERT INTO voice_advice_documents (request_id, position, file_name, content_type, size, sha256, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
			requestId,
			i,
			d.fileName,
			'application/pdf',
			d.bytes.length,
			d.sha256,
			Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength)
		]);
}

/** One document for who sees its request; anyone else (and a malformed id) listen.not_found. */
export async function getAdviceDocument(db: Queryable, actor: Actor, id: string): Promise<{ fileName: string; sha256: string; bytes: Uint8Array }> {
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new DomainError('listen.not_found');
	const [d] = await db.query<{ file_name: string; sha256: string; bytes: Uint8Array; corporation_id: string; organisation_id: string }>(
		'SELECT d.file_name, d.sha256, d.bytes, r.corporation_id, r.organisation_id FROM voice_advice_documents d JOIN voice_advice_requests r ON r.id = d.request_id WHERE d.id = $1',
		[id]
	);
	if (!d || !seesAdvice(actor, d)) throw new DomainError('listen.not_found');
	return { fileName: d.file_name, sha256: d.sha256, bytes: d.bytes };
}
