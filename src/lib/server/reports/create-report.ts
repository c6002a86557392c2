import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { plainText } from '../shared/text';
import { withIdempotency } from '../shared/idempotency';
import type { Actor } from '../people';
import { canReportIn } from './policy';
import { ensureDefaultCategories, loadCategory, questionsOf } from './categories';
import { checkAnswers, type Answer } from './answers';
import { locationSchema, resolveLocation, type ResolvedLocation } from './location';
import { route, rulesOf } from './routing';
import { dueDateFor } from './working-days';
import { loadReport, notifyFor, recordHistory } from './engine';
import { checkPreparedPhotos, insertReportPhotos, type PreparedPhoto } from './photos';
import { categoryIdSchema, idempotencyKeySchema, type CategoryRow } from './model';
import { emitWebhookEvent } from '../webhooks';

export const descriptionSchema = plainText({ error: 'validation.required' }).trim().min(1, 'validation.required').min(3, 'validation.too_short').max(4000, 'validation.too_long');

export const createReportSchema = z.object({
	categoryId: categoryIdSchema,
	location: locationSchema,
	description: descriptionSchema,
	answers: z.record(z.string(), z.unknown(), 'validation.type').optional(),
	/** Hide my name from the public view of a public report (staff and the handler still see it). */
	hideName: z.preprocess((v) => (v === 'on' || v === 'yes' || v === 'true' ? true : v === undefined || v === '' ? false : v), z.boolean('validation.type')),
	idempotencyKey: idempotencyKeySchema
});

/** What insertReport needs: a checked category, location and answers. */
export interface NewReport {
	category: CategoryRow;
	location: ResolvedLocation;
	description: string;
	answers: Record<string, Answer>;
	reporterId: string | null;
	hideName: boolean;
	/** Stricter than the category (a redirected zorg request stays private). */
	visibility?: 'private';
	source: 'app' | 'help' | 'open311';
	sourceHelpRequestId?: string;
	/** Who made it when there is no reporter account (a partner's system over Open311): its contact, as 'partner'. */
	createdBy?: { actorId: string; role: 'partner'; details: Record<string, unknown> };
}

/**
 * Writes a new report in the caller's transaction: routed by the rules (else the category's
 * party), due after the category's working days, one 'create' history row, the handler told.
 * With a sourceHelpRequestId that already has a report nothing is written (null).
 */
export async function insertReport(tx: Queryable, n: NewReport, at: Date): Promise<{ id: string; dueOn: string } | null> {
	const rules = await rulesOf(tx, n.category.corporation_id);
	const party = route(rules, { category: n.category, buurtId: n.location.buurtId, complexId: n.location.complexId });
	const dueOn = dueDateFor(at, n.category.sla_working_days);
	const l = n.location;
	const [row] = await tx.query<{ id: string }>(
		`INSERT INTO reports (corporation_id, buurt_id, category_id, visibility, reporter_id, hide_reporter_name, source, source_help_request_id, description,
			answers, location_kind, unit_id, complex_id, address_label, bag_nummeraanduiding_id, bag_verblijfsobject_id, lat, lon, state, party_kind, team_id,
			assignee_id, organisation_id, due_on, sla_working_days, created_at, updated_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16, $17, $18, 'new', $19, $20, $21, $22, $23, $24, $25, $25)
		 ON CONFLICT (source_help_request_id) DO NOTHING RETURNING id`,
		[
			n.category.corporation_id, l.buurtId, n.category.id, n.visibility ?? n.category.visibility, n.reporterId, n.hideName, n.source, n.sourceHelpRequestId ?? null, n.description,
			JSON.stringify(n.answers), l.kind, l.unitId, l.complexId, l.label, l.nummeraanduidingId, l.verblijfsobjectId, l.lat, l.lon,
			party.party_kind, party.team_id, party.staff_id, party.organisation_id, dueOn, n.category.sla_working_days, at
		]
	);
	if (!row) return null;
	await recordHistory(tx, {
		reportId: row.id, at, actorId: n.reporterId ?? n.createdBy?.actorId ?? null, role: n.reporterId ? 'reporter' : (n.createdBy?.role ?? 'system'), action: 'create', from: null, to: 'new',
		details: { source: n.source, ruleId: party.ruleId, party: party.party_kind, ...(n.sourceHelpRequestId ? { helpRequestId: n.sourceHelpRequestId } : {}), ...n.createdBy?.details }
	});
	// The contact of a partner's system is not told about what their own system just sent.
	const creator = n.createdBy ? { accountId: n.createdBy.actorId } : null;
	await notifyFor(tx, 'create', (await loadReport(tx, row.id))!, creator, null, at);
	await emitWebhookEvent(tx, { type: 'melding.created', at, corporationId: n.category.corporation_id, data: { reportId: row.id, state: 'new', buurtId: l.buurtId, categoryId: n.category.id, source: n.source } });
	return { id: row.id, dueOn };
}

/**
 * A member (or staff member) reports something: a category of the location's corporation, a
 * location, a description and the category's extra questions. Every problem is named at once,
 * per field (answers per question: `answers.<code>`). With an idempotency key a double submit
 * makes one report. Errors: validation.invalid (categoryId → reports.unknown_category;
 * location → reports.location_required | reports.location_invalid | reports.location_outside |
 * reports.location_ambiguous; description; answers.<code> → see answers.ts; photos →
 * reports.too_many_photos | photos.file_type | photos.file_too_big), reports.forbidden,
 * reports.idempotency_mismatch.
 *
 * `photos` (at most 3) went through the shared photo pipeline first (cleanPhotos: re-encoded,
 * metadata gone); they are stored in the same transaction as the report, so a photo the
 * database refuses leaves no report behind. A retry with the same key returns the first report
 * and stores nothing again.
 */
export async function createReport(ctx: Ctx, actor: Actor, input: unknown, photos: readonly PreparedPhoto[] = []): Promise<{ id: string; state: 'new'; dueOn: string }> {
	const v = parseInput(createReportSchema, input);
	checkPreparedPhotos(photos);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const location = await resolveLocation(tx, actor, v.location);
		if (!canReportIn(actor, { id: location.buurtId, corporation_id: location.corporationId })) throw new DomainError('reports.forbidden');
		await ensureDefaultCategories(tx, location.corporationId, at);
		const category = await loadCategory(tx, v.categoryId);
		if (!category || !category.active || category.corporation_id !== location.corporationId) throw new DomainError('validation.invalid', {}, { categoryId: 'reports.unknown_category' });
		const { answers, fields } = checkAnswers(await questionsOf(tx, [category.id]), v.answers);
		if (Object.keys(fields).length) throw new DomainError('validation.invalid', {}, fields);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'reports.create', input: v, at }, async () => {
			const made = await insertReport(tx, { category, location, description: v.description, answers, reporterId: actor.accountId, hideName: v.hideName, source: 'app' }, at);
			await insertReportPhotos(tx, { reportId: made!.id, from: 1, photos, addedBy: actor.accountId, at });
			return { id: made!.id, state: 'new' as const, dueOn: made!.dueOn };
		});
	});
}
