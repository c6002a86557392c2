import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { topUpBuurt } from '../pot';
import { cancelEvent, cancelSignUp, createEvent, listBuurtActivities, localToUtc, signUpForEvent, buildCalendar, escapeText, foldLine, getCalendarFeed } from '../activities';
import { DAY_MS } from './model';
import { payProposal } from './pay-proposal';
import { finishProposal, postProgressUpdate } from './follow-up';
import { getProposalDetail } from './queries';
import { openProposalTests, errorOf, key, pdfBytes, pngWithText, proposalSteps, type Who, type ProposalFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: ProposalFixture;

beforeAll(async () => {
	f = await openProposalTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

const { count, proposalIn } = proposalSteps(() => f);

describe('follow-up: updates, shifts, activities, calendar, report', () => {
	const nextWeek = () => new Date(ctx.clock().getTime() + 7 * DAY_MS).toISOString().slice(0, 10);

	it('posts progress updates with photos (author and staff only)', async () => {
		const id = await proposalIn('won');
		const u = await postProgressUpdate(ctx, await f.actor('anna'), { proposalId: id, body: 'Het bankje is besteld!' }, [{ field: 'photos', bytes: pngWithText() }]);
		expect((await errorOf(postProgressUpdate(ctx, await f.actor('noor'), { proposalId: id, body: 'Hoi' }))).code).toBe('proposals.forbidden');
		const d = await getProposalDetail(db, await f.actor('noor'), id, ctx.clock());
		expect(d.updates).toEqual([expect.objectContaining({ id: u.id, body: 'Het bankje is besteld!', authorName: 'Anna', photoIds: [expect.any(String)] })]);
		const notWon = await proposalIn('accepted');
		expect((await errorOf(postProgressUpdate(ctx, await f.actor('anna'), { proposalId: notWon, body: 'Hoi' }))).code).toBe('proposals.forbidden');
	});

	it('holds a shift’s capacity when many sign up at once', async () => {
		const id = await proposalIn('won');
		const shift = await createEvent(ctx, await f.actor('anna'), { proposalId: id, kind: 'shift', title: 'Bankje plaatsen', place: 'Speeltuin Lindehof', date: nextWeek(), startTime: '10:00', endTime: '12:00', capacity: 3 });
		const people: Who[] = ['bram', 'noor', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'sanne'];
		const results = await Promise.allSettled(people.map(async (who) => signUpForEvent(ctx, await f.actor(who), { eventId: shift.id })));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
		for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('activities.full');
		const [row] = await db.query<{ taken: number }>('SELECT taken FROM buurtpot_events WHERE id = $1', [shift.id]);
		expect(row.taken).toBe(3);
		expect(await count('buurtpot_event_signups WHERE event_id = $1', [shift.id])).toBe(3);
		// Cancelling frees a place for someone else.
		const signed = (await db.query<{ account_id: string }>('SELECT account_id FROM buurtpot_event_signups WHERE event_id = $1 LIMIT 1', [shift.id]))[0].account_id;
		const who = (Object.entries(f.ids).find(([, v]) => v === signed)![0]) as Who;
		await cancelSignUp(ctx, await f.actor(who), { eventId: shift.id });
		expect((await errorOf(cancelSignUp(ctx, await f.actor(who), { eventId: shift.id }))).code).toBe('activities.not_signed_up');
		const waiting = people[results.findIndex((r) => r.status === 'rejected')];
		expect((await signUpForEvent(ctx, await f.actor(waiting), { eventId: shift.id })).taken).toBe(3);
	});

	it('refuses bad events and bad sign-ups', async () => {
		const id = await proposalIn('won');
		const anna = await f.actor('anna');
		const base = { proposalId: id, kind: 'activity', title: 'Buurtborrel bij het bankje', place: 'Speeltuin', date: nextWeek(), startTime: '16:00', endTime: '18:00' };
		const cases: [Record<string, unknown>, Record<string, string>][] = [
			[{ endTime: '15:00' }, { endTime: 'activities.end_before_start' }],
			[{ date: '2020-01-01' }, { date: 'activities.in_past' }],
			[{ date: '2026-02-30' }, { date: 'activities.date_invalid' }],
			[{ startTime: '25:00' }, { date: 'activities.date_invalid' }],
			[{ kind: 'shift' }, { capacity: 'activities.capacity_required' }],
			[{ capacity: 0 }, { capacity: 'activities.capacity_invalid' }],
			[{ place: '' }, { place: 'activities.place_required' }]
		];
		for (const [over, fields] of cases) expect((await errorOf(createEvent(ctx, anna, { ...base, ...over }))).fields, JSON.stringify(over)).toEqual(fields);
		expect((await errorOf(createEvent(ctx, await f.actor('noor'), base))).code).toBe('proposals.forbidden');
		const ev = await createEvent(ctx, anna, base);
		const noor = await f.actor('noor');
		await signUpForEvent(ctx, noor, { eventId: ev.id });
		expect((await errorOf(signUpForEvent(ctx, noor, { eventId: ev.id }))).code).toBe('activities.already_signed_up');
		expect((await errorOf(signUpForEvent(ctx, await f.actor('olga'), { eventId: ev.id }))).code).toBe('activities.not_found');
		expect((await errorOf(signUpForEvent(ctx, await f.actor('wim'), { eventId: ev.id }))).code).toBe('activities.forbidden');
		expect((await errorOf(cancelEvent(ctx, noor, { eventId: ev.id }))).code).toBe('activities.forbidden');
		await cancelEvent(ctx, anna, { eventId: ev.id });
		expect((await errorOf(signUpForEvent(ctx, await f.actor('bram'), { eventId: ev.id }))).code).toBe('activities.cancelled');
		ctx.advance(8 * DAY_MS);
		try {
			const ev2 = await db.query<{ id: string }>('SELECT id FROM buurtpot_events WHERE cancelled_at IS NULL AND starts_at < $1 LIMIT 1', [ctx.clock()]);
			if (ev2[0]) expect((await errorOf(signUpForEvent(ctx, await f.actor('h6'), { eventId: ev2[0].id }))).code).toMatch(/activities\.(past|already_signed_up)/);
		} finally {
			ctx.advance(-8 * DAY_MS);
		}
	});

	it('publishes shifts and activities in an iCalendar feed with a secret token', async () => {
		const id = await proposalIn('won', { title: 'Moestuin; voor iedereen, ook kinderen' });
		const anna = await f.actor('anna');
		const long = 'Neem handschoenen mee; we werken in de moestuin, ook als het regent.\nKoffie staat klaar. ' + 'Één keer per maand werken we samen in de tuin en daarna eten we wat. '.repeat(3);
		await createEvent(ctx, anna, { proposalId: id, kind: 'shift', title: 'Moestuin aanleggen, deel 1', description: long, place: 'Lindehof 12, achter; bij de schuur', date: '2026-03-28', startTime: '10:00', endTime: '12:30', capacity: 6 });
		await createEvent(ctx, anna, { proposalId: id, kind: 'activity', title: 'Oogstfeest', place: 'Moestuin Lindehof', date: '2026-07-04', startTime: '15:00', endTime: '18:00' });
		const acts = await listBuurtActivities(db, await f.actor('noor'), f.lindebuurt, ctx.clock());
		const [, , buurtId, file] = acts.feedPath.split('/');
		const token = file.replace(/\.ics$/, '');
		expect(buurtId).toBe(f.lindebuurt);
		expect(token).toMatch(/^[0-9a-f]{64}$/);
		expect(await getCalendarFeed(db, f.lindebuurt, token.replace(/.$/, (c) => (c === '0' ? '1' : '0')), ctx.clock())).toBeNull();
		expect(await getCalendarFeed(db, f.beukenbuurt, token, ctx.clock())).toBeNull();
		const feed = (await getCalendarFeed(db, f.lindebuurt, token, ctx.clock()))!;
		const text = buildCalendar(feed.events, {
			now: ctx.clock(),
			host: 'noaber.test',
			publicUrl: 'http://noaber.test',
			labels: { calendarName: `Buurtpot ${feed.buurtName}`, shiftPrefix: 'Vrijwilligers:', proposalLine: (t) => `Voorstel: ${t}` }
		});
		// CRLF everywhere, no bare LF, and no line over 75 octets.
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
		const cal = new ICAL.Component(ICAL.parse(text));
		const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		const garden = events.find((e) => e.summary === 'Vrijwilligers: Moestuin aanleggen, deel 1')!;
		expect(garden).toBeDefined();
		expect(garden.location).toBe('Lindehof 12, achter; bij de schuur');
		expect(garden.description).toBe(`${long.trim()}\n\nVoorstel: Moestuin; voor iedereen, ook kinderen`);
		expect(garden.startDate.toJSDate().toISOString()).toBe('2026-03-28T09:00:00.000Z'); // 10:00 in Amsterdam (winter time)
		expect(garden.endDate.toJSDate().toISOString()).toBe('2026-03-28T11:30:00.000Z');
		expect(garden.startDate.zone?.tzid).toBe('UTC');
		expect(garden.uid).toMatch(/@noaber\.test$/);
		const feast = events.find((e) => e.summary === 'Oogstfeest')!;
		expect(feast.startDate.toJSDate().toISOString()).toBe('2026-07-04T13:00:00.000Z'); // summer time
		for (const v of cal.getAllSubcomponents('vevent')) expect(v.getFirstPropertyValue('dtstamp')).toBeTruthy();
	});

	it('escapes and folds per RFC 5545', () => {
		expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
		const folded = foldLine('SUMMARY:' + 'é'.repeat(60));
		for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
		expect(folded.split('\r\n').slice(1).every((l) => l.startsWith(' '))).toBe(true);
		expect(folded.replace(/\r\n /g, '')).toBe('SUMMARY:' + 'é'.repeat(60));
		expect(localToUtc('2026-10-25', '02:30')?.toISOString()).toMatch(/^2026-10-25T0[01]:30:00.000Z$/);
	});

	it('closes with a final report: what was done and what it cost', async () => {
		const wim = await f.actor('wim');
		const id = await proposalIn('won', { costCents: 2_000 });
		await topUpBuurt(ctx, wim, { idempotencyKey: key(), buurtId: f.lindebuurt, account: 'buurtpot', amountCents: 10_000, note: 'Aanvulling buurtpot' });
		await payProposal(ctx, wim, { idempotencyKey: key(), proposalId: id, amountCents: 1_800, payee: 'Winkel' }, { field: 'receipt', bytes: pdfBytes() });
		expect((await errorOf(finishProposal(ctx, await f.actor('anna'), { proposalId: id, report: 'Klaar.' }))).fields).toEqual({ report: 'proposals.report_required' });
		expect((await errorOf(finishProposal(ctx, await f.actor('noor'), { proposalId: id, report: 'Het bankje staat er.' }))).code).toBe('proposals.forbidden');
		const r = await finishProposal(ctx, await f.actor('anna'), { proposalId: id, report: 'Het bankje staat er, en wordt veel gebruikt.' });
		expect(r).toEqual({ id, status: 'done', spentCents: 1_800 });
		const d = await getProposalDetail(db, await f.actor('noor'), id, ctx.clock());
		expect(d).toMatchObject({ status: 'done', report: 'Het bankje staat er, en wordt veel gebruikt.', paidCents: 1_800 });
		expect((await errorOf(payProposal(ctx, wim, { idempotencyKey: key(), proposalId: id, amountCents: 100, payee: 'Winkel' }, { field: 'receipt', bytes: pdfBytes() }))).code).toBe('proposals.not_payable');
	});
});
