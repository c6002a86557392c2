import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { translator } from '$lib/i18n';
import { contentTypes, formats, Open311Error, type Format } from './model';
import { one, type Params } from './params';
import { keyHolder, type KeyHolder } from './keys';
import { jurisdictionOf } from './jurisdiction';
import { getServiceDefinition, listServices } from './services';
import { getServiceRequest, getServiceRequests, getToken, type ReadContext } from './requests';
import { postServiceRequest } from './post-request';
import { updateServiceRequest } from './update-request';
import { presentDiscovery, presentErrors, type Document } from './presenters';
import { xmlDocument } from './xml';

/**
 * One GeoReport v2 call, without the web framework (the route under /open311/v2 hands it the
 * method, the path after /open311/v2/, the parameters of query and body, and the base URL), so
 * tests drive the whole API through this one function. The format is the extension (.json,
 * .xml; none → JSON). Every refusal is the specification's error list with 400, 403 or 404 (405
 * for a method an endpoint does not take); a DomainError from the reports module becomes one
 * too. Only a bug is a 500.
 */
export interface Open311Call {
	method: string;
	/** The path after /open311/v2/, e.g. "requests/123.json". */
	path: string;
	params: Params;
	/** The body was there but could not be read as a form (readParams gave null). */
	bodyInvalid?: boolean;
	idempotencyKey?: string;
	baseUrl: string;
}

export interface Open311Answer {
	status: number;
	contentType: string;
	body: string;
	headers: Record<string, string>;
}

function render(doc: Document, format: Format, status = 200, headers: Record<string, string> = {}): Open311Answer {
	const body = format === 'xml' ? xmlDocument(doc.xml[0], doc.xml[1]) : JSON.stringify(doc.json);
	return { status, contentType: contentTypes[format], body, headers };
}

/** "requests/abc.xml" → segments ["requests", "abc"], format xml. Unknown extension: 400. */
function parsePath(path: string): { segments: string[]; format: Format } {
	// The route hands the path already decoded (SvelteKit decodes params): not decoded again.
	const segments = path.split('/').filter(Boolean);
	const last = segments.pop() ?? '';
	const dot = last.lastIndexOf('.');
	const ext = dot >= 0 ? last.slice(dot + 1).toLowerCase() : '';
	if (dot >= 0 && !formats.includes(ext as Format)) throw new Open311Error(400, 'open311.errors.format_invalid', { format: ext.slice(0, 20) });
	return { segments: [...segments, dot >= 0 ? last.slice(0, dot) : last], format: (ext || 'json') as Format };
}

/** Which endpoint a path is, and the methods it takes. */
function endpointOf(s: string[]): { name: string; id?: string; methods: string[] } | null {
	if (s.length === 1 && s[0] === 'discovery') return { name: 'discovery', methods: ['GET'] };
	if (s.length === 1 && s[0] === 'services') return { name: 'services', methods: ['GET'] };
	if (s.length === 2 && s[0] === 'services') return { name: 'service', id: s[1], methods: ['GET'] };
	if (s.length === 1 && s[0] === 'requests') return { name: 'requests', methods: ['GET', 'POST'] };
	if (s.length === 2 && s[0] === 'requests') return { name: 'request', id: s[1], methods: ['GET'] };
	if (s.length === 3 && s[0] === 'requests' && s[2] === 'updates') return { name: 'updates', id: s[1], methods: ['POST'] };
	if (s.length === 2 && s[0] === 'tokens') return { name: 'token', id: s[1], methods: ['GET'] };
	return null;
}

const localeOf = (params: Params): 'nl' | 'en' => (one(params, 'locale')?.toLowerCase().startsWith('nl') ? 'nl' : 'en');

/** Open311 parameter names for our fields, so a description names what the client sent. */
function parameterOf(field: string): string {
	if (field.startsWith('answers.')) return `attribute[${field.slice(8)}]`;
	if (field.startsWith('location')) return 'lat/long/address_string/address_id';
	if (field === 'reportId') return 'service_request_id';
	if (field === 'scheduledOn') return 'scheduled_on';
	if (field === 'note') return 'status_notes';
	return field;
}

/** A DomainError of the reports module as Open311 errors: one per field at fault. */
function fromDomainError(e: DomainError, locale: 'nl' | 'en'): { status: 400 | 403 | 404; errors: { code: number; description: string }[] } {
	const t = translator(locale);
	if (e.code === 'reports.not_found' || Object.values(e.fields).includes('reports.not_found'))
		return { status: 404, errors: [{ code: 404, description: t('open311.errors.request_not_found') }] };
	if (e.code === 'reports.forbidden') return { status: 403, errors: [{ code: 403, description: t('open311.errors.forbidden') }] };
	const fields = Object.entries(e.fields);
	if (fields.length) {
		const params = (e.details.fieldParams ?? {}) as Record<string, Record<string, number>>;
		// A place is said differently to a system than to a member ("you have more than one home").
		const text = (field: string, key: string) => (field.startsWith('location') && key.startsWith('reports.location_') ? t(`open311.errors.${key.slice(8)}`) : t(`errors.${key}`, { max: 'none', min: 'none', ...params[field] }));
		return { status: 400, errors: fields.map(([field, key]) => ({ code: 400, description: `${parameterOf(field)}: ${text(field, key)}` })) };
	}
	return { status: 400, errors: [{ code: 400, description: t(`errors.${e.code}`, e.details) }] };
}

export async function handleOpen311(ctx: Ctx, call: Open311Call): Promise<Open311Answer> {
	const locale = localeOf(call.params);
	const t = translator(locale);
	let format: Format = 'json';
	const headers: Record<string, string> = {};
	try {
		const parsed = parsePath(call.path);
		format = parsed.format;
		const endpoint = endpointOf(parsed.segments);
		if (!endpoint) throw new Open311Error(404, 'open311.errors.endpoint_not_found');
		if (call.bodyInvalid) throw new Open311Error(400, 'open311.errors.body_invalid');
		const method = call.method.toUpperCase();
		const allowed = method === 'HEAD' ? endpoint.methods.includes('GET') : endpoint.methods.includes(method);
		if (!allowed) {
			headers.Allow = endpoint.methods.join(', ');
			throw new Open311Error(405, 'open311.errors.method_not_allowed', { methods: endpoint.methods.join(', ') });
		}
		if (endpoint.name === 'discovery') return render(presentDiscovery(call.baseUrl, t), format);

		const apiKey = one(call.params, 'api_key');
		const holder: KeyHolder | null = apiKey ? await keyHolder(ctx.db, apiKey, ctx.clock()) : null;
		const writes = method === 'POST';
		// A wrong key is refused on reads too: a client should learn its key does not work.
		if ((writes || apiKey) && !holder) throw new Open311Error(403, apiKey ? 'open311.errors.api_key_invalid' : 'open311.errors.api_key_missing');
		// The server's own host name also names the default jurisdiction (as many Open311 servers use their domain).
		const jurisdictionId = one(call.params, 'jurisdiction_id');
		const corporation = await jurisdictionOf(ctx.db, jurisdictionId === new URL(call.baseUrl).hostname ? undefined : jurisdictionId, holder);
		if (holder && holder.corporationId !== corporation.id) throw new Open311Error(403, 'open311.errors.api_key_other_jurisdiction');
		const rc: ReadContext = { corporation, holder, locale };

		switch (endpoint.name) {
			case 'services':
				return render(await listServices(ctx, corporation.id, locale), format);
			case 'service':
				return render(await getServiceDefinition(ctx, corporation.id, endpoint.id!, locale), format);
			case 'requests':
				if (writes) return render(await postServiceRequest(ctx, holder!, call.params, call.idempotencyKey, locale), format);
				return render(await getServiceRequests(ctx, rc, call.params), format);
			case 'request':
				return render(await getServiceRequest(ctx, rc, endpoint.id!), format);
			case 'token':
				return render(await getToken(ctx, rc, endpoint.id!), format);
			default: {
				const done = await updateServiceRequest(ctx, holder!, endpoint.id!, call.params);
				return render(await getServiceRequest(ctx, rc, done.id), format);
			}
		}
	} catch (e) {
		if (e instanceof Open311Error) return render(presentErrors([{ code: e.status, description: t(e.key, e.params) }]), format, e.status, headers);
		if (e instanceof DomainError) {
			const { status, errors } = fromDomainError(e, locale);
			return render(presentErrors(errors), format, status, headers);
		}
		throw e;
	}
}
