import { DomainError } from '../shared/errors';
import { fieldMessage } from '../shared/validate';
import type { Translate } from '$lib/i18n';
import { chooseAddress, type AddressCandidate } from './address-choice';

/**
 * Edge helpers for the report form (/reports/new), which works in steps with plain form posts:
 * every step sends all that was entered before as hidden fields, so nothing is lost when a step
 * answers with a mistake or the person goes back. Files cannot travel that way: photos are chosen
 * on the last step only. No business rules here — the reports module checks everything again.
 */

export const reportSteps = ['category', 'location', 'details', 'preview'] as const;
export type ReportStep = (typeof reportSteps)[number];

/** Every text field a step may carry; answers travel as `answers.<code>`. */
export const reportFormFields = ['categoryId', 'where', 'address', 'addressId', 'addressFor', 'pinLat', 'pinLon', 'pinBuurtId', 'addressLabel', 'description', 'hideName', 'idempotencyKey'] as const;

/** All text values of the post (no secrets live in this form), each at most 5000 characters. */
export function reportValues(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of data) {
		if (typeof v !== 'string') continue;
		if ((reportFormFields as readonly string[]).includes(k) || /^answers\.[a-z][a-z0-9_]{0,39}$/.test(k)) out[k] = v.slice(0, 5000);
	}
	return out;
}

export const answersOf = (values: Record<string, string>) =>
	Object.fromEntries(Object.entries(values).filter(([k, v]) => k.startsWith('answers.') && v.trim() !== '').map(([k, v]) => [k.slice(8), v]));

export interface PlaceResult {
	/** The location as the reports module reads it (undefined: nothing chosen yet). */
	location: unknown;
	/** Message keys per page field (address search problems). */
	errors: Record<string, string>;
	candidates: AddressCandidate[];
	/** The values with the address choice made definite (addressId/addressFor), to carry on. */
	values: Record<string, string>;
}

/**
 * The place the person gave: `where` is home:<unitId>, complex:<complexId>, address or pin
 * (plain `home` or `complex`: the person's only home, for clients that know no ids).
 * An address is looked up again at every step through the Locatieserver (never trusted from the
 * form); while several fit, the page shows them as radio buttons.
 */
export async function placeOf(data: FormData, values: Record<string, string>): Promise<PlaceResult> {
	// Typed an address or placed a pin without choosing that way first: that is the way they chose.
	const where = values.where || (values.address?.trim() ? 'address' : values.pinLat?.trim() ? 'pin' : '');
	const base = { errors: {}, candidates: [], values };
	if (where.startsWith('home:')) return { ...base, location: { kind: 'home', unitId: where.slice(5) } };
	if (where.startsWith('complex:')) return { ...base, location: { kind: 'complex', complexId: where.slice(8) } };
	if (where === 'pin') return { ...base, values: { ...values, where }, location: { kind: 'pin', lat: values.pinLat?.trim().replace(',', '.') || undefined, lon: values.pinLon?.trim().replace(',', '.') || undefined, buurtId: values.pinBuurtId || undefined } };
	if (where !== 'address') return { ...base, location: where ? { kind: where } : undefined };
	const choice = await chooseAddress(data);
	if (!choice.chosen) return { location: null, errors: choice.errors, candidates: choice.candidates, values: { ...values, where } };
	const a = choice.chosen;
	if (!a.buurtcode) return { location: null, errors: { address: 'reports.location_outside' }, candidates: [], values: { ...values, where } };
	return {
		...base,
		values: { ...values, where: 'address', addressId: a.id, addressFor: choice.query, addressLabel: a.weergavenaam },
		location: { kind: 'address', label: a.weergavenaam, buurtCode: a.buurtcode, nummeraanduidingId: a.nummeraanduidingId, verblijfsobjectId: a.adresseerbaarobjectId, lat: a.point.lat, lon: a.point.lon }
	};
}

/** The page field where the module's field belongs (its location parts sit by their inputs). */
const pageField = (field: string) =>
	field === 'location.lat' ? 'pinLat' : field === 'location.lon' ? 'pinLon' : field === 'location.buurtId' ? 'pinBuurtId' : field.startsWith('location') ? 'where' : field;

/** Which step shows this field, so a late mistake brings the person back where they can fix it. */
export function stepOfField(field: string): ReportStep {
	if (field === 'categoryId') return 'category';
	if (['where', 'address', 'addressId', 'pinLat', 'pinLon', 'pinBuurtId'].includes(field)) return 'location';
	if (field === 'description' || field === 'hideName' || field.startsWith('answers.')) return 'details';
	return 'preview';
}

/** A DomainError's field messages, in the reader's language, under the page's field names. */
export function pageErrors(err: DomainError, t: Translate): Record<string, string> {
	const out: Record<string, string> = {};
	for (const f of Object.keys(err.fields)) out[pageField(f)] ??= fieldMessage(err, f, t);
	return out;
}

/** Message keys (from the address search) in the reader's language. */
export const translated = (keys: Record<string, string>, t: Translate) => Object.fromEntries(Object.entries(keys).map(([f, k]) => [f, t(`errors.${k}`)]));

/** The earliest step any of these fields belongs to. */
export const firstStep = (fields: string[]): ReportStep => reportSteps[Math.min(...fields.map((f) => reportSteps.indexOf(stepOfField(f))), reportSteps.length - 1)];
