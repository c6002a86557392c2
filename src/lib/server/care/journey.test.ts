import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../audit';
import { getRequestDetail, getWallet } from '../help';
import { getPotOverview } from '../pot';
import { acceptOffer, offerHelp } from './offers';
import { postCareMessage } from './thread';
import { logCareSession } from './sessions';
import { getCareRequest, listCareReadLog, listCareRequests } from './queries';
import { careTokenActor, issueCareToken } from './organisations';
import { DAY_MS, isoDay } from './model';
import { countRows, errorOf, openCareTests, type CareFixture } from './test-fixtures';

/**
 * The care bridge from request to reward, through the use cases on a real database: Carla asks,
 * Noor (vetted) offers, Carla accepts, they talk, Carla logs sessions — each a confirmed zorg
 * request in Superbuurt whose reward reaches the buurtpot by help's one reward path.
 */
let f: CareFixture;
beforeAll(async () => {
	f = await openCareTests();
});
afterAll(() => f.db.close());

describe('care request → offer → accept → thread → session → reward', () => {
	it('runs end to end, and the reward is in the Lindebuurt buurtpot', async () => {
		const { ctx, db } = f;
		const [carla, noor, wim] = [await f.actor('carla'), await f.actor('noor'), await f.actor('wim')];
		const id = await f.request({ frequency: 'once', weeks: undefined });
		const potBefore = await getPotOverview(db, wim, { buurtId: f.lindebuurt });

		expect((await listCareRequests(db, noor, {}, ctx.clock())).open.map((l) => l.id)).toContain(id);
		const { offerId } = await offerHelp(ctx, noor, { requestId: id });
		expect((await errorOf(offerHelp(ctx, noor, { requestId: id }))).code).toBe('care.already_offered');
		const seen = await getCareRequest(db, carla, id, ctx.clock());
		expect(seen.offers).toEqual([expect.objectContaining({ id: offerId, helperName: 'Noor', state: 'waiting' })]);
		expect(seen.consent).toMatchObject({ givenBy: 'client', scope: 'need_buurt_availability' });

		await acceptOffer(ctx, carla, { requestId: id, offerId });
		expect((await getCareRequest(db, noor, id, ctx.clock())).viewAs).toBe('matched');
		await postCareMessage(ctx, carla, { requestId: id, body: 'Het adres is Lindehof 3. Bel even aan.' });
		await postCareMessage(ctx, noor, { requestId: id, body: 'Prima, ik kom dinsdag.' });
		const thread = (await getCareRequest(db, noor, id, ctx.clock())).messages!;
		expect(thread.map((m) => [m.authorName, m.isMine])).toEqual([['Carla Visser', false], ['Noor', true]]);

		const logged = await logCareSession(ctx, carla, { requestId: id, sessionOn: isoDay(ctx.clock()), minutes: 60 });
		expect(logged.reward).toBe('paid');
		expect((await errorOf(logCareSession(ctx, carla, { requestId: id, sessionOn: isoDay(ctx.clock()), minutes: 30 }))).code).toBe('care.session_exists');
		ctx.advance(DAY_MS);
		// "once": one session is all the duration allows.
		expect((await errorOf(logCareSession(ctx, carla, { requestId: id, sessionOn: isoDay(ctx.clock()), minutes: 30 }))).code).toBe('care.sessions_full');

		// Superbuurt: a confirmed zorg request of the care source, rewarded by the buurt's zorg scheme (€5 asker + €5 helper, no supervisor).
		const [help] = await db.query<{ category: string; zorg_label: string; state: string; source: string; asker_id: string | null }>('SELECT category, zorg_label, state, source, asker_id FROM help_requests WHERE id = $1', [logged.helpRequestId]);
		expect(help).toEqual({ category: 'zorg', zorg_label: 'boodschappen', state: 'confirmed', source: 'care', asker_id: null });
		const potAfter = await getPotOverview(db, wim, { buurtId: f.lindebuurt });
		expect(potAfter.buurtpotCents - potBefore.buurtpotCents).toBe(1000);
		expect((await getWallet(db, noor)).items.some((i) => i.requestId === logged.helpRequestId && i.cents === 500)).toBe(true);
		expect((await getCareRequest(db, carla, id, ctx.clock())).sessions).toEqual([{ on: isoDay(new Date(ctx.clock().getTime() - DAY_MS)), minutes: 60, reward: { status: 'paid', cents: 1000 } }]);

		// The session's help request is the helper's and the provider's only: the buurt and its supervisor get a 404.
		for (const p of ['anna', 'fatima', 'wim'] as const) expect((await errorOf(getRequestDetail(db, await f.actor(p), logged.helpRequestId, ctx.clock()))).code, p).toBe('help.not_found');
		expect((await getRequestDetail(db, noor, logged.helpRequestId, ctx.clock())).isHelper).toBe(true);
	});

	it('a session is refused before the match, in the future, and from anyone but the provider; nothing is stored', async () => {
		const { ctx, db } = f;
		const [carla, noor] = [await f.actor('carla'), await f.actor('noor')];
		const id = await f.request();
		expect((await errorOf(logCareSession(ctx, carla, { requestId: id, sessionOn: isoDay(ctx.clock()), minutes: 60 }))).code).toBe('care.closed');
		const { offerId } = await offerHelp(ctx, noor, { requestId: id });
		await acceptOffer(ctx, carla, { requestId: id, offerId });
		const before = await countRows(db, 'care_sessions');
		expect((await errorOf(logCareSession(ctx, carla, { requestId: id, sessionOn: isoDay(new Date(ctx.clock().getTime() + DAY_MS)), minutes: 60 }))).fields).toEqual({ sessionOn: 'care.session_date_future' });
		expect((await errorOf(logCareSession(ctx, carla, { requestId: id, sessionOn: isoDay(new Date(ctx.clock().getTime() - 3 * DAY_MS)), minutes: 60 }))).fields).toEqual({ sessionOn: 'care.session_before_match' });
		expect((await errorOf(logCareSession(ctx, carla, { requestId: id, sessionOn: isoDay(ctx.clock()), minutes: 2 }))).fields).toEqual({ minutes: 'care.minutes_invalid' });
		expect((await errorOf(logCareSession(ctx, noor, { requestId: id, sessionOn: isoDay(ctx.clock()), minutes: 60 }))).code).toBe('care.forbidden');
		expect(await countRows(db, 'care_sessions')).toBe(before);
	});
});

describe('audit of every read', () => {
	it('writes a row for each list line and each page read — provider and helper alike — and the coordinator reads the log', async () => {
		const { ctx, db } = f;
		const [carla, noor] = [await f.actor('carla'), await f.actor('noor')];
		const id = await f.request({ need: 'walk' });
		const rows = async () => (await listAudit(db, { limit: 1000 })).filter((r) => r.subject === `care_request:${id}`);
		const start = (await rows()).length;
		await getCareRequest(db, noor, id, ctx.clock());
		await getCareRequest(db, carla, id, ctx.clock());
		await listCareRequests(db, noor, {}, ctx.clock());
		const after = await rows();
		expect(after.length - start).toBe(3);
		expect(after.slice(0, 3).map((r) => [r.action, r.actor_id])).toEqual([
			['care.request_listed', noor.accountId],
			['care.request_read', carla.accountId],
			['care.request_read', noor.accountId]
		]);
		// Only a coordinator reads the log.
		expect((await errorOf(listCareReadLog(db, carla, {}, ctx.clock()))).code).toBe('care.not_found');
		await f.makeCoordinator('carla');
		const log = await listCareReadLog(db, await f.actor('carla'), { requestId: id }, ctx.clock());
		expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['care.request_read', 'care.request_listed', 'care.request_created']));
		expect(log.find((l) => l.action === 'care.request_read')?.actorName).toBe('Carla Visser');
		expect((await errorOf(listCareReadLog(db, noor, {}, ctx.clock()))).code).toBe('care.not_found');
	});
});

describe('the organisation’s API token', () => {
	it('is stored as a hash only and acts as its contact, cut down to the one care role', async () => {
		const { ctx, db } = f;
		const wim = await f.actor('wim');
		const issued = await issueCareToken(ctx, wim, { organisationId: f.organisationId, contactId: f.ids.carla });
		expect(issued.token).toMatch(/^care-/);
		expect((await db.query('SELECT 1 FROM care_api_tokens WHERE token_hash = $1', [issued.token])).length).toBe(0);
		const a = (await careTokenActor(db, issued.token, ctx.clock()))!;
		expect([a.accountId, a.partners.map((p) => p.kind), a.staff, a.memberBuurtIds]).toEqual([f.ids.carla, ['care'], [], []]);
		expect(await careTokenActor(db, 'care-wrong', ctx.clock())).toBeNull();
		expect((await errorOf(issueCareToken(ctx, wim, { organisationId: f.organisationId, contactId: f.ids.carla }))).code).toBe('care.token_exists');
		expect((await errorOf(issueCareToken(ctx, await f.actor('carla'), { organisationId: f.organisationId, contactId: f.ids.carla }))).code).toBe('care.organisation_not_found');
	});
});
