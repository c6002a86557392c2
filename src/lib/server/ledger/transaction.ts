import { DomainError } from '../shared/errors';

/**
 * SQLSTATEs of a lost race between two writers: 40001 serialization failure, 40P01 deadlock
 * and 23505 unique violation. Where they come from when two connections post the same transfer
 * id at the same time (see record-transfer.ts for the statement):
 * - 40001: the caller's transaction runs at REPEATABLE READ or SERIALIZABLE (by choice, or
 *   because the server's default_transaction_isolation says so). Its snapshot predates the
 *   winner's commit, so locking an account the winner changed, or the id claim's ON CONFLICT
 *   meeting the winner's invisible row, fails instead of waiting and re-reading.
 * - 40P01: a caller composes several transfers in one transaction. Its second claim of an id
 *   waits for another transaction that holds that id and waits for an account this one locked.
 * - 23505: cannot arise from the claim (ON CONFLICT DO NOTHING covers every unique index of
 *   ledger_transfers), so this is a last line of defence.
 * None of them leaves anything written, and all of them pass: another attempt (a new
 * transaction) sees the winner, and the idempotency rule answers.
 */
const CONFLICT_SQLSTATES = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 5;

export const sqlState = (err: unknown): string | undefined =>
	typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;

const isConflict = (err: unknown): boolean =>
	(err instanceof DomainError && err.code === 'ledger.concurrent_conflict') || CONFLICT_SQLSTATES.has(sqlState(err) ?? '');

/**
 * Runs one transfer's work and turns a lost race (the SQLSTATEs above) into
 * `ledger.concurrent_conflict` {transferId}: a 409 that says "try again", never a raw
 * PostgreSQL error. Unlike the ledger's other DomainErrors it comes from a failed statement, so
 * a caller's transaction is aborted with it: let it propagate (the whole transaction rolls back
 * and may be retried), do not carry on in that transaction.
 */
export async function guardConflicts<T>(transferId: string, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (err) {
		if (err instanceof DomainError || !isConflict(err)) throw err;
		const conflict = new DomainError('ledger.concurrent_conflict', { transferId });
		conflict.cause = err;
		throw conflict;
	}
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs work on its own (never inside a caller's transaction: every attempt must be a new one)
 * and repeats it after a lost race, a few times at most, with a short random pause so that the
 * racers do not meet again. Safe because every ledger write is idempotent on its id: the next
 * attempt sees the winner and answers with its result or `ledger.idempotency_mismatch`.
 * What is still lost after the last attempt is `ledger.concurrent_conflict`.
 */
export async function retryTransient<T>(transferId: string, work: () => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await guardConflicts(transferId, work);
		} catch (err) {
			if (attempt >= MAX_ATTEMPTS || !isConflict(err)) throw err;
			await pause(Math.random() * 5 * 2 ** attempt);
		}
	}
}
