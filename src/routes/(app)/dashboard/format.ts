import { formatEuro, type Locale, type Translate } from '$lib/i18n';

/** A figure as the page shows it: "<5" when suppressed, "—" when there is none, else in its unit. */
export interface ShownFigure {
	value: number | null;
	suppressed: boolean;
	unit: 'count' | 'share' | 'hours' | 'days' | 'cents';
}
export function show(f: ShownFigure | undefined, t: Translate, locale: string): string {
	if (!f) return t('dashboard.none');
	if (f.suppressed) return '<5';
	if (f.value === null) return t('dashboard.none');
	const num = (n: number, digits = 0) => new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: digits }).format(n);
	switch (f.unit) {
		case 'share':
			return t('dashboard.percent', { n: num(f.value * 100) });
		case 'hours':
			return f.value < 48 ? t('dashboard.hours', { n: num(Math.max(1, Math.round(f.value))) }) : t('dashboard.days', { n: num(f.value / 24, 1) });
		case 'days':
			return t('dashboard.days', { n: num(f.value, 1) });
		case 'cents':
			return formatEuro(f.value, locale as Locale);
		default:
			return num(f.value);
	}
}
