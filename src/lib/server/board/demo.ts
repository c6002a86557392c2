import type { Ctx } from '../shared/context';
import { loadActor, type Actor, type DemoKey } from '../people';
import { createNews, createPost } from './create-post';
import { addReply } from './replies';
import { actOnGroup, createGroup } from './groups';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The Lindebuurt's board as a first visit finds it, run by the demo registry (../demo.ts):
 * pinned news from the corporation, a few posts of neighbours (one as "a neighbour from the
 * Lindehof"), a reply, and an open group with a post. Through the use cases, each at its own
 * moment in the past; skipped when the buurt's board already has posts (idempotent).
 */
export async function seedBoardDemo(ctx: Ctx, ids: Record<DemoKey, string>): Promise<void> {
	const now = ctx.clock();
	const actor = async (id: string) => (await loadActor(ctx.db, id, now))!;
	const anna = await actor(ids.tenant);
	const buurtId = anna.memberships[0]?.buurtId;
	if (!buurtId) return;
	const [{ n }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM board_posts WHERE buurt_id = $1', [buurtId]);
	if (n > 0) return;
	const at = (days: number, hours = 0): Ctx => ({ ...ctx, clock: () => new Date(now.getTime() - days * DAY_MS - hours * 3600 * 1000) });
	const [bram, noor, fatima, wim] = await Promise.all([actor(ids.supervisor), actor(ids.helper), actor(ids.fatima), actor(ids.employee)]);
	const post = (c: Ctx, who: Actor, kind: string, body: string, key: string, extra: Record<string, unknown> = {}) =>
		createPost(c, who, { buurtId, kind, body, idempotencyKey: `demo-board-${key}`, ...extra });

	const expires = new Date(now.getTime() + 30 * DAY_MS).toISOString().slice(0, 10);
	await createNews(at(6), wim, {
		buurtId,
		body: 'Op maandag 12 en dinsdag 13 januari worden de dakgoten van de Lindehof schoongemaakt. De steigers staan aan de kant van de tuinen. Vragen? Stel ze hieronder of kom naar het spreekuur.',
		pinned: true,
		expiresOn: expires,
		idempotencyKey: 'demo-board-news-1'
	});
	const ladder = await post(at(4), bram, 'question', 'Heeft iemand een trap of ladder die ik zaterdag mag lenen? Ik wil een lamp in de gang ophangen.', 'ladder');
	await addReply(at(3, 20), noor, { buurtId, postId: ladder.id, body: 'Ja, ik heb een trap van drie treden. Bel maar aan, nummer 12.', idempotencyKey: 'demo-board-reply-1' });
	await post(at(2), anna, 'offer', 'Wie wil er stekjes van mijn vetplanten? Ik heb er veel te veel. Ze staan bij mijn voordeur, pak gerust.', 'stekjes');
	await post(at(1), noor, 'found_lost', 'Gevonden: een zwarte handschoen bij de fietsenstalling. Hij ligt nu bij mij.', 'handschoen', { nameChoice: 'street' });

	const garden = await createGroup(at(5), fatima, {
		buurtId,
		name: 'Moestuin Lindeplein',
		description: 'Samen groente kweken in de bakken op het Lindeplein. Iedereen is welkom, ook zonder ervaring.',
		access: 'open',
		idempotencyKey: 'demo-board-group-1'
	});
	await actOnGroup(at(4), anna, { buurtId, groupId: garden.id, action: 'join' });
	await post(at(3), fatima, 'announcement', 'Zaterdag om 10 uur zaaien we de tomaten en de sla. Neem handschoenen mee!', 'moestuin', { groupId: garden.id });
}

/**
 * A post that neighbours reported (for moderation's demo): Joost, one of the demo households,
 * vents about parking in a way the house rules do not allow. Returns where it is; made once
 * (found again by its text on a later run).
 */
export async function seedReportedBoardPost(ctx: Ctx, authorId: string): Promise<{ buurtId: string; postId: string } | null> {
	const now = ctx.clock();
	const author = await loadActor(ctx.db, authorId, now);
	const buurtId = author?.memberships[0]?.buurtId;
	if (!author || !buurtId) return null;
	const body = 'Wie zet steeds zijn busje voor mijn uitrit? Ik weet heus wel wie je bent, nummer 14. Doe dat nog één keer en je zult het merken.';
	const [found] = await ctx.db.query<{ id: string }>('SELECT id FROM board_posts WHERE buurt_id = $1 AND author_id = $2 AND body = $3', [buurtId, authorId, body]);
	if (found) return { buurtId, postId: found.id };
	const post = await createPost({ ...ctx, clock: () => new Date(now.getTime() - 10 * 3600 * 1000) }, author, { buurtId, kind: 'announcement', body, idempotencyKey: 'demo-board-parking' });
	return { buurtId, postId: post.id };
}
