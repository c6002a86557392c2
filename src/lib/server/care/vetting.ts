import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { plainText, requiredIdOf } from '../shared/text';
import { recordAudit } from '../audit';
import { buurtInScope, isStaffOf, staffCorporationIds, type Actor } from '../people';
import { isoDay, vettingMethods, type VettingMethod } from './model';
import { isCoordinatorOf, loadCareViewer, type CareViewer } from './policy';

/**
 * Vetted helpers: a member of a buurt becomes a care helper there only after a check is
 * recorded — a VOG (certificate of conduct) the staff member saw on a date, valid until a date,
 * or the vetting of a care organisation that serves the buurt. Staff of the buurt's corporation
 * record and end checks; a care organisation's coordinator may record its own vetting (and end
 * what it recorded). Each step is an audit row.
 */

export const recordHelperCheckSchema = z
	.object({
		buurtId: requiredIdOf('care.not_found', 'care.buurt_required'),
		/** The member's login address: staff know the person; the address finds their account. */
		email: plainText({ error: 'validation.required' }).trim().toLowerCase().min(1, 'validation.required').max(200, 'validation.too_long').pipe(z.email('validation.email')),
		method: z.enum(vettingMethods, 'validation.choice'),
		vogSeenOn: z.iso.date('care.vog_date_required').optional(),
		organisationId: z.uuid('care.organisation_required').optional(),
		validUntil: z.iso.date('care.valid_until_required')
	})
	.superRefine((v, ctx) => {
		if (v.method === 'vog' && !v.vogSeenOn) ctx.addIssue({ code: 'custom', path: ['vogSeenOn'], message: 'care.vog_date_required' });
		if (v.method === 'organisation' && !v.organisationId) ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'care.organisation_required' });
	});

/** May this viewer record checks in the buurt (staff: any method; a coordinator: their organisation's vetting)? */
const mayVet = (v: CareViewer, corporationId: string, buurtId: string, method?: VettingMethod, organisationId?: string) =>
	isStaffOf(v.actor, corporationId) ||
	((method === undefined || method === 'organisation') &&
		v.actor.partners.some((p) => p.kind === 'care' && p.buurtIds.includes(buurtId) && isCoordinatorOf(v, p.organisationId) && (!organisationId || p.organisationId === organisationId)));

/**
 * Records a check for a member of the buurt. Errors: care.not_found (a buurt the actor does not
 * vet in), care.forbidden, validation.invalid (email → care.helper_not_member; vogSeenOn →
 * care.vog_date_future; validUntil → care.valid_until_past; organisationId →
 * care.organisation_not_serving), care.check_exists (a running check: end it first).
 */
export async function recordHelperCheck(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; accountId: string }> {
	const buurtId = parseTarget(recordHelperCheckSchema, 'buurtId', input);
	const at = ctx.clock();
	const today = isoDay(at);
	return ctx.db.transaction(async (tx) => {
		const viewer = await loadCareViewer(tx, actor, at);
		const buurt = await buurtInScope(tx, actor, buurtId, 'buurt', 'care.not_found');
		if (!mayVet(viewer, buurt.corporation_id, buurt.id)) throw new DomainError('care.forbidden');
		const v = parseInput(recordHelperCheckSchema, input);
		if (!mayVet(viewer, buurt.corporation_id, buurt.id, v.method, v.organisationId)) throw new DomainError('care.forbidden');
		const fields: Record<string, string> = {};
		if (v.vogSeenOn && v.vogSeenOn > today) fields.vogSeenOn = 'care.vog_date_future';
		if (v.validUntil < today) fields.validUntil = 'care.valid_until_past';
		if (v.method === 'organisation') {
			const [served] = await tx.query(`SELECT 1 FROM organisations o JOIN organisation_buurten ob ON ob.organisation_id = o.id WHERE o.id = $1 AND o.kind = 'care' AND ob.buurt_id = $2`, [v.organisationId, buurt.id]);
			if (!served) fields.organisationId = 'care.organisation_not_serving';
		}
		// The member: an active membership of a home in this buurt (read-only join on people's tables).
		const [member] = await tx.query<{ id: string }>(
			`SELECT a.id FROM accounts a WHERE lower(a.email) = $1 AND a.disabled_at IS NULL AND EXISTS (
				SELECT 1 FROM memberships m JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id
				WHERE m.account_id = a.id AND c.buurt_id = $2 AND m.starts_on <= $3::date AND (m.ends_on IS NULL OR m.ends_on > $3::date))`,
			[v.email, buurt.id, today]
		);
		if (!member) fields.email = 'care.helper_not_member';
		if (Object.keys(fields).length) throw new DomainError('validation.invalid', {}, fields);
		const [running] = await tx.query('SELECT 1 FROM care_helpers WHERE account_id = $1 AND buurt_id = $2 AND ended_at IS NULL', [member.id, buurt.id]);
		if (running) throw new DomainError('care.check_exists');
		const [row] = await tx.query<{ id: string }>(
			`INSERT INTO care_helpers (account_id, buurt_id, method, vog_seen_on, organisation_id, valid_until, checked_by, checked_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			[member.id, buurt.id, v.method, v.method === 'vog' ? v.vogSeenOn : null, v.method === 'organisation' ? v.organisationId : null, v.validUntil, actor.accountId, at]
		);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'care.helper_vetted', subject: `account:${member.id}`, corporationId: buurt.corporation_id, details: { buurtId: buurt.id, method: v.method, validUntil: v.validUntil } });
		return { id: row.id, accountId: member.id };
	});
}

export const endHelperCheckSchema = z.object({ checkId: z.uuid('care.check_not_found') });

/** Ends a running check today. Errors: care.check_not_found (unknown, ended, or not the actor's to end). */
export async function endHelperCheck(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const v = parseInput(endHelperCheckSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const viewer = await loadCareViewer(tx, actor, at);
		const [c] = await tx.query<{ id: string; account_id: string; buurt_id: string; corporation_id: string; method: VettingMethod; organisation_id: string | null }>(
			`SELECT h.id, h.account_id, h.buurt_id, b.corporation_id, h.method, h.organisation_id FROM care_helpers h JOIN buurten b ON b.id = h.buurt_id
			 WHERE h.id = $1 AND h.ended_at IS NULL FOR UPDATE OF h`,
			[v.checkId]
		);
		if (!c || !(isStaffOf(actor, c.corporation_id) || (c.organisation_id && mayVet(viewer, c.corporation_id, c.buurt_id, 'organisation', c.organisation_id) && c.method === 'organisation')))
			throw new DomainError('care.check_not_found');
		await tx.query('UPDATE care_helpers SET ended_at = $2, ended_by = $3 WHERE id = $1', [c.id, at, actor.accountId]);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'care.helper_check_ended', subject: `account:${c.account_id}`, corporationId: c.corporation_id, details: { buurtId: c.buurt_id } });
		return { id: c.id };
	});
}

export interface HelperCheck {
	id: string;
	accountId: string;
	name: string;
	buurtId: string;
	buurtName: string;
	method: VettingMethod;
	vogSeenOn: string | null;
	organisationName: string | null;
	validUntil: string;
	checkedByName: string;
	checkedAt: Date;
	/** Running and valid today. */
	valid: boolean;
}

/**
 * The running checks the actor may see: staff of a corporation all of its buurten's, a
 * coordinator the ones their organisation recorded. Full names: this is for staff.
 */
export async function listHelperChecks(db: Queryable, actor: Actor, today: Date): Promise<HelperCheck[]> {
	const viewer = await loadCareViewer(db, actor, today);
	const corporations = staffCorporationIds(actor);
	const organisations = viewer.coordinatorOf;
	if (!corporations.length && !organisations.length) return [];
	const rows = await db.query<{ id: string; account_id: string; name: string; buurt_id: string; buurt_name: string; method: VettingMethod; vog_seen_on: string | null; organisation_name: string | null; valid_until: string; checked_by_name: string; checked_at: Date }>(
		`SELECT h.id, h.account_id, a.name, h.buurt_id, b.name AS buurt_name, h.method, to_char(h.vog_seen_on, 'YYYY-MM-DD') AS vog_seen_on, o.name AS organisation_name,
			to_char(h.valid_until, 'YYYY-MM-DD') AS valid_until, k.name AS checked_by_name, h.checked_at
		 FROM care_helpers h JOIN accounts a ON a.id = h.account_id JOIN buurten b ON b.id = h.buurt_id JOIN accounts k ON k.id = h.checked_by
		 LEFT JOIN organisations o ON o.id = h.organisation_id
		 WHERE h.ended_at IS NULL AND (b.corporation_id = ANY($1::uuid[]) OR h.organisation_id = ANY($2::uuid[]))
		 ORDER BY b.name, a.name LIMIT 500`,
		[corporations, organisations]
	);
	const day = isoDay(today);
	return rows.map((r) => ({
		id: r.id,
		accountId: r.account_id,
		name: r.name,
		buurtId: r.buurt_id,
		buurtName: r.buurt_name,
		method: r.method,
		vogSeenOn: r.vog_seen_on,
		organisationName: r.organisation_name,
		validUntil: r.valid_until,
		checkedByName: r.checked_by_name,
		checkedAt: r.checked_at,
		valid: r.valid_until >= day
	}));
}
