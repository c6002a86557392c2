import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { translator } from '$lib/i18n';
import { listInbox, presentInboxItem, setPreferences } from '../notifications';
import { listAudit } from '../audit';
import { assignRedirectedRequest, answerRedirectedRequest, closeRedirectedRequest, getFollowUp, listFollowUps } from './follow-up-redirected';
import { postHelpMessage, shareMyAddress } from './thread';
import { getRequestDetail } from './queries';
import { openHelpTests, errorOf, key, type HelpFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: HelpFixture;

beforeAll(async () => {
	f = await openHelpTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

/** The notification items about one request: who got which type, with what params. */
const itemsAbout = (requestId: string, type: string) =>
	db.query<{ account_id: string; params: Record<string, string> }>('SELECT account_id, params FROM notification_items WHERE subject_id = $1 AND type = $2 ORDER BY created_at, id', [requestId, type]);
const deliveriesOf = (requestId: string, type: string) =>
	db.query<{ account_id: string; mode: string }>(
		`SELECT d.account_id, d.mode FROM notification_deliveries d JOIN notification_items i ON i.id = d.item_id WHERE i.subject_id = $1 AND i.type = $2`,
		[requestId, type]
	);

describe('a new message in the thread', () => {
	it('tells the other side (never the author), without the message, in the reader’s language', async () => {
		const id = await f.requestIn('taken', { category: 'zorg', zorgLabel: 'boodschappen' });
		await postHelpMessage(ctx, await f.actor('helper'), { requestId: id, body: 'Ik kom dinsdag om 10 uur, Dorpsstraat 4 bellen.' });
		let items = await itemsAbout(id, 'help.message');
		expect(items.map((i) => i.account_id)).toEqual([f.ids.asker]);
		// Privacy: a zorg thread's details stay on the page; the title is the fixed label.
		expect(JSON.stringify(items[0].params)).not.toMatch(/dinsdag|Dorpsstraat|Hulp bij de heg/);
		const [item] = (await listInbox(ctx, await f.actor('asker'))).items.filter((i) => i.type === 'help.message');
		expect(presentInboxItem(translator('en'), 'http://x', item).title).toBe('New message from Noor: Care: shopping');
		expect(presentInboxItem(translator('nl'), 'http://x', item).title).toMatch(/^Nieuw bericht van Noor: /);
		expect(await deliveriesOf(id, 'help.message')).toEqual([{ account_id: f.ids.asker, mode: 'instant' }]);

		await postHelpMessage(ctx, await f.actor('asker'), { requestId: id, body: 'Prima, tot dan.' });
		items = await itemsAbout(id, 'help.message');
		expect(items.map((i) => i.account_id).sort()).toEqual([f.ids.asker, f.ids.helper].sort());
		await shareMyAddress(ctx, await f.actor('asker'), { requestId: id });
		expect((await itemsAbout(id, 'help.message')).filter((i) => i.account_id === f.ids.helper)).toHaveLength(2);
	});

	it('has its own switch: off means no e-mail, the inbox still has it', async () => {
		const id = await f.requestIn('taken');
		await setPreferences(ctx, await f.actor('asker'), { 'help.message': 'off' });
		await postHelpMessage(ctx, await f.actor('helper'), { requestId: id, body: 'Hallo!' });
		expect(await itemsAbout(id, 'help.message')).toHaveLength(1);
		expect(await deliveriesOf(id, 'help.message')).toEqual([]);
		await setPreferences(ctx, await f.actor('asker'), { 'help.message': 'instant' });
	});
});

describe('the follow-up of a redirected request', () => {
	it('is assigned to staff, answered with a note the asker reads, and closed — every step in the history and the audit log', async () => {
		const id = await f.requestIn('redirected', { category: 'overige' });
		const wim = await f.actor('staff');
		const anna = await f.actor('asker');
		expect(await getFollowUp(db, anna, id)).toMatchObject({ note: null, closedAt: null, staff: null, canAct: false });
		const asStaff = (await getFollowUp(db, wim, id))!;
		expect(asStaff.canAct).toBe(true);
		expect(asStaff.staff!.map((s) => s.id)).toEqual(expect.arrayContaining([f.ids.staff, f.ids.admin]));

		await assignRedirectedRequest(ctx, wim, { requestId: id, assigneeId: f.ids.admin });
		expect((await itemsAbout(id, 'help.follow_up')).map((i) => [i.account_id, i.params.step])).toEqual([[f.ids.admin, 'assign']]);
		expect((await getFollowUp(db, anna, id))!.assigneeName).toBeTruthy();

		await answerRedirectedRequest(ctx, await f.actor('admin'), { requestId: id, note: 'De monteur komt donderdag kijken.' });
		const toAnna = (await itemsAbout(id, 'help.follow_up')).filter((i) => i.account_id === f.ids.asker);
		expect(toAnna.map((i) => [i.params.step, i.params.reason])).toEqual([['answer', 'De monteur komt donderdag kijken.']]);
		expect(await getFollowUp(db, anna, id)).toMatchObject({ note: 'De monteur komt donderdag kijken.', closedAt: null });
		const [inbox] = (await listInbox(ctx, anna)).items.filter((i) => i.type === 'help.follow_up');
		expect(presentInboxItem(translator('en'), 'http://x', inbox).body).toContain('The answer: De monteur komt donderdag kijken.');
		expect(presentInboxItem(translator('en'), 'http://x', inbox).path).toBe(`/help/${id}`);

		// Closing without a new note keeps the answer the asker already has.
		const closed = await closeRedirectedRequest(ctx, wim, { requestId: id, note: '' });
		expect(closed).toMatchObject({ closed: true, note: 'De monteur komt donderdag kijken.' });
		const seen = (await getFollowUp(db, anna, id))!;
		expect(seen.closedAt).not.toBeNull();
		expect(seen.note).toBe('De monteur komt donderdag kijken.');
		expect((await itemsAbout(id, 'help.follow_up')).filter((i) => i.account_id === f.ids.asker).map((i) => i.params.step).sort()).toEqual(['answer', 'close']);
		expect((await listFollowUps(db, [id])).get(id)).toMatchObject({ answered: true, closed: true });

		const history = (await getRequestDetail(db, anna, id, ctx.clock())).history!;
		expect(history.map((h) => h.action).slice(-3)).toEqual(['follow_up_assign', 'follow_up_answer', 'follow_up_close']);
		expect(history.at(-1)!.toState).toBe('redirected');
		const audit = await listAudit(db, { limit: 20 });
		expect(audit.filter((a) => a.subject === `help_request:${id}`).map((a) => a.action).sort()).toEqual(['help.follow_up.answer', 'help.follow_up.assign', 'help.follow_up.close']);

		expect((await errorOf(answerRedirectedRequest(ctx, wim, { requestId: id, note: 'Nog iets.' }))).code).toBe('help.follow_up_closed');
		expect((await getFollowUp(db, wim, id))!.canAct).toBe(false);
	});

	it('needs a note to close when there is no answer yet, and a real note to answer', async () => {
		const id = await f.requestIn('redirected');
		const wim = await f.actor('staff');
		expect((await errorOf(closeRedirectedRequest(ctx, wim, { requestId: id }))).fields).toEqual({ note: 'help.note_required' });
		expect((await errorOf(answerRedirectedRequest(ctx, wim, { requestId: id, note: ' ' }))).fields).toEqual({ note: 'help.note_required' });
		await closeRedirectedRequest(ctx, wim, { requestId: id, note: 'Dit regelen we via de huismeester.' });
		expect(await getFollowUp(db, await f.actor('asker'), id)).toMatchObject({ note: 'Dit regelen we via de huismeester.' });
	});

	it('is for staff of the corporation only, for redirected requests only, and assigns only to its staff', async () => {
		const id = await f.requestIn('redirected');
		const wim = await f.actor('staff');
		expect((await errorOf(answerRedirectedRequest(ctx, await f.actor('supervisor'), { requestId: id, note: 'Ik doe het wel.' }))).code).toBe('help.forbidden');
		expect((await errorOf(answerRedirectedRequest(ctx, await f.actor('asker'), { requestId: id, note: 'Zelf gedaan.' }))).code).toBe('help.forbidden');
		expect((await errorOf(assignRedirectedRequest(ctx, await f.actor('outsider'), { requestId: id, assigneeId: f.ids.staff }))).code).toBe('help.not_found');
		expect((await errorOf(assignRedirectedRequest(ctx, wim, { requestId: id, assigneeId: f.ids.helper }))).fields).toEqual({ assigneeId: 'help.assignee_not_staff' });
		const published = await f.requestIn('published');
		expect((await errorOf(answerRedirectedRequest(ctx, wim, { requestId: published, note: 'Hallo daar.' }))).code).toBe('help.not_redirected');
		expect(await getFollowUp(db, wim, published)).toBeNull();
	});

	it('answers a double submit once (idempotency key)', async () => {
		const id = await f.requestIn('redirected');
		const wim = await f.actor('staff');
		const k = key();
		await answerRedirectedRequest(ctx, wim, { requestId: id, note: 'We bellen u.', idempotencyKey: k });
		await answerRedirectedRequest(ctx, wim, { requestId: id, note: 'We bellen u.', idempotencyKey: k });
		expect((await itemsAbout(id, 'help.follow_up')).filter((i) => i.account_id === f.ids.asker)).toHaveLength(1);
	});
});
