import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import { associationBuurtIds, type Actor } from '../people';
import { findAccount } from '../ledger';
import { idempotencyKeySchema } from '../help';
import { withIdempotency } from '../shared/idempotency';
import { listProposals, markProposalsForRound, ensureSettingsRow } from '../proposals';
import { MAX_BUDGET_CENTS, MAX_PROPOSALS, budgetSources, compareIds, normalizeRound, orderForVoter, parseMoment, phaseOf, roundColumns, roundFrom, roundRules, utilities, type RoundPhase, type RoundProposalRow, type RoundRow } from './model';
import { buurtToManageRounds, canCancel, canClose, canCloseEarly, canEnterPaper, canManageRound, canViewRound, householdOf, voteBlock } from './policy';
import { notifyRoundMembers } from './notices';

/**
 * Buurtpot rounds: staff open a round per buurt (budget, dates, the accepted proposals on the
 * ballot, the counting rule), may cancel it while nobody has voted, and everyone who may see the
 * buurt's proposals sees the round. Voting is in ballots.ts, the close and the results in
 * results.ts, Pabulib export and import in pabulib-io.ts.
 *
 * Lock order (same as the proposals module): buurtpot_settings row → round row → proposal rows
 * (in id order, by markProposalsForRound) → ledger accounts.
 */

// ---------------------------------------------------------------------------------------------
// Loading

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadRound(q: Queryable, id: string, lock: '' | 'FOR UPDATE' | 'FOR SHARE' = ''): Promise<RoundRow | null> {
	if (typeof id !== 'string' || !uuid.test(id)) return null;
	const [row] = await q.query<RoundRow>(`SELECT ${roundColumns} ${roundFrom} WHERE r.id = $1 ${lock ? `${lock} OF r` : ''}`, [id]);
	return row ? normalizeRound(row) : null;
}

/** The round if the actor may see it; otherwise rounds.not_found (another buurt looks like none). */
export async function visibleRound(q: Queryable, actor: Actor, id: string, lock: '' | 'FOR UPDATE' | 'FOR SHARE' = ''): Promise<RoundRow> {
	const r = await loadRound(q, id, lock);
	if (!r || !canViewRound(actor, r)) throw new DomainError('rounds.not_found');
	return r;
}

export async function roundProposals(q: Queryable, roundId: string): Promise<RoundProposalRow[]> {
	const rows = await q.query<RoundProposalRow>(
		'SELECT project_id, proposal_id, title, cost_cents, position, votes, won FROM buurtpot_round_proposals WHERE round_id = $1 ORDER BY position',
		[roundId]
	);
	return rows.map((r) => ({ ...r, cost_cents: Number(r.cost_cents) }));
}

// ---------------------------------------------------------------------------------------------
// Opening

const budgetCents = z
	.number({ error: 'rounds.budget_invalid' })
	.int('rounds.budget_whole_cents')
	.positive('rounds.budget_positive')
	.max(MAX_BUDGET_CENTS, 'rounds.budget_too_big');
const moment = (field: string) => z.preprocess(parseMoment, z.date({ error: `rounds.${field}_invalid` }));

export const openRoundSchema = z
	.object({
		buurtId: z.uuid('rounds.buurt_required'),
		title: plainText({ error: 'validation.required' }).trim().min(1, 'validation.required').min(3, 'rounds.title_too_short').max(120, 'validation.too_long'),
		budgetSource: z.enum(budgetSources, 'rounds.budget_source_required'),
		budgetCents: budgetCents.optional(),
		opensAt: moment('opens_at'),
		closesAt: moment('closes_at'),
		rule: z.enum(roundRules, 'rounds.rule_required'),
		maxChoices: z.coerce.number({ error: 'rounds.k_invalid' }).int('rounds.k_invalid').min(1, 'rounds.k_invalid').max(MAX_PROPOSALS, 'rounds.k_invalid').optional(),
		utility: z.enum(utilities, 'validation.choice').optional(),
		fill: z.boolean().optional(),
		proposalIds: z.array(z.uuid('rounds.proposal_unknown'), { error: 'rounds.proposals_required' }).min(1, 'rounds.proposals_required').max(MAX_PROPOSALS, 'rounds.too_many_proposals'),
		idempotencyKey: idempotencyKeySchema
	})
	.superRefine((v, ctx) => {
		if (v.budgetSource === 'amount' && v.budgetCents === undefined) ctx.addIssue({ code: 'custom', path: ['budgetCents'], message: 'rounds.budget_required' });
		if (v.rule === 'approval' && v.maxChoices !== undefined && v.maxChoices > v.proposalIds.length)
			ctx.addIssue({ code: 'custom', path: ['maxChoices'], message: 'rounds.k_too_big' });
		if (new Set(v.proposalIds).size !== v.proposalIds.length) ctx.addIssue({ code: 'custom', path: ['proposalIds'], message: 'rounds.proposal_twice' });
		if (v.closesAt.getTime() <= v.opensAt.getTime()) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'rounds.closes_before_opens' });
	});

/**
 * What a buurt can spend in a new round: the buurtpot's balance minus what is already promised —
 * the unpaid part of won proposals and the budgets of rounds that are still open. Must run with
 * the buurt's settings row locked, so two rounds cannot promise the same money.
 */
export async function availableBudget(tx: Queryable, buurtId: string): Promise<{ balanceCents: number; promisedCents: number; availableCents: number }> {
	const pot = await findAccount(tx, { ledger: 'EUR', kind: 'buurtpot', buurtId });
	const balanceCents = Number(pot?.balance ?? 0);
	const [row] = await tx.query<{ unpaid: number; live: number }>(
		`SELECT
			(SELECT COALESCE(sum(GREATEST(p.cost_cents - COALESCE((SELECT sum(amount_cents) FROM buurtpot_payments pay WHERE pay.proposal_id = p.id), 0), 0)), 0)::bigint
			 FROM buurtpot_proposals p WHERE p.buurt_id = $1 AND p.status IN ('won', 'in_progress')) AS unpaid,
			(SELECT COALESCE(sum(budget_cents), 0)::bigint FROM buurtpot_rounds
			 WHERE buurt_id = $1 AND NOT is_test AND closed_at IS NULL AND cancelled_at IS NULL) AS live`,
		[buurtId]
	);
	const promisedCents = Number(row.unpaid) + Number(row.live);
	return { balanceCents, promisedCents, availableCents: Math.max(0, balanceCents - promisedCents) };
}

/**
 * Staff open a round in a buurt of their corporation, with accepted proposals on the ballot.
 * Budget: the buurtpot's available balance now ('balance'), or a set amount that may not exceed
 * it ('amount'). No proposal may cost more than the budget. The proposals move to in_vote; the
 * round gets its ballot secret (see ballots.ts). With an idempotency key a retry returns the
 * first round.
 * Errors: validation.invalid (fields: buurtId → rounds.buurt_required; title; budgetSource;
 * budgetCents → rounds.budget_* | rounds.budget_above_available; opensAt/closesAt →
 * rounds.*_invalid | rounds.closes_before_opens | rounds.closes_in_past; maxChoices (approval's
 * K; none = no limit) → rounds.k_invalid | rounds.k_too_big; proposalIds → rounds.proposals_required
 * | rounds.proposal_not_accepted | rounds.cost_above_budget), rounds.budget_empty,
 * rounds.forbidden, rounds.idempotency_mismatch, proposals.status_conflict.
 */
export async function openRound(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; budgetCents: number }> {
	const buurt = await buurtToManageRounds(ctx.db, actor, parseTarget(openRoundSchema, 'buurtId', input));
	const v = parseInput(openRoundSchema, input);
	const at = ctx.clock();
	if (v.closesAt.getTime() <= at.getTime()) throw new DomainError('validation.invalid', {}, { closesAt: 'rounds.closes_in_past' });
	return ctx.db.transaction(async (tx) =>
		withIdempotency(tx, { actorId: actor.accountId, key: v.idempotencyKey, operation: 'rounds.open', input: v, at }, async () => {
			await ensureSettingsRow(tx, buurt.id, { lock: true });
			const accepted = new Map((await listProposals(tx, actor, { buurtId: buurt.id, status: 'accepted' }, at)).map((p) => [p.id, p]));
			const chosen = v.proposalIds.map((id) => {
				const p = accepted.get(id.toLowerCase());
				if (!p) throw new DomainError('validation.invalid', { proposalId: id }, { proposalIds: 'rounds.proposal_not_accepted' });
				return p;
			});
			const money = await availableBudget(tx, buurt.id);
			let budget: number;
			if (v.budgetSource === 'balance') {
				budget = Math.min(money.availableCents, MAX_BUDGET_CENTS);
				if (budget <= 0) throw new DomainError('rounds.budget_empty', { balanceCents: money.balanceCents, promisedCents: money.promisedCents });
			} else {
				budget = v.budgetCents!;
				if (budget > money.availableCents)
					throw new DomainError('validation.invalid', { availableCents: money.availableCents }, { budgetCents: 'rounds.budget_above_available' });
			}
			const tooDear = chosen.find((p) => p.costCents > budget);
			if (tooDear)
				throw new DomainError('validation.invalid', { title: tooDear.title, costCents: tooDear.costCents, budgetCents: budget }, { proposalIds: 'rounds.cost_above_budget' });

			// Short project ids in order of proposing: the counting rules' last tie-breaker ("lower
			// project id") then means "proposed first", which is easy to explain.
			const ordered = [...chosen].sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || (a.id < b.id ? -1 : 1));
			const [round] = await tx.query<{ id: string }>(
				`INSERT INTO buurtpot_rounds (buurt_id, corporation_id, title, budget_source, budget_cents, rule, max_choices, utility, fill,
					opens_at, closes_at, created_by, created_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
				[
					buurt.id,
					buurt.corporation_id,
					v.title,
					v.budgetSource,
					budget,
					v.rule,
					// Approval without K: every proposal may be chosen (classic approval voting).
					v.rule === 'approval' ? (v.maxChoices ?? ordered.length) : null,
					v.rule === 'equal-shares' ? (v.utility ?? 'cost') : null,
					v.rule === 'equal-shares' ? (v.fill ?? false) : false,
					v.opensAt,
					v.closesAt,
					actor.accountId,
					at
				]
			);
			await tx.query(
				`INSERT INTO buurtpot_round_proposals (round_id, project_id, proposal_id, title, cost_cents, position)
				 SELECT $1, t.pos::text, t.pid, t.title, t.cost, t.pos FROM unnest($2::uuid[], $3::text[], $4::bigint[]) WITH ORDINALITY AS t(pid, title, cost, pos)`,
				[round.id, ordered.map((p) => p.id), ordered.map((p) => p.title), ordered.map((p) => p.costCents)]
			);
			await tx.query('INSERT INTO buurtpot_round_secrets (round_id, secret) VALUES ($1, $2)', [round.id, randomBytes(32)]);
			await markProposalsForRound(tx, { proposalIds: ordered.map((p) => p.id), status: 'in_vote', at, actorId: actor.accountId, roundId: round.id });
			await recordAudit(tx, {
				at,
				actorId: actor.accountId,
				action: 'rounds.opened',
				subject: `round:${round.id}`,
				details: { buurtId: buurt.id, rule: v.rule, budgetCents: budget, proposals: ordered.length, opensAt: v.opensAt.toISOString(), closesAt: v.closesAt.toISOString() }
			});
			await notifyRoundMembers(tx, { id: round.id, buurtId: buurt.id, buurtName: buurt.name, title: v.title }, 'round.opened', { at, actorId: actor.accountId });
			return { id: round.id, budgetCents: budget };
		})
	);
}

// ---------------------------------------------------------------------------------------------
// Cancelling

export const cancelRoundSchema = z.object({ roundId: z.uuid('rounds.not_found') });

/**
 * Staff cancel a round that has not closed and in which nobody has voted yet (a vote once cast
 * is never thrown away). Its proposals go back to accepted, its secret is deleted.
 * Errors: rounds.not_found, rounds.forbidden, rounds.already_closed, rounds.already_has_ballots.
 */
export async function cancelRound(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const v = parseInput(cancelRoundSchema, input); // the round's id only
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const pre = await visibleRound(tx, actor, v.roundId);
		if (!canManageRound(actor, pre)) throw new DomainError('rounds.forbidden');
		await ensureSettingsRow(tx, pre.buurt_id, { lock: true });
		const r = (await loadRound(tx, v.roundId, 'FOR UPDATE'))!;
		if (!canCancel(actor, r, at)) throw new DomainError('rounds.already_closed');
		const [{ n }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM buurtpot_round_voters WHERE round_id = $1', [r.id]);
		if (n > 0) throw new DomainError('rounds.already_has_ballots', { ballots: n });
		await tx.query('UPDATE buurtpot_rounds SET cancelled_at = $2, cancelled_by = $3 WHERE id = $1', [r.id, at, actor.accountId]);
		await tx.query('DELETE FROM buurtpot_round_secrets WHERE round_id = $1', [r.id]);
		const ids = (await roundProposals(tx, r.id)).map((p) => p.proposal_id).filter((id): id is string => !!id);
		await markProposalsForRound(tx, { proposalIds: ids, status: 'accepted', at, actorId: actor.accountId, roundId: r.id });
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'rounds.cancelled', subject: `round:${r.id}` });
		return { id: r.id };
	});
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface RoundSummary {
	id: string;
	buurtId: string;
	buurtName: string;
	title: string;
	isTest: boolean;
	phase: RoundPhase;
	rule: RoundRow['rule'];
	budgetCents: number;
	currency: string;
	opensAt: Date;
	closesAt: Date;
	closedAt: Date | null;
	proposalCount: number;
}

export const listRoundsSchema = z.object({ buurtId: z.uuid('rounds.not_found').optional() });

/**
 * The rounds the actor may see (optionally of one buurt), newest first. No results and no
 * counts of any kind: the list is the same before and after anyone votes.
 */
export async function listRounds(db: Queryable, actor: Actor, input: unknown = {}, now: Date): Promise<RoundSummary[]> {
	const v = parseInput(listRoundsSchema, input);
	const corporations = [...new Set(actor.staff.map((s) => s.corporationId))];
	const rows = await db.query<RoundRow & { proposals: number }>(
		`SELECT ${roundColumns}, (SELECT count(*)::int FROM buurtpot_round_proposals rp WHERE rp.round_id = r.id) AS proposals
		 ${roundFrom}
		 WHERE (r.buurt_id = ANY($1::uuid[]) OR r.corporation_id = ANY($2::uuid[])) AND ($3::uuid IS NULL OR r.buurt_id = $3)
		 ORDER BY r.created_at DESC, r.id LIMIT 200`,
		[[...actor.memberBuurtIds, ...associationBuurtIds(actor)], corporations, v.buurtId ?? null]
	);
	return rows
		.map((row) => ({ row: normalizeRound(row), proposals: row.proposals }))
		.filter(({ row }) => canViewRound(actor, row))
		.map(({ row, proposals }) => summarizeRound(row, proposals, now));
}

const summarizeRound = (r: RoundRow, proposalCount: number, now: Date): RoundSummary => ({
	id: r.id,
	buurtId: r.buurt_id,
	buurtName: r.buurt_name,
	title: r.title,
	isTest: r.is_test,
	phase: phaseOf(r, now),
	rule: r.rule,
	budgetCents: r.budget_cents,
	currency: r.currency,
	opensAt: r.opens_at,
	closesAt: r.closes_at,
	closedAt: r.closed_at,
	proposalCount
});

export interface RoundView extends RoundSummary {
	/** In this person's own random order (the same on every visit); canonical order for others. */
	proposals: { projectId: string; proposalId: string | null; title: string; costCents: number }[];
	maxChoices: number | null;
	utility: 'cost' | 'unit' | null;
	fill: boolean;
	budgetSource: RoundRow['budget_source'];
	sourceNote: string | null;
	/** The actor's household and its ballot (only ever their own). */
	household: { address: string; voted: boolean; via: 'online' | 'paper' | null } | null;
	/** Why the actor cannot vote now, or null. */
	voteBlock: ReturnType<typeof voteBlock>;
	/** Staff only, while the round runs: how many households voted, never what. */
	turnout: { online: number; paper: number } | null;
	can: { vote: boolean; enterPaper: boolean; close: boolean; closeEarly: boolean; cancel: boolean; manage: boolean };
}

/**
 * One round as the actor may see it: facts, the proposals in the actor's own random order, the
 * actor's household and whether it voted, and what they can do. Never a vote count before the
 * close (turnout for staff is how many households voted, not what).
 * Errors: rounds.not_found.
 */
export async function getRound(db: Queryable, actor: Actor, roundId: string, now: Date): Promise<RoundView> {
	const r = await visibleRound(db, actor, roundId);
	const proposals = await roundProposals(db, r.id);
	const unitId = householdOf(actor, r.buurt_id);
	let household: RoundView['household'] = null;
	if (unitId && !r.is_test) {
		const [u] = await db.query<{ street: string; house_number: number; addition: string; voted_via: 'online' | 'paper' | null }>(
			`SELECT u.street, u.house_number, u.addition, v.voted_via FROM units u
			 LEFT JOIN buurtpot_round_voters v ON v.round_id = $2 AND v.unit_id = u.id WHERE u.id = $1`,
			[unitId, r.id]
		);
		household = { address: `${u.street} ${u.house_number}${u.addition ? `-${u.addition}` : ''}`, voted: !!u.voted_via, via: u.voted_via };
	}
	const manage = canManageRound(actor, r);
	let turnout: RoundView['turnout'] = null;
	if (manage && !r.is_test) {
		const rows = await db.query<{ voted_via: 'online' | 'paper'; n: number }>(
			'SELECT voted_via, count(*)::int AS n FROM buurtpot_round_voters WHERE round_id = $1 GROUP BY voted_via',
			[r.id]
		);
		turnout = { online: rows.find((x) => x.voted_via === 'online')?.n ?? 0, paper: rows.find((x) => x.voted_via === 'paper')?.n ?? 0 };
	}
	const ordered = unitId && !r.is_test ? orderForVoter(proposals, r.id, actor.accountId) : [...proposals].sort((a, b) => compareIds(a.project_id, b.project_id));
	return {
		...summarizeRound(r, proposals.length, now),
		maxChoices: r.max_choices,
		utility: r.utility,
		fill: r.fill,
		budgetSource: r.budget_source,
		sourceNote: r.source_note,
		proposals: ordered.map((p) => ({ projectId: p.project_id, proposalId: p.proposal_id, title: p.title, costCents: p.cost_cents })),
		household,
		voteBlock: r.is_test ? 'closed' : voteBlock(actor, r, now),
		turnout,
		can: {
			vote: !r.is_test && voteBlock(actor, r, now) === null,
			enterPaper: canEnterPaper(actor, r, now),
			close: canClose(actor, r, now),
			closeEarly: !r.is_test && canCloseEarly(actor, r, now),
			// A vote once cast is never thrown away: no cancel button after the first ballot.
			cancel: canCancel(actor, r, now) && !!turnout && turnout.online + turnout.paper === 0,
			manage
		}
	};
}

/**
 * For the staff form: the buurt's accepted proposals (what can go on a ballot) and the money
 * available now. Staff of the buurt's corporation only.
 * Errors: rounds.not_found, rounds.forbidden.
 */
export async function prepareRound(db: Queryable, actor: Actor, buurtId: string, now: Date) {
	const buurt = await buurtToManageRounds(db, actor, buurtId);
	const accepted = await listProposals(db, actor, { buurtId, status: 'accepted' }, now);
	const money = await availableBudget(db, buurtId);
	return {
		buurt: { id: buurt.id, name: buurt.name },
		proposals: accepted
			.map((p) => ({ id: p.id, title: p.title, costCents: p.costCents, createdAt: p.createdAt }))
			.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime()),
		...money
	};
}
