import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors';
import { listAudit } from '../audit';
import { renderItem, setPreferences } from '../notifications';
import { translator } from '$lib/i18n';
import { addReply, boardModerationTarget, createPost, editPost, getFeed, getPost } from '../board';
import { addComment, createProposal } from '../proposals';
import { askHelpRequest, postHelpMessage, publishHelpRequest, takeHelpRequest } from '../help';
import {
	checkMayPost,
	getReviewItem,
	houseRulesOf,
	listBuurtQueue,
	listCorporationQueue,
	myModerationHistory,
	reportContent,
	reviewItem,
	rulesForForm,
	sanctionAuthor,
	liftSuspension,
	saveHouseRules,
	setHideAfter,
	staffModeration
} from './index';
import { openModerationTests, type ModerationFixture } from './test-fixtures';
import type { Actor } from '../people';

let f: ModerationFixture;
beforeAll(async () => {
	f = await openModerationTests();
});

const code = async (p: Promise<unknown>) => {
	try {
		await p;
		return 'ok';
	} catch (err) {
		if (err instanceof DomainError) return err.code;
		throw err;
	}
};
const failure = async (p: Promise<unknown>) => {
	const err = await p.catch((e) => e);
	expect(err).toBeInstanceOf(DomainError);
	return err as DomainError;
};

/** A fresh post by `author` in the Lindebuurt and a function that reports it as someone. */
async function reportablePost(author: Actor, body = 'Een bericht dat buren niet fijn vinden.') {
	const post = await createPost(f.ctx, author, { buurtId: f.linde, kind: 'announcement', body });
	const target = async (who: Actor) => boardModerationTarget(f.db, who, { kind: 'board_post', buurtId: f.linde, id: post.id });
	const report = async (who: Actor, reason = 'insult', note = '') => reportContent(f.ctx, who, await target(who), { reason, note });
	return { post, target, report };
}
const itemOf = async (contentId: string) => (await f.db.query<{ id: string; state: string; needs_review: boolean }>('SELECT id, state, needs_review FROM moderation_items WHERE content_id = $1', [contentId]))[0];
const itemsOf = async (accountId: string, type: string) => (await f.db.query<{ type: string; params: Record<string, string> }>('SELECT type, params FROM notification_items WHERE account_id = $1 AND type = $2', [accountId, type]));

describe('moderation: reports and hide-after-N', () => {
	it('hides after three different households; two accounts of one home count once; the author is told and still reads it', async () => {
		const author = await f.neighbour('Joost Schrijver');
		const { post, report } = await reportablePost(author);
		const anna = await f.actor('tenant');
		const annasHousemate = await f.housemate(anna, 'Jan de Vries');
		expect((await report(anna)).hidden).toBe(false);
		// Anna's housemate: the same home, still one household.
		expect((await report(annasHousemate)).hidden).toBe(false);
		expect((await itemOf(post.id)).state).toBe('visible');
		expect((await report(await f.actor('supervisor'))).hidden).toBe(false);
		// The third household hides it.
		expect((await report(await f.actor('helper'), 'threat')).hidden).toBe(true);
		expect((await itemOf(post.id)).state).toBe('hidden');

		// Others read a placeholder; the author the words (and that reports hid it, without a reviewer's reason).
		const forPiet = await getPost(f.db, anna, { buurtId: f.linde, postId: post.id });
		expect(forPiet.post.body).toBe('');
		expect(forPiet.post.moderation).toMatchObject({ state: 'hidden', showText: false });
		const mine = await getPost(f.db, author, { buurtId: f.linde, postId: post.id });
		expect(mine.post.body).toContain('niet fijn');
		expect(mine.post.moderation).toMatchObject({ state: 'hidden', showText: true, reason: null, awaitingReview: true });
		const feed = await getFeed(f.db, anna, { buurtId: f.linde }, f.ctx.clock());
		expect(feed.items.find((p) => p.id === post.id)?.body).toBe('');

		const told = await itemsOf(author.accountId, 'moderation.hidden');
		expect(told).toHaveLength(1);
		expect(renderItem(translator('nl'), { type: 'moderation.hidden', subject_kind: 'moderation_item', subject_id: 'x', params: told[0].params }).title).toBe('Uw bericht op het prikbord is verborgen');
		// The buurt's ambassador (Fatima) is told there is something to review.
		expect(await itemsOf(f.ids.fatima, 'moderation.to_review')).toHaveLength(1);
	});

	it('refuses a report without a reason, "other" without words, an over-long note, twice from one person, and from the author or staff', async () => {
		const author = await f.neighbour();
		const { post, target, report } = await reportablePost(author);
		const anna = await f.actor('tenant');
		expect((await failure(reportContent(f.ctx, anna, await target(anna), { note: 'zomaar' }))).fields).toEqual({ reason: 'moderation.reason_required' });
		expect((await failure(report(anna, 'other'))).fields).toEqual({ note: 'moderation.note_required' });
		expect((await failure(report(anna, 'spam', 'x'.repeat(501)))).fields).toEqual({ note: 'validation.too_long' });
		expect(await code(report(anna))).toBe('ok');
		expect(await code(report(anna))).toBe('moderation.already_reported');
		expect(await code(report(author))).toBe('moderation.forbidden');
		expect(await code(report(await f.actor('employee')))).toBe('moderation.forbidden');
		// Someone who does not see the post (another buurt) cannot even name it: the board's 404.
		expect(await code(target(await f.actor('piet')))).toBe('board.not_found');
		const [{ n }] = await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM moderation_reports r JOIN moderation_items i ON i.id = r.item_id WHERE i.content_id = $1', [post.id]);
		expect(n).toBe(1);
	});

	it('follows the buurt setting for N (staff only), and reports audit rows', async () => {
		const wim = await f.actor('employee');
		expect(await code(setHideAfter(f.ctx, await f.actor('fatima'), { buurtId: f.linde, hideAfter: 1 }))).toBe('moderation.forbidden');
		expect(await code(setHideAfter(f.ctx, await f.actor('olga'), { buurtId: f.linde, hideAfter: 1 }))).toBe('moderation.not_found');
		expect((await failure(setHideAfter(f.ctx, wim, { buurtId: f.linde, hideAfter: 0 }))).fields).toEqual({ hideAfter: 'moderation.hide_after_invalid' });
		await setHideAfter(f.ctx, wim, { buurtId: f.linde, hideAfter: 1 });
		const { report } = await reportablePost(await f.neighbour());
		expect((await report(await f.actor('tenant'))).hidden).toBe(true);
		await setHideAfter(f.ctx, wim, { buurtId: f.linde, hideAfter: 3 });
		const actions = (await listAudit(f.db, { limit: 20 })).map((r) => r.action);
		expect(actions).toEqual(expect.arrayContaining(['moderation.reported', 'moderation.auto_hidden', 'moderation.setting_changed']));
	});
});

describe('moderation: review by ambassadors and staff', () => {
	it('lets the ambassador of the buurt review there only, not in another buurt or corporation, and never their own words', async () => {
		const { post, report } = await reportablePost(await f.neighbour());
		const { itemId } = await report(await f.actor('tenant'));
		const fatima = await f.actor('fatima');
		expect((await listBuurtQueue(f.db, fatima, { buurtId: f.linde })).items.map((i) => i.id)).toContain(itemId);
		// Fatima is no ambassador in the Beukenbuurt (and does not see its board), nor anywhere at Woonbron Oost.
		expect(await code(listBuurtQueue(f.db, fatima, { buurtId: f.beuken }))).toBe('moderation.not_found');
		expect(await code(listBuurtQueue(f.db, await f.actor('tenant'), { buurtId: f.linde }))).toBe('moderation.forbidden');
		expect(await code(listBuurtQueue(f.db, await f.actor('olga'), { buurtId: f.linde }))).toBe('moderation.not_found');
		expect(await code(reviewItem(f.ctx, await f.actor('olga'), { itemId, decision: 'keep' }))).toBe('moderation.not_found');
		expect(await code(reviewItem(f.ctx, await f.actor('tenant'), { itemId, decision: 'keep' }))).toBe('moderation.not_found');
		expect(await code(getReviewItem(f.db, await f.actor('piet'), { buurtId: f.linde, itemId }, f.ctx.clock()))).toBe('moderation.not_found');
		// A reason is needed to hide; keeping needs none.
		expect((await failure(reviewItem(f.ctx, fatima, { itemId, decision: 'hide' }))).fields).toEqual({ reason: 'moderation.reason_required' });
		await reviewItem(f.ctx, fatima, { itemId, decision: 'keep' });
		expect(await itemOf(post.id)).toMatchObject({ state: 'visible', needs_review: false });
		// Her own post: someone else reviews it.
		const own = await reportablePost(fatima);
		const mine = await own.report(await f.actor('tenant'));
		expect(await code(reviewItem(f.ctx, fatima, { itemId: mine.itemId, decision: 'keep' }))).toBe('moderation.forbidden');
		expect((await listBuurtQueue(f.db, fatima, { buurtId: f.linde })).items.map((i) => i.id)).not.toContain(mine.itemId);
		expect((await listCorporationQueue(f.db, await f.actor('employee'))).map((i) => i.id)).toContain(mine.itemId);
	});

	it('hide shows the author the reason; an edit sends it back to review still hidden; remove is final; every step is in the history and the audit log', async () => {
		const author = await f.neighbour('Karin Schrijft');
		const { post, report } = await reportablePost(author, 'Die van nummer 3 is een oplichter.');
		const { itemId } = await report(await f.actor('tenant'), 'privacy');
		const fatima = await f.actor('fatima');
		await reviewItem(f.ctx, fatima, { itemId, decision: 'hide', reason: 'privacy', note: 'Noem geen buren bij hun huisnummer.' });
		const seen = await getPost(f.db, author, { buurtId: f.linde, postId: post.id });
		expect(seen.post.moderation).toMatchObject({ state: 'hidden', showText: true, reason: 'privacy', note: 'Noem geen buren bij hun huisnummer.' });
		const decision = (await itemsOf(author.accountId, 'moderation.decision'))[0];
		expect(renderItem(translator('nl'), { type: 'moderation.decision', subject_kind: 'moderation_item', subject_id: itemId, params: decision.params })).toMatchObject({
			title: 'Uw bericht op het prikbord is verborgen',
			body: 'Reden: Noemt persoonlijke gegevens van anderen. Toelichting: Noem geen buren bij hun huisnummer.',
			path: '/settings/moderation'
		});

		// The author edits: still hidden, back in the queue, marked as changed.
		await editPost(f.ctx, author, { buurtId: f.linde, postId: post.id, body: 'Let op: er belt iemand aan voor een valse inzameling.' });
		expect(await itemOf(post.id)).toMatchObject({ state: 'hidden', needs_review: true });
		const queued = (await listBuurtQueue(f.db, fatima, { buurtId: f.linde })).items.find((i) => i.id === itemId);
		expect(queued).toMatchObject({ editedAfterHide: true, excerpt: 'Let op: er belt iemand aan voor een valse inzameling.' });
		await reviewItem(f.ctx, fatima, { itemId, decision: 'keep' });
		expect((await getPost(f.db, await f.actor('tenant'), { buurtId: f.linde, postId: post.id })).post.body).toContain('valse inzameling');

		// Remove is final: no edit, no further review.
		const wim = await f.actor('employee');
		await reviewItem(f.ctx, wim, { itemId, decision: 'remove', reason: 'misleading' });
		expect(await code(editPost(f.ctx, author, { buurtId: f.linde, postId: post.id, body: 'Nog eens' }))).toBe('moderation.removed');
		expect(await code(reviewItem(f.ctx, wim, { itemId, decision: 'keep' }))).toBe('moderation.removed');

		const history = await myModerationHistory(f.db, author, f.ctx.clock());
		const mine = history.items.find((i) => i.id === itemId)!;
		expect(mine.state).toBe('removed');
		expect(mine.history.map((d) => [d.kind, d.role])).toEqual([
			['remove', 'staff'],
			['keep', 'ambassador'],
			['edited', 'author'],
			['hide', 'ambassador']
		]);
		// Nobody else's history shows it; who reported is never in it.
		expect((await myModerationHistory(f.db, await f.actor('tenant'), f.ctx.clock())).items.map((i) => i.id)).not.toContain(itemId);
		expect(JSON.stringify(history)).not.toContain(f.ids.tenant);
		const audit = (await listAudit(f.db, { limit: 50 })).filter((r) => r.subject === `moderation_item:${itemId}`).map((r) => r.action);
		expect(audit).toEqual(expect.arrayContaining(['moderation.reported', 'moderation.hidden', 'moderation.kept', 'moderation.removed']));
	});

	it('reports a reply too, and shows a hidden reply as a placeholder to others', async () => {
		const author = await f.neighbour();
		const { post } = await reportablePost(await f.actor('tenant'), 'Wie heeft er een boormachine?');
		const reply = await addReply(f.ctx, author, { buurtId: f.linde, postId: post.id, body: 'Koop er zelf een, sukkel.' });
		await setHideAfter(f.ctx, await f.actor('employee'), { buurtId: f.linde, hideAfter: 1 });
		const bram = await f.actor('supervisor');
		expect((await reportContent(f.ctx, bram, await boardModerationTarget(f.db, bram, { kind: 'board_reply', buurtId: f.linde, id: reply.id }), { reason: 'insult' })).hidden).toBe(true);
		await setHideAfter(f.ctx, await f.actor('employee'), { buurtId: f.linde, hideAfter: 3 });
		const seen = await getPost(f.db, bram, { buurtId: f.linde, postId: post.id });
		expect(seen.replies.find((r) => r.id === reply.id)).toMatchObject({ body: '', moderation: { state: 'hidden', showText: false }, can: { report: false } });
	});
});

describe('moderation: warnings and suspensions (staff only)', () => {
	it('staff suspend the author; posting and replying are refused with the end date, and nothing is written; lifting lets them post again', async () => {
		const author = await f.neighbour('Rob Roeper');
		const { report } = await reportablePost(author);
		const { itemId } = await report(await f.actor('tenant'), 'threat');
		expect(await code(sanctionAuthor(f.ctx, await f.actor('fatima'), { itemId, action: 'warn', reason: 'threat' }))).toBe('moderation.forbidden');
		expect(await code(sanctionAuthor(f.ctx, await f.actor('olga'), { itemId, action: 'warn', reason: 'threat' }))).toBe('moderation.not_found');
		const wim = await f.actor('employee');
		expect((await failure(sanctionAuthor(f.ctx, wim, { itemId, action: 'suspend', reason: 'threat' }))).fields).toEqual({ days: 'moderation.days_required' });
		expect((await failure(sanctionAuthor(f.ctx, wim, { itemId, action: 'suspend', days: '400', reason: 'threat' }))).fields).toEqual({ days: 'moderation.days_invalid' });
		await sanctionAuthor(f.ctx, wim, { itemId, action: 'warn', reason: 'threat', note: 'Dreigen kan niet.' });
		const { until } = await sanctionAuthor(f.ctx, wim, { itemId, action: 'suspend', days: '7', reason: 'threat' });
		expect(until!.getTime() - f.ctx.clock().getTime()).toBe(7 * 86_400_000);

		const [{ n: before }] = await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM board_posts');
		const err = await failure(createPost(f.ctx, author, { buurtId: f.linde, kind: 'question', body: 'Mag ik nog iets vragen?' }));
		expect(err.code).toBe('moderation.suspended');
		expect(err.details.until).toBe(until!.getTime());
		expect(translator('nl')('errors.moderation.suspended', err.details)).toMatch(/^U mag tot 9 maart 2026 10:00 geen berichten plaatsen/);
		expect(translator('en')('errors.moderation.suspended', err.details)).toMatch(/^You may not post or change posts until 9 March 2026 10:00/);
		const [{ n: after }] = await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM board_posts');
		expect(after).toBe(before);
		const someone = (await getFeed(f.db, author, { buurtId: f.linde }, f.ctx.clock())).items[0];
		expect(await code(addReply(f.ctx, author, { buurtId: f.linde, postId: someone.id, body: 'Reactie' }))).toBe('moderation.suspended');
		// Only in that corporation: the check for another corporation lets them through.
		const [other] = await f.db.query<{ id: string }>(`SELECT id FROM corporations WHERE name LIKE 'Woonbron%'`);
		await f.db.transaction((tx) => checkMayPost(tx, author, other.id, f.ctx.clock()));

		const history = await myModerationHistory(f.db, author, f.ctx.clock());
		expect(history.sanctions.map((s) => s.kind)).toEqual(['suspend', 'warn']);
		expect(history.suspensions).toHaveLength(1);
		const facts = await getReviewItem(f.db, wim, { buurtId: f.linde, itemId }, f.ctx.clock());
		expect(facts.author).toMatchObject({ warnings: 1, suspensions: 1 });
		expect((await itemsOf(author.accountId, 'moderation.sanction')).map((i) => i.params.outcome)).toEqual(expect.arrayContaining(['warn', 'suspend']));

		const { suspensions } = await staffModeration(f.db, wim, f.ctx.clock());
		const s = suspensions.find((x) => x.name === 'Rob Roeper')!;
		expect(await code(liftSuspension(f.ctx, await f.actor('olga'), { suspensionId: s.id }))).toBe('moderation.not_found');
		await liftSuspension(f.ctx, wim, { suspensionId: s.id });
		expect(await code(createPost(f.ctx, author, { buurtId: f.linde, kind: 'question', body: 'Mag ik nog iets vragen?' }))).toBe('ok');
		const audit = (await listAudit(f.db, { limit: 50 })).filter((r) => r.subject === `account:${author.accountId}`).map((r) => r.action);
		expect(audit).toEqual(expect.arrayContaining(['moderation.member_warned', 'moderation.member_suspended', 'moderation.suspension_lifted']));
	});

	it('a suspension also blocks comments on plans and thread messages, and nothing is written', async () => {
		const author = await f.neighbour('Stan Schorsing');
		const { itemId } = await (await reportablePost(author)).report(await f.actor('tenant'));
		const anna = await f.actor('tenant');
		const proposal = await createProposal(f.ctx, anna, { buurtId: f.linde, title: 'Een bankje bij de speeltuin', description: 'Zodat ouders kunnen zitten.', costCents: 45_000, place: 'Speeltuin', volunteers: 'Twee mensen' });
		const request = await askHelpRequest(f.ctx, anna, { buurtId: f.linde, category: 'onderhoud_woning', title: 'Hulp bij de heg', description: 'Wie helpt knippen?', when: 'flexible', urgency: 'this_week', place: 'home' });
		await publishHelpRequest(f.ctx, await f.actor('employee'), { requestId: request.id, reason: 'Past goed.' });
		await takeHelpRequest(f.ctx, author, { requestId: request.id });
		await sanctionAuthor(f.ctx, await f.actor('employee'), { itemId, action: 'suspend', days: '3', reason: 'insult' });
		expect(await code(addComment(f.ctx, author, { proposalId: proposal.id, body: 'Goed plan!' }))).toBe('moderation.suspended');
		expect(await code(postHelpMessage(f.ctx, author, { requestId: request.id, body: 'Ik kom zaterdag.' }))).toBe('moderation.suspended');
		const [{ comments }] = await f.db.query<{ comments: number }>('SELECT count(*)::int AS comments FROM buurtpot_comments WHERE author_id = $1', [author.accountId]);
		const [{ messages }] = await f.db.query<{ messages: number }>('SELECT count(*)::int AS messages FROM help_messages WHERE author_id = $1', [author.accountId]);
		expect([comments, messages]).toEqual([0, 0]);
	});

	it('suspension ends by itself at its end', async () => {
		const author = await f.neighbour();
		const { itemId } = await (await reportablePost(author)).report(await f.actor('tenant'));
		await sanctionAuthor(f.ctx, await f.actor('employee'), { itemId, action: 'suspend', days: '1', reason: 'spam' });
		expect(await code(createPost(f.ctx, author, { buurtId: f.linde, kind: 'offer', body: 'Te koop' }))).toBe('moderation.suspended');
		f.ctx.advance(86_400_000 + 1);
		expect(await code(createPost(f.ctx, author, { buurtId: f.linde, kind: 'offer', body: 'Te koop' }))).toBe('ok');
	});
});

describe('moderation: notification preferences and house rules', () => {
	it('respects instant/digest/off for the moderation types (off keeps the inbox item, sends no mail)', async () => {
		const author = await f.neighbour('Els Voorkeur');
		await setPreferences(f.ctx, author, { 'moderation.decision': 'off', 'moderation.hidden': 'digest' });
		await setHideAfter(f.ctx, await f.actor('employee'), { buurtId: f.linde, hideAfter: 1 });
		const { report } = await reportablePost(author);
		const { itemId } = await report(await f.actor('tenant'));
		await setHideAfter(f.ctx, await f.actor('employee'), { buurtId: f.linde, hideAfter: 3 });
		await reviewItem(f.ctx, await f.actor('fatima'), { itemId, decision: 'keep' });
		const rows = await f.db.query<{ type: string; mode: string | null }>(
			`SELECT i.type, d.mode FROM notification_items i LEFT JOIN notification_deliveries d ON d.item_id = i.id WHERE i.account_id = $1 ORDER BY i.type`,
			[author.accountId]
		);
		expect(rows).toEqual([
			{ type: 'moderation.decision', mode: null },
			{ type: 'moderation.hidden', mode: 'digest' }
		]);
	});

	it('shows the default rules until staff write their own; the first post marks them seen', async () => {
		const newcomer = await f.neighbour('Nieuwe Buur');
		const corp = newcomer.memberships[0].corporationId;
		expect(await rulesForForm(f.db, newcomer, corp)).toEqual({ custom: null, firstTime: true });
		await createPost(f.ctx, newcomer, { buurtId: f.linde, kind: 'question', body: 'Hallo buren!' });
		expect((await rulesForForm(f.db, newcomer, corp)).firstTime).toBe(false);
		expect(await code(saveHouseRules(f.ctx, newcomer, { corporationId: corp, bodyNl: 'x', bodyEn: 'y' }))).toBe('moderation.not_found');
		const wim = await f.actor('employee');
		expect((await failure(saveHouseRules(f.ctx, wim, { corporationId: corp, bodyNl: 'Alleen Nederlands' }))).fields).toEqual({ bodyEn: 'moderation.rules_both' });
		await saveHouseRules(f.ctx, wim, { corporationId: corp, bodyNl: 'Wees aardig.', bodyEn: 'Be kind.' });
		expect((await houseRulesOf(f.db, newcomer))[0].custom).toMatchObject({ nl: 'Wees aardig.', en: 'Be kind.' });
		await saveHouseRules(f.ctx, wim, { corporationId: corp, bodyNl: '', bodyEn: '' });
		expect((await houseRulesOf(f.db, newcomer))[0].custom).toBeNull();
	});
});
