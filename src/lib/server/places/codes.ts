import { z } from 'zod';
import { plainText } from '../shared/text';

/** CBS area codes: gemeente GM + 4 digits, wijk WK + 6 digits, buurt BU + 8 characters. */
export const gemeenteCode = plainText().trim().toUpperCase().regex(/^GM[0-9]{4}$/, 'places.invalid_gemeente_code');
export const wijkCode = plainText().trim().toUpperCase().regex(/^WK[0-9]{6}$/, 'places.invalid_wijk_code');
// Since 2022 CBS buurt codes may contain letters after the gemeente part (e.g. BU0363AF09).
export const buurtCode = plainText().trim().toUpperCase().regex(/^BU[0-9A-Z]{8}$/, 'places.invalid_buurt_code');
export const cbsYear = z.coerce.number().int().min(2000, 'places.invalid_cbs_year').max(2100, 'places.invalid_cbs_year');

/** Dutch postcode: 4 digits (not starting with 0), optional space, 2 letters; stored as "1234 AB". */
export const postcode = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[1-9][0-9]{3} ?[A-Z]{2}$/, 'places.invalid_postcode')
	.refine((v) => !/(SA|SD|SS)$/.test(v), 'places.invalid_postcode')
	.transform((v) => `${v.slice(0, 4)} ${v.slice(-2)}`);

export const bagId = plainText().trim().regex(/^[0-9]{16}$/, 'places.invalid_bag_id');

export const houseNumber = z.coerce.number({ error: 'places.invalid_house_number' }).int('places.invalid_house_number').min(1, 'places.invalid_house_number').max(99999, 'places.invalid_house_number');
export const addition = plainText().trim().toUpperCase().max(6, 'validation.too_long').default('');

/** "52,2215" or "52.2215" (what a person or the map pin writes) as a number; anything else stays as it is and fails. */
const decimal = (v: unknown) => {
	if (typeof v !== 'string') return v;
	const s = v.trim().replace(',', '.');
	return /^-?\d{1,3}(\.\d{1,15})?$/.test(s) ? Number(s) : v;
};
export const latitude = z.preprocess(decimal, z.number('places.invalid_latitude').min(-90, 'places.invalid_latitude').max(90, 'places.invalid_latitude'));
export const longitude = z.preprocess(decimal, z.number('places.invalid_longitude').min(-180, 'places.invalid_longitude').max(180, 'places.invalid_longitude'));
/** A point from a form's lat/lon inputs (WGS84), e.g. the map pin of MapPicker.svelte. */
export const pointSchema = z.object({ lat: latitude, lon: longitude });
