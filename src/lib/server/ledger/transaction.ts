/**
 * SQLSTATEs worth another attempt: 40001 serialization failure and 40P01 deadlock (neither can
 * arise from one transfer at READ COMMITTED with locks in id order, but a caller composing
 * several transfers in one transaction could meet one), and 23505 unique violation (the ledger
 * claims ids with ON CONFLICT DO NOTHING, so this is a last line of defence: on the next attempt
 * the winner is visible and the idempotency rule answers).
 */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 3;

export const sqlState = (err: unknown): string | undefined =>
	typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;

/**
 * Runs work (which must be safe to repeat: every ledger write is idempotent on its id) and
 * repeats it on transient concurrency failures, a few times at most.
 */
export async function retryTransient<T>(work: () => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await work();
		} catch (err) {
			const state = sqlState(err);
			if (attempt >= MAX_ATTEMPTS || state === undefined || !RETRYABLE_SQLSTATES.has(state)) throw err;
		}
	}
}
