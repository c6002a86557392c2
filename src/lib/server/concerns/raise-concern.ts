import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { plainText } from '../shared/text';
import { withIdempotency } from '../shared/idempotency';
import { looksLikeBsn } from '../shared/bsn';
import { notify } from '../notifications';
import { socialTeamAccountIds, type Actor } from '../people';
import { ABUSE_THRESHOLD, ABUSE_WINDOW_DAYS, BODY_MAX, concernCategories, type ReporterRole } from './model';
import { mayRaiseConcerns } from './policy';
import { chosenUnit } from './places';

const yes = (v: unknown) => (v === 'on' || v === 'yes' || v === 'true' ? true : v === undefined || v === '' || v === null ? false : v);

export const raiseConcernSchema = z.object({
	unitId: z.uuid({ error: (i) => (i.input === undefined || i.input === '' ? 'concerns.unit_required' : 'concerns.unit_outside') }),
	category: z.enum(concernCategories, 'concerns.category_required'),
	body: plainText({ error: 'concerns.body_required' })
		.trim()
		.min(1, 'concerns.body_required')
		.max(BODY_MAX, 'validation.too_long')
		// A citizen service number identifies a person everywhere: it is never stored here.
		.refine((s) => !looksLikeBsn(s), { message: 'concerns.bsn' }),
	mayContact: z.preprocess(yes, z.boolean('validation.type')).default(false),
	idempotencyKey: z.string().regex(/^[A-Za-z0-9._:-]{8,100}$/, 'concerns.idempotency_key_invalid').optional()
});

export interface RaisedConcern {
	id: string;
	flagged: boolean;
}

/**
 * A member, a supplier's worker or staff raises a concern about a household: a home they may
 * name (places.ts), a category, a short text (never a BSN), and whether the social team may
 * contact them. Only the corporation's social team is told (`concern.new`, or `concern.flagged`
 * when the abuse guard trips: the same reporter's ABUSE_THRESHOLD-th concern about the same home
 * within ABUSE_WINDOW_DAYS). Nothing is written to the audit log, so the log never names a
 * reporter after the concern itself is deleted. One transaction.
 * Errors: concerns.forbidden (403: no role that can raise one), validation.invalid (unitId →
 * concerns.unit_required | concerns.unit_outside | concerns.own_home; category →
 * concerns.category_required; body → concerns.body_required | concerns.bsn | validation.too_long),
 * concerns.idempotency_mismatch.
 */
export async function raiseConcern(ctx: Ctx, actor: Actor, input: unknown): Promise<RaisedConcern> {
	if (!mayRaiseConcerns(actor)) throw new DomainError('concerns.forbidden');
	const v = parseInput(raiseConcernSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const place = await chosenUnit(tx, actor, v.unitId, at);
		if (place === 'own') throw new DomainError('validation.invalid', {}, { unitId: 'concerns.own_home' });
		if (!place) throw new DomainError('validation.invalid', {}, { unitId: 'concerns.unit_outside' });
		const { idempotencyKey, ...content } = v;
		return withIdempotency(tx, { actorId: actor.accountId, key: idempotencyKey, operation: 'concerns.raise', input: content, at }, async () => {
			// Lock this reporter's concerns about this home, so two at once count each other.
			const [{ n }] = await tx.query<{ n: number }>(
				`SELECT count(*)::int AS n FROM (SELECT id FROM concerns WHERE reporter_id = $1 AND unit_id = $2 AND created_at > $3::timestamptz - make_interval(days => $4) FOR UPDATE) x`,
				[actor.accountId, v.unitId, at, ABUSE_WINDOW_DAYS]
			);
			const flagged = n + 1 >= ABUSE_THRESHOLD;
			const role: ReporterRole = place.role;
			const [row] = await tx.query<{ id: string }>(
				`INSERT INTO concerns (corporation_id, unit_id, reporter_id, reporter_role, category, body, may_contact, flagged, created_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
				[place.corporationId, v.unitId, actor.accountId, role, v.category, v.body, v.mayContact, flagged, at]
			);
			const team = (await socialTeamAccountIds(tx, place.corporationId)).filter((id) => id !== actor.accountId);
			// The notification names no home and no words: e-mail is not the place for them.
			await notify(tx, { recipients: team, type: flagged ? 'concern.flagged' : 'concern.new', subject: { kind: 'concern', id: row.id }, params: { forTeam: 'yes' }, at });
			return { id: row.id, flagged };
		});
	});
}
