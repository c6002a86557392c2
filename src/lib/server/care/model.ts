import type { ZorgLabel } from '../help';
import { careDayparts, careDays, careFrequencies, careNeeds, careStates, consentGivers, vettingMethods } from '$lib/vocabulary/care';

export { careDayparts, careDays, careFrequencies, careNeeds, careStates, consentGivers, vettingMethods } from '$lib/vocabulary/care';

/**
 * Care-bridge vocabulary, row shapes and constants (no rules). A care request holds a need from
 * a fixed list, a buurt (or complex), availability, a duration and the consent record — and
 * nothing else about the client: no name, date of birth, BSN, address or diagnosis.
 */
export type CareNeed = (typeof careNeeds)[number];
export type CareDay = (typeof careDays)[number];
export type CareDaypart = (typeof careDayparts)[number];
export type CareFrequency = (typeof careFrequencies)[number];
export type ConsentGiver = (typeof consentGivers)[number];
export type CareState = (typeof careStates)[number];
export type VettingMethod = (typeof vettingMethods)[number];

/** The one thing the client consents to share (with vetted helpers of the buurt). */
export const CONSENT_SCOPE = 'need_buurt_availability';
/** Consent runs 12 months unless the provider records a shorter (or up to 24 months') expiry. */
export const DEFAULT_CONSENT_MONTHS = 12;
export const MAX_CONSENT_MONTHS = 24;
/** The provider's home warns about consents that end within this many days. */
export const EXPIRING_DAYS = 30;
/** A closed request's thread is deleted after this many days (the consent job). */
export const THREAD_RETENTION_DAYS = 90;

/** How a completed session counts in Superbuurt: the zorg label that fits the need. */
export const zorgLabelOf: Record<CareNeed, ZorgLabel> = {
	company: 'gezelschap',
	shopping: 'boodschappen',
	walk: 'wandelen',
	digital: 'digitaal',
	small_jobs: 'anders',
	appointment: 'vervoer'
};

export interface CareRequestRow {
	id: string;
	organisation_id: string;
	organisation_name: string;
	corporation_id: string;
	buurt_id: string;
	buurt_name: string;
	complex_id: string | null;
	complex_name: string | null;
	need: CareNeed;
	days: CareDay[];
	dayparts: CareDaypart[];
	availability_note: string | null;
	frequency: CareFrequency;
	weeks: number | null;
	consent_scope: string;
	consent_given_on: string;
	consent_given_by: ConsentGiver;
	consent_expires_on: string;
	consent_stated_at: Date;
	state: CareState;
	closed_reason: 'withdrawn' | 'consent_ended' | null;
	helper_id: string | null;
	created_by: string;
	created_at: Date;
	matched_at: Date | null;
	closed_at: Date | null;
}

export const careColumns = `r.id, r.organisation_id, o.name AS organisation_name, o.corporation_id, r.buurt_id, b.name AS buurt_name,
	r.complex_id, c.name AS complex_name, r.need, r.days, r.dayparts, r.availability_note, r.frequency, r.weeks, r.consent_scope,
	to_char(r.consent_given_on, 'YYYY-MM-DD') AS consent_given_on, r.consent_given_by, to_char(r.consent_expires_on, 'YYYY-MM-DD') AS consent_expires_on,
	r.consent_stated_at, r.state, r.closed_reason, r.helper_id, r.created_by, r.created_at, r.matched_at, r.closed_at`;
// Display names: read-only joins on places' and people's reference tables (docs/ARCHITECTURE.md, "Known crossings").
export const careFrom = `FROM care_requests r JOIN organisations o ON o.id = r.organisation_id JOIN buurten b ON b.id = r.buurt_id
	LEFT JOIN complexes c ON c.id = r.complex_id`;

export const DAY_MS = 24 * 3600 * 1000;
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** The same calendar day `months` later (the end of the month when it has fewer days). */
export function addMonths(day: string, months: number): string {
	const [y, m, d] = day.split('-').map(Number);
	const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
	return isoDay(new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))));
}

/**
 * Consent is checked on every read, not only by the job: the day it expires the request is
 * closed for everyone at once (the job then records it).
 */
export const consentValid = (r: Pick<CareRequestRow, 'consent_expires_on'>, today: Date) => r.consent_expires_on > isoDay(today);
/** The state as people see it today: a request whose consent ran out is closed, whatever the row says. */
export const effectiveState = (r: Pick<CareRequestRow, 'state' | 'consent_expires_on'>, today: Date): CareState => (r.state !== 'closed' && !consentValid(r, today) ? 'closed' : r.state);
/** How many sessions the duration allows. */
export const maxSessions = (r: Pick<CareRequestRow, 'frequency' | 'weeks'>) => (r.frequency === 'once' ? 1 : (r.weeks ?? 1));
