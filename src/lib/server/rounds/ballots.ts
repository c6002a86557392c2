import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { addition, houseNumber, postcode } from '../places';
import { validateBallot } from '../counting';
import { compareIds, phaseOf, type RoundProposalRow, type RoundRow } from './model';
import { canManageRound, householdOf, voteBlock } from './policy';
import { roundProposals, visibleRound } from './rounds';

/**
 * The secret ballot: one ballot per household (unit), and nobody — admins included — can see
 * who voted what.
 *
 * How it is stored (migration 0060):
 * - buurtpot_round_voters (round, unit, online|paper, day, entered_by): WHO voted. Prevents
 *   double voting; it never holds a choice.
 * - buurtpot_round_ballots (round, ballot_key, choices): WHAT was voted. No account, no unit, no
 *   time, no sequence: nothing to join on and nothing to line up.
 *
 * A household may change its online ballot until the close, so its row must be found again
 * without storing who it belongs to: ballot_key = HMAC-SHA256(round secret, round id:unit id).
 * The round secret (32 random bytes) is generated when the round opens, kept in
 * buurtpot_round_secrets — a table only this file reads, outside the ballot tables — never
 * logged, never returned by any API, and DELETED at the close (and on cancel).
 *
 * The trade-off, honestly: while a round is open, a person who can read the whole database
 * (the secrets table included) could recompute every household's key and read its ballot. The
 * application never does that for anyone but the household itself (getMyBallot), no page or API
 * shows anyone else's ballot, and no log line contains choices. After the close the secret is
 * gone, so ballots can no longer be linked to households by anyone (except from a database
 * backup made during the vote, or old row versions PostgreSQL has not yet vacuumed). Storing the
 * key outside the database (an environment secret) would raise the bar during the vote too; the
 * per-round deletion is what makes the link disappear afterwards.
 *
 * What the database itself knows, and what the close does about it: a voter row and the ballot
 * written in the same transaction share that transaction's id (the hidden xmin column) and sit
 * at matching places in their tables, and a server with statement logging switched on (PostgreSQL
 * `log_statement = all`, pgaudit) writes both statements side by side. So during the vote a
 * database administrator can link ballots to households even without the secret; keep statement
 * logging off in production. At the close (anonymiseBallots, below) every ballot of the round is
 * deleted and written again, in a random order, with new random keys, in the close's single
 * transaction: afterwards no key, row order or transaction id connects a ballot to a voter row,
 * and even the deleted secret would not find a ballot any more. What remains are database
 * backups and WAL archives made during the vote, and dead row versions until VACUUM removes them.
 *
 * Deliberately NOT used here, because each would link a household to its choices:
 * - idempotency records (they store a fingerprint of the input, choices included, per account);
 *   casting is naturally idempotent: the same ballot twice leaves the same state;
 * - audit rows for online votes (their time would line up with the ballot); paper ballots are
 *   audited as "who entered how many", never which household or what;
 * - timestamps on ballots; the voter row keeps only the day.
 *
 * Paper ballots get a random key: they are never linkable, not even during the vote.
 */

/** The household's ballot key: HMAC of round and unit with the round's secret. */
export function ballotKey(secret: Uint8Array, roundId: string, unitId: string): string {
	return createHmac('sha256', secret).update(`${roundId}:${unitId}`).digest('hex');
}

const randomKey = () => randomBytes(32).toString('hex');

async function roundSecret(q: Queryable, roundId: string): Promise<Uint8Array | null> {
	const [row] = await q.query<{ secret: Uint8Array }>('SELECT secret FROM buurtpot_round_secrets WHERE round_id = $1', [roundId]);
	return row ? row.secret : null;
}

/** Ballot problems, shown next to the choices (and as the API error code). */
const ballotErrors = {
	'ballot.unknown_project': 'rounds.ballot_unknown_proposal',
	'ballot.duplicate': 'rounds.ballot_duplicate',
	'ballot.too_many': 'rounds.ballot_too_many',
	'ballot.too_few': 'rounds.ballot_empty',
	'ballot.over_budget': 'rounds.ballot_over_budget'
} as const;

/**
 * Checks a ballot against the round's rule: known proposals, each once, at least one; knapsack:
 * total cost within the budget; approval: at most K. Returns the sorted choices.
 */
export function checkBallot(r: Pick<RoundRow, 'rule' | 'budget_cents' | 'max_choices'>, proposals: readonly RoundProposalRow[], choices: readonly string[]): string[] {
	const costs = new Map(proposals.map((p) => [p.project_id, p.cost_cents]));
	const problem = validateBallot(r.rule, choices, { budget: r.budget_cents, costs, maxChoices: r.max_choices ?? undefined, minChoices: 1 });
	if (problem) {
		const code = ballotErrors[problem];
		const total = choices.reduce((s, id) => s + (costs.get(id) ?? 0), 0);
		throw new DomainError(code, { totalCents: total, budgetCents: r.budget_cents, max: r.max_choices ?? 0, chosen: choices.length }, { choices: code });
	}
	return [...choices].sort(compareIds);
}

const choicesSchema = z.array(plainText().max(64), { error: 'rounds.ballot_empty' }).max(1000, 'rounds.ballot_too_many');

export const castBallotSchema = z.object({ roundId: z.uuid('rounds.not_found'), choices: choicesSchema });

const voteForbidden = (reason: string) => new DomainError('rounds.voting.forbidden', { reason });
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A household votes online, or changes its online ballot (the new one replaces the old; only
 * the close counts). Only members of the round's buurt, only while the round is open.
 * Errors: validation.invalid, rounds.not_found (404: not the actor's buurt), rounds.voting.forbidden
 * {reason: not_open_yet | closed | no_household} (403), rounds.ballot_empty | ballot_too_many |
 * ballot_over_budget | ballot_duplicate | ballot_unknown_proposal (400, field choices),
 * rounds.already_voted_paper (409: the household's paper ballot was entered).
 */
export async function castBallot(ctx: Ctx, actor: Actor, input: unknown): Promise<{ replaced: boolean; choices: string[] }> {
	const v = parseInput(castBallotSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// FOR SHARE: ballots go in side by side; the close (FOR UPDATE) waits for them and they
		// wait for the close, so no ballot lands in a counted round.
		const r = await visibleRound(tx, actor, v.roundId, 'FOR SHARE');
		const block = r.is_test ? 'closed' : voteBlock(actor, r, at);
		if (block) throw voteForbidden(block);
		const unitId = householdOf(actor, r.buurt_id)!;
		const choices = checkBallot(r, await roundProposals(tx, r.id), v.choices);
		const secret = await roundSecret(tx, r.id);
		if (!secret) throw voteForbidden('closed');
		const inserted = await tx.query(
			`INSERT INTO buurtpot_round_voters (round_id, unit_id, voted_via, voted_on) VALUES ($1, $2, 'online', $3)
			 ON CONFLICT DO NOTHING RETURNING unit_id`,
			[r.id, unitId, isoDay(at)]
		);
		if (inserted.length === 0) {
			const [voter] = await tx.query<{ voted_via: string }>('SELECT voted_via FROM buurtpot_round_voters WHERE round_id = $1 AND unit_id = $2 FOR UPDATE', [r.id, unitId]);
			if (voter.voted_via === 'paper') throw new DomainError('rounds.already_voted_paper');
		}
		await tx.query(
			`INSERT INTO buurtpot_round_ballots (round_id, ballot_key, choices) VALUES ($1, $2, $3::text[])
			 ON CONFLICT (round_id, ballot_key) DO UPDATE SET choices = EXCLUDED.choices`,
			[r.id, ballotKey(secret, r.id, unitId), choices]
		);
		return { replaced: inserted.length === 0, choices };
	});
}

export interface MyBallot {
	roundId: string;
	/** The household's address, so the person knows for which home they vote. */
	household: string | null;
	voted: boolean;
	via: 'online' | 'paper' | null;
	/** The household's online ballot while the round is open; null after the close (the link is gone) or for paper. */
	choices: string[] | null;
	canChange: boolean;
}

/**
 * The actor's own household's ballot — never anyone else's. After the close only "voted" is
 * known: the ballot can no longer be found (its key's secret was deleted).
 * Errors: rounds.not_found.
 */
export async function getMyBallot(db: Queryable, actor: Actor, roundId: string, now: Date): Promise<MyBallot> {
	const r = await visibleRound(db, actor, roundId);
	const unitId = r.is_test ? null : householdOf(actor, r.buurt_id);
	if (!unitId) return { roundId: r.id, household: null, voted: false, via: null, choices: null, canChange: false };
	const [u] = await db.query<{ street: string; house_number: number; addition: string; voted_via: 'online' | 'paper' | null }>(
		`SELECT u.street, u.house_number, u.addition, v.voted_via FROM units u
		 LEFT JOIN buurtpot_round_voters v ON v.round_id = $2 AND v.unit_id = u.id WHERE u.id = $1`,
		[unitId, r.id]
	);
	let choices: string[] | null = null;
	if (u.voted_via === 'online' && phaseOf(r, now) !== 'closed') {
		const secret = await roundSecret(db, r.id);
		if (secret) {
			const [b] = await db.query<{ choices: string[] }>('SELECT choices FROM buurtpot_round_ballots WHERE round_id = $1 AND ballot_key = $2', [r.id, ballotKey(secret, r.id, unitId)]);
			choices = b?.choices ?? null;
		}
	}
	return {
		roundId: r.id,
		household: `${u.street} ${u.house_number}${u.addition ? `-${u.addition}` : ''}`,
		voted: !!u.voted_via,
		via: u.voted_via,
		choices,
		canChange: voteBlock(actor, r, now) === null && u.voted_via !== 'paper'
	};
}

export const enterPaperBallotSchema = z.object({
	roundId: z.uuid('rounds.not_found'),
	postcode,
	houseNumber,
	addition,
	choices: choicesSchema
});

/**
 * Staff type in a household's paper ballot. One ballot per household: a household that voted
 * online cannot also vote on paper (and the other way round), and a second paper ballot for the
 * same household is refused, never counted twice — with one error that does not say whether the
 * household voted online or on paper. Audited as "who entered how many" — never which household
 * or what it chose.
 * Errors: validation.invalid (postcode/houseNumber → places.*, rounds.household_not_found;
 * choices → rounds.ballot_*), rounds.not_found, rounds.forbidden, rounds.voting.forbidden
 * {reason: not_open_yet | closed}, rounds.household_already_voted (409).
 */
export async function enterPaperBallot(ctx: Ctx, actor: Actor, input: unknown): Promise<{ enteredByYou: number }> {
	const roundId = parseTarget(enterPaperBallotSchema, 'roundId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// Scope, then role, then the body (people/scope.ts).
		const r = await visibleRound(tx, actor, roundId, 'FOR SHARE');
		if (!canManageRound(actor, r)) throw new DomainError('rounds.forbidden');
		const v = parseInput(enterPaperBallotSchema, input);
		const phase = phaseOf(r, at);
		if (phase !== 'open') throw voteForbidden(phase === 'upcoming' ? 'not_open_yet' : 'closed');
		const [unit] = await tx.query<{ id: string }>(
			`SELECT u.id FROM units u JOIN complexes c ON c.id = u.complex_id
			 WHERE c.buurt_id = $1 AND u.postcode = $2 AND u.house_number = $3 AND u.addition = $4`,
			[r.buurt_id, v.postcode, v.houseNumber, v.addition]
		);
		if (!unit) throw new DomainError('validation.invalid', {}, { postcode: 'rounds.household_not_found' });
		const choices = checkBallot(r, await roundProposals(tx, r.id), v.choices);
		const inserted = await tx.query(
			`INSERT INTO buurtpot_round_voters (round_id, unit_id, voted_via, voted_on, entered_by) VALUES ($1, $2, 'paper', $3, $4)
			 ON CONFLICT DO NOTHING RETURNING unit_id`,
			[r.id, unit.id, isoDay(at), actor.accountId]
		);
		// One answer whichever way the household voted: staff learn counts, never a household's channel.
		if (inserted.length === 0) throw new DomainError('rounds.household_already_voted');
		await tx.query('INSERT INTO buurtpot_round_ballots (round_id, ballot_key, choices) VALUES ($1, $2, $3::text[])', [r.id, randomKey(), choices]);
		const [{ n }] = await tx.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM buurtpot_round_voters WHERE round_id = $1 AND voted_via = 'paper' AND entered_by = $2`,
			[r.id, actor.accountId]
		);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'rounds.paper_ballot_entered', subject: `round:${r.id}`, details: { enteredByYou: n } });
		return { enteredByYou: n };
	});
}

/** Fisher–Yates with the crypto generator: an order that says nothing about anyone. */
export function shuffled<T>(items: readonly T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * For the close, inside its transaction (before the round is marked closed): every ballot of the
 * round is deleted and written again in a random order with new random keys, so that nothing in
 * the database connects a ballot to a voter row any more (see the top of this file). Returns the
 * ballots as now stored.
 */
export async function anonymiseBallots(tx: Queryable, roundId: string): Promise<string[][]> {
	const rows = await tx.query<{ choices: string[] }>('DELETE FROM buurtpot_round_ballots WHERE round_id = $1 RETURNING choices', [roundId]);
	const ballots = shuffled(rows.map((r) => r.choices));
	await insertAnonymousBallots(tx, roundId, ballots);
	return ballots;
}

/** Every ballot of a round, for counting and export: choices only, in storage order (meaningless). */
export async function loadBallots(q: Queryable, roundId: string): Promise<string[][]> {
	const rows = await q.query<{ choices: string[] }>('SELECT choices FROM buurtpot_round_ballots WHERE round_id = $1', [roundId]);
	return rows.map((r) => r.choices);
}

/**
 * Inserts ballots without households, in batches, with random keys: test rounds imported from a
 * Pabulib file (and the benchmark). Ballots are joined with ',' and split again in SQL because
 * PostgreSQL arrays of arrays must be rectangular.
 */
export async function insertAnonymousBallots(tx: Queryable, roundId: string, ballots: readonly (readonly string[])[], batch = 5000): Promise<void> {
	for (let i = 0; i < ballots.length; i += batch) {
		const slice = ballots.slice(i, i + batch);
		await tx.query(
			`INSERT INTO buurtpot_round_ballots (round_id, ballot_key, choices)
			 SELECT $1, k, CASE WHEN c = '' THEN '{}'::text[] ELSE string_to_array(c, ',') END FROM unnest($2::text[], $3::text[]) AS t(k, c)`,
			[roundId, slice.map(() => randomKey()), slice.map((b) => [...b].sort(compareIds).join(','))]
		);
	}
}
