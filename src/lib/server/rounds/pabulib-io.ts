import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { PabulibError, budgetOf, compareIds, parsePabulib, writePabulib, type PbElection } from '../counting';
import { insertAnonymousBallots, loadBallots, shuffled } from './ballots';
import { computeRoundResult, storeResult } from './results';
import { MAX_BUDGET_CENTS, MAX_PB_BYTES, hasResults, phaseOf, roundRules, utilities } from './model';
import { roundProposals, visibleRound } from './rounds';
import { buurtToManageRounds } from './policy';

/**
 * Pabulib (.pb, pabulib.org) in and out, so anyone can check our counting against other tools:
 * - export: a closed round as a .pb file — ballots anonymised: voter ids 1…n given in a fresh
 *   random order, no unit ids, no accounts, no dates;
 * - import: staff upload a .pb file; it becomes a closed TEST round of a buurt (clearly marked,
 *   no money moves, no proposals change), counted with the rule they chose.
 */

const pbDate = (d: Date) => {
	const s = d.toISOString();
	return `${s.slice(8, 10)}.${s.slice(5, 7)}.${s.slice(0, 4)}`;
};

const pabulibRule = { knapsack: 'greedy', approval: 'greedy', 'equal-shares': 'equalshares/add1' } as const;

/**
 * A closed round (or test round) as a Pabulib file. Costs and budget are written in the unit the
 * round was counted in (whole euros, or cents with META `noaber_cost_unit;cent`), so counting the
 * file with the same rule gives the same winners.
 * Errors: rounds.not_found, rounds.results_not_found (before the close: no export exists).
 */
export async function exportRoundPabulib(db: Queryable, actor: Actor, roundId: string, now: Date): Promise<{ filename: string; text: string }> {
	const r = await visibleRound(db, actor, roundId);
	if (!hasResults(phaseOf(r, now)) || !r.result || !r.closed_at) throw new DomainError('rounds.results_not_found');
	const result = r.result;
	const factor = result.factor;
	const proposals = await roundProposals(db, r.id);
	const winners = new Set(result.winners);
	const ballots = shuffled(await loadBallots(db, r.id));
	const meta: Record<string, string> = {
		description: r.title,
		country: 'Netherlands',
		unit: r.buurt_name,
		instance: String(new Date(r.closes_at).getUTCFullYear()),
		num_projects: String(proposals.length),
		num_votes: String(ballots.length),
		budget: String(r.budget_cents / factor),
		vote_type: 'approval',
		rule: pabulibRule[r.rule],
		date_begin: pbDate(r.opens_at),
		date_end: pbDate(r.closes_at),
		currency: r.currency,
		language: 'nl',
		noaber_rule: r.rule
	};
	if (r.rule === 'approval' && r.max_choices) meta.max_length = String(r.max_choices);
	if (r.rule === 'knapsack') meta.max_sum_cost = meta.budget;
	if (r.rule === 'equal-shares') {
		meta.noaber_utility = r.utility ?? 'cost';
		meta.noaber_fill = r.fill ? 'yes' : 'no';
	}
	if (factor === 1) meta.noaber_cost_unit = 'cent';
	if (r.is_test) meta.comment = `Noaber test round${r.source_note ? `: ${r.source_note}` : ''}`;
	const election: PbElection = {
		meta,
		projects: [...proposals]
			.sort((a, b) => compareIds(a.project_id, b.project_id))
			.map((p) => ({ id: p.project_id, cost: p.cost_cents / factor, name: p.title, selected: winners.has(p.project_id) ? 1 : 0, extra: { votes: String(result.votes[p.project_id] ?? 0) } })),
		votes: ballots.map((choices, i) => ({ voterId: String(i + 1), projectIds: choices, extra: {} })),
		columns: { projects: ['project_id', 'cost', 'votes', 'name', 'selected'], votes: ['voter_id', 'vote'] }
	};
	const slug = r.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'ronde';
	return { filename: `noaber-${slug}-${r.id.slice(0, 8)}.pb`, text: writePabulib(election) };
}

export const importTestRoundSchema = z
	.object({
		buurtId: z.uuid('rounds.buurt_required'),
		text: plainText({ error: 'rounds.pb_required' }).min(1, 'rounds.pb_required').max(MAX_PB_BYTES, 'rounds.pb_too_large'),
		fileName: plainText().trim().max(200).optional(),
		rule: z.enum(roundRules, 'rounds.rule_required'),
		utility: z.enum(utilities, 'validation.choice').optional(),
		fill: z.boolean().optional()
	})
	.superRefine((v, ctx) => {
		if (v.rule !== 'equal-shares' && v.fill) ctx.addIssue({ code: 'custom', path: ['fill'], message: 'rounds.fill_only_mes' });
	});

/**
 * Staff import a Pabulib file as a closed TEST round of a buurt: projects and ballots as in the
 * file (costs in whole units of its currency; `noaber_cost_unit;cent` files are in cents), budget
 * from META, counted with the chosen rule from the ballots as stored. No money moves, no
 * proposal changes, no household is involved. All or nothing: a file with a problem leaves
 * nothing behind.
 * Errors: validation.invalid (file → rounds.pb_required | rounds.pb_too_large), rounds.pb_invalid
 * {line (1-based; 0 = not tied to a line), detail} (field file → rounds.pb_file_invalid),
 * rounds.pb_no_projects | rounds.pb_budget_too_big | rounds.pb_project_id {id} (field file),
 * rounds.forbidden.
 */
export async function importPabulibTestRound(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string; ballots: number; projects: number }> {
	// Scope, then role, then the body (people/scope.ts).
	await buurtToManageRounds(ctx.db, actor, parseTarget(importTestRoundSchema, 'buurtId', input));
	let v;
	try {
		v = parseInput(importTestRoundSchema, input);
	} catch (err) {
		// The use case's field is `text`; forms and the API call it `file`.
		if (err instanceof DomainError && err.fields.text) {
			err.fields.file = err.fields.text;
			delete err.fields.text;
		}
		throw err;
	}
	const at = ctx.clock();
	const buurt = await buurtToManageRounds(ctx.db, actor, v.buurtId);
	const fileError = (code: string, details: Record<string, unknown> = {}, field = code) => new DomainError(code, details, { file: field });

	let election: PbElection;
	let budget: number;
	try {
		election = parsePabulib(v.text);
		budget = budgetOf(election);
	} catch (err) {
		if (err instanceof PabulibError) throw fileError('rounds.pb_invalid', { line: err.line, detail: err.detail }, 'rounds.pb_file_invalid');
		throw err;
	}
	if (election.projects.length === 0) throw fileError('rounds.pb_no_projects');
	const inCents = election.meta.noaber_cost_unit === 'cent';
	const toCents = (amount: number) => Math.round(inCents ? amount : amount * 100);
	const budgetCents = toCents(budget);
	if (budgetCents > MAX_BUDGET_CENTS * 1000 || election.projects.some((p) => toCents(p.cost) > MAX_BUDGET_CENTS * 1000)) throw fileError('rounds.pb_budget_too_big');
	const badId = election.projects.find((p) => !/^[^,;"\s]{1,64}$/.test(p.id));
	if (badId) throw fileError('rounds.pb_project_id', { id: badId.id.slice(0, 64) });
	const currency = /^[A-Za-z]{3}$/.test(election.meta.currency ?? '') ? election.meta.currency.toUpperCase() : 'EUR';
	const description = (election.meta.description ?? '').trim();
	const title = (description || v.fileName || 'Pabulib').slice(0, 120).padEnd(3, '.');
	const note = [v.fileName, [election.meta.country, election.meta.unit, election.meta.instance].filter(Boolean).join(' ')].filter(Boolean).join(' — ').slice(0, 300) || null;

	return ctx.db.transaction(async (tx) => {
		const [round] = await tx.query<{ id: string }>(
			`INSERT INTO buurtpot_rounds (buurt_id, corporation_id, title, is_test, budget_source, budget_cents, currency, rule, max_choices,
				utility, fill, opens_at, closes_at, created_by, created_at, source_note)
			 VALUES ($1, $2, $3, true, 'file', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
			[
				buurt.id,
				buurt.corporation_id,
				title,
				budgetCents,
				currency,
				v.rule,
				v.rule === 'approval' && /^\d+$/.test(election.meta.max_length ?? '') && Number(election.meta.max_length) >= 1 ? Math.min(Number(election.meta.max_length), 1000) : null,
				v.rule === 'equal-shares' ? (v.utility ?? 'cost') : null,
				v.rule === 'equal-shares' ? (v.fill ?? false) : false,
				new Date(at.getTime() - 1000),
				at,
				actor.accountId,
				at,
				note
			]
		);
		const projects = election.projects;
		await tx.query(
			`INSERT INTO buurtpot_round_proposals (round_id, project_id, title, cost_cents, position)
			 SELECT $1, t.pid, t.title, t.cost, t.pos FROM unnest($2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS t(pid, title, cost, pos)`,
			[round.id, projects.map((p) => p.id), projects.map((p) => (p.name.trim() || p.id).slice(0, 300)), projects.map((p) => toCents(p.cost))]
		);
		await insertAnonymousBallots(tx, round.id, election.votes.map((x) => x.projectIds));
		// Counted from the ballots as stored, exactly as a real round is.
		const proposals = await roundProposals(tx, round.id);
		const ballots = await loadBallots(tx, round.id);
		const r = { rule: v.rule, utility: v.rule === 'equal-shares' ? (v.utility ?? 'cost') : null, fill: v.rule === 'equal-shares' ? (v.fill ?? false) : false, budget_cents: budgetCents };
		const result = computeRoundResult(r, proposals, ballots, { online: 0, paper: 0, imported: ballots.length });
		await storeResult(tx, round, proposals, result, { at, actorId: actor.accountId });
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'rounds.test_imported', subject: `round:${round.id}`, details: { projects: projects.length, ballots: ballots.length, rule: v.rule } });
		return { id: round.id, ballots: ballots.length, projects: projects.length };
	});
}
