import { z } from 'zod';
import { plainText } from '../shared/text';

/**
 * Meldingen vocabulary: states and how they look to the public, category families, who handles
 * a report, location kinds, question kinds, and the row shapes the module reads. No rules here.
 */

export const reportStates = ['new', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'forwarded', 'merged', 'reopened', 'withdrawn'] as const;
export type ReportState = (typeof reportStates)[number];

/** States in which the handler still has work to do. */
export const openStates: readonly ReportState[] = ['new', 'acknowledged', 'in_progress', 'reopened'];
export const closedStates: readonly ReportState[] = ['resolved', 'rejected', 'forwarded', 'merged', 'withdrawn'];
export const isOpen = (s: ReportState) => openStates.includes(s);

/**
 * What the buurt (and Open311 later) sees of a state: the detail stays with the reporter and the
 * handler. received = nobody started yet; done = resolved; closed = not handled here (rejected,
 * forwarded, merged into another report, withdrawn).
 */
export const publicStates = ['received', 'in_progress', 'done', 'closed'] as const;
export type PublicState = (typeof publicStates)[number];
export const publicStateOf: Record<ReportState, PublicState> = {
	new: 'received',
	acknowledged: 'received',
	reopened: 'received',
	in_progress: 'in_progress',
	resolved: 'done',
	rejected: 'closed',
	forwarded: 'closed',
	merged: 'closed',
	withdrawn: 'closed'
};

export const categoryKinds = ['repairs', 'cleanliness', 'nuisance', 'safety', 'public_space', 'other'] as const;
export type CategoryKind = (typeof categoryKinds)[number];
export const visibilities = ['public', 'private'] as const;
export type Visibility = (typeof visibilities)[number];

/** Who handles a report: the corporation's staff at large, a team, one staff member, a supplier, the municipality. */
export const partyKinds = ['corporation', 'team', 'staff', 'supplier', 'municipality'] as const;
export type PartyKind = (typeof partyKinds)[number];

export const questionKinds = ['text', 'number', 'yes_no', 'choice', 'date'] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const locationKinds = ['home', 'complex', 'address', 'pin'] as const;
export type LocationKind = (typeof locationKinds)[number] | 'buurt';

/** Duplicate search: same category, open, this recent, in the same complex or this close. */
export const DUPLICATE_DAYS = 60;
export const DUPLICATE_METRES = 50;
/** "Klopt niet": the reporter may reopen a resolved report within this many days. */
export const REOPEN_DAYS = 14;
/** Buurt figures from fewer reports than this are not shown ("<5"). */
export const MIN_REPORTS_FOR_FIGURES = 5;
export const DEFAULT_RETENTION_MONTHS = 12;

export const DAY_MS = 24 * 3600 * 1000;

export interface ReportRow {
	id: string;
	corporation_id: string;
	buurt_id: string;
	buurt_name: string;
	buurt_code: string;
	category_id: string;
	category_kind: CategoryKind;
	category_name_nl: string;
	category_name_en: string;
	service_code: string;
	visibility: Visibility;
	reporter_id: string | null;
	reporter_name: string | null;
	hide_reporter_name: boolean;
	source: 'app' | 'help' | 'open311';
	source_help_request_id: string | null;
	description: string | null;
	answers: Record<string, string | number | boolean>;
	location_kind: LocationKind;
	unit_id: string | null;
	complex_id: string | null;
	complex_name: string | null;
	address_label: string | null;
	bag_nummeraanduiding_id: string | null;
	bag_verblijfsobject_id: string | null;
	lat: number | null;
	lon: number | null;
	state: ReportState;
	party_kind: PartyKind;
	team_id: string | null;
	assignee_id: string | null;
	organisation_id: string | null;
	forwarded_to_organisation_id: string | null;
	forwarded_to_name: string | null;
	merged_into_id: string | null;
	scheduled_on: string | null;
	due_on: string;
	sla_working_days: number;
	overdue_at: Date | null;
	created_at: Date;
	updated_at: Date;
	first_response_at: Date | null;
	accepted_at: Date | null;
	resolved_at: Date | null;
	closed_at: Date | null;
	anonymised_at: Date | null;
	version: number;
}

export const reportColumns = `r.id, r.corporation_id, r.buurt_id, b.name AS buurt_name, b.code AS buurt_code, r.category_id,
	c.kind AS category_kind, c.name_nl AS category_name_nl, c.name_en AS category_name_en, c.service_code, r.visibility,
	r.reporter_id, ra.name AS reporter_name, r.hide_reporter_name, r.source, r.source_help_request_id, r.description, r.answers,
	r.location_kind, r.unit_id, r.complex_id, cx.name AS complex_name, r.address_label, r.bag_nummeraanduiding_id,
	r.bag_verblijfsobject_id, r.lat, r.lon, r.state, r.party_kind, r.team_id, r.assignee_id, r.organisation_id,
	r.forwarded_to_organisation_id, r.forwarded_to_name, r.merged_into_id, to_char(r.scheduled_on, 'YYYY-MM-DD') AS scheduled_on,
	to_char(r.due_on, 'YYYY-MM-DD') AS due_on, r.sla_working_days, r.overdue_at, r.created_at, r.updated_at, r.first_response_at,
	r.accepted_at, r.resolved_at, r.closed_at, r.anonymised_at, r.version`;
export const reportFrom = `FROM reports r JOIN buurten b ON b.id = r.buurt_id JOIN report_categories c ON c.id = r.category_id
	LEFT JOIN accounts ra ON ra.id = r.reporter_id LEFT JOIN complexes cx ON cx.id = r.complex_id`;

export interface CategoryRow {
	id: string;
	corporation_id: string;
	parent_id: string | null;
	kind: CategoryKind;
	name_nl: string;
	name_en: string;
	description_nl: string | null;
	description_en: string | null;
	visibility: Visibility;
	party_kind: PartyKind;
	team_id: string | null;
	staff_id: string | null;
	organisation_id: string | null;
	sla_working_days: number;
	open311: boolean;
	service_code: string;
	position: number;
	active: boolean;
}
export const categoryColumns = `id, corporation_id, parent_id, kind, name_nl, name_en, description_nl, description_en, visibility, party_kind, team_id, staff_id,
	organisation_id, sla_working_days, open311, service_code, position, active`;

export interface QuestionRow {
	id: string;
	category_id: string;
	code: string;
	kind: QuestionKind;
	label_nl: string;
	label_en: string;
	required: boolean;
	choices: { key: string; nl: string; en: string }[];
	position: number;
	active: boolean;
}
export const questionColumns = 'id, category_id, code, kind, label_nl, label_en, required, choices, position, active';

/** A party a report is routed to, as rules, categories and assignments name it. */
export interface Party {
	kind: PartyKind;
	teamId?: string | null;
	staffId?: string | null;
	organisationId?: string | null;
}

/** Form and API keys: retries with the same key return the first result. */
export const idempotencyKeySchema = z
	.string()
	.regex(/^[A-Za-z0-9._:-]{8,100}$/, 'reports.idempotency_key_invalid')
	.optional();

export const reportIdSchema = z.uuid('reports.not_found');
export const categoryIdSchema = z.uuid('reports.unknown_category');

/** The note the reporter reads with every handler's step. */
export const noteSchema = plainText({ error: 'reports.note_required' }).trim().min(3, 'reports.note_required').max(2000, 'validation.too_long');
export const optionalNoteSchema = z.union([z.literal('').transform(() => undefined), noteSchema]).optional();

/** A party in input: `{ kind, teamId | staffId | organisationId }`. */
export const partySchema = z
	.object({
		kind: z.enum(partyKinds, 'reports.party_invalid'),
		teamId: z.uuid('reports.party_invalid').optional(),
		staffId: z.uuid('reports.party_invalid').optional(),
		organisationId: z.uuid('reports.party_invalid').optional()
	})
	.superRefine((p, ctx) => {
		const need = p.kind === 'team' ? 'teamId' : p.kind === 'staff' ? 'staffId' : p.kind === 'supplier' || p.kind === 'municipality' ? 'organisationId' : null;
		if (need && !p[need]) ctx.addIssue({ code: 'custom', path: [need], message: 'reports.party_invalid' });
	});

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
