import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { listAudit } from '../audit';
import { getRequestDetail } from './queries';
import { signUpAsSupervisor } from './supervisors';
import { readZorgDetails } from './read-zorg-details';
import { openHelpTests, errorOf, type HelpFixture } from './test-fixtures';

/** Who sees what (docs/ARCHITECTURE.md): zorg details rest on an approved term or a recorded reason. */
let db: Db;
let ctx: TestCtx;
let f: HelpFixture;

beforeAll(async () => {
	f = await openHelpTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

describe('zorg details', () => {
	it('a member who only applied to supervise reads no zorg text', async () => {
		const id = await f.requestIn('published', { category: 'zorg', zorgLabel: 'gezelschap' });
		await signUpAsSupervisor(ctx, await f.actor('member'), { buurtId: f.lindebuurt });
		const kees = await f.actor('member');
		expect(kees.supervisorBuurtIds).toEqual([]);
		const seen = await getRequestDetail(db, kees, id, ctx.clock());
		expect([seen.title, seen.description, seen.canSeeText]).toEqual([null, null, false]);
		// The approved supervisor does read it.
		expect((await getRequestDetail(db, await f.actor('supervisor'), id, ctx.clock())).description).not.toBeNull();
	});

	it('staff read a disputed zorg request only with a reason; it is audited and the asker sees who, when and why', async () => {
		const id = await f.requestIn('disputed', { category: 'zorg', zorgLabel: 'gezelschap' });
		const wim = await f.actor('staff');
		const before = await getRequestDetail(db, wim, id, ctx.clock());
		expect([before.description, before.mayReadZorg]).toEqual([null, true]);
		expect((await errorOf(readZorgDetails(ctx, wim, { requestId: id, reason: '' }))).fields).toEqual({ reason: 'help.zorg_reason_required' });
		await readZorgDetails(ctx, wim, { requestId: id, reason: 'Geschil bemiddelen.' });
		expect((await getRequestDetail(db, wim, id, ctx.clock())).description).not.toBeNull();
		const audit = (await listAudit(db, { action: 'help.zorg_text_read' })).filter((a) => a.subject === `help_request:${id}`);
		expect(audit.map((a) => [a.actor_id, a.corporation_id])).toEqual(audit.map(() => [f.ids.staff, wim.staff[0].corporationId]));
		expect(audit.map((a) => a.details.reason)).toContain('Geschil bemiddelen.');
		const asker = await getRequestDetail(db, await f.actor('asker'), id, ctx.clock());
		expect(asker.zorgReads).toEqual([{ at: ctx.clock(), readerName: 'Wim', reason: 'Geschil bemiddelen.' }]);
		// A neighbour, and the helper, do not see the list of reads.
		expect((await getRequestDetail(db, await f.actor('helper'), id, ctx.clock())).zorgReads).toBeNull();
	});

	it('staff cannot open a zorg request that a supervisor handles, not even with a reason', async () => {
		const id = await f.requestIn('published', { category: 'zorg', zorgLabel: 'gezelschap' });
		const wim = await f.actor('staff');
		expect((await getRequestDetail(db, wim, id, ctx.clock())).mayReadZorg).toBe(false);
		expect((await errorOf(readZorgDetails(ctx, wim, { requestId: id, reason: 'Even kijken.' }))).code).toBe('help.forbidden');
		expect((await errorOf(readZorgDetails(ctx, await f.actor('outsider'), { requestId: id, reason: 'Even kijken.' }))).code).toBe('help.not_found');
	});
});
