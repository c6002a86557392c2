// Formatting for the rounds pages (client-safe: no server imports).
export const money = (cents: number, currency: string, locale: string) =>
	new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: /^[A-Z]{3}$/.test(currency) ? currency : 'EUR' }).format(cents / 100);

export const when = (d: Date | string | null | undefined, locale: string) =>
	d ? new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(d)) : '';
