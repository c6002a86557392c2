import { fail, type RequestEvent } from '@sveltejs/kit';
import { DomainError } from '../shared/errors';
import { readJson } from './api';
import { eurosToCents } from '../shared/money';
import { formFields } from './input';
import { MAX_COST_LINES, MAX_FILE_BYTES, filesFromForm, type IncomingFile } from '../proposals';

/**
 * Edge helpers for the proposal pages and /api/v1/proposals: turning form posts, JSON and
 * multipart bodies into use-case input. No business rules here.
 */

/** The text fields of the propose/edit form; money typed in euros ("450", "450,50"). */
export function proposalFormInput(data: FormData): Record<string, unknown> {
	const v = formFields(data, ['buurtId', 'title', 'description', 'costCents', 'place', 'volunteers', 'idempotencyKey']);
	// Rows are numbered lineLabel0/lineAmount0 … so a failed post gives every typed value back.
	const costLines = Array.from({ length: MAX_COST_LINES }, (_, i) => ({ label: str(data.get(`lineLabel${i}`)), amount: str(data.get(`lineAmount${i}`)) }))
		.filter((l) => l.label.trim() !== '' || l.amount.trim() !== '')
		.map((l) => ({ label: l.label, cents: eurosToCents(l.amount) ?? null }));
	return { ...v, costCents: eurosToCents(v.costCents), costLines };
}

const str = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');

/** Cents from a typed euro amount, for the named field. */
export const centsField = (data: FormData, name: string) => {
	const v = data.get(name);
	return eurosToCents(typeof v === 'string' ? v : undefined);
};

/**
 * A JSON body or a multipart/form-data body (for photos and receipts) plus the Idempotency-Key
 * header. In multipart bodies every value is text: `numeric` fields are turned into numbers and
 * `arrays` (JSON text) parsed, so the use case sees the same input either way. A plain
 * urlencoded form is read like multipart without files, so the use case (which checks scope and
 * role first) answers it, not a JSON parse error.
 */
export async function apiInput(
	event: RequestEvent,
	opts: { files?: string[]; numeric?: string[]; json?: string[]; bodyRequired?: boolean } = {}
): Promise<{ input: Record<string, unknown>; files: Record<string, IncomingFile[]> }> {
	const key = event.request.headers.get('idempotency-key');
	const type = event.request.headers.get('content-type') ?? '';
	const files: Record<string, IncomingFile[]> = {};
	let input: Record<string, unknown>;
	if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
		const length = Number(event.request.headers.get('content-length') ?? 0);
		if (length > Math.min(bodySizeLimit(), (opts.files?.length ?? 0) * 3 * MAX_FILE_BYTES + 1024 * 1024)) throw new DomainError('proposals.body_too_large');
		const data = await event.request.formData().catch(() => {
			throw new DomainError('proposals.body_invalid');
		});
		input = {};
		for (const [k, v] of data) if (typeof v === 'string') input[k] = v;
		for (const name of opts.numeric ?? []) if (typeof input[name] === 'string' && input[name] !== '') input[name] = Number(input[name]);
		for (const name of opts.json ?? []) {
			if (typeof input[name] !== 'string') continue;
			try {
				input[name] = JSON.parse(input[name] as string);
			} catch {
				throw new DomainError('validation.invalid', {}, { [name]: 'validation.format' });
			}
		}
		for (const name of opts.files ?? []) files[name] = await filesFromForm(data, name);
	} else if (!opts.bodyRequired && (event.request.headers.get('content-length') === '0' || !event.request.body)) {
		// Actions without fields (withdraw without a reason) may come without a body.
		input = {};
	} else {
		const body = await readJson(event);
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw new DomainError('api.invalid_json');
		input = body as Record<string, unknown>;
	}
	return { input: { ...input, ...(key ? { idempotencyKey: key } : {}) }, files };
}

/** adapter-node's request body limit (BODY_SIZE_LIMIT, default 512K): bigger posts arrive empty. */
export function bodySizeLimit(env: Record<string, string | undefined> = process.env): number {
	const raw = (env.BODY_SIZE_LIMIT ?? '512K').trim();
	if (raw === 'Infinity') return Infinity;
	const m = /^(\d+)([KMG]?)$/i.exec(raw);
	if (!m) return 512 * 1024;
	const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
	return Number(m[1]) * unit;
}

/**
 * For form posts with files: a body over the server's limit would reach the action empty (every
 * field "required"). Answer with one clear message instead (413), before reading the body.
 */
export function tooLargeForm(event: RequestEvent) {
	const length = Number(event.request.headers.get('content-length') ?? 0);
	if (length <= bodySizeLimit()) return null;
	return fail(413, { errors: { photos: event.locals.t('errors.photos.file_too_big'), receipt: event.locals.t('errors.photos.file_too_big') }, error: event.locals.t('errors.proposals.body_too_large'), values: {} });
}
