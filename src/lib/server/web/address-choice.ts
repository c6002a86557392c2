import { DomainError } from '../shared/errors';
import { lookupAddress, locatieserverOptions, searchAddresses, type LocatieserverOptions, type PdokAddress } from '../places';

/**
 * "Which address?" for a form that works without JavaScript. The person types an address and
 * sends the form; the page answers with the addresses that fit as radio buttons ("kies uw adres");
 * the next send carries the chosen id, which is looked up again (never trusted from the form).
 *
 * Fields (names configurable): `address` (the typed text), `addressId` (the chosen radio button)
 * and `addressFor` (hidden: the text the buttons were made for — when the person changed the text
 * since, the old choice is ignored and the new text is searched).
 *
 * Never throws for the service being down or the text fitting nothing: those come back as a
 * field message, so the form stays usable (and a place can be given another way: at home, on the map).
 */

export interface AddressCandidate {
	value: string;
	label: string;
}

export interface AddressChoice {
	/** What the person typed, to show again. */
	query: string;
	/** The one address, once it is clear. */
	chosen: PdokAddress | null;
	/** More than one fits: show these as radio buttons (with `addressFor` = query). */
	candidates: AddressCandidate[];
	/** Message keys (`errors.<key>`) per field name; empty when chosen. */
	errors: Record<string, string>;
}

export interface AddressFields {
	address: string;
	addressId: string;
	addressFor: string;
}
export const addressFields: AddressFields = { address: 'address', addressId: 'addressId', addressFor: 'addressFor' };

const field = (data: FormData, name: string) => {
	const v = data.get(name);
	return typeof v === 'string' ? v.trim().slice(0, 500) : '';
};

/** Reads the address part of a posted form and says where the person stands. */
export async function chooseAddress(data: FormData, opts: { fields?: AddressFields; service?: LocatieserverOptions } = {}): Promise<AddressChoice> {
	const f = opts.fields ?? addressFields;
	const service = opts.service ?? locatieserverOptions();
	const query = field(data, f.address);
	const choice = field(data, f.addressId);
	const base = { query, chosen: null, candidates: [] };
	try {
		if (choice && field(data, f.addressFor) === query) return { ...base, chosen: await lookupAddress(service, { id: choice }), errors: {} };
		const found = await searchAddresses(service, { q: query });
		if (found.length === 1) return { ...base, chosen: found[0], errors: {} };
		if (found.length === 0) return { ...base, errors: { [f.address]: 'places.address_none_found' } };
		return { ...base, candidates: found.map((a) => ({ value: a.id, label: a.weergavenaam })), errors: { [f.addressId]: 'places.address_choose' } };
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		if (err.code === 'places.address_not_found') return { ...base, errors: { [f.address]: 'places.address_not_found' } };
		if (err.code === 'validation.invalid') return { ...base, errors: { [f.address]: Object.values(err.fields)[0] ?? 'places.address_query_invalid' } };
		return { ...base, errors: { [f.address]: err.code } };
	}
}
