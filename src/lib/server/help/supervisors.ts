import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import { buurtInScope, isMemberOf, isStaffOf, seesBuurt, staffCorporationIds, type Actor } from '../people';
import { lockBuurtFunding } from './rewards';
import { withIdempotency } from '../shared/idempotency';
import { getHelpSettings, saveHelpSettings, type HelpSettings } from './settings';
import { firstName, idempotencyKeySchema, isoDay } from './model';

/**
 * Supervisor terms: a member signs up for a term (default 3 months) while the buurt has room
 * (default at most 2); staff appoint or end terms and set the buurt's Superbuurt settings. The
 * buurt's help_settings row is locked while counting, so two sign-ups at once cannot both take
 * the last place.
 */

export interface SupervisorTerm {
	id: string;
	accountId: string;
	name: string;
	startsOn: string;
	endsOn: string;
}

async function activeTerms(q: Queryable, buurtId: string, today: Date): Promise<SupervisorTerm[]> {
	return q.query<SupervisorTerm>(
		`SELECT t.id, t.account_id AS "accountId", a.name, to_char(t.starts_on, 'YYYY-MM-DD') AS "startsOn",
			to_char(LEAST(t.ends_on, COALESCE(t.ended_early_on, t.ends_on)), 'YYYY-MM-DD') AS "endsOn"
		 FROM supervisor_terms t JOIN accounts a ON a.id = t.account_id
		 WHERE t.buurt_id = $1 AND t.approved_at IS NOT NULL AND t.starts_on <= $2::date AND t.ends_on > $2::date AND (t.ended_early_on IS NULL OR t.ended_early_on > $2::date)
		 ORDER BY t.starts_on, a.name`,
		[buurtId, isoDay(today)]
	);
}

/** Applications that wait for staff: not approved, not withdrawn or declined. */
async function pendingTerms(q: Queryable, buurtIds: string[]): Promise<(SupervisorTerm & { buurtId: string })[]> {
	return q.query(
		`SELECT t.id, t.account_id AS "accountId", t.buurt_id AS "buurtId", a.name, to_char(t.starts_on, 'YYYY-MM-DD') AS "startsOn",
			to_char(t.ends_on, 'YYYY-MM-DD') AS "endsOn"
		 FROM supervisor_terms t JOIN accounts a ON a.id = t.account_id
		 WHERE t.buurt_id = ANY($1::uuid[]) AND t.approved_at IS NULL AND t.ended_early_on IS NULL ORDER BY t.starts_on, a.name`,
		[buurtIds]
	);
}

const addMonths = (day: Date, months: number) => {
	const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
	d.setUTCMonth(d.getUTCMonth() + months);
	return isoDay(d);
};

/** Scope first (people/scope.ts): a buurt the actor does not see is supervise.not_found, whatever the body says. */
const buurtRow = (q: Queryable, actor: Actor, buurtId: string) => buurtInScope(q, actor, buurtId, 'help', 'supervise.not_found');

async function startTerm(tx: Queryable, buurtId: string, accountId: string, appointedBy: string, at: Date) {
	await lockBuurtFunding(tx, buurtId); // the buurt's lock row: counting and inserting are one step
	const settings = await getHelpSettings(tx, buurtId);
	const terms = await activeTerms(tx, buurtId, at);
	if (terms.some((t) => t.accountId === accountId)) throw new DomainError('supervise.already_supervisor');
	if (terms.length >= settings.maxSupervisors) throw new DomainError('supervise.full', { max: settings.maxSupervisors });
	const endsOn = addMonths(at, settings.termMonths);
	const [term] = await tx.query<{ id: string }>(
		`INSERT INTO supervisor_terms (account_id, buurt_id, starts_on, ends_on, appointed_by, approved_at, approved_by)
		 VALUES ($1, $2, $3, $4, $5, $6, $5) RETURNING id`,
		[accountId, buurtId, isoDay(at), endsOn, appointedBy, at]
	);
	await recordAudit(tx, { at, actorId: appointedBy, action: 'help.supervisor_term_started', subject: `account:${accountId}`, details: { buurtId, termId: term.id, endsOn } });
	return { termId: term.id, endsOn };
}

/** A member's own application: a term that waits for staff to approve it (and set its dates). */
async function applyForTerm(tx: Queryable, buurtId: string, accountId: string, at: Date) {
	await lockBuurtFunding(tx, buurtId);
	const settings = await getHelpSettings(tx, buurtId);
	const terms = await activeTerms(tx, buurtId, at);
	if (terms.some((t) => t.accountId === accountId)) throw new DomainError('supervise.already_supervisor');
	const [open] = await tx.query(
		`SELECT 1 FROM supervisor_terms WHERE buurt_id = $1 AND account_id = $2 AND approved_at IS NULL AND ended_early_on IS NULL`,
		[buurtId, accountId]
	);
	if (open) throw new DomainError('supervise.already_applied');
	if (terms.length >= settings.maxSupervisors) throw new DomainError('supervise.full', { max: settings.maxSupervisors });
	const endsOn = addMonths(at, settings.termMonths);
	const [term] = await tx.query<{ id: string }>(
		'INSERT INTO supervisor_terms (account_id, buurt_id, starts_on, ends_on, appointed_by) VALUES ($1, $2, $3, $4, $1) RETURNING id',
		[accountId, buurtId, isoDay(at), endsOn]
	);
	await recordAudit(tx, { at, actorId: accountId, action: 'help.supervisor_applied', subject: `account:${accountId}`, details: { buurtId, termId: term.id } });
	return { termId: term.id, endsOn, approved: false as const };
}

export const signUpAsSupervisorSchema = z.object({ buurtId: z.uuid('supervise.not_found'), idempotencyKey: idempotencyKeySchema });

/**
 * A member applies to supervise their buurt for one term. The term counts only once staff of
 * the corporation approve it with its dates (approveSupervisorTerm): until then the member has
 * no supervisor rights and reads no zorg text.
 * Errors: supervise.not_found, supervise.forbidden (not a member), supervise.already_supervisor,
 * supervise.already_applied, supervise.full {max}, supervise.idempotency_mismatch.
 */
export async function signUpAsSupervisor(ctx: Ctx, actor: Actor, input: unknown): Promise<{ termId: string; endsOn: string; approved: false }> {
	const buurtId = parseTarget(signUpAsSupervisorSchema, 'buurtId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		await buurtRow(tx, actor, buurtId);
		if (!isMemberOf(actor, buurtId)) throw new DomainError('supervise.forbidden');
		const v = parseInput(signUpAsSupervisorSchema, input);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'supervise.sign_up', input: v, at }, () =>
			applyForTerm(tx, v.buurtId, actor.accountId, at)
		);
	});
}

export const appointSupervisorSchema = z.object({
	buurtId: z.uuid('supervise.not_found'),
	accountId: z.uuid('supervise.choose_member'),
	idempotencyKey: idempotencyKeySchema
});

/**
 * Staff appoint a member of the buurt as supervisor for one term.
 * Errors: validation.invalid (accountId → supervise.choose_member), supervise.not_found,
 * supervise.forbidden, supervise.not_member, supervise.already_supervisor, supervise.full.
 */
export async function appointSupervisor(ctx: Ctx, actor: Actor, input: unknown): Promise<{ termId: string; endsOn: string }> {
	const buurtId = parseTarget(appointSupervisorSchema, 'buurtId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const buurt = await buurtRow(tx, actor, buurtId);
		if (!isStaffOf(actor, buurt.corporation_id)) throw new DomainError('supervise.forbidden');
		const v = parseInput(appointSupervisorSchema, input);
		const [member] = await tx.query(
			`SELECT 1 FROM memberships m JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id
			 WHERE m.account_id = $1 AND c.buurt_id = $2 AND m.starts_on <= $3::date AND (m.ends_on IS NULL OR m.ends_on > $3::date)`,
			[v.accountId, v.buurtId, isoDay(at)]
		);
		if (!member) throw new DomainError('supervise.not_member', {}, { accountId: 'supervise.not_member' });
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'supervise.appoint', input: v, at }, () =>
			startTerm(tx, v.buurtId, v.accountId, actor.accountId, at)
		);
	});
}

export const approveSupervisorTermSchema = z
	.object({
		termId: z.uuid('supervise.not_found'),
		startsOn: z.iso.date('help.date_invalid'),
		endsOn: z.iso.date('help.date_invalid'),
		idempotencyKey: idempotencyKeySchema
	})
	.refine((v) => v.endsOn > v.startsOn, { message: 'supervise.ends_before_start', path: ['endsOn'] });

/**
 * Staff of the buurt's corporation approve a member's application and set the term's dates
 * (from today or later; at most 24 months). Only then is the member a supervisor.
 * Errors: validation.invalid (startsOn → supervise.starts_in_past, endsOn → supervise.ends_before_start
 * | supervise.term_too_long), supervise.not_found, supervise.already_approved, supervise.full {max}.
 */
export async function approveSupervisorTerm(ctx: Ctx, actor: Actor, input: unknown): Promise<{ termId: string; startsOn: string; endsOn: string }> {
	const termId = parseTarget(approveSupervisorTermSchema, 'termId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [term] = await tx.query<{ id: string; account_id: string; buurt_id: string; corporation_id: string; approved_at: Date | null; ended: boolean }>(
			`SELECT t.id, t.account_id, t.buurt_id, b.corporation_id, t.approved_at,
			   (t.ended_early_on IS NOT NULL) AS ended
			 FROM supervisor_terms t JOIN buurten b ON b.id = t.buurt_id WHERE t.id = $1`,
			[termId]
		);
		// Scope, then role, then the body (people/scope.ts).
		if (!term || term.ended || !seesBuurt(actor, { id: term.buurt_id, corporation_id: term.corporation_id }, 'help')) throw new DomainError('supervise.not_found');
		if (!isStaffOf(actor, term.corporation_id)) throw new DomainError('supervise.forbidden');
		const v = parseInput(approveSupervisorTermSchema, input);
		if (v.startsOn < isoDay(at)) throw new DomainError('validation.invalid', {}, { startsOn: 'supervise.starts_in_past' });
		const latest = addMonths(new Date(`${v.startsOn}T00:00:00Z`), 24);
		if (v.endsOn > latest) throw new DomainError('validation.invalid', {}, { endsOn: 'supervise.term_too_long' });
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'supervise.approve', input: v, at }, async () => {
			if (term.approved_at) throw new DomainError('supervise.already_approved');
			await lockBuurtFunding(tx, term.buurt_id);
			const settings = await getHelpSettings(tx, term.buurt_id);
			const start = new Date(`${v.startsOn}T00:00:00Z`);
			const others = (await activeTerms(tx, term.buurt_id, start)).filter((t) => t.accountId !== term.account_id);
			if (others.length >= settings.maxSupervisors) throw new DomainError('supervise.full', { max: settings.maxSupervisors });
			await tx.query('UPDATE supervisor_terms SET starts_on = $2, ends_on = $3, approved_at = $4, approved_by = $5 WHERE id = $1', [term.id, v.startsOn, v.endsOn, at, actor.accountId]);
			await recordAudit(tx, { at, actorId: actor.accountId, action: 'help.supervisor_term_approved', subject: `account:${term.account_id}`, details: { buurtId: term.buurt_id, termId: term.id, startsOn: v.startsOn, endsOn: v.endsOn } });
			return { termId: term.id, startsOn: v.startsOn, endsOn: v.endsOn };
		});
	});
}

export const endSupervisorTermSchema = z.object({ termId: z.uuid('supervise.not_found'), idempotencyKey: idempotencyKeySchema });

/**
 * Ends a term today: staff of the buurt's corporation, or the supervisor themself (stepping down).
 * Errors: supervise.not_found, supervise.forbidden, supervise.already_ended.
 */
export async function endSupervisorTerm(ctx: Ctx, actor: Actor, input: unknown): Promise<{ termId: string }> {
	const termId = parseTarget(endSupervisorTermSchema, 'termId', input);
	const at = ctx.clock();
	const today = isoDay(at);
	return ctx.db.transaction(async (tx) => {
		const [term] = await tx.query<{ id: string; account_id: string; buurt_id: string; corporation_id: string; starts_on: string; ends_on: string; ended_early_on: string | null }>(
			`SELECT t.id, t.account_id, t.buurt_id, b.corporation_id, to_char(t.starts_on, 'YYYY-MM-DD') AS starts_on,
				to_char(t.ends_on, 'YYYY-MM-DD') AS ends_on, to_char(t.ended_early_on, 'YYYY-MM-DD') AS ended_early_on
			 FROM supervisor_terms t JOIN buurten b ON b.id = t.buurt_id WHERE t.id = $1 FOR UPDATE OF t`,
			[termId]
		);
		// Scope, then role, then the body (people/scope.ts).
		if (!term || !seesBuurt(actor, { id: term.buurt_id, corporation_id: term.corporation_id }, 'help')) throw new DomainError('supervise.not_found');
		if (term.account_id !== actor.accountId && !isStaffOf(actor, term.corporation_id)) throw new DomainError('supervise.forbidden');
		const v = parseInput(endSupervisorTermSchema, input);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'supervise.end', input: v, at }, async () => {
			if (term.ends_on <= today || (term.ended_early_on && term.ended_early_on <= today)) throw new DomainError('supervise.already_ended');
			// A term that has not started yet ends before it begins: ended_early_on = starts_on.
			const endOn = term.starts_on > today ? term.starts_on : today;
			await tx.query('UPDATE supervisor_terms SET ended_early_on = $2, ended_by = $3 WHERE id = $1', [term.id, endOn, actor.accountId]);
			await recordAudit(tx, { at, actorId: actor.accountId, action: 'help.supervisor_term_ended', subject: `account:${term.account_id}`, details: { buurtId: term.buurt_id, termId: term.id } });
			return { termId: term.id };
		});
	});
}

export const updateHelpSettingsSchema = z.object({
	buurtId: z.uuid('supervise.not_found'),
	termMonths: z.coerce.number({ error: 'validation.type' }).int('validation.type').min(1, 'validation.too_small').max(24, 'validation.too_big'),
	maxSupervisors: z.coerce.number({ error: 'validation.type' }).int('validation.type').min(1, 'validation.too_small').max(20, 'validation.too_big'),
	autoConfirmDays: z.coerce.number({ error: 'validation.type' }).int('validation.type').min(1, 'validation.too_small').max(60, 'validation.too_big'),
	waitingDays: z.coerce.number({ error: 'validation.type' }).int('validation.type').min(1, 'validation.too_small').max(60, 'validation.too_big'),
	idempotencyKey: idempotencyKeySchema
});

/**
 * Staff set the buurt's term length, maximum number of supervisors, days until automatic
 * confirmation and days until an untaken request counts as waiting. Existing terms keep their
 * end date. Errors: validation.invalid, supervise.not_found, supervise.forbidden.
 */
export async function updateHelpSettings(ctx: Ctx, actor: Actor, input: unknown): Promise<HelpSettings> {
	const buurtId = parseTarget(updateHelpSettingsSchema, 'buurtId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const buurt = await buurtRow(tx, actor, buurtId);
		if (!isStaffOf(actor, buurt.corporation_id)) throw new DomainError('supervise.forbidden');
		const v = parseInput(updateHelpSettingsSchema, input);
		return withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'supervise.settings', input: v, at }, () =>
			saveHelpSettings(tx, v.buurtId, v, { actorId: actor.accountId, at })
		);
	});
}

export interface SupervisionStatus {
	buurt: { id: string; name: string };
	settings: HelpSettings;
	terms: { id: string; name: string; endsOn: string; isYou: boolean }[];
	myTerm: { id: string; endsOn: string } | null;
	/** The actor's application while staff have not approved it yet. */
	myApplication: { id: string; since: string } | null;
	canSignUp: boolean;
	full: boolean;
}

/** For a member's "become supervisor" page: who supervises, until when, and whether there is room. */
export async function getSupervisionStatus(db: Queryable, actor: Actor, buurtId: string, today: Date): Promise<SupervisionStatus> {
	const buurt = await buurtRow(db, actor, buurtId);
	const settings = await getHelpSettings(db, buurtId);
	const terms = await activeTerms(db, buurtId, today);
	const mine = terms.find((t) => t.accountId === actor.accountId);
	const application = (await pendingTerms(db, [buurtId])).find((t) => t.accountId === actor.accountId);
	const full = terms.length >= settings.maxSupervisors;
	return {
		buurt: { id: buurt.id, name: buurt.name },
		settings,
		terms: terms.map((t) => ({ id: t.id, name: firstName(t.name), endsOn: t.endsOn, isYou: t.accountId === actor.accountId })),
		myTerm: mine ? { id: mine.id, endsOn: mine.endsOn } : null,
		myApplication: application ? { id: application.id, since: application.startsOn } : null,
		canSignUp: isMemberOf(actor, buurtId) && !mine && !application && !full,
		full
	};
}

export interface StaffSupervisionBuurt {
	id: string;
	name: string;
	settings: HelpSettings;
	terms: { id: string; name: string; startsOn: string; endsOn: string }[];
	/** Members' applications waiting for approval, with the dates staff are offered (today, one term). */
	applications: { id: string; name: string; appliedOn: string; startsOn: string; endsOn: string }[];
	members: { id: string; name: string }[];
}

/** The staff page: every buurt of the staff member's corporation, its terms, settings and members to appoint. */
export async function listSupervisionForStaff(db: Queryable, actor: Actor, today: Date): Promise<StaffSupervisionBuurt[]> {
	const corporations = staffCorporationIds(actor);
	if (!corporations.length) throw new DomainError('supervise.forbidden');
	const buurten = await db.query<{ id: string; name: string }>('SELECT id, name FROM buurten WHERE corporation_id = ANY($1::uuid[]) ORDER BY name', [corporations]);
	const members = await db.query<{ buurt_id: string; id: string; name: string }>(
		`SELECT DISTINCT c.buurt_id, a.id, a.name FROM memberships m JOIN accounts a ON a.id = m.account_id
		 JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id
		 WHERE c.buurt_id = ANY($1::uuid[]) AND a.disabled_at IS NULL AND m.starts_on <= $2::date AND (m.ends_on IS NULL OR m.ends_on > $2::date)
		 ORDER BY a.name`,
		[buurten.map((b) => b.id), isoDay(today)]
	);
	const applications = await pendingTerms(db, buurten.map((b) => b.id));
	const out: StaffSupervisionBuurt[] = [];
	for (const b of buurten) {
		const settings = await getHelpSettings(db, b.id);
		out.push({
			id: b.id,
			name: b.name,
			settings,
			terms: (await activeTerms(db, b.id, today)).map((t) => ({ id: t.id, name: t.name, startsOn: t.startsOn, endsOn: t.endsOn })),
			applications: applications
				.filter((a) => a.buurtId === b.id)
				.map((a) => ({ id: a.id, name: a.name, appliedOn: a.startsOn, startsOn: isoDay(today), endsOn: addMonths(today, settings.termMonths) })),
			members: members.filter((m) => m.buurt_id === b.id).map((m) => ({ id: m.id, name: m.name }))
		});
	}
	return out;
}
