import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { publishHelpRequest, redirectHelpRequest } from './check-help-request';
import { confirmHelpRequest, resubmitHelpRequest } from './asker-actions';
import { markHelpRequestDone, takeHelpRequest } from './helper-actions';
import { settleHelpRequest } from './settle-help-request';
import { postHelpMessage, shareMyAddress } from './thread';
import { getRequestDetail, listCheckQueue, listMyRequests, listOpenRequests } from './queries';
import { openHelpTests, errorOf, helpReads, reason, type HelpFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: HelpFixture;

beforeAll(async () => {
	f = await openHelpTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

const { stateOf } = helpReads(() => db);

describe('the loop', () => {
	it('ask → check (rephrased) → take → talk → done → confirm, with history and messages', async () => {
		const anna = await f.actor('asker');
		const bram = await f.actor('supervisor');
		const noor = await f.actor('helper');
		const id = await f.ask({ title: 'heg', description: 'heg knippe' });
		expect(await stateOf(id)).toBe('to_check');
		// Bram sees it in his queue; Noor does not see it yet.
		expect((await listCheckQueue(db, bram, ctx.clock())).toCheck.map((r) => r.id)).toContain(id);
		expect((await errorOf(getRequestDetail(db, noor, id, ctx.clock()))).code).toBe('help.not_found');

		await publishHelpRequest(ctx, bram, { requestId: id, reason: 'Iets duidelijker gemaakt.', title: 'Heg knippen in de achtertuin', description: 'De heg is te hoog. Wie helpt knippen?' });
		const asAnna = await getRequestDetail(db, anna, id, ctx.clock());
		expect(asAnna.title).toBe('Heg knippen in de achtertuin');
		const publish = asAnna.history!.find((h) => h.action === 'publish')!;
		expect(publish.reason).toBe('Iets duidelijker gemaakt.');
		expect(publish.changes).toEqual(
			expect.arrayContaining([
				{ field: 'title', before: 'heg', after: 'Heg knippen in de achtertuin' },
				{ field: 'description', before: 'heg knippe', after: 'De heg is te hoog. Wie helpt knippen?' }
			])
		);
		const list = await listOpenRequests(db, noor, { buurtId: f.lindebuurt }, ctx.clock());
		expect(list.requests.map((r) => r.id)).toContain(id);
		expect((await getRequestDetail(db, noor, id, ctx.clock())).actions).toEqual(['take']);

		await takeHelpRequest(ctx, noor, { requestId: id });
		// The asker's own list shows who helps (first name only, for the face on her home); the helper's and others' lists do not.
		expect((await listMyRequests(db, anna, new Date())).asked.find((r) => r.id === id)?.helperName).toBe('Noor');
		expect((await listMyRequests(db, noor, new Date())).helping.find((r) => r.id === id)?.helperName).toBeNull();
		expect((await listCheckQueue(db, await f.actor('staff'), ctx.clock())).toCheck.every((r) => r.helperName === null)).toBe(true);
		await postHelpMessage(ctx, noor, { requestId: id, body: 'Zaterdag om 10 uur?' });
		await postHelpMessage(ctx, anna, { requestId: id, body: 'Prima!' });
		await shareMyAddress(ctx, anna, { requestId: id });
		const thread = (await getRequestDetail(db, noor, id, ctx.clock())).messages!;
		expect(thread.map((m) => m.body)).toEqual(['Zaterdag om 10 uur?', 'Prima!', 'Lindehof 1, 9999 AA']);
		expect(thread.map((m) => m.authorName)).toEqual(['Noor', 'Anna', 'Anna']);
		// Kees, another neighbour, sees the request but not the thread, the history or anyone's address.
		const asKees = await getRequestDetail(db, await f.actor('member'), id, ctx.clock());
		expect(asKees.messages).toBeNull();
		expect(asKees.history).toBeNull();
		expect(asKees.actions).toEqual([]);

		await markHelpRequestDone(ctx, noor, { requestId: id });
		expect((await getRequestDetail(db, anna, id, ctx.clock())).autoConfirmOn).toBe('2026-03-09');
		const r = await confirmHelpRequest(ctx, anna, { requestId: id });
		expect(r).toEqual({ id, state: 'confirmed', reward: 'paid' });
		const history = (await getRequestDetail(db, anna, id, ctx.clock())).history!;
		expect(history.map((h) => [h.action, h.fromState, h.toState, h.role, h.actorName])).toEqual([
			['ask', null, 'to_check', 'asker', 'Anna'],
			['publish', 'to_check', 'published', 'supervisor', 'Bram'],
			['take', 'published', 'taken', 'member', 'Noor'],
			['mark_done', 'taken', 'done', 'helper', 'Noor'],
			['confirm', 'done', 'confirmed', 'asker', 'Anna']
		]);
		expect((await listMyRequests(db, noor, new Date())).helping.map((x) => x.id)).toContain(id);
	});

	it('the history and the thread are append-only in the database', async () => {
		await expect(db.query('UPDATE help_history SET reason = $1', ['x'])).rejects.toThrow(/append-only/);
		await expect(db.query('DELETE FROM help_messages')).rejects.toThrow(/append-only/);
	});

	it('a returned request comes back with the answer and the changed text', async () => {
		const id = await f.requestIn('returned');
		await resubmitHelpRequest(ctx, await f.actor('asker'), { requestId: id, reason: 'Zaterdag past het best.', title: 'Heg knippen op zaterdag' });
		const d = await getRequestDetail(db, await f.actor('supervisor'), id, ctx.clock());
		expect(d.state).toBe('to_check');
		expect(d.title).toBe('Heg knippen op zaterdag');
		expect(d.history!.map((h) => h.reason)).toEqual([null, 'Welke dag past u?', 'Zaterdag past het best.']);
	});

	it('"overige" cannot be published: it goes to the corporation; an emergency shows 112', async () => {
		const bram = await f.actor('supervisor');
		const id = await f.ask({ category: 'overige' });
		expect((await errorOf(publishHelpRequest(ctx, bram, { requestId: id, reason }))).code).toBe('help.overige_must_redirect');
		const other = await f.ask();
		expect((await errorOf(publishHelpRequest(ctx, bram, { requestId: other, reason, category: 'overige' }))).fields).toEqual({ category: 'help.overige_must_redirect' });
		await redirectHelpRequest(ctx, bram, { requestId: id, reason: 'Dit pakt de corporatie op.' });
		expect((await getRequestDetail(db, await f.actor('asker'), id, ctx.clock())).redirectKind).toBe('overige');
		const urgent = await f.ask({ category: 'veiligheid', title: 'Gaslucht in het trappenhuis' });
		await redirectHelpRequest(ctx, bram, { requestId: urgent, reason: 'Bel nu 112.', redirectKind: 'emergency' });
		expect((await getRequestDetail(db, await f.actor('asker'), urgent, ctx.clock())).redirectKind).toBe('emergency');
		// Staff see redirected requests as reports to handle.
		expect((await listCheckQueue(db, await f.actor('staff'), ctx.clock())).redirected.map((r) => r.id)).toEqual(expect.arrayContaining([id, urgent]));
	});

	it('a dispute reaches staff, who settle it; reopening frees the request for another helper', async () => {
		const id = await f.requestIn('disputed');
		const wim = await f.actor('staff');
		expect((await listCheckQueue(db, wim, ctx.clock())).disputed.map((r) => r.id)).toContain(id);
		await settleHelpRequest(ctx, wim, { requestId: id, outcome: 'reopen', reason: 'Een andere buur maakt het af.' });
		expect(await stateOf(id)).toBe('published');
		await takeHelpRequest(ctx, await f.actor('member'), { requestId: id });
		expect((await getRequestDetail(db, wim, id, ctx.clock())).helperName).toBe('Kees');
	});
});
