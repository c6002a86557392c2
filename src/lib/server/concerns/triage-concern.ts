import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { idOf, plainText } from '../shared/text';
import { looksLikeBsn } from '../shared/bsn';
import { recordAudit } from '../audit';
import { notify } from '../notifications';
import type { Actor } from '../people';
import { concernOutcomes, referralTargets, type ConcernRow } from './model';
import { isSocialTeamOf } from './policy';

const noBsn = { message: 'concerns.bsn' };

export const triageConcernSchema = z
	.object({
		concernId: idOf('concerns.not_found'),
		outcome: z.enum(concernOutcomes, 'concerns.outcome_required'),
		note: plainText().trim().max(1000, 'validation.too_long').refine((s) => !looksLikeBsn(s), noBsn).optional(),
		referralTarget: z.preprocess((v) => (v === '' ? undefined : v), z.enum(referralTargets, 'concerns.referral_target_required').optional()),
		organisationId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid('validation.choice').optional()),
		referralReason: plainText().trim().max(500, 'validation.too_long').refine((s) => !looksLikeBsn(s), noBsn).optional()
	})
	.superRefine((v, c) => {
		if (v.outcome !== 'referred') return;
		// Routing to a care organisation or the wijkteam is a decision recorded with its reason.
		if (!v.referralTarget) c.addIssue({ code: 'custom', path: ['referralTarget'], message: 'concerns.referral_target_required' });
		if (v.referralTarget === 'care' && !v.organisationId) c.addIssue({ code: 'custom', path: ['organisationId'], message: 'concerns.organisation_required' });
		if (!v.referralReason) c.addIssue({ code: 'custom', path: ['referralReason'], message: 'concerns.reason_required' });
	});

/**
 * A member of the corporation's social team records what was done: no action, contact made, a
 * case opened, or referred to the municipality's wijkteam or a care organisation — a referral
 * record (to whom, why, by whom), never a copy of the concern. The first triage tells the
 * reporter it was picked up (no outcome, no details). The outcome may change later (contact made,
 * then a case opened), until a case is reduced to its outcome. Audited without content.
 * Errors: concerns.not_found (404: no such concern, or not the actor's social team),
 * validation.invalid (outcome → concerns.outcome_required; referralTarget, organisationId →
 * validation.choice | concerns.organisation_required; referralReason → concerns.reason_required;
 * note → concerns.bsn), concerns.reduced (409).
 */
export async function triageConcern(ctx: Ctx, actor: Actor, input: unknown): Promise<{ outcome: string; pickedUp: boolean }> {
	const concernId = parseTarget(triageConcernSchema, 'concernId', input)!;
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [c] = await tx.query<ConcernRow>('SELECT * FROM concerns WHERE id = $1 FOR UPDATE', [concernId]);
		if (!c || !isSocialTeamOf(actor, c.corporation_id)) throw new DomainError('concerns.not_found');
		const v = parseInput(triageConcernSchema, input);
		if (c.reduced_at) throw new DomainError('concerns.reduced');
		let organisationId: string | null = null;
		if (v.outcome === 'referred') {
			if (v.organisationId) {
				const [org] = await tx.query<{ kind: string }>('SELECT kind FROM organisations WHERE id = $1 AND corporation_id = $2', [v.organisationId, c.corporation_id]);
				const fits = org && (v.referralTarget === 'care' ? org.kind === 'care' : org.kind === 'municipality');
				if (!fits) throw new DomainError('validation.invalid', {}, { organisationId: 'validation.choice' });
				organisationId = v.organisationId;
			}
			await tx.query(
				'INSERT INTO concern_referrals (concern_id, target, organisation_id, reason, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6)',
				[c.id, v.referralTarget, organisationId, v.referralReason, actor.accountId, at]
			);
		}
		const first = c.triaged_at === null;
		await tx.query(
			`UPDATE concerns SET outcome = $2, outcome_at = $3, triaged_at = COALESCE(triaged_at, $3), triaged_by = $4, triage_note = COALESCE($5, triage_note) WHERE id = $1`,
			[c.id, v.outcome, at, actor.accountId, v.note || null]
		);
		await recordAudit(tx, {
			at,
			actorId: actor.accountId,
			action: 'concerns.triaged',
			subject: `concern:${c.id}`,
			corporationId: c.corporation_id,
			details: { outcome: v.outcome, ...(v.outcome === 'referred' ? { referralTarget: v.referralTarget } : {}) }
		});
		// The reporter hears only that it was picked up — never what was done, because of privacy.
		if (first && c.reporter_id && c.reporter_id !== actor.accountId) {
			await notify(tx, { recipients: [c.reporter_id], type: 'concern.picked_up', subject: { kind: 'concern', id: c.id }, params: {}, at });
		}
		return { outcome: v.outcome, pickedUp: first };
	});
}
