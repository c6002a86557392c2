import type { Translate } from '$lib/i18n';
import type { CategoryRow, FeedItem, QuestionRow } from '../reports';
import { statusOf, CHANGESET, SPECIFICATION } from './model';
import { xmlList, type XmlNode, type XmlValue } from './xml';

/**
 * The GeoReport v2 documents, each as one value for JSON and one tree for XML (xml.ts writes
 * it). Field names and order follow the specification. Dates are W3C datetimes with the
 * Amsterdam offset. A field we have no value for is null (an empty element in XML), except
 * media_url, which is left out when there is none, as the specification asks.
 */

export interface Document {
	json: unknown;
	/** Root element and its content. */
	xml: [string, XmlValue];
}

const amsterdamOffset = (d: Date) => {
	const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
	const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
	return m ? `${m[1]}:${m[2] ?? '00'}` : '+00:00';
};

/** A W3C datetime in Amsterdam time with its offset: 2026-12-02T15:11:04+01:00. */
export function w3c(d: Date): string {
	const offset = amsterdamOffset(d);
	const sign = offset.startsWith('-') ? -1 : 1;
	const [h, m] = offset.slice(1).split(':').map(Number);
	const local = new Date(d.getTime() + sign * (h * 60 + m) * 60_000);
	return `${local.toISOString().slice(0, 19)}${offset}`;
}

/** A day (YYYY-MM-DD, Amsterdam) as the end of its working day, 17:00 local. */
export function endOfWorkingDay(day: string): string {
	const guess = new Date(`${day}T16:00:00Z`);
	return `${day}T17:00:00${amsterdamOffset(guess)}`;
}

const listOf = <T>(item: string, rows: T[], present: (r: T) => XmlNode) => xmlList(item, rows.map(present));

export function presentDiscovery(baseUrl: string, t: Translate): Document {
	const endpoint = { specification: SPECIFICATION, url: `${baseUrl}/open311/v2`, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] };
	const doc = { changeset: CHANGESET, contact: t('open311.discovery.contact'), key_service: t('open311.discovery.key_service'), endpoints: [endpoint] };
	return { json: doc, xml: ['discovery', { ...doc, endpoints: xmlList('endpoint', [{ ...endpoint, formats: xmlList('format', endpoint.formats) }]) }] };
}

type Category = CategoryRow & { questions: QuestionRow[] };
const nameOf = (c: Pick<CategoryRow, 'name_nl' | 'name_en'>, locale: string) => (locale === 'en' ? c.name_en : c.name_nl);

function service(c: Category, all: Category[], locale: string) {
	const parent = c.parent_id ? all.find((p) => p.id === c.parent_id) : undefined;
	return {
		service_code: c.service_code,
		service_name: nameOf(c, locale),
		description: parent ? `${nameOf(parent, locale)}: ${nameOf(c, locale)}` : nameOf(c, locale),
		metadata: c.questions.length > 0,
		type: 'realtime',
		keywords: c.kind,
		group: parent ? nameOf(parent, locale) : nameOf(c, locale)
	};
}

export function presentServices(categories: Category[], locale: string): Document {
	const list = categories.map((c) => service(c, categories, locale));
	return { json: list, xml: ['services', listOf('service', list, (s) => s)] };
}

const datatypes = { text: 'string', number: 'number', yes_no: 'singlevaluelist', choice: 'singlevaluelist', date: 'datetime' } as const;

export function presentDefinition(c: Category, locale: string, t: Translate): Document {
	const attributes = c.questions.map((q) => {
		const values =
			q.kind === 'yes_no'
				? [{ key: 'yes', name: t('open311.values.yes') }, { key: 'no', name: t('open311.values.no') }]
				: q.kind === 'choice'
					? q.choices.map((ch) => ({ key: ch.key, name: locale === 'en' ? ch.en : ch.nl }))
					: undefined;
		return {
			variable: true,
			code: q.code,
			datatype: datatypes[q.kind],
			required: q.required,
			datatype_description: t(`open311.datatype.${q.kind}`),
			order: q.position,
			description: locale === 'en' ? q.label_en : q.label_nl,
			...(values ? { values } : {})
		};
	});
	const json = { service_code: c.service_code, attributes };
	const xmlAttributes: XmlNode[] = attributes.map(({ values, ...a }) => ({ ...a, ...(values ? { values: xmlList('value', values) } : {}) }));
	return { json, xml: ['service_definition', { service_code: c.service_code, attributes: xmlList('attribute', xmlAttributes) }] };
}

/** One request as the reader may see it (FeedItem already left out what they may not). */
export function presentRequest(f: FeedItem, agency: string, locale: string, t: Translate) {
	const r = f.row;
	const status = statusOf(r.state);
	const words = t(`open311.states.${r.state}`);
	const expected = status === 'open' ? (r.scheduled_on ?? r.due_on) : null;
	const address = (f.handled ? f.unitAddress : null) ?? r.address_label ?? r.complex_name ?? r.buurt_name;
	const zipcode = /\b[1-9][0-9]{3} ?[A-Z]{2}\b/.exec(address ?? '')?.[0] ?? null;
	return {
		service_request_id: r.id,
		status,
		status_notes: f.lastNote ? `${words} ${f.lastNote}` : words,
		service_name: nameOf({ name_nl: r.category_name_nl, name_en: r.category_name_en }, locale),
		service_code: r.service_code,
		description: f.description,
		agency_responsible: agency,
		service_notice: expected ? t('open311.notice.expected', { day: expected }) : null,
		requested_datetime: w3c(r.created_at),
		updated_datetime: w3c(r.updated_at),
		expected_datetime: expected ? endOfWorkingDay(expected) : null,
		address,
		address_id: r.bag_nummeraanduiding_id,
		zipcode,
		lat: r.lat,
		long: r.lon
	};
}

export type RequestView = ReturnType<typeof presentRequest>;

export const presentRequests = (list: RequestView[]): Document => ({ json: list, xml: ['service_requests', listOf('request', list, (r) => r)] });

export function presentCreated(id: string, notice: string): Document {
	const created = { service_request_id: id, token: id, service_notice: notice, account_id: null };
	return { json: [created], xml: ['service_requests', xmlList('request', [created])] };
}

export function presentToken(id: string): Document {
	const token = { service_request_id: id, token: id };
	return { json: [token], xml: ['service_requests', xmlList('request', [token])] };
}

export function presentErrors(errors: { code: number; description: string }[]): Document {
	return { json: errors, xml: ['errors', listOf('error', errors, (e) => e)] };
}

/** A key for /api/v1/open311/keys (the secret only in the answer to issuing it). */
export const presentKey = (k: import('./keys').KeyRow & { key?: string }) => ({
	id: k.id,
	corporationId: k.corporation_id,
	organisation: { id: k.organisation_id, name: k.organisation_name },
	contact: { id: k.contact_id, name: k.contact_name },
	label: k.label,
	prefix: k.key_prefix,
	createdAt: k.created_at.toISOString(),
	revokedAt: k.revoked_at ? k.revoked_at.toISOString() : null,
	...(k.key ? { key: k.key } : {})
});
