import { IntlMessageFormat } from 'intl-messageformat';
import nl from '../../../messages/nl.json';
import en from '../../../messages/en.json';

export const locales = ['nl', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'nl';

type Tree = { [key: string]: string | Tree };
const catalogs: Record<Locale, Tree> = { nl, en };

export const isLocale = (v: unknown): v is Locale => locales.includes(v as Locale);

function lookup(tree: Tree, key: string): string | undefined {
	let node: string | Tree | undefined = tree;
	for (const part of key.split('.')) {
		if (typeof node !== 'object') return undefined;
		node = node[part];
	}
	return typeof node === 'string' ? node : undefined;
}

const cache = new Map<string, IntlMessageFormat>();

/** ICU `{x, date, long}` / `{x, time, short}` read dates as Dutch clocks show them, whatever the server's zone. */
const amsterdam = { timeZone: 'Europe/Amsterdam' } as const;
const icuFormats = {
	date: { long: { day: 'numeric', month: 'long', year: 'numeric', ...amsterdam } },
	time: { short: { hour: '2-digit', minute: '2-digit', ...amsterdam } }
} as const;

export type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * Returns t() for a locale. Messages are ICU (plurals, selects); Dutch is the source, so a
 * key missing in another language falls back to Dutch, and an unknown key shows itself.
 */
export function translator(locale: Locale): Translate {
	return (key, values) => {
		const source = lookup(catalogs[locale], key) ?? lookup(catalogs.nl, key);
		if (source === undefined) return key;
		const id = `${locale}\u0000${key}`;
		let format = cache.get(id);
		if (!format) {
			format = new IntlMessageFormat(source, locale === 'nl' ? 'nl-NL' : 'en-GB', icuFormats);
			cache.set(id, format);
		}
		return String(format.format(values as Record<string, string>));
	};
}

export function hasMessage(key: string): boolean {
	return lookup(catalogs.nl, key) !== undefined;
}

/** Picks the locale: explicit choice (cookie) first, then the browser's languages, else Dutch. */
export function negotiateLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
	if (isLocale(cookie)) return cookie;
	for (const part of (acceptLanguage ?? '').split(',')) {
		const tag = part.split(';')[0].trim().slice(0, 2).toLowerCase();
		if (isLocale(tag)) return tag;
	}
	return defaultLocale;
}

export const formatEuro = (cents: number, locale: Locale) =>
	new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);

const intlLocale = (locale: string) => (locale === 'nl' ? 'nl-NL' : 'en-GB');
/** A date as the reader writes it (e.g. "1 mrt 2027" / "1 Mar 2027"), in Dutch time. */
export const formatDate = (d: Date | string | null | undefined, locale: string) =>
	d ? new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' }).format(new Date(d)) : '';
/** A date and time as the reader writes it, in Dutch time. */
export const formatDateTime = (d: Date | string | null | undefined, locale: string) =>
	d ? new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(d)) : '';
/** A time of day as the reader writes it, in Dutch time. */
export const formatTime = (d: Date | string | null | undefined, locale: string) =>
	d ? new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(d)) : '';
/** Cents as typed euros for a form field: 45000 → "450,00" (nl) or "450.00". */
export const centsToTyped = (cents: number | null | undefined, locale: string) =>
	cents === null || cents === undefined ? '' : (cents / 100).toFixed(2).replace('.', locale === 'nl' ? ',' : '.');
