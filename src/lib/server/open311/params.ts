import { bad } from './model';

/**
 * Reading Open311 parameters (query string and form body, as lists of strings): one value per
 * name, the attribute[code] answers, and W3C datetimes. Every problem is an Open311Error 400
 * that names the parameter.
 */
export type Params = Record<string, string[]>;

/** The first value of a parameter, trimmed; '' counts as not given. */
export function one(params: Params, name: string): string | undefined {
	const v = params[name]?.[0]?.trim();
	return v ? v : undefined;
}

/** attribute[code]=value (and attribute[code][]=value for lists) → { code: value | values }. */
export function attributesOf(params: Params): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [name, values] of Object.entries(params)) {
		const m = /^attribute\[([^\]]{1,100})\](\[\])?$/.exec(name);
		if (!m) continue;
		out[m[1]] = m[2] ? values : values[0];
	}
	return out;
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * A W3C datetime (ISO 8601: 2026-12-01, 2026-12-01T10:00Z, 2026-12-01T10:00:00+01:00). A time
 * without an offset is UTC. A bare date is the start of that day (UTC), or its end for an
 * end_date. A '+' that the client did not URL-encode arrives as a space: it is read as '+'.
 */
export function w3cDate(name: string, raw: string, endOfDay = false): Date {
	const text = raw.replace(/ (\d{2}:?\d{2})$/, '+$1');
	const m = W3C.exec(text);
	const fail = () => bad('open311.errors.date_invalid', { name });
	if (!m) throw fail();
	const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1, 7).map((x) => x ?? undefined);
	const [Y, M, D, H, Mi, S] = [y, mo, d, h, mi, s].map(Number);
	if (M < 1 || M > 12 || D < 1 || D > daysIn(Y, M) || H > 23 || Mi > 59 || S > 59) throw fail();
	const offset = m[8];
	if (offset && offset !== 'Z' && Number(offset.slice(1, 3)) > 14) throw fail();
	if (m[4] === undefined) return new Date(Date.UTC(Y, M - 1, D) + (endOfDay ? 24 * 3600 * 1000 - 1 : 0));
	const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${m[7] ?? ''}${!offset || offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`}`;
	const at = new Date(iso);
	if (Number.isNaN(at.getTime())) throw fail();
	return at;
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * The parameters of a call: the query string, then (for a POST) the form body, urlencoded or
 * multipart (files in it are ignored). null when the body cannot be read as a form: another
 * content type with a body, or a broken form.
 */
export async function readParams(request: Request, url: URL): Promise<Params | null> {
	const params: Params = {};
	const add = (k: string, v: string) => (params[k] ??= []).push(v);
	for (const [k, v] of url.searchParams) add(k, v);
	if (request.method !== 'POST') return params;
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	if (!FORM_TYPES.includes(type)) return (await request.text().catch(() => 'x')) === '' ? params : null;
	try {
		const form = await request.formData();
		for (const [k, v] of form) if (typeof v === 'string') add(k, v);
		return params;
	} catch {
		return null;
	}
}
