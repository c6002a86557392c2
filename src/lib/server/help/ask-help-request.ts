import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import { buurtInScope, type Actor } from '../people';
import { canAsk, canAskOnBehalf, isSupervisorOf } from './policy';
import { withIdempotency } from '../shared/idempotency';
import { loadRequest, notifyFor, recordHistory } from './engine';
import { categories, DAY_MS, idempotencyKeySchema, isoDay, places, updateChannels, urgencies, whenKinds, zorgLabels } from './model';

/** What every request says: the fields of the ask form (also used when a supervisor rephrases). */
export const requestTextFields = {
	category: z.enum(categories, 'help.unknown_category'),
	zorgLabel: z.enum(zorgLabels, 'help.zorg_label_required').optional(),
	title: plainText({ error: 'validation.required' }).trim().min(1, 'validation.required').min(3, 'help.title_too_short').max(120, 'validation.too_long'),
	description: plainText({ error: 'validation.required' }).trim().min(1, 'validation.required').max(4000, 'validation.too_long')
};

const askShape = z.object({
	buurtId: z.uuid('help.buurt_required'),
	...requestTextFields,
	when: z.enum(whenKinds, 'validation.choice'),
	whenDate: z.iso.date('help.date_invalid').optional(),
	urgency: z.enum(urgencies, 'validation.choice'),
	place: z.enum(places, 'validation.choice'),
	placeNote: plainText().trim().max(200, 'validation.too_long').optional(),
	idempotencyKey: idempotencyKeySchema
});

type AskShape = z.infer<typeof askShape>;
const refineAsk = (v: { category: string; zorgLabel?: string; when: string; whenDate?: string }, ctx: z.RefinementCtx) => {
	if (v.category === 'zorg' && !v.zorgLabel) ctx.addIssue({ code: 'custom', path: ['zorgLabel'], message: 'help.zorg_label_required' });
	if (v.when === 'date' && !v.whenDate) ctx.addIssue({ code: 'custom', path: ['whenDate'], message: 'help.date_required' });
};

export const askHelpRequestSchema = askShape.superRefine(refineAsk);

export const askOnBehalfSchema = askShape
	.extend({
		/** How the proxy refers to the neighbour (a first name): seen by those who may see the text. */
		neighbourName: plainText({ error: 'validation.required' }).trim().min(1, 'validation.required').max(60, 'validation.too_long'),
		consent: z.literal(true, 'help.consent_required'),
		/** How and when the neighbour agreed. */
		consentNote: plainText({ error: 'help.consent_note_required' }).trim().min(3, 'help.consent_note_required').max(500, 'validation.too_long'),
		updateChannel: z.enum(updateChannels, 'validation.choice')
	})
	.superRefine(refineAsk);

function checkDate(v: AskShape, now: Date) {
	if (v.when !== 'date' || !v.whenDate) return;
	if (v.whenDate < isoDay(now)) throw new DomainError('validation.invalid', {}, { whenDate: 'help.date_in_past' });
	if (v.whenDate > isoDay(new Date(now.getTime() + 366 * DAY_MS))) throw new DomainError('validation.invalid', {}, { whenDate: 'help.date_too_far' });
}

interface Proxy {
	neighbourName: string;
	consentNote: string;
	updateChannel: string;
}

async function insertRequest(tx: Queryable, actor: Actor, v: AskShape, proxy: Proxy | null, at: Date) {
	const [row] = await tx.query<{ id: string }>(
		`INSERT INTO help_requests (buurt_id, asker_id, proxy_id, on_behalf_name, consent_note, update_channel, category, zorg_label,
			title, description, when_kind, when_date, urgency, place, place_note, state, created_by, created_at, updated_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'to_check', $16, $17, $17) RETURNING id`,
		[
			v.buurtId,
			proxy ? null : actor.accountId,
			proxy ? actor.accountId : null,
			proxy?.neighbourName ?? null,
			proxy?.consentNote ?? null,
			proxy?.updateChannel ?? null,
			v.category,
			v.category === 'zorg' ? v.zorgLabel : null,
			v.title,
			v.description,
			v.when,
			v.when === 'date' ? v.whenDate : null,
			v.urgency,
			v.place,
			v.placeNote || null,
			actor.accountId,
			at
		]
	);
	return row.id;
}

/**
 * A member asks their buurt for help. The request waits for a supervisor (or, when the buurt has
 * none, staff) to check it. With an idempotency key a double submit makes exactly one request.
 * Errors: validation.invalid (fields: category → help.unknown_category; zorgLabel →
 * help.zorg_label_required; title → validation.required | help.title_too_short | validation.too_long;
 * description; whenDate → help.date_required | help.date_invalid | help.date_in_past | help.date_too_far),
 * help.not_found (a buurt the actor does not see: checked before the body), help.forbidden (sees
 * it but is not a member, e.g. staff; field buurtId → help.not_your_buurt),
 * help.idempotency_mismatch.
 */
export async function askHelpRequest(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; state: 'to_check' }> {
	const buurtId = parseTarget(askShape, 'buurtId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// Scope, then role, then the body (people/scope.ts).
		await buurtInScope(tx, actor, buurtId, 'help', 'help.not_found');
		if (!canAsk(actor, buurtId)) throw new DomainError('help.forbidden', {}, { buurtId: 'help.not_your_buurt' });
		const v = parseInput(askHelpRequestSchema, input);
		checkDate(v, at);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'help.ask', input: v, at }, async () => {
			const id = await insertRequest(tx, actor, v, null, at);
			await recordHistory(tx, { requestId: id, at, actorId: actor.accountId, role: 'asker', action: 'ask', from: null, to: 'to_check' });
			await notifyFor(tx, 'ask', (await loadRequest(tx, id))!, actor, null, at);
			return { id, state: 'to_check' as const };
		});
	});
}

/**
 * A supervisor of the buurt or a staff member asks on behalf of a neighbour without a phone or
 * account ("namens"), with the neighbour's consent noted. The proxy then acts for the asker
 * (answers questions, confirms) and passes updates on by paper, phone or a visit. The proxy
 * cannot check this request themselves. Errors: as askHelpRequest, plus fields consent →
 * help.consent_required, consentNote → help.consent_note_required, neighbourName; help.forbidden.
 */
export async function askHelpRequestOnBehalf(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; state: 'to_check' }> {
	const buurtId = parseTarget(askShape, 'buurtId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const buurt = await buurtInScope(tx, actor, buurtId, 'help', 'help.not_found');
		if (!canAskOnBehalf(actor, buurt)) throw new DomainError('help.forbidden', {}, { buurtId: 'help.not_your_buurt' });
		const v = parseInput(askOnBehalfSchema, input);
		checkDate(v, at);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'help.ask_on_behalf', input: v, at }, async () => {
			const id = await insertRequest(tx, actor, v, { neighbourName: v.neighbourName, consentNote: v.consentNote, updateChannel: v.updateChannel }, at);
			const role = isSupervisorOf(actor, v.buurtId) ? 'supervisor' : 'staff';
			await recordHistory(tx, { requestId: id, at, actorId: actor.accountId, role, action: 'ask', from: null, to: 'to_check', details: { onBehalf: true, updateChannel: v.updateChannel } });
			// Consent is a record the corporation must be able to show: audited, without the text.
			await recordAudit(tx, { at, actorId: actor.accountId, action: 'help.asked_on_behalf', subject: `help_request:${id}`, details: { updateChannel: v.updateChannel } });
			await notifyFor(tx, 'ask', (await loadRequest(tx, id))!, actor, null, at);
			return { id, state: 'to_check' as const };
		});
	});
}
