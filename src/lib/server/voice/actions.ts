import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { plainText } from '../shared/text';
import { withIdempotency } from '../shared/idempotency';
import { recordAudit } from '../audit';
import { staffCorporationIds, type Actor } from '../people';
import { areaSchema, resolveArea } from './survey-area';
import { idempotencyKeySchema } from './survey-model';
import { actionDescriptionSchema, actionIdSchema, actionKinds, actionTitleSchema, canManageActions, inputKinds, inputNoteSchema, inputRefSchema, statusSchema, type InputKind } from './actions-model';
import { inputKindDefs } from './action-input-kinds';

/** Recording what the corporation did, and the inputs behind it. */

const inputSchema = z.object({ kind: z.enum(inputKinds, 'voice.input_kind_required'), ref: inputRefSchema, note: inputNoteSchema });

export const recordActionSchema = z.object({
	area: areaSchema,
	kind: z.enum(actionKinds, 'voice.action_kind_required'),
	title: actionTitleSchema,
	description: actionDescriptionSchema,
	status: statusSchema.default('planned'),
	/** Inputs linked in the same step (a survey result's page prefills its question). */
	inputs: z.array(inputSchema).max(20, 'voice.too_many_inputs').default([]),
	idempotencyKey: idempotencyKeySchema
});

/** Checks one input and writes it with its anonymised label; field errors are named `field`. */
async function linkInput(tx: Queryable, actor: Actor, action: { id: string; corporation_id: string }, input: { kind: InputKind; ref: string; note: string }, at: Date, field: string) {
	const def = inputKindDefs[input.kind];
	if (!def) throw new DomainError('validation.invalid', {}, { [`${field}.kind`]: 'voice.input_kind_unavailable' });
	const ref = def.parseRef(input.ref);
	const label = ref ? await def.describe(tx, actor, action.corporation_id, ref, at) : null;
	if (!ref || !label) throw new DomainError('validation.invalid', {}, { [`${field}.ref`]: 'voice.input_not_found' });
	const inserted = await tx.query<{ id: string }>(
		`INSERT INTO voice_action_inputs (action_id, kind, ref_id, ref_key, label_nl, label_en, note, linked_at, linked_by, position)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT COALESCE(max(position), 0) + 1 FROM voice_action_inputs WHERE action_id = $1)) ON CONFLICT DO NOTHING RETURNING id`,
		[action.id, input.kind, ref.refId ?? null, ref.refKey ?? null, label.labelNl, label.labelEn, input.note, at, actor.accountId]
	);
	if (!inserted.length) throw new DomainError('voice.input_already_linked');
	return inserted[0].id;
}

/**
 * Staff record an action of their corporation for an area, with its first status and — in the
 * same step — the inputs behind it. Errors: voice.forbidden (not staff), validation.invalid (area,
 * kind, title, description, status, inputs.N.ref → voice.input_not_found, inputs.N.kind →
 * voice.input_kind_unavailable), voice.input_already_linked, voice.idempotency_mismatch.
 */
export async function recordAction(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const corporationId = staffCorporationIds(actor)[0];
	if (!corporationId) throw new DomainError('voice.forbidden');
	const v = parseInput(recordActionSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const area = await resolveArea(tx, corporationId, v.area);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'voice.action', input: v, at }, async () => {
			const [row] = await tx.query<{ id: string }>(
				`INSERT INTO voice_actions (corporation_id, area_kind, wijk_code, buurt_id, complex_id, kind, title, description, status, created_by, created_at, status_changed_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
				[corporationId, area.area_kind, area.wijk_code, area.buurt_id, area.complex_id, v.kind, v.title, v.description, v.status, actor.accountId, at]
			);
			await tx.query('INSERT INTO voice_action_updates (action_id, status, note, at, by_account) VALUES ($1, $2, $3, $4, $5)', [row.id, v.status, '', at, actor.accountId]);
			for (const [i, inp] of v.inputs.entries()) await linkInput(tx, actor, { id: row.id, corporation_id: corporationId }, inp, at, `inputs.${i}`);
			await recordAudit(tx, { at, actorId: actor.accountId, action: 'voice.action_recorded', subject: `voice_action:${row.id}`, details: { inputs: v.inputs.length }, corporationId });
			return { id: row.id };
		});
	});
}

async function managedAction(tx: Queryable, actor: Actor, actionId: string) {
	const [a] = await tx.query<{ id: string; corporation_id: string; status: string }>('SELECT id, corporation_id, status FROM voice_actions WHERE id = $1 FOR UPDATE', [actionId]);
	if (!a || !canManageActions(actor, a.corporation_id)) throw new DomainError('voice.action_not_found');
	return a;
}

export const updateActionStatusSchema = z.object({ actionId: actionIdSchema, status: statusSchema, note: plainText().trim().max(1000, 'validation.too_long').default('') });

/**
 * Staff move an action to planned, doing or done, with a note members read. The same status
 * again is refused (voice.status_unchanged). Errors: voice.action_not_found, validation.invalid.
 */
export async function updateActionStatus(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
	const actionId = parseTarget(updateActionStatusSchema, 'actionId', input);
	const at = ctx.clock();
	await ctx.db.transaction(async (tx) => {
		const a = await managedAction(tx, actor, actionId);
		const v = parseInput(updateActionStatusSchema, input);
		if (v.status === a.status) throw new DomainError('validation.invalid', {}, { status: 'voice.status_unchanged' });
		await tx.query('UPDATE voice_actions SET status = $2, status_changed_at = $3 WHERE id = $1', [a.id, v.status, at]);
		await tx.query('INSERT INTO voice_action_updates (action_id, status, note, at, by_account) VALUES ($1, $2, $3, $4, $5)', [a.id, v.status, v.note, at, actor.accountId]);
	});
}

export const linkActionInputSchema = inputSchema.extend({ actionId: actionIdSchema });

/** Staff link one more input to an action. Errors: voice.action_not_found, validation.invalid (kind, ref), voice.input_already_linked. */
export async function linkActionInput(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const actionId = parseTarget(linkActionInputSchema, 'actionId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const a = await managedAction(tx, actor, actionId);
		const v = parseInput(linkActionInputSchema, input);
		try {
			return { id: await linkInput(tx, actor, a, v, at, 'input') };
		} catch (err) {
			// One form: the field names without the "input." prefix.
			if (err instanceof DomainError && err.code === 'validation.invalid') throw new DomainError(err.code, err.details, Object.fromEntries(Object.entries(err.fields).map(([k, m]) => [k.replace(/^input\./, ''), m])));
			throw err;
		}
	});
}

export const unlinkActionInputSchema = z.object({ actionId: actionIdSchema, inputId: z.uuid('voice.action_not_found') });

/** Staff take an input off an action. Errors: voice.action_not_found. */
export async function unlinkActionInput(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
	const actionId = parseTarget(unlinkActionInputSchema, 'actionId', input);
	await ctx.db.transaction(async (tx) => {
		const a = await managedAction(tx, actor, actionId);
		const v = parseInput(unlinkActionInputSchema, input);
		const gone = await tx.query('DELETE FROM voice_action_inputs WHERE id = $1 AND action_id = $2 RETURNING id', [v.inputId, a.id]);
		if (!gone.length) throw new DomainError('voice.action_not_found');
	});
}
