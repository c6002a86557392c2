/** The dashboard's part of the OpenAPI document (/dashboard/**). */
import { ref, json, common4xxWith } from '../shared/openapi';
import { areaKinds, metricKeys } from './model';

const common4xx = common4xxWith({ '400': 'dashboard.invalid_period, dashboard.invalid_metric, dashboard.invalid_level' });
const q = (name: string, schema: unknown, description: string) => ({ name, in: 'query', required: false, schema, description });
const period = q('period', { type: 'string', pattern: '^[0-9]{4}(-(0[1-9]|1[0-2]))?$' }, 'A month "2026-03" or a year "2026" among the 24 months kept and their years; default this month');
const suppressedValue = { description: 'A number, "<5" when the figure rests on fewer than 5 people (or is its complement), or null when there is no figure', oneOf: [{ type: 'number' }, { type: 'string', enum: ['<5'] }, { type: 'null' }] };

export const schemas: Record<string, unknown> = {
	DashboardFigure: {
		type: 'object',
		required: ['metric', 'value', 'suppressed', 'computedAt'],
		properties: { metric: { type: 'string', enum: metricKeys }, value: suppressedValue, suppressed: { type: 'boolean' }, computedAt: { type: ['string', 'null'], format: 'date-time', description: 'When the refresh job computed it' } }
	},
	DashboardArea: {
		type: 'object',
		required: ['kind', 'id', 'corporationId', 'name', 'cbsCode', 'cbsYear'],
		properties: {
			kind: { type: 'string', enum: areaKinds },
			id: { type: 'string', description: 'uuid for corporation, buurt and complex; the CBS code for gemeente and wijk' },
			corporationId: { type: 'string', format: 'uuid' },
			name: { type: 'string' },
			cbsCode: { type: ['string', 'null'], description: 'GM…, WK… or BU… (null for the corporation and a complex)' },
			cbsYear: { type: ['integer', 'null'], description: 'Year of the CBS wijk- en buurtindeling' },
			complexCode: { type: ['string', 'null'] },
			parent: { type: ['object', 'null'] }
		}
	},
	Dashboard: {
		type: 'object',
		required: ['area', 'period', 'figures', 'rounds', 'series', 'children', 'entries'],
		properties: {
			area: ref('DashboardArea'),
			path: { type: 'array', items: { type: 'object' } },
			period: { type: 'string' },
			periods: { type: 'array', items: { type: 'string' } },
			figures: { type: 'array', items: ref('DashboardFigure') },
			rounds: { type: 'array', items: { type: 'object', properties: { roundId: { type: 'string', format: 'uuid' }, title: { type: 'string' }, voters: ref('DashboardFigure'), turnout: ref('DashboardFigure'), proposals: ref('DashboardFigure') } } },
			series: { type: 'object', properties: { metric: { type: 'string' }, points: { type: 'array', items: { type: 'object' } } } },
			children: { type: 'array', items: { type: 'object', properties: { area: ref('DashboardArea'), figures: { type: 'array', items: ref('DashboardFigure') } } } },
			entries: { type: 'array', items: ref('DashboardArea') }
		}
	}
};

const exportParams = [q('level', { type: 'string', enum: areaKinds }, 'Which areas (default buurt)'), period];
export const paths: Record<string, unknown> = {
	'/dashboard': {
		get: {
			operationId: 'getDashboard',
			summary: 'Precomputed figures of one area (members: their buurt; staff: their corporation; tenants’ association: its buurten; municipality: its gemeente)',
			parameters: [q('area', { type: 'string', pattern: '^(corporation|gemeente|wijk|buurt|complex):[A-Za-z0-9-]{1,40}$' }, 'e.g. buurt:<uuid> or wijk:WK999901; default the first area the actor may see'), q('corporation', { type: 'string', format: 'uuid' }, 'Only to tell apart a gemeente or wijk two corporations share'), period, q('metric', { type: 'string', enum: metricKeys }, 'The metric of the series')],
			responses: { '200': json(ref('Dashboard'), 'The figures'), ...common4xx }
		}
	},
	'/dashboard/export.csv': {
		get: { operationId: 'exportDashboardCsv', summary: 'Every visible area of a level with its figures for a period, as CSV ("<5" where suppressed)', parameters: exportParams, responses: { '200': { description: 'CSV (RFC 4180), a header row', content: { 'text/csv': { schema: { type: 'string' } } } }, ...common4xx } }
	},
	'/dashboard/export.geojson': {
		get: { operationId: 'exportDashboardGeoJson', summary: 'The same as GeoJSON (RFC 7946) by CBS code (gemeente, wijk or buurt); geometry null, join on properties.statcode', parameters: exportParams, responses: { '200': { description: 'A FeatureCollection', content: { 'application/geo+json': { schema: { type: 'object' } } } }, ...common4xx } }
	}
};

export const openapi = { paths, schemas };
