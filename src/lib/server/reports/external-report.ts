import { z } from 'zod';
import type { Db, Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { plainText } from '../shared/text';
import { withIdempotency } from '../shared/idempotency';
import type { Actor } from '../people';
import { ensureDefaultCategories, questionsOf } from './categories';
import { checkAnswers } from './answers';
import { insertReport } from './create-report';
import type { ResolvedLocation } from './location';
import { categoryColumns, idempotencyKeySchema, type CategoryRow, type QuestionRow } from './model';

/**
 * Reports from a partner's own system (the municipality's, over Open311): no reporter account
 * (least data: the person who called the municipality stays with the municipality), made by the
 * partner organisation's contact in the role 'partner', in a buurt the organisation serves, in a
 * category open to outside systems (public, or marked open311). The module open311 calls this;
 * the rules of a report (routing, due date, answers, history, notifications) are the same as
 * for a member's.
 */

/** A category outside systems may see and report in: active, and public or marked open311. */
const servedSql = `active AND (visibility = 'public' OR open311)`;

/** The categories of a corporation open to outside systems, with their active questions. */
export async function listExternalCategories(db: Db, corporationId: string, now: Date): Promise<(CategoryRow & { questions: QuestionRow[] })[]> {
	await db.transaction((tx) => ensureDefaultCategories(tx, corporationId, now));
	const categories = await db.query<CategoryRow>(`SELECT ${categoryColumns} FROM report_categories WHERE corporation_id = $1 AND ${servedSql} ORDER BY position, name_nl, id`, [corporationId]);
	const questions = await questionsOf(db, categories.map((c) => c.id));
	return categories.map((c) => ({ ...c, questions: questions.filter((q) => q.category_id === c.id && q.active) }));
}

const lat = z.coerce.number('reports.location_invalid').min(50.5, 'reports.location_invalid').max(53.7, 'reports.location_invalid');
const lon = z.coerce.number('reports.location_invalid').min(3.2, 'reports.location_invalid').max(7.3, 'reports.location_invalid');

export const createExternalReportSchema = z.object({
	organisationId: z.uuid('reports.forbidden'),
	serviceCode: z.string('reports.unknown_category').min(1, 'reports.unknown_category').max(100, 'reports.unknown_category'),
	location: z.object({
		lat: lat.optional(),
		lon: lon.optional(),
		addressLabel: plainText({ error: 'reports.location_invalid' }).trim().min(1, 'reports.location_invalid').max(200, 'validation.too_long').optional(),
		/** A BAG nummeraanduiding id (the Dutch master address register). */
		addressId: z.string().regex(/^[0-9]{16}$/, 'reports.location_invalid').optional(),
		buurtCode: z.string().regex(/^BU[0-9A-Z]{8}$/, 'reports.location_invalid').optional()
	}),
	description: plainText({ error: 'validation.type' }).trim().min(3, 'validation.too_short').max(4000, 'validation.too_long').optional(),
	answers: z.record(z.string(), z.unknown(), 'validation.type').optional(),
	idempotencyKey: idempotencyKeySchema
});
export type ExternalReportInput = z.infer<typeof createExternalReportSchema>;

/** Open311's datatype is datetime: a date question takes the date of a datetime (2026-03-01T10:00Z → 2026-03-01). */
function datesOf(questions: QuestionRow[], answers: Record<string, unknown> | undefined) {
	if (!answers) return answers;
	const out = { ...answers };
	for (const q of questions) {
		const v = out[q.code];
		if (q.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) out[q.code] = v.slice(0, 10);
	}
	return out;
}

const locationError = (code: string) => new DomainError('validation.invalid', {}, { location: code });

/**
 * The buurt (and complex) of an outside report, from what Open311 gives: a CBS buurt code, else
 * an address that one of the corporation's complexes has (by postcode, else by street and
 * number), else the one buurt the organisation serves. With a point it is a pin (or an address
 * with its words); without one, the complex found, else the buurt with the address in words.
 * Outside the organisation's buurten: reports.location_outside; several buurten and nothing to
 * choose by: reports.location_ambiguous.
 */
async function resolveExternalLocation(q: Queryable, partner: Actor['partners'][number], loc: ExternalReportInput['location']): Promise<ResolvedLocation> {
	if ((loc.lat === undefined) !== (loc.lon === undefined)) throw locationError('reports.location_invalid');
	let buurtId: string | undefined;
	let complexId: string | null = null;
	if (loc.buurtCode) {
		const [b] = await q.query<{ id: string }>('SELECT id FROM buurten WHERE code = $1 AND id = ANY($2::uuid[]) ORDER BY cbs_year DESC, id LIMIT 1', [loc.buurtCode, partner.buurtIds]);
		if (!b) throw locationError('reports.location_outside');
		buurtId = b.id;
	}
	const c = await complexAt(q, partner.corporationId, loc.addressLabel ?? '');
	if (c && (!buurtId || buurtId === c.buurt_id)) {
		if (!partner.buurtIds.includes(c.buurt_id)) throw locationError('reports.location_outside');
		buurtId = c.buurt_id;
		complexId = c.complex_id;
	}
	if (!buurtId) {
		if (partner.buurtIds.length === 0) throw locationError('reports.location_outside');
		if (partner.buurtIds.length > 1) throw locationError('reports.location_ambiguous');
		buurtId = partner.buurtIds[0];
	}
	const base = { buurtId, corporationId: partner.corporationId, unitId: null, complexId, nummeraanduidingId: loc.addressId ?? null, verblijfsobjectId: null };
	if (loc.lat !== undefined && loc.lon !== undefined)
		return { ...base, kind: loc.addressLabel ? 'address' : 'pin', label: loc.addressLabel ?? null, lat: loc.lat, lon: loc.lon };
	if (complexId) return { ...base, kind: 'complex', label: loc.addressLabel ?? null, lat: null, lon: null };
	return { ...base, kind: 'buurt', label: loc.addressLabel ?? null, lat: null, lon: null };
}

/** The complex of one of the corporation's homes at this address: by postcode, else street and number. */
async function complexAt(q: Queryable, corporationId: string, address: string): Promise<{ complex_id: string; buurt_id: string } | null> {
	const postcode = /\b([1-9][0-9]{3}) ?([A-Za-z]{2})\b/.exec(address);
	const street = /^\s*([^\d,]*[^\d\s,])\s+(\d{1,5})(?!\d)/.exec(address);
	if (!postcode && !street) return null;
	const [c] = await q.query<{ complex_id: string; buurt_id: string }>(
		`SELECT u.complex_id, c.buurt_id FROM units u JOIN complexes c ON c.id = u.complex_id
		 WHERE c.corporation_id = $1 AND (u.postcode = $2::text OR (lower(u.street) = lower($3::text) AND u.house_number = $4::int))
		 ORDER BY COALESCE(u.postcode = $2::text, false) DESC, u.house_number, u.id LIMIT 1`,
		[corporationId, postcode ? `${postcode[1]} ${postcode[2].toUpperCase()}` : null, street?.[1] ?? null, street ? Number(street[2]) : null]
	);
	return c ?? null;
}

/**
 * A partner's system reports something (Open311 POST requests). The actor must work for
 * `organisationId`. One transaction: the category, the place and every answer are checked
 * before anything is written; with an idempotency key a resend makes one report. Errors:
 * reports.forbidden (not the actor's organisation), reports.unknown_category (no such service
 * code open to outside systems), validation.invalid (location → reports.location_invalid |
 * location_outside | location_ambiguous; description; answers.<code>, see
 * answers.ts), reports.idempotency_mismatch.
 */
export async function createExternalReport(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; dueOn: string; categoryId: string }> {
	const v = parseInput(createExternalReportSchema, input);
	const partner = actor.partners.find((p) => p.organisationId === v.organisationId);
	if (!partner) throw new DomainError('reports.forbidden');
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		await ensureDefaultCategories(tx, partner.corporationId, at);
		const [category] = await tx.query<CategoryRow>(`SELECT ${categoryColumns} FROM report_categories WHERE corporation_id = $1 AND service_code = $2 AND ${servedSql}`, [partner.corporationId, v.serviceCode]);
		if (!category) throw new DomainError('reports.unknown_category');
		const location = await resolveExternalLocation(tx, partner, v.location);
		const questions = await questionsOf(tx, [category.id]);
		const { answers, fields } = checkAnswers(questions, datesOf(questions, v.answers));
		if (Object.keys(fields).length) throw new DomainError('validation.invalid', {}, fields);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'reports.create_external', input: v, at }, async () => {
			const made = await insertReport(tx, {
				category, location, answers, reporterId: null, hideName: true, source: 'open311',
				// Open311 lets the description out; the category's name stands in for it then.
				description: v.description ?? category.name_nl,
				createdBy: { actorId: actor.accountId, role: 'partner', details: { organisationId: partner.organisationId } }
			}, at);
			return { id: made!.id, dueOn: made!.dueOn, categoryId: category.id };
		});
	});
}
