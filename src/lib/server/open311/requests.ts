import type { Ctx } from '../shared/context';
import { translator } from '$lib/i18n';
import { listReportFeed, type FeedItem, type ReportState } from '../reports';
import { bad, commaList, open311Statuses, statesOf, DAY_MS, MAX_LIST, MAX_REQUESTS, MAX_WINDOW_DAYS, Open311Error, type Open311Status } from './model';
import { one, w3cDate, type Params } from './params';
import { presentRequest, presentRequests, presentToken, type Document, type RequestView } from './presenters';
import type { KeyHolder } from './keys';

/**
 * GET requests, GET requests/{id} and GET tokens/{token}. Anyone reads the public reports of the
 * categories open to outside systems; with an api_key (an extension) the organisation also reads
 * the reports routed to it — its work orders, private ones included — with their text, address
 * and the last note. Never a reporter's name, e-mail or phone.
 */

export interface ReadContext {
	corporation: { id: string; name: string };
	holder: KeyHolder | null;
	locale: 'nl' | 'en';
}

/** The agency: the organisation that handles it when that is the reader, else the corporation or the kind of party. */
function agencyOf(f: FeedItem, rc: ReadContext): string {
	if (f.handled && rc.holder) return rc.holder.actor.partners[0].name;
	const kind = f.row.party_kind;
	return kind === 'municipality' || kind === 'supplier' ? translator(rc.locale)(`open311.agency.${kind}`) : rc.corporation.name;
}

export const viewsOf = (items: FeedItem[], rc: ReadContext): RequestView[] => items.map((f) => presentRequest(f, agencyOf(f, rc), rc.locale, translator(rc.locale)));

const listParam = (params: Params, name: string) => {
	const raw = one(params, name);
	if (raw === undefined) return undefined;
	const list = commaList.parse(raw);
	if (list.length > MAX_LIST) throw bad('open311.errors.list_too_long', { name, max: MAX_LIST });
	return list.length ? list : undefined;
};

/** The filters of GET requests, checked: every problem is a 400 naming the parameter. */
export function requestFilters(params: Params, now: Date) {
	const ids = listParam(params, 'service_request_id');
	// "If service_request_id is specified, the other parameters are ignored."
	if (ids) return { ids };
	const serviceCodes = listParam(params, 'service_code');
	const statuses = listParam(params, 'status');
	if (statuses?.some((s) => !open311Statuses.includes(s as Open311Status))) throw bad('open311.errors.status_invalid');
	const startRaw = one(params, 'start_date');
	const endRaw = one(params, 'end_date');
	const start = startRaw ? w3cDate('start_date', startRaw) : undefined;
	const end = endRaw ? w3cDate('end_date', endRaw, true) : undefined;
	const window = MAX_WINDOW_DAYS * DAY_MS;
	if (start && end && end < start) throw bad('open311.errors.dates_reversed');
	if (start && end && end.getTime() - start.getTime() > window) throw bad('open311.errors.window_too_wide', { days: MAX_WINDOW_DAYS });
	const to = end ?? (start ? new Date(start.getTime() + window) : now);
	const from = start ?? new Date(to.getTime() - window);
	const states = statuses ? [...new Set(statuses.flatMap((s) => statesOf(s as Open311Status)))] : undefined;
	return { serviceCodes, states: states as ReportState[] | undefined, from, to };
}

export async function getServiceRequests(ctx: Ctx, rc: ReadContext, params: Params): Promise<Document> {
	const f = requestFilters(params, ctx.clock());
	const items = await listReportFeed(ctx.db, rc.holder?.actor ?? null, { corporationId: rc.corporation.id, ...f, limit: MAX_REQUESTS });
	return presentRequests(viewsOf(items, rc));
}

/** One request (an array with one element, as the specification shows). Errors: 404. */
export async function getServiceRequest(ctx: Ctx, rc: ReadContext, id: string): Promise<Document> {
	const items = await listReportFeed(ctx.db, rc.holder?.actor ?? null, { corporationId: rc.corporation.id, ids: [id], limit: 1 });
	if (!items.length) throw new Open311Error(404, 'open311.errors.request_not_found', { id });
	return presentRequests(viewsOf(items, rc));
}

/** Our POST answers with the id at once, so a token is the id: served for clients that ask. */
export async function getToken(ctx: Ctx, rc: ReadContext, token: string): Promise<Document> {
	const items = await listReportFeed(ctx.db, rc.holder?.actor ?? null, { corporationId: rc.corporation.id, ids: [token], limit: 1 });
	if (!items.length) throw new Open311Error(404, 'open311.errors.token_not_found');
	return presentToken(items[0].row.id);
}
