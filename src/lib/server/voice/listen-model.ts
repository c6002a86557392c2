import { z } from 'zod';
import { idOf, plainText } from '../shared/text';

/**
 * Stem van de buurt, the listening part: vocabulary, limits and input pieces of conversations,
 * themes, personas and advice requests (no rules here; who may do what is in listen-policy.ts).
 * Error and message keys of this part use the namespace `listen`.
 */

export const conversationFormats = ['door_to_door', 'kitchen_table', 'group', 'phone'] as const;
export type ConversationFormat = (typeof conversationFormats)[number];

export const areaKinds = ['wijk', 'buurt', 'complex'] as const;
export type AreaKind = (typeof areaKinds)[number];

export const legalBases = ['information', 'advice', 'consent'] as const;
export type LegalBasis = (typeof legalBases)[number];

export const answerPositions = ['positive', 'conditional', 'negative'] as const;
export type AnswerPosition = (typeof answerPositions)[number];

export const replyOutcomes = ['follows', 'partly', 'not'] as const;
export type ReplyOutcome = (typeof replyOutcomes)[number];

export const personaSeedKeys = ['tenant', 'care_provider', 'employee', 'involved_citizen'] as const;
export type PersonaSeedKey = (typeof personaSeedKeys)[number];

/** Counts the platform computes live from its own tables (platform-counts.ts). */
export const platformMetrics = ['help.first_time_askers', 'help.active_helpers', 'help.requests_year', 'help.on_behalf'] as const;
export type PlatformMetric = (typeof platformMetrics)[number];

/** Overlegwet practice: six weeks for the association's answer unless agreed otherwise. */
export const DEFAULT_DEADLINE_DAYS = 42;
/** The corporation's reasoned reply is due four weeks after the answer. */
export const REPLY_DAYS = 28;
export const MAX_DOCUMENTS = 3;
/** Three of these fit in the server's 16 MB request body (BODY_SIZE_LIMIT). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** Quote slots on the conversation form (without JavaScript a form cannot grow). */
export const QUOTE_SLOTS = 3;
/** Figures from fewer people than this are shown as "<5". */
export const MIN_COUNT = 5;

export const conversationIdSchema = idOf('listen.not_found');
export const personaIdSchema = idOf('listen.not_found');
export const adviceIdSchema = idOf('listen.not_found');
export const themeIdSchema = idOf('listen.not_found');

export const text = (max: number, required = 'validation.required') => plainText({ error: required }).trim().min(1, required).max(max, 'validation.too_long');
export const optionalText = (max: number) =>
	z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), plainText().trim().max(max, 'validation.too_long').optional());
export const checkbox = z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === 'yes', z.boolean());
export const isoDate = (required: string) => z.iso.date({ error: (i) => (i.input === undefined || i.input === '' ? required : 'listen.date_invalid') });

/** An area as one value (a form's select, the API): `wijk:WK999901`, `buurt:<id>`, `complex:<id>`. */
export const areaSchema = z
	.string({ error: 'listen.area_required' })
	.min(1, 'listen.area_required')
	.regex(/^(wijk:WK[0-9]{6}|(buurt|complex):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, 'listen.area_required');

export interface AreaRef {
	kind: AreaKind;
	wijkCode: string;
	buurtId: string | null;
	complexId: string | null;
	/** The area's name (the wijk's, buurt's or complex's with its buurt). */
	name: string;
}

export const addDays = (date: string, days: number) => {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
};

/** The day in the Netherlands (deadlines are dates there). */
export const dutchDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
