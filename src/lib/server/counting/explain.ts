/**
 * Plain-language explanation of a count, one line per fact, in English. Meant for the CLI and
 * for developers; the app builds its own (translated) texts from the same result fields.
 */

import type { EqualSharesResult } from './equal-shares';
import type { EqualSharesRound } from './equal-shares-run';
import type { GreedyResult } from './greedy';
import type { CountResult } from './rules';

export interface ExplainOptions {
	/** Project names by id, to make lines readable. */
	names?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
	/** Longest name shown before it is cut off. */
	maxNameLength?: number;
}

export const TIE_BREAKING = {
	greedy: 'ties on votes go to the cheaper project, then to the lower project id',
	equalShares:
		'ties on price per unit of utility go to the cheaper project, then to the one with more votes, then to the lower project id'
} as const;

function label(id: string, options: ExplainOptions): string {
	const names = options.names;
	const name = names instanceof Map ? names.get(id) : (names as Record<string, string> | undefined)?.[id];
	if (!name) return id;
	const max = options.maxNameLength ?? 60;
	const short = name.length > max ? `${name.slice(0, max - 1)}…` : name;
	return `${id} "${short}"`;
}

const money = (amount: number): string => amount.toFixed(2);
const whole = (amount: number): string => (Number.isInteger(amount) ? String(amount) : amount.toFixed(2));
const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

export function explainGreedy(result: GreedyResult, options: ExplainOptions = {}): string[] {
	const lines = [
		result.rule === 'knapsack'
			? 'Rule: knapsack voting, counted greedily by number of votes (ballots may not exceed the budget).'
			: 'Rule: approval voting, counted greedily by number of votes.',
		`${plural(result.voters, 'ballot')}; budget ${whole(result.spent + result.left)}.`,
		`Projects are taken in order of votes and funded if they still fit; ${TIE_BREAKING.greedy}.`
	];
	result.steps.forEach((step, i) => {
		const head = `${i + 1}. ${label(step.projectId, options)}: ${plural(step.approvals, 'vote')}, cost ${whole(step.cost)}`;
		lines.push(
			step.funded
				? `${head}: funded (${whole(step.leftBefore - step.cost)} left).`
				: `${head}: skipped, only ${whole(step.leftBefore)} left.`
		);
	});
	lines.push(`Spent ${whole(result.spent)}; ${whole(result.left)} left.`);
	return lines;
}

function add1Line(result: EqualSharesResult): string | null {
	if (result.completion === 'none') return null;
	const because: Record<EqualSharesResult['add1Stop'], string> = {
		'not-run': 'there were no voters',
		'over-budget': 'one more step would have selected projects costing more than the real budget',
		exhaustive: 'nothing else would have fitted in what was left',
		'all-funded': 'every project with a vote was already funded',
		'run-limit': 'the safety limit on re-runs was reached'
	};
	if (result.add1Steps === 0) {
		return `Add1 completion: kept the first outcome, because ${because[result.add1Stop]}.`;
	}
	return (
		`Add1 completion: the share was raised ${plural(result.add1Steps, 'time')} by 1 per voter, to ` +
		`${money(result.virtualSharePerVoter)} per voter (virtual budget ${whole(result.virtualBudget)}); ` +
		`stopped because ${because[result.add1Stop]}.`
	);
}

/** "each of the 12 supporters paid 4.17 of their share of 50.00." and the like. */
function paymentSentences(round: EqualSharesRound, share: string): string[] {
	const paid = money(round.maxPayment);
	if (round.payingMax === round.approvals) {
		return [
			round.approvals === 1
				? `its one supporter paid ${paid} of their share of ${share}.`
				: `each of the ${round.approvals} supporters paid ${paid} of their share of ${share}.`
		];
	}
	const sentences = [`${plural(round.payingMax, 'supporter')} paid ${paid} each (of their share of ${share});`];
	if (round.payingRest > 0) {
		sentences.push(`${plural(round.payingRest, 'supporter')} with less left paid all of it (${money(round.paidByRest)} together)${round.payingNothing > 0 ? ';' : '.'}`);
	}
	if (round.payingNothing > 0) sentences.push(`${plural(round.payingNothing, 'supporter')} had nothing left.`);
	return sentences;
}

export function explainEqualShares(result: EqualSharesResult, options: ExplainOptions = {}): string[] {
	const budget = result.spent + result.left;
	const utility =
		result.utility === 'cost'
			? 'a project is worth its cost to each supporter, so the price per unit of utility is the largest payment divided by the cost'
			: 'every approved project is worth 1 to each supporter, so the price per unit of utility is the largest payment';
	const lines = [
		`Rule: Method of Equal Shares (utility: ${result.utility}; ${utility}).`,
		`${plural(result.voters, 'voter')}; budget ${whole(budget)}, so each voter starts with an equal share of ${money(result.sharePerVoter)}.`
	];
	const add1 = add1Line(result);
	if (add1) lines.push(add1);
	lines.push(
		`Each round funds the project its supporters can pay for at the lowest price per unit of utility; supporters pay equally, or all they have left if that is less; ${TIE_BREAKING.equalShares}.`
	);
	const share = money(result.virtualSharePerVoter);
	result.rounds.forEach((round, i) => {
		const parts = [`Round ${i + 1}: ${label(round.projectId, options)}, cost ${whole(round.cost)}, ${plural(round.approvals, 'vote')}:`];
		parts.push(...paymentSentences(round, share));
		if (round.tiedWith.length > 0) parts.push(`(Tied with ${round.tiedWith.map((id) => label(id, options)).join(', ')}; won on tie-breaking.)`);
		lines.push(parts.join(' '));
	});
	for (const drop of result.dropped) {
		lines.push(
			`Not funded: ${label(drop.projectId, options)}, cost ${whole(drop.cost)}, ${plural(drop.approvals, 'vote')}: ` +
				`after ${plural(drop.afterRound, 'funded project')} its supporters had only ${money(drop.moneyBehind)} left.`
		);
	}
	if (result.filled.length > 0) {
		lines.push(`Fill: funded greedily by votes with what was left: ${result.filled.map((id) => label(id, options)).join(', ')}.`);
	}
	lines.push(`Spent ${whole(result.spent)} of ${whole(budget)}; ${whole(result.left)} left.`);
	return lines;
}

export function explain(result: CountResult, options: ExplainOptions = {}): string[] {
	return result.rule === 'equal-shares' ? explainEqualShares(result, options) : explainGreedy(result, options);
}
