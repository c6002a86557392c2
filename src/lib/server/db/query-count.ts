import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts the statements one unit of work sends (a request: hooks.server.ts), so a test can hold
 * every page to a fixed number of queries whatever the data size — the N+1 that made other
 * platforms' pages take seconds shows up as a count that grows with the data.
 */
const store = new AsyncLocalStorage<{ n: number }>();

export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
	const counter = { n: 0 };
	const result = await store.run(counter, fn);
	return { result, queries: counter.n };
}

/** Called by the database clients for every statement (a transaction's BEGIN/COMMIT not counted). */
export function noteQuery(): void {
	const c = store.getStore();
	if (c) c.n++;
}
