// The proposal vocabulary for components (client-safe: no server imports).
export const proposalStatuses = ['support', 'feasibility', 'needs_changes', 'accepted', 'declined', 'withdrawn', 'expired', 'in_vote', 'won', 'lost', 'in_progress', 'done'] as const;
export const LINE_ROWS = 5;

const intl = (locale: string) => (locale === 'nl' ? 'nl-NL' : 'en-GB');
export const formatDate = (d: Date | string | null | undefined, locale: string) =>
	d ? new Intl.DateTimeFormat(intl(locale), { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' }).format(new Date(d)) : '';
export const formatDateTime = (d: Date | string | null | undefined, locale: string) =>
	d ? new Intl.DateTimeFormat(intl(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(d)) : '';
export const formatTime = (d: Date | string | null | undefined, locale: string) =>
	d ? new Intl.DateTimeFormat(intl(locale), { timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(d)) : '';
/** Cents as typed euros for a form field: 45000 → "450,00" (nl) or "450.00". */
export const centsToTyped = (cents: number | null | undefined, locale: string) =>
	cents === null || cents === undefined ? '' : (cents / 100).toFixed(2).replace('.', locale === 'nl' ? ',' : '.');
