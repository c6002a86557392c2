import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInbox } from '../notifications';
import { createCareRequest } from './create-care-request';
import { acceptOffer, offerHelp } from './offers';
import { postCareMessage } from './thread';
import { withdrawCareRequest, endExpiredConsents } from './end-care-request';
import { careProviderHome, getCareRequest, listCareRequests } from './queries';
import { addMonths, DAY_MS, isoDay } from './model';
import { countRows, errorOf, openCareTests, requestInput, type CareFixture } from './test-fixtures';

/**
 * Consent rules: a request exists only with a consent record (the statement ticked, a date not in
 * the future, an expiry not passed, 12 months by default); when consent ends the request is
 * hidden at once — on every read, before the job — and the job then closes it, closes the thread
 * and tells the helper only that it ended. The care provider can withdraw at any time.
 */
let f: CareFixture;
beforeAll(async () => {
	f = await openCareTests();
});
afterAll(() => f.db.close());

const day = (offsetDays: number) => isoDay(new Date(f.ctx.clock().getTime() + offsetDays * DAY_MS));

describe('the consent record', () => {
	it('is required: no statement, no date, no giver, an expiry passed or a date in the future — a message per field and nothing stored', async () => {
		const carla = await f.actor('carla');
		const before = await countRows(f.db, 'care_requests');
		const bad = async (over: Record<string, unknown>) => (await errorOf(createCareRequest(f.ctx, carla, requestInput(f.lindebuurt, f.ctx.clock(), over)))).fields;
		expect(await bad({ consentStatement: undefined })).toEqual({ consentStatement: 'care.consent_statement_required' });
		expect(await bad({ consentStatement: false })).toEqual({ consentStatement: 'care.consent_statement_required' });
		expect(await bad({ consentGivenOn: undefined })).toEqual({ consentGivenOn: 'care.consent_date_required' });
		expect(await bad({ consentGivenBy: 'neighbour' })).toEqual({ consentGivenBy: 'care.consent_by_required' });
		expect(await bad({ consentGivenOn: day(1) })).toEqual({ consentGivenOn: 'care.consent_date_future' });
		expect(await bad({ consentGivenOn: day(-400) })).toEqual({ consentExpiresOn: 'care.consent_expired' });
		expect(await bad({ consentExpiresOn: day(0) })).toEqual({ consentExpiresOn: 'care.consent_expired' });
		expect(await bad({ consentExpiresOn: addMonths(day(0), 25) })).toEqual({ consentExpiresOn: 'care.consent_too_long' });
		expect(await bad({ days: [], dayparts: 'night', frequency: 'weekly', weeks: undefined })).toEqual({ days: 'care.choose_days', dayparts: 'care.choose_dayparts', weeks: 'care.weeks_required' });
		expect(await countRows(f.db, 'care_requests')).toBe(before);
	});

	it('runs 12 months from the day it was given unless the provider sets an end', async () => {
		const carla = await f.actor('carla');
		const made = await createCareRequest(f.ctx, carla, requestInput(f.lindebuurt, f.ctx.clock(), { consentGivenOn: day(-10) }));
		expect(made.consentExpiresOn).toBe(addMonths(day(-10), 12));
		const set = await createCareRequest(f.ctx, carla, requestInput(f.lindebuurt, f.ctx.clock(), { consentExpiresOn: day(60) }));
		expect(set.consentExpiresOn).toBe(day(60));
	});
});

describe('when consent ends', () => {
	it('the request is hidden at once on the expiry day, before the job; the job closes it and tells the helper only that it ended', async () => {
		const { ctx, db } = f;
		const [carla, noor] = [await f.actor('carla'), await f.actor('noor')];
		const id = await f.request({ consentExpiresOn: day(3) });
		const { offerId } = await offerHelp(ctx, noor, { requestId: id });
		await acceptOffer(ctx, carla, { requestId: id, offerId });
		await postCareMessage(ctx, noor, { requestId: id, body: 'Tot dinsdag!' });
		expect((await careProviderHome(db, carla, ctx.clock()))!.expiring.map((l) => l.id)).toContain(id);

		ctx.advance(3 * DAY_MS);
		// No job has run: the row still says matched, but every read says closed.
		const [row] = await db.query<{ state: string }>('SELECT state FROM care_requests WHERE id = $1', [id]);
		expect(row.state).toBe('matched');
		const helperSees = await getCareRequest(db, noor, id, ctx.clock());
		expect([helperSees.viewAs, helperSees.state, helperSees.messages, helperSees.need ? 'need' : null, helperSees.buurtName]).toEqual(['ended', 'closed', null, 'need', '']);
		expect((await listCareRequests(db, noor, {}, ctx.clock())).mine.map((l) => l.id)).not.toContain(id);
		expect((await errorOf(postCareMessage(ctx, noor, { requestId: id, body: 'Nog één ding' }))).code).toBe('care.thread_closed');
		expect((await getCareRequest(db, carla, id, ctx.clock())).state).toBe('closed');

		const run = await endExpiredConsents(ctx);
		expect(run.closed).toBeGreaterThanOrEqual(1);
		const [closed] = await db.query<{ state: string; closed_reason: string; availability_note: string | null }>('SELECT state, closed_reason, availability_note FROM care_requests WHERE id = $1', [id]);
		expect(closed).toEqual({ state: 'closed', closed_reason: 'consent_ended', availability_note: null });
		const inbox = await listInbox(ctx, noor, {});
		const ended = inbox.items.filter((i) => i.subject_id === id && i.type === 'care.ended');
		expect(ended).toHaveLength(1);
		expect(ended[0].params).not.toHaveProperty('reason');
		// The job is idempotent.
		expect((await endExpiredConsents(ctx)).closed).toBe(0);
	});

	it('withdrawing closes the request and its thread at once; the thread is deleted 90 days later', async () => {
		const { ctx, db } = f;
		const [carla, noor] = [await f.actor('carla'), await f.actor('noor')];
		const id = await f.request();
		const { offerId } = await offerHelp(ctx, noor, { requestId: id });
		await acceptOffer(ctx, carla, { requestId: id, offerId });
		await postCareMessage(ctx, carla, { requestId: id, body: 'Welkom!' });
		expect((await errorOf(withdrawCareRequest(ctx, noor, { requestId: id }))).code).toBe('care.forbidden');
		await withdrawCareRequest(ctx, carla, { requestId: id });
		expect((await errorOf(withdrawCareRequest(ctx, carla, { requestId: id }))).code).toBe('care.closed');
		expect((await errorOf(postCareMessage(ctx, carla, { requestId: id, body: 'Nog iets' }))).code).toBe('care.thread_closed');
		expect((await getCareRequest(db, noor, id, ctx.clock())).viewAs).toBe('ended');
		expect((await getCareRequest(db, carla, id, ctx.clock())).closedReason).toBe('withdrawn');
		const messages = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM care_messages WHERE request_id = $1', [id]))[0].n;
		ctx.advance(89 * DAY_MS);
		await endExpiredConsents(ctx);
		expect(await messages()).toBe(1);
		ctx.advance(2 * DAY_MS);
		await endExpiredConsents(ctx);
		expect(await messages()).toBe(0);
	});

	it('an open request withdrawn tells the helpers who offered only that it ended', async () => {
		const { ctx } = f;
		const [carla, noor] = [await f.actor('carla'), await f.actor('noor')];
		const id = await f.request();
		await offerHelp(ctx, noor, { requestId: id });
		await withdrawCareRequest(ctx, carla, { requestId: id });
		expect((await listInbox(ctx, noor, {})).items.some((i) => i.subject_id === id && i.type === 'care.ended')).toBe(true);
		expect((await getCareRequest(ctx.db, noor, id, ctx.clock())).viewAs).toBe('ended');
	});
});
