import type { Locale, Translate } from '$lib/i18n';
import type { PersonalDataKind } from './model';
import type { PersonalExport } from './export';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A value as a reader sees it: dates in their language, nested values as short JSON. */
function show(v: unknown, locale: Locale): string {
	if (v === null || v === undefined || v === '') return '—';
	if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) {
		return new Date(v).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' });
	}
	if (typeof v === 'object') return JSON.stringify(v);
	return String(v);
}

/**
 * The readable part of the export: one self-contained HTML page (no scripts, no outside files)
 * in the person's language, with per kind what it is, why it is kept, who reads it and every row.
 */
export function summaryHtml(data: PersonalExport, kinds: readonly PersonalDataKind[], t: Translate, locale: Locale): string {
	const sections = data.kinds.map((k) => {
		const def = kinds.find((x) => x.kind === k.kind)!;
		const rows = k.rows.length
			? k.rows
					.map((r) => `<dl>${Object.entries(r).map(([key, v]) => `<dt>${esc(key)}</dt><dd>${esc(show(v, locale))}</dd>`).join('')}</dl>`)
					.join('\n')
			: `<p>${esc(t('privacy.export.none'))}</p>`;
		return `<section><h2>${esc(t(`${def.messageKey}.title`))} <small>(${esc(t('privacy.export.count', { count: k.rows.length }))}, ${esc(k.kind)}.json)</small></h2>
<p>${esc(t(`${def.messageKey}.data`))} ${esc(t(`${def.messageKey}.purpose`))}</p>
<p>${esc(t('privacy.export.readers'))}: ${esc(t(`${def.messageKey}.readers`))}</p>
${rows}</section>`;
	});
	return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('privacy.export.title'))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;line-height:1.5}dl{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:0 1rem;border-top:1px solid #ccc;padding-top:.5rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}small{font-weight:400}</style>
</head><body>
<h1>${esc(t('privacy.export.title'))}</h1>
<p>${esc(t('privacy.export.intro', { date: show(data.exportedAt, locale) }))}</p>
<p><strong>${esc(t('privacy.export.ballots'))}</strong></p>
${sections.join('\n')}
</body></html>
`;
}
