import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { createSession, hashToken } from '../auth';
import { loadActor, loadSessionActor, seedDemo, type DemoKey } from '.';

let db: Db;
let ctx: TestCtx;
let ids: Record<DemoKey, string>;
beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	ids = await seedDemo(ctx);
});
afterAll(() => db.close());

/** Counts the queries a function sends (the round trips a request would pay). */
async function counted<T>(fn: (q: Db) => Promise<T>): Promise<[T, number]> {
	let n = 0;
	const spy = new Proxy(db, { get: (t, k) => (k === 'query' ? (...a: Parameters<Db['query']>) => (n++, t.query(...a)) : Reflect.get(t, k)) });
	return [await fn(spy as Db), n];
}

describe('who is acting', () => {
	it('every role of a person comes in one query, from the session too', async () => {
		const now = ctx.clock();
		for (const key of ['tenant', 'supervisor', 'employee', 'care', 'admin', 'fatima'] as const) {
			const [actor, queries] = await counted((q) => loadActor(q, ids[key], now));
			expect(queries).toBe(1);
			const { token } = await createSession(db, ids[key], now, 1);
			const [viaSession, sessionQueries] = await counted((q) => loadSessionActor(q, hashToken(token), now));
			expect(sessionQueries).toBe(1);
			expect(viaSession).toEqual(actor);
		}
		const bram = (await loadActor(db, ids.supervisor, now))!;
		expect(bram.supervisorBuurtIds).toHaveLength(1);
		expect(bram.memberBuurtIds).toEqual(bram.supervisorBuurtIds);
		const carla = (await loadActor(db, ids.care, now))!;
		expect(carla.partners).toEqual([expect.objectContaining({ kind: 'care', buurtIds: [expect.any(String)] })]);
		const wim = (await loadActor(db, ids.employee, now))!;
		expect(wim.staff).toEqual([{ corporationId: expect.any(String), role: 'wijkconsulent' }]);
		expect(wim.memberships).toEqual([]);
	});

	it('an expired session, an unknown one, a disabled account or a malformed id is nobody', async () => {
		const now = ctx.clock();
		const { token } = await createSession(db, ids.piet, now, 1);
		expect(await loadSessionActor(db, hashToken(token), new Date(now.getTime() + 2 * 864e5))).toBeNull();
		expect(await loadSessionActor(db, hashToken('no-such-token'), now)).toBeNull();
		expect(await loadActor(db, 'not-an-id', now)).toBeNull();
		await db.query('UPDATE accounts SET disabled_at = $2 WHERE id = $1', [ids.piet, now]);
		expect(await loadSessionActor(db, hashToken(token), now)).toBeNull();
		expect(await loadActor(db, ids.piet, now)).toBeNull();
	});
});
