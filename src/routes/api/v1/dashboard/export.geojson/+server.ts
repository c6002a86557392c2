import { dashboardExport } from '$lib/server/web/dashboard-export';

/** ?level=buurt&period=2026: the same as GeoJSON (RFC 7946) by CBS code; geometry null, join on properties.statcode. */
export const GET = dashboardExport('geojson');
