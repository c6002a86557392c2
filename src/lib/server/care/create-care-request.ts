import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { plainText } from '../shared/text';
import { withIdempotency } from '../shared/idempotency';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { canCreateIn, careOrganisationsOf } from './policy';
import { sensitiveTextProblem } from './sensitive-text';
import { addMonths, CONSENT_SCOPE, careDayparts, careDays, careFrequencies, careNeeds, consentGivers, DEFAULT_CONSENT_MONTHS, isoDay, MAX_CONSENT_MONTHS } from './model';
import { idempotencyKeySchema } from './shared';

/** A list from checkboxes (several values) or JSON (an array); one value is a list of one. */
const listOf = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
	z.preprocess(
		(v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
		z
			.array(z.string())
			.min(1, message)
			.refine((a) => a.every((x) => (values as readonly string[]).includes(x)), message)
			.transform((a) => [...new Set(a)] as T[number][])
	);

/** A checkbox or boolean that must be ticked. */
const ticked = (message: string) => z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === 'yes', z.literal(true, message));

export const createCareRequestSchema = z
	.object({
		organisationId: z.uuid('care.organisation_required').optional(),
		buurtId: z.uuid('care.buurt_required'),
		complexId: z.uuid('care.complex_not_in_buurt').optional(),
		need: z.enum(careNeeds, 'care.need_required'),
		days: listOf(careDays, 'care.choose_days'),
		dayparts: listOf(careDayparts, 'care.choose_dayparts'),
		availabilityNote: plainText().trim().max(300, 'validation.too_long').optional(),
		frequency: z.enum(careFrequencies, 'validation.choice'),
		weeks: z.coerce.number('care.weeks_required').int('care.weeks_required').min(2, 'care.weeks_required').max(52, 'care.weeks_required').optional(),
		consentGivenOn: z.iso.date('care.consent_date_required'),
		consentGivenBy: z.enum(consentGivers, 'care.consent_by_required'),
		/** Empty: 12 months after it was given. */
		consentExpiresOn: z.iso.date('validation.format').optional(),
		/** The care provider's statement that the client (or their representative) consented to exactly this. */
		consentStatement: ticked('care.consent_statement_required'),
		idempotencyKey: idempotencyKeySchema
	})
	.superRefine((v, ctx) => {
		if (v.frequency === 'weekly' && v.weeks === undefined) ctx.addIssue({ code: 'custom', path: ['weeks'], message: 'care.weeks_required' });
	});

/** Rules across fields that zod checks only once every field is valid: named together with the rest, so a form shows all at once. */
function crossFieldProblems(raw: Record<string, unknown>): Record<string, string> {
	return raw.frequency === 'weekly' && (raw.weeks === undefined || raw.weeks === null || raw.weeks === '') ? { weeks: 'care.weeks_required' } : {};
}

export interface CreatedCareRequest {
	id: string;
	consentExpiresOn: string;
}

/**
 * A care provider (partner staff of a care organisation) asks the buurt's vetted helpers for
 * support for a client, with the client's consent record. Nothing is stored when the consent is
 * missing, already over, or dated in the future, or when the note looks like it holds a BSN or a
 * date of birth. Errors: care.not_found (not a care partner serving that buurt), validation.invalid
 * (fields: need, days, dayparts, weeks, consentGivenOn, consentGivenBy, consentExpiresOn,
 * consentStatement, availabilityNote → care.text_has_bsn | care.text_has_birth_date, complexId),
 * care.idempotency_mismatch.
 */
export async function createCareRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<CreatedCareRequest> {
	const now = ctx.clock();
	const today = isoDay(now);
	const orgs = careOrganisationsOf(actor);
	if (!orgs.length) throw new DomainError('care.not_found');
	const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
	const organisationId = typeof raw.organisationId === 'string' && raw.organisationId ? raw.organisationId : orgs[0].organisationId;
	// Scope before the body: a buurt the organisation does not serve is a 404, whatever else the input says.
	if (typeof raw.buurtId === 'string' && /^[0-9a-f-]{36}$/i.test(raw.buurtId) && !canCreateIn(actor, organisationId, raw.buurtId)) throw new DomainError('care.not_found');
	let v: z.infer<typeof createCareRequestSchema>;
	try {
		v = parseInput(createCareRequestSchema, input);
	} catch (err) {
		if (err instanceof DomainError && err.code === 'validation.invalid') throw new DomainError(err.code, err.details, { ...crossFieldProblems(raw), ...err.fields });
		throw err;
	}
	if (!canCreateIn(actor, organisationId, v.buurtId)) throw new DomainError('care.not_found');
	const fields: Record<string, string> = {};
	const problem = sensitiveTextProblem(v.availabilityNote, now);
	if (problem) fields.availabilityNote = problem;
	if (v.consentGivenOn > today) fields.consentGivenOn = 'care.consent_date_future';
	const expiresOn = v.consentExpiresOn ?? addMonths(v.consentGivenOn, DEFAULT_CONSENT_MONTHS);
	if (expiresOn <= today) fields.consentExpiresOn = 'care.consent_expired';
	else if (expiresOn <= v.consentGivenOn) fields.consentExpiresOn = 'care.consent_expires_before_given';
	else if (expiresOn > addMonths(v.consentGivenOn, MAX_CONSENT_MONTHS)) fields.consentExpiresOn = 'care.consent_too_long';
	if (Object.keys(fields).length) throw new DomainError('validation.invalid', {}, fields);

	return ctx.db.transaction(async (tx) => {
		if (v.complexId) {
			const [c] = await tx.query('SELECT 1 FROM complexes WHERE id = $1 AND buurt_id = $2', [v.complexId, v.buurtId]);
			if (!c) throw new DomainError('validation.invalid', {}, { complexId: 'care.complex_not_in_buurt' });
		}
		const work = async (): Promise<CreatedCareRequest> => {
			const [row] = await tx.query<{ id: string; corporation_id: string }>(
				`INSERT INTO care_requests (organisation_id, buurt_id, complex_id, need, days, dayparts, availability_note, frequency, weeks,
					consent_scope, consent_given_on, consent_given_by, consent_expires_on, consent_stated_at, state, created_by, created_at)
				 VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7, $8, $9, $10, $11, $12, $13, $14, 'open', $15, $14)
				 RETURNING id, (SELECT corporation_id FROM organisations WHERE id = $1) AS corporation_id`,
				[organisationId, v.buurtId, v.complexId ?? null, v.need, v.days, v.dayparts, v.availabilityNote || null, v.frequency, v.frequency === 'weekly' ? v.weeks : null,
					CONSENT_SCOPE, v.consentGivenOn, v.consentGivenBy, expiresOn, now, actor.accountId]
			);
			await recordAudit(tx, { at: now, actorId: actor.accountId, action: 'care.request_created', subject: `care_request:${row.id}`, corporationId: row.corporation_id, details: { need: v.need, consentExpiresOn: expiresOn } });
			return { id: row.id, consentExpiresOn: expiresOn };
		};
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'care.create', input: { ...v, organisationId }, at: now }, work);
	});
}
