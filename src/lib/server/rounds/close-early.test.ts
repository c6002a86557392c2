import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { httpStatusFor } from '../shared/errors';
import { errorOf } from '../proposals/test-fixtures';
import { createRoundFixture, type RoundFixture } from './test-fixtures';
import { getRound } from './rounds';
import { castBallot } from './ballots';
import { getRoundResults } from './results';
import { closeRoundEarly } from './close-early';

let db: Db;
let ctx: TestCtx;
let f: RoundFixture;

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	f = await createRoundFixture(db, ctx);
});
afterAll(() => db.close());

const statusOf = async (id: string) => (await db.query<{ status: string }>('SELECT status FROM buurtpot_proposals WHERE id = $1', [id]))[0].status;
const reason = 'Alle huishoudens hebben al gestemd.';

describe('closing a round early', () => {
	it('staff close an open round with a reason; the result exists only after that close, with the reason', async () => {
		const a = await f.accepted('Picknicktafel bij de vijver', 40_000);
		const b = await f.accepted('Bloembakken langs de Eikenlaan', 30_000);
		const round = await f.open({ proposalIds: [a, b] });
		const wim = await f.actor('wim');
		expect((await getRound(db, wim, round, ctx.clock())).can.closeEarly).toBe(true);
		expect((await getRound(db, await f.actor('anna'), round, ctx.clock())).can.closeEarly).toBe(false);
		await castBallot(ctx, await f.actor('anna'), { roundId: round, choices: ['1'] });
		await castBallot(ctx, await f.actor('noor'), { roundId: round, choices: ['1', '2'] });

		// Before: no result for anyone.
		expect((await errorOf(getRoundResults(db, wim, round, ctx.clock()))).code).toBe('rounds.results_not_found');
		// A reason is required; members and the tenants' association may not close.
		expect((await errorOf(closeRoundEarly(ctx, wim, { roundId: round, reason: ' ' }))).fields).toEqual({ reason: 'rounds.early_reason_required' });
		expect((await errorOf(closeRoundEarly(ctx, await f.actor('anna'), { roundId: round, reason }))).code).toBe('rounds.forbidden');
		expect((await errorOf(closeRoundEarly(ctx, await f.actor('hanna'), { roundId: round, reason }))).code).toBe('rounds.forbidden');
		expect((await errorOf(closeRoundEarly(ctx, await f.actor('olga'), { roundId: round, reason }))).code).toBe('rounds.not_found');
		expect((await errorOf(getRoundResults(db, wim, round, ctx.clock()))).code).toBe('rounds.results_not_found');

		ctx.advance(f.hour);
		expect(await closeRoundEarly(ctx, wim, { roundId: round, reason })).toMatchObject({ alreadyClosed: false, winners: 2 });
		const res = await getRoundResults(db, await f.actor('anna'), round, ctx.clock());
		expect(res.round.closedEarlyReason).toBe(reason);
		expect(res.round.closedAt.getTime()).toBeLessThan(res.round.closesAt.getTime());
		expect(res.ballots).toBe(2);
		expect([await statusOf(a), await statusOf(b)]).toEqual(['won', 'won']);
		// Closed is closed: no more ballots, the secret is gone, a second early close changes nothing.
		const late = await errorOf(castBallot(ctx, await f.actor('bram'), { roundId: round, choices: ['1'] }));
		expect([late.code, late.details]).toEqual(['rounds.voting.forbidden', { reason: 'closed' }]);
		expect(await db.query('SELECT 1 FROM buurtpot_round_secrets WHERE round_id = $1', [round])).toEqual([]);
		expect(await closeRoundEarly(ctx, wim, { roundId: round, reason: 'Nog een keer' })).toMatchObject({ alreadyClosed: true });
		expect((await getRoundResults(db, wim, round, ctx.clock())).round.closedEarlyReason).toBe(reason);
		const [audit] = await db.query<{ details: { early?: boolean; reason?: string } }>(`SELECT details FROM audit_log WHERE action = 'rounds.closed' AND subject = $1`, [`round:${round}`]);
		expect(audit.details).toMatchObject({ early: true, reason });
	});

	it('only while the round is open: not before it opens, not after its closing time', async () => {
		const wim = await f.actor('wim');
		const c = await f.accepted('Speeltoestel voor de kleintjes', 20_000);
		const later = await f.open({ proposalIds: [c], opensAt: new Date(ctx.clock().getTime() + f.hour), closesAt: new Date(ctx.clock().getTime() + 3 * f.hour) });
		const e = await errorOf(closeRoundEarly(ctx, wim, { roundId: later, reason }));
		expect([e.code, e.details, httpStatusFor(e.code)]).toEqual(['rounds.not_open', { phase: 'upcoming' }, 409]);
		ctx.advance(4 * f.hour);
		expect((await errorOf(closeRoundEarly(ctx, wim, { roundId: later, reason }))).details).toEqual({ phase: 'closing' });
		const [row] = await db.query<{ closed_at: Date | null; closed_early_reason: string | null }>('SELECT closed_at, closed_early_reason FROM buurtpot_rounds WHERE id = $1', [later]);
		expect(row).toEqual({ closed_at: null, closed_early_reason: null });
	});
});
