import { DomainError } from '../shared/errors';
import { metricDef, periodLabel, SUPPRESSED_TEXT, type AreaKind, type MetricKey, type Period } from './model';
import { exportMetrics, type ExportRow, type Figure } from './queries';

/**
 * The exports a municipality joins to its own maps: CSV (RFC 4180) and GeoJSON (RFC 7946), one
 * row or feature per area with its CBS code and the year of the CBS indeling. A suppressed
 * figure is the text "<5" in both; a figure that does not exist is empty (CSV) or null (GeoJSON).
 * Money is in euro cents, shares as fractions (0–1), times in hours or days, as the column says.
 */

/** The value as exported: a number, "<5", or null. */
export function exportValue(f: Figure | undefined): number | string | null {
	if (!f) return null;
	if (f.suppressed) return SUPPRESSED_TEXT;
	if (f.value === null) return null;
	const unit = metricDef(f.metric)!.unit;
	return unit === 'share' ? Math.round(f.value * 1000) / 1000 : unit === 'count' || unit === 'cents' ? Math.round(f.value) : Math.round(f.value * 10) / 10;
}

const latest = (r: ExportRow) => {
	const times = Object.values(r.figures).map((f) => f?.computedAt?.getTime() ?? 0);
	const max = Math.max(0, ...times);
	return max ? new Date(max).toISOString() : '';
};

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
/** A name that starts like a spreadsheet formula gets a leading ' (CSV injection); numbers stay numbers. */
const text = (v: string) => quote(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** CSV with a header row; CRLF line ends; a name that starts like a formula is quoted with a leading ' (CSV injection). */
export function toCsv(level: AreaKind, period: Period, rows: ExportRow[]): string {
	const metrics = exportMetrics(level);
	const header = ['level', 'area_id', 'cbs_code', 'cbs_year', 'name', 'period', ...metrics, 'computed_at'];
	const lines = [header.join(',')];
	for (const r of rows) {
		const values = metrics.map((m) => {
			const v = exportValue(r.figures[m]);
			return v === null ? '' : String(v);
		});
		lines.push([level, r.area.id, r.area.code ?? '', r.area.cbsYear === null ? '' : String(r.area.cbsYear), text(r.area.name), periodLabel(period), ...values, latest(r)].map((v, i) => (i === 4 ? v : quote(v))).join(','));
	}
	return lines.join('\r\n') + '\r\n';
}

export const geoLevels = ['gemeente', 'wijk', 'buurt'] as const;

/**
 * A GeoJSON FeatureCollection, one Feature per area, keyed by its CBS code (`id` and
 * `properties.statcode`, CBS's own name for it, with `jaar`). Noaber keeps no boundaries, so
 * `geometry` is null (RFC 7946 §3.2: an unlocated feature); a municipality joins on statcode to
 * the CBS wijk- en buurtkaart of that year. Errors: dashboard.invalid_level for a level without a
 * CBS code (corporation, complex).
 */
export function toGeoJson(level: AreaKind, period: Period, rows: ExportRow[]) {
	if (!(geoLevels as readonly string[]).includes(level)) throw new DomainError('dashboard.invalid_level', {}, { level: 'dashboard.invalid_level' });
	const metrics = exportMetrics(level);
	return {
		type: 'FeatureCollection' as const,
		features: rows.map((r) => ({
			type: 'Feature' as const,
			id: r.area.code ?? r.area.id,
			geometry: null,
			properties: {
				statcode: r.area.code,
				jaar: r.area.cbsYear,
				statnaam: r.area.name,
				niveau: level,
				periode: periodLabel(period),
				berekend: latest(r) || null,
				...(Object.fromEntries(metrics.map((m) => [m, exportValue(r.figures[m])])) as Record<MetricKey, number | string | null>)
			}
		}))
	};
}
