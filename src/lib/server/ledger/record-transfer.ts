import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import type { Entry, Leg, PostedTransfer } from './model';
import { loadTransfer } from './queries';
import { guardConflicts } from './transaction';

/** A validated transfer, from postTransfer, postReversal or postTopUp. */
export interface TransferRequest {
	id: string;
	code: string;
	note: string | null;
	actorId: string | null;
	reversesId: string | null;
	reason: string | null;
	at: Date;
	legs: Omit<Leg, 'legNo'>[];
}

/**
 * The ledger's engine. One transfer is one call of the SQL function ledger_post_transfer
 * (migrations/0021_ledger_faster.sql, after 0020_ledger.sql), a single statement: atomic on its
 * own and one round trip, both inside a caller's transaction and, for the standalone wrappers,
 * as PostgreSQL's implicit single-statement transaction. It locks the involved accounts in id
 * order, applies the legs to the locked balances, checks every rule (limits after every leg) and
 * writes only when all hold: the transfer, its legs, one entry per account and the accounts' new
 * balances. This function turns its verdict into the result or a DomainError. Every DomainError
 * means nothing was written, so a caller may catch `ledger.limit_exceeded` and carry on in its
 * transaction (e.g. leave a reward pending).
 *
 * Two posts of one id at the same time: the id claim (INSERT … ON CONFLICT DO NOTHING) waits
 * for the other claim and then writes nothing, and the loser answers from the winner's row (the
 * first result, or ledger.idempotency_mismatch). Where PostgreSQL answers a race with an error
 * instead (40001, 40P01; see transaction.ts), nothing was written either and it becomes the
 * retryable `ledger.concurrent_conflict`: never a raw database error.
 */
export async function recordTransfer(q: Queryable, request: TransferRequest): Promise<PostedTransfer> {
	return guardConflicts(request.id, () => record(q, request));
}

async function record(q: Queryable, request: TransferRequest): Promise<PostedTransfer> {
	const fingerprint = fingerprintOf(request);
	const legs = request.legs.map((leg, i) => ({ ...leg, legNo: i + 1 }));
	const accountIds = [...new Set(legs.flatMap((l) => [l.debitAccountId, l.creditAccountId]))].sort();
	const verdict = await postInOneStatement(q, request, legs, accountIds, fingerprint);

	if (verdict.earlierFingerprint !== null) return replay(q, request, fingerprint, verdict.earlierFingerprint);
	const missing = accountIds.filter((id) => !verdict.lockedIds.includes(id));
	if (missing.length > 0) throw new DomainError('ledger.account_not_found', { accountId: missing[0] });
	if (verdict.ledgers.length !== 1) throw new DomainError('ledger.mixed_ledgers', { ledgers: verdict.ledgers });
	if (verdict.unknownPeople !== null) throw new DomainError('ledger.person_not_found', { personIds: verdict.unknownPeople });
	if (verdict.unknownActor) throw new DomainError('ledger.actor_not_found', { actorId: request.actorId });
	if (verdict.breach !== null) return refuseOrReplay(q, request, fingerprint, verdict.breach);
	if (verdict.seq === null) return replayAfterLostRace(q, request, fingerprint);

	const { id, code, note, actorId, reversesId, reason, at } = request;
	const ledger = verdict.ledgers[0];
	return { id, seq: verdict.seq, ledger, code, note, actorId, reversesId, reason, at, legs, entries: verdict.entries, applied: true };
}

/**
 * Everything that makes a transfer what it is, except its time: a retry made later by a job or
 * a double-clicked form must still count as "the same transfer".
 */
function fingerprintOf(request: TransferRequest): string {
	const content = [
		request.code,
		request.note,
		request.actorId,
		request.reversesId,
		request.reason,
		request.legs.map((l) => [l.debitAccountId, l.creditAccountId, l.amount, l.attributedTo, l.code, l.note])
	];
	return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

interface Breach {
	accountId: string;
	balance: number;
	needed: number;
}

interface Verdict {
	lockedIds: string[];
	ledgers: string[];
	/** The id's fingerprint if it was already recorded when the statement began. */
	earlierFingerprint: string | null;
	breach: Breach | null;
	/** Attributed people that do not exist. */
	unknownPeople: string[] | null;
	unknownActor: boolean;
	/** The new transfer's seq; null when nothing was written. */
	seq: number | null;
	entries: Entry[];
}

async function postInOneStatement(
	q: Queryable,
	request: TransferRequest,
	legs: Leg[],
	accountIds: string[],
	fingerprint: string
): Promise<Verdict> {
	const [row] = await q.query<{ verdict: Verdict }>(
		'SELECT ledger_post_transfer($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AS verdict',
		[
			request.id,
			request.code,
			request.note,
			request.actorId,
			request.reversesId,
			request.reason,
			fingerprint,
			request.at,
			JSON.stringify(legs),
			accountIds
		]
	);
	return row.verdict;
}

async function findFingerprint(q: Queryable, id: string): Promise<string | null> {
	const [row] = await q.query<{ fingerprint: string }>('SELECT fingerprint FROM ledger_transfers WHERE id = $1', [id]);
	return row?.fingerprint ?? null;
}

async function replay(
	q: Queryable,
	request: TransferRequest,
	fingerprint: string,
	earlierFingerprint: string
): Promise<PostedTransfer> {
	if (earlierFingerprint !== fingerprint) throw new DomainError('ledger.idempotency_mismatch', { transferId: request.id });
	const earlier = await loadTransfer(q, request.id);
	// Seen by the statement's snapshot but not by ours: transfers are never deleted, so this
	// should not happen; should it, nothing of ours was written, so it is a lost race, not a 500.
	if (!earlier) throw new DomainError('ledger.concurrent_conflict', { transferId: request.id });
	const { id, seq, ledger, code, note, actorId, reversesId, reason, at, legs, entries } = earlier;
	return { id, seq, ledger, code, note, actorId, reversesId, reason, at, legs, entries, applied: false };
}

/**
 * The balances did not allow it — unless this very transfer was committed by a concurrent
 * attempt after our snapshot was taken (its effect is what we then saw): then it is a retry.
 */
async function refuseOrReplay(
	q: Queryable,
	request: TransferRequest,
	fingerprint: string,
	breach: Breach
): Promise<PostedTransfer> {
	const winner = await findFingerprint(q, request.id);
	if (winner !== null) return replay(q, request, fingerprint, winner);
	throw new DomainError('ledger.limit_exceeded', { ...breach });
}

/**
 * Our claim wrote nothing: someone else committed this id, or a reversal of the same original.
 * At READ COMMITTED the claim waited for the winner's commit and this query's fresh snapshot
 * sees it. A winner we still cannot see (a snapshot older than its commit: REPEATABLE READ, where
 * PostgreSQL normally refuses the claim with 40001 first) is the same lost race.
 */
async function replayAfterLostRace(q: Queryable, request: TransferRequest, fingerprint: string): Promise<PostedTransfer> {
	const winner = await findFingerprint(q, request.id);
	if (winner !== null) return replay(q, request, fingerprint, winner);
	if (request.reversesId !== null) throw new DomainError('ledger.already_reversed', { transferId: request.reversesId });
	throw new DomainError('ledger.concurrent_conflict', { transferId: request.id });
}
