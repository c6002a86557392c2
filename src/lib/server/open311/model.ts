import { z } from 'zod';
import { closedStates, openStates, type ReportState } from '../reports';

/**
 * Open311 GeoReport v2 vocabulary (http://wiki.open311.org/GeoReport_v2): formats, limits, the
 * mapping of our states to open/closed, and the error the edge renders in the specification's
 * format. No rules here.
 */

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** The date of the last change to what this endpoint serves (discovery's changeset). */
export const CHANGESET = '2026-12-02T00:00:00Z';

export const formats = ['json', 'xml'] as const;
export type Format = (typeof formats)[number];
export const contentTypes: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

/** GET requests: the widest window between start_date and end_date, and the default window. */
export const MAX_WINDOW_DAYS = 90;
/** GET requests: at most this many, newest first. */
export const MAX_REQUESTS = 1000;
/** service_request_id and service_code lists: at most this many values. */
export const MAX_LIST = 100;
export const DAY_MS = 24 * 3600 * 1000;

export const open311Statuses = ['open', 'closed'] as const;
export type Open311Status = (typeof open311Statuses)[number];
/** new/acknowledged/in_progress/reopened → open; resolved/rejected/forwarded/merged/withdrawn → closed. */
export const statusOf = (s: ReportState): Open311Status => (closedStates.includes(s) ? 'closed' : 'open');
export const statesOf = (s: Open311Status): ReportState[] => [...(s === 'open' ? openStates : closedStates)];

/**
 * An answer in the specification's error format. Its description, like every text this API
 * writes, is English by default — a machine API for municipal systems, whose specification
 * and clients are English — and Dutch with `locale=nl` (an extension); the texts are in
 * messages/*.json under open311.
 */
export class Open311Error extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 405,
		readonly key: string,
		readonly params: Record<string, string | number> = {}
	) {
		super(key);
	}
}

export const bad = (key: string, params: Record<string, string | number> = {}) => new Open311Error(400, key, params);

/** The extended status update: the step on the state machine a partner may take. */
export const updateActions = ['acknowledge', 'start', 'resolve'] as const;
export type UpdateAction = (typeof updateActions)[number];

/** A comma-separated list (service_request_id, service_code, status): trimmed, no empties. */
export const commaList = z
	.string()
	.transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))]);
