import { z } from 'zod';
import { translator } from '$lib/i18n';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { plainText } from '../shared/text';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { canManageReports } from './policy';
import { checkParty } from './parties';
import {
	categoryColumns,
	categoryIdSchema,
	categoryKinds,
	partySchema,
	questionColumns,
	visibilities,
	type CategoryKind,
	type CategoryRow,
	type PartyKind,
	type QuestionKind,
	type QuestionRow
} from './model';

/**
 * The category tree per corporation: six defaults (created on first use, idempotent), which
 * staff rename, re-route, give other targets and questions, switch off, or extend with
 * sub-categories. Burenoverlast is always private. The service_code never changes (Open311).
 */

interface DefaultQuestion {
	code: string;
	kind: QuestionKind;
	required: boolean;
	choices?: string[];
}
interface DefaultCategory {
	kind: CategoryKind;
	visibility: 'public' | 'private';
	party: PartyKind;
	days: number;
	open311: boolean;
	questions: DefaultQuestion[];
}

export const defaultCategories: DefaultCategory[] = [
	{ kind: 'repairs', visibility: 'public', party: 'corporation', days: 5, open311: false, questions: [{ code: 'where', kind: 'text', required: true }, { code: 'dangerous', kind: 'yes_no', required: true }] },
	{ kind: 'cleanliness', visibility: 'public', party: 'corporation', days: 5, open311: false, questions: [{ code: 'what', kind: 'choice', required: true, choices: ['rubbish', 'dirt', 'graffiti', 'pests'] }] },
	{ kind: 'nuisance', visibility: 'private', party: 'corporation', days: 10, open311: false, questions: [{ code: 'since', kind: 'date', required: false }, { code: 'how_often', kind: 'choice', required: true, choices: ['once', 'weekly', 'daily'] }, { code: 'talked', kind: 'yes_no', required: false }] },
	{ kind: 'safety', visibility: 'public', party: 'corporation', days: 3, open311: false, questions: [{ code: 'dangerous', kind: 'yes_no', required: true }] },
	{ kind: 'public_space', visibility: 'public', party: 'municipality', days: 5, open311: true, questions: [{ code: 'what', kind: 'choice', required: true, choices: ['street_light', 'pavement', 'greenery', 'litter_bin', 'other'] }] },
	{ kind: 'other', visibility: 'private', party: 'corporation', days: 10, open311: false, questions: [] }
];

const nl = translator('nl');
const en = translator('en');

/**
 * Creates the default categories of a corporation once (service codes = the kind; a second call,
 * or a race with one, does nothing). Public space goes to the corporation's municipality
 * organisation when it has one, else to the corporation itself. Joins the caller's transaction.
 */
export async function ensureDefaultCategories(tx: Queryable, corporationId: string, at: Date): Promise<void> {
	const [has] = await tx.query('SELECT 1 FROM report_categories WHERE corporation_id = $1 LIMIT 1', [corporationId]);
	if (has) return;
	const [municipality] = await tx.query<{ id: string }>("SELECT id FROM organisations WHERE corporation_id = $1 AND kind = 'municipality' ORDER BY name, id LIMIT 1", [corporationId]);
	for (const [i, d] of defaultCategories.entries()) {
		const toMunicipality = d.party === 'municipality' && municipality;
		const [row] = await tx.query<{ id: string }>(
			`INSERT INTO report_categories (corporation_id, kind, name_nl, name_en, visibility, party_kind, organisation_id, sla_working_days, open311, service_code, position, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $2, $10, $11) ON CONFLICT (corporation_id, service_code) DO NOTHING RETURNING id`,
			[corporationId, d.kind, nl(`reports.defaults.${d.kind}.name`), en(`reports.defaults.${d.kind}.name`), d.visibility, toMunicipality ? 'municipality' : 'corporation', toMunicipality ? municipality.id : null, d.days, d.open311, (i + 1) * 10, at]
		);
		if (!row) continue;
		for (const [j, q] of d.questions.entries()) {
			const base = `reports.defaults.${d.kind}.questions.${q.code}`;
			const choices = (q.choices ?? []).map((key) => ({ key, nl: nl(`${base}_choices.${key}`), en: en(`${base}_choices.${key}`) }));
			await tx.query(
				`INSERT INTO report_questions (category_id, code, kind, label_nl, label_en, required, choices, position) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
				[row.id, q.code, q.kind, nl(base), en(base), q.required, JSON.stringify(choices), (j + 1) * 10]
			);
		}
	}
}

export async function loadCategory(q: Queryable, id: string): Promise<CategoryRow | null> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	const [c] = await q.query<CategoryRow>(`SELECT ${categoryColumns} FROM report_categories WHERE id = $1`, [id]);
	return c ?? null;
}

export async function questionsOf(q: Queryable, categoryIds: string[]): Promise<QuestionRow[]> {
	if (!categoryIds.length) return [];
	return q.query<QuestionRow>(`SELECT ${questionColumns} FROM report_questions WHERE category_id = ANY($1::uuid[]) ORDER BY position, code`, [categoryIds]);
}

const name = plainText({ error: 'validation.required' }).trim().min(2, 'validation.too_short').max(80, 'validation.too_long');

const description = z.union([z.literal('').transform(() => null), plainText().trim().max(500, 'validation.too_long')]).nullable().optional();

const categoryFields = {
	parentId: z.uuid('reports.unknown_category').nullable().optional(),
	nameNl: name,
	nameEn: name,
	/** What the category is for, shown to the reporter; '' clears it. */
	descriptionNl: description,
	descriptionEn: description,
	visibility: z.enum(visibilities, 'validation.choice'),
	party: partySchema,
	slaWorkingDays: z.coerce.number('validation.type').int('validation.type').min(1, 'validation.too_small').max(120, 'validation.too_big'),
	open311: z.boolean('validation.type').default(false),
	position: z.coerce.number('validation.type').int('validation.type').min(0).max(100_000).optional(),
	active: z.boolean('validation.type').optional()
};

export const createCategorySchema = z.object({
	corporationId: z.uuid('reports.forbidden'),
	kind: z.enum(categoryKinds, 'validation.choice'),
	serviceCode: z.string().regex(/^[a-z0-9][a-z0-9_-]{1,39}$/, 'reports.service_code_invalid'),
	...categoryFields
});
export const updateCategorySchema = z.object({ categoryId: categoryIdSchema, ...z.object(categoryFields).partial().shape });

async function checkShape(tx: Queryable, corporationId: string, c: { kind: CategoryKind; visibility: string; parentId?: string | null; id?: string }) {
	if (c.kind === 'nuisance' && c.visibility !== 'private') throw new DomainError('validation.invalid', {}, { visibility: 'reports.nuisance_private' });
	if (c.parentId) {
		const parent = await loadCategory(tx, c.parentId);
		// One level of sub-categories: a parent is itself a top-level category of the corporation.
		if (!parent || parent.corporation_id !== corporationId || parent.parent_id !== null || parent.id === c.id) throw new DomainError('validation.invalid', {}, { parentId: 'reports.parent_invalid' });
	}
}

/**
 * Staff add a category (or a sub-category) to their corporation's tree. Errors: validation.invalid
 * (visibility → reports.nuisance_private; parentId → reports.parent_invalid; party →
 * reports.party_invalid; serviceCode → reports.service_code_invalid | reports.service_code_taken),
 * reports.forbidden (not staff of that corporation).
 */
export async function createCategory(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const v = parseInput(createCategorySchema, input);
	if (!canManageReports(actor, v.corporationId)) throw new DomainError('reports.forbidden');
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		await ensureDefaultCategories(tx, v.corporationId, at);
		await checkShape(tx, v.corporationId, v);
		const p = await checkParty(tx, v.corporationId, v.party);
		const [row] = await tx.query<{ id: string }>(
			`INSERT INTO report_categories (corporation_id, parent_id, kind, name_nl, name_en, visibility, party_kind, team_id, staff_id, organisation_id,
				sla_working_days, open311, service_code, position, active, created_at, description_nl, description_en)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) ON CONFLICT (corporation_id, service_code) DO NOTHING RETURNING id`,
			[v.corporationId, v.parentId ?? null, v.kind, v.nameNl, v.nameEn, v.visibility, p.party_kind, p.team_id, p.staff_id, p.organisation_id, v.slaWorkingDays, v.open311, v.serviceCode, v.position ?? 1000, v.active ?? true, at, v.descriptionNl ?? null, v.descriptionEn ?? null]
		);
		if (!row) throw new DomainError('validation.invalid', {}, { serviceCode: 'reports.service_code_taken' });
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'reports.category_created', subject: `corporation:${v.corporationId}`, details: { categoryId: row.id, serviceCode: v.serviceCode } });
		return { id: row.id };
	});
}

/** Staff change a category (not its kind or service code). Errors: as createCategory, reports.unknown_category. */
export async function updateCategory(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const v = parseInput(updateCategorySchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const c = await loadCategory(tx, v.categoryId);
		if (!c || !canManageReports(actor, c.corporation_id)) throw new DomainError('reports.unknown_category');
		const next = { kind: c.kind, visibility: v.visibility ?? c.visibility, parentId: v.parentId === undefined ? c.parent_id : v.parentId, id: c.id };
		await checkShape(tx, c.corporation_id, next);
		const p = v.party ? await checkParty(tx, c.corporation_id, v.party) : { party_kind: c.party_kind, team_id: c.team_id, staff_id: c.staff_id, organisation_id: c.organisation_id };
		await tx.query(
			`UPDATE report_categories SET parent_id = $2, name_nl = $3, name_en = $4, visibility = $5, party_kind = $6, team_id = $7, staff_id = $8,
				organisation_id = $9, sla_working_days = $10, open311 = $11, position = $12, active = $13, description_nl = $14, description_en = $15 WHERE id = $1`,
			[c.id, next.parentId, v.nameNl ?? c.name_nl, v.nameEn ?? c.name_en, next.visibility, p.party_kind, p.team_id, p.staff_id, p.organisation_id,
				v.slaWorkingDays ?? c.sla_working_days, v.open311 ?? c.open311, v.position ?? c.position, v.active ?? c.active,
				v.descriptionNl === undefined ? c.description_nl : v.descriptionNl, v.descriptionEn === undefined ? c.description_en : v.descriptionEn]
		);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'reports.category_changed', subject: `corporation:${c.corporation_id}`, details: { categoryId: c.id } });
		return { id: c.id };
	});
}

const label = plainText({ error: 'validation.required' }).trim().min(2, 'validation.too_short').max(200, 'validation.too_long');
export const saveQuestionSchema = z
	.object({
		categoryId: categoryIdSchema,
		code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'reports.question_code_invalid'),
		kind: z.enum(['text', 'number', 'yes_no', 'choice', 'date'], 'validation.choice'),
		labelNl: label,
		labelEn: label,
		required: z.boolean('validation.type').default(false),
		choices: z.array(z.object({ key: z.string().regex(/^[a-z0-9_]{1,40}$/, 'reports.choice_invalid'), nl: label, en: label })).max(30, 'validation.too_big').default([]),
		position: z.coerce.number('validation.type').int('validation.type').min(0).max(100_000).optional(),
		active: z.boolean('validation.type').default(true)
	})
	.superRefine((q, c) => {
		if (q.kind === 'choice' && q.choices.length < 2) c.addIssue({ code: 'custom', path: ['choices'], message: 'reports.choices_required' });
		if (q.kind !== 'choice' && q.choices.length) c.addIssue({ code: 'custom', path: ['choices'], message: 'reports.choices_only_for_choice' });
		if (new Set(q.choices.map((x) => x.key)).size !== q.choices.length) c.addIssue({ code: 'custom', path: ['choices'], message: 'reports.choice_invalid' });
	});

/**
 * Staff add or change one question of a category (by its code; a question is switched off with
 * active: false, never deleted, so old answers keep their meaning). Errors: validation.invalid
 * (code → reports.question_code_invalid; choices → reports.choices_required |
 * reports.choices_only_for_choice | reports.choice_invalid), reports.unknown_category.
 */
export async function saveQuestion(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const v = parseInput(saveQuestionSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const c = await loadCategory(tx, v.categoryId);
		if (!c || !canManageReports(actor, c.corporation_id)) throw new DomainError('reports.unknown_category');
		const [row] = await tx.query<{ id: string }>(
			`INSERT INTO report_questions (category_id, code, kind, label_nl, label_en, required, choices, position, active)
			 VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)
			 ON CONFLICT (category_id, code) DO UPDATE SET kind = EXCLUDED.kind, label_nl = EXCLUDED.label_nl, label_en = EXCLUDED.label_en,
				required = EXCLUDED.required, choices = EXCLUDED.choices, position = EXCLUDED.position, active = EXCLUDED.active
			 RETURNING id`,
			[c.id, v.code, v.kind, v.labelNl, v.labelEn, v.required, JSON.stringify(v.choices), v.position ?? 1000, v.active]
		);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'reports.question_saved', subject: `corporation:${c.corporation_id}`, details: { categoryId: c.id, code: v.code } });
		return { id: row.id };
	});
}
