import { createHash } from 'node:crypto';
import type { CountResult } from '../counting';

/**
 * Buurtpot rounds: vocabulary, row shapes, and the pure policies that use cases apply and
 * pages receive. A round runs through these phases (derived from its dates and columns, never
 * stored twice):
 *
 *   upcoming ──opens_at──▶ open ──closes_at──▶ closing ──close (job or staff)──▶ closed
 *      └────────────── cancel (staff, only while nobody voted) ──────────────▶ cancelled
 *
 * A test round (imported from a Pabulib file) is born closed and is always shown as a test.
 */

export const roundRules = ['knapsack', 'approval', 'equal-shares'] as const;
export type RoundRule = (typeof roundRules)[number];
export const utilities = ['cost', 'unit'] as const;
export const budgetSources = ['balance', 'amount'] as const;
export type RoundPhase = 'upcoming' | 'open' | 'closing' | 'closed' | 'cancelled' | 'test';

/** €1,000,000 in cents: a typo guard for a neighbourhood budget. */
export const MAX_BUDGET_CENTS = 100_000_000;
/** More proposals than this on one ballot is no longer a neighbourhood vote. */
export const MAX_PROPOSALS = 200;
/** A Pabulib upload larger than this is refused before it is read (the big real ones are ~10 MB). */
export const MAX_PB_BYTES = 20 * 1024 * 1024;

export interface RoundRow {
	id: string;
	buurt_id: string;
	buurt_name: string;
	corporation_id: string;
	title: string;
	is_test: boolean;
	budget_source: 'balance' | 'amount' | 'file';
	budget_cents: number;
	currency: string;
	rule: RoundRule;
	max_choices: number | null;
	utility: 'cost' | 'unit' | null;
	fill: boolean;
	opens_at: Date;
	closes_at: Date;
	created_by: string;
	created_at: Date;
	closed_at: Date | null;
	closed_by: string | null;
	result: RoundResult | null;
	cancelled_at: Date | null;
	source_note: string | null;
	closed_early_reason: string | null;
}

export const roundColumns = `r.id, r.buurt_id, b.name AS buurt_name, r.corporation_id, r.title, r.is_test, r.budget_source,
	r.budget_cents, r.currency, r.rule, r.max_choices, r.utility, r.fill, r.opens_at, r.closes_at, r.created_by, r.created_at,
	r.closed_at, r.closed_by, r.result, r.cancelled_at, r.source_note, r.closed_early_reason`;
export const roundFrom = `FROM buurtpot_rounds r JOIN buurten b ON b.id = r.buurt_id`;

export const normalizeRound = (r: RoundRow): RoundRow => ({
	...r,
	budget_cents: Number(r.budget_cents),
	result: typeof r.result === 'string' ? (JSON.parse(r.result) as RoundResult) : r.result
});

export interface RoundProposalRow {
	project_id: string;
	proposal_id: string | null;
	title: string;
	cost_cents: number;
	position: number;
	votes: number | null;
	won: boolean | null;
}

/**
 * What the close stores, once. Amounts in cents (of the round's currency); the counting module's
 * own result (`count`) is in counting units: whole euros when every cost is a whole number of
 * euros (so Add1 steps by €1 per voter, as on equalshares.net and in Pabulib files), else cents.
 */
export interface RoundResult {
	version: 1;
	rule: RoundRule;
	utility: 'cost' | 'unit' | null;
	fill: boolean;
	/** Cents per counting unit: 100 (euros) or 1 (cents). */
	factor: 100 | 1;
	/** Ballots counted, and where they came from. */
	ballots: number;
	online: number;
	paper: number;
	imported: number;
	budgetCents: number;
	spentCents: number;
	leftCents: number;
	/** Project ids in the order they were chosen. */
	winners: string[];
	/** Votes (approvals) per project id. */
	votes: Record<string, number>;
	count: CountResult;
}

export function phaseOf(r: Pick<RoundRow, 'is_test' | 'cancelled_at' | 'closed_at' | 'opens_at' | 'closes_at'>, now: Date): RoundPhase {
	if (r.is_test) return 'test';
	if (r.cancelled_at) return 'cancelled';
	if (r.closed_at) return 'closed';
	if (now.getTime() < new Date(r.opens_at).getTime()) return 'upcoming';
	if (now.getTime() < new Date(r.closes_at).getTime()) return 'open';
	return 'closing';
}

export const hasResults = (phase: RoundPhase) => phase === 'closed' || phase === 'test';

// ---------------------------------------------------------------------------------------------
// Helpers

/**
 * Proposals in a random order per voter, the same on every reload: sorted by a hash of round,
 * voter and proposal. Nobody's ballot is shaped by which proposal happens to be listed first.
 */
export function orderForVoter<T extends { project_id: string }>(items: readonly T[], roundId: string, accountId: string): T[] {
	const rank = (p: T) => createHash('sha256').update(`${roundId}:${accountId}:${p.project_id}`).digest('hex');
	return items
		.map((p) => ({ p, k: rank(p) }))
		.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
		.map((x) => x.p);
}

const AMS = 'Europe/Amsterdam';

/** Offset (ms) of Amsterdam wall-clock time from UTC at the given instant. */
function amsterdamOffset(ms: number): number {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: AMS,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(new Date(ms));
	const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
	return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * A moment as typed: "2026-03-20T20:00" (a datetime-local field: Amsterdam time) or an ISO
 * date-time with a zone (the API). Anything else is returned as is, for the schema to refuse.
 */
export function parseMoment(v: unknown): unknown {
	if (v instanceof Date) return v;
	if (typeof v !== 'string' || v.trim() === '') return undefined;
	const s = v.trim();
	const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
	if (local) {
		const [, y, mo, d, h, mi, sec] = local.map(Number);
		const asUtc = Date.UTC(y, mo - 1, d, h, mi, sec || 0);
		const check = new Date(asUtc);
		if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return s;
		let utc = asUtc - amsterdamOffset(asUtc);
		const second = amsterdamOffset(utc);
		if (asUtc - second !== utc) utc = asUtc - second;
		return new Date(utc);
	}
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) {
		const d = new Date(s);
		return Number.isNaN(d.getTime()) ? s : d;
	}
	return s;
}

/** The value for a datetime-local field: Amsterdam wall-clock time, to the minute. */
export function toLocalInput(d: Date): string {
	const wall = new Date(d.getTime() + amsterdamOffset(d.getTime()));
	return wall.toISOString().slice(0, 16);
}

/** Project ids sort naturally ("2" before "10"), as the counting module's last tie-breaker does. */
export { compareIds } from '../counting';
