import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../shared/errors';
import { openBoardTests, tinyPng, type BoardFixture } from './test-fixtures';
import { addReply, createNews, createPost, deletePost, editPost, getBoardPhoto, getFeed, getPost, PAGE_SIZE } from './index';
import { renderItem, setPreferences } from '../notifications';
import { translator } from '$lib/i18n';

let f: BoardFixture;
beforeAll(async () => {
	f = await openBoardTests();
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
const fields = async (p: Promise<unknown>) => {
	const err = await p.catch((e) => e);
	expect(err).toBeInstanceOf(DomainError);
	return (err as DomainError).fields;
};
const count = async (table: string) => (await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
const day = 24 * 3600 * 1000;

describe('board: posting, news and the feed', () => {
	it('pins unexpired news first, drops expired news, and pages without duplicates or gaps', async () => {
		const [anna, wim] = [await f.actor('tenant'), await f.actor('employee')];
		const news = await createNews(f.ctx, wim, { buurtId: f.linde, body: 'Dakgoten worden schoongemaakt.', pinned: true });
		const soon = await createNews(f.ctx, wim, { buurtId: f.linde, body: 'Morgen geen water.', expiresOn: new Date(f.ctx.clock().getTime() + 2 * day).toISOString().slice(0, 10) });
		const ids: string[] = [];
		for (let i = 0; i < PAGE_SIZE + 5; i++) {
			f.ctx.advance(60_000);
			ids.push((await createPost(f.ctx, anna, { buurtId: f.linde, kind: 'question', body: `Vraag ${i}` })).id);
		}
		const first = await getFeed(f.db, anna, { buurtId: f.linde }, f.ctx.clock());
		expect(first.items[0].id).toBe(news.id);
		expect(first.items[0].pinned).toBe(true);
		expect(first.items[1].id).toBe(ids.at(-1));
		expect(first.items.filter((p) => !p.pinned)).toHaveLength(PAGE_SIZE);
		const second = await getFeed(f.db, anna, { buurtId: f.linde, before: first.nextBefore! }, f.ctx.clock());
		const seen = [...first.items, ...second.items].map((p) => p.id);
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen).toEqual(expect.arrayContaining([...ids, news.id, soon.id]));
		expect(second.items.some((p) => p.pinned)).toBe(false);
		// Two days on, the news with an expiry date has left the feed; the pinned one stays.
		f.ctx.advance(3 * day);
		const later = await getFeed(f.db, anna, { buurtId: f.linde }, f.ctx.clock());
		const all = [...later.items, ...(await getFeed(f.db, anna, { buurtId: f.linde, before: later.nextBefore! }, f.ctx.clock())).items].map((p) => p.id);
		expect(all).not.toContain(soon.id);
		expect(all[0]).toBe(news.id);
	});

	it('reads one page with one query (names, reply counts and photo ids included)', async () => {
		const anna = await f.actor('tenant');
		let queries = 0;
		const counting = { ...f.db, query: (...a: Parameters<typeof f.db.query>) => (queries++, f.db.query(...a)) } as typeof f.db;
		await getFeed(counting, anna, { buurtId: f.linde }, f.ctx.clock());
		// One read of the buurt for the scope check, one for the page.
		expect(queries).toBe(2);
	});

	it('a member of buurt A never sees buurt B’s board (404), nor do outsiders; staff of the corporation do', async () => {
		const piet = await f.actor('piet');
		const post = await createPost(f.ctx, piet, { buurtId: f.beuken, kind: 'offer', body: 'Gratis fiets.', nameChoice: 'name' });
		for (const who of ['tenant', 'supervisor', 'care', 'olga', 'kees'] as const) {
			const a = await f.actor(who);
			expect(await code(getFeed(f.db, a, { buurtId: f.beuken }, f.ctx.clock())), who).toBe('board.not_found');
			expect(await code(getPost(f.db, a, { buurtId: f.beuken, postId: post.id })), who).toBe('board.not_found');
			expect(await code(createPost(f.ctx, a, { buurtId: f.beuken, kind: 'question', body: 'x' })), who).toBe('board.not_found');
			// The post named under the wrong buurt is no way in either.
			expect(await code(getPost(f.db, a, { buurtId: f.linde, postId: post.id })), who).toBe('board.not_found');
		}
		expect((await getPost(f.db, await f.actor('employee'), { buurtId: f.beuken, postId: post.id })).post.body).toBe('Gratis fiets.');
		// Staff read but post news, not member posts; members do not post news.
		expect(await code(createPost(f.ctx, await f.actor('employee'), { buurtId: f.beuken, kind: 'question', body: 'x' }))).toBe('board.forbidden');
		expect(await code(createNews(f.ctx, piet, { buurtId: f.beuken, body: 'x' }))).toBe('board.forbidden');
	});

	it('shows the name as the author chose: first name (+ street if shown), or only "a neighbour from the <street>"', async () => {
		const [anna, bram, wim] = [await f.actor('tenant'), await f.actor('supervisor'), await f.actor('employee')];
		const named = await createPost(f.ctx, anna, { buurtId: f.linde, kind: 'offer', body: 'Stekjes.', nameChoice: 'name' });
		const hidden = await createPost(f.ctx, anna, { buurtId: f.linde, kind: 'found_lost', body: 'Sleutel gevonden.', nameChoice: 'street' });
		const asBram = (id: string) => getPost(f.db, bram, { buurtId: f.linde, postId: id });
		expect((await asBram(named.id)).post.author).toEqual({ shown: 'name', name: 'Anna', isStaff: false });
		const streetView = (await asBram(hidden.id)).post.author;
		expect(streetView.shown).toBe('street');
		expect(JSON.stringify(streetView)).not.toContain('Anna');
		// Staff see the full name of a named post, and respect the street choice too.
		expect((await getPost(f.db, wim, { buurtId: f.linde, postId: named.id })).post.author).toEqual({ shown: 'name', name: 'Anna de Vries', isStaff: false });
		expect((await getPost(f.db, wim, { buurtId: f.linde, postId: hidden.id })).post.author.shown).toBe('street');
		await f.db.query('UPDATE accounts SET show_street = true WHERE id = $1', [anna.accountId]);
		expect((await asBram(named.id)).post.author).toMatchObject({ shown: 'name', name: expect.stringMatching(/^Anna \(.+\)$/) });
		await f.db.query('UPDATE accounts SET show_street = false WHERE id = $1', [anna.accountId]);
	});

	it('refuses empty and over-long text, an unknown kind and a photo that is not an image — nothing written', async () => {
		const anna = await f.actor('tenant');
		const [posts, photos] = [await count('board_posts'), await count('board_photos')];
		expect(await fields(createPost(f.ctx, anna, { buurtId: f.linde, kind: 'question', body: '   ' }))).toEqual({ body: 'board.body_required' });
		expect(await fields(createPost(f.ctx, anna, { buurtId: f.linde, kind: 'question', body: 'x'.repeat(2001) }))).toEqual({ body: 'validation.too_long' });
		expect(await fields(createPost(f.ctx, anna, { buurtId: f.linde, kind: 'sale', body: 'Te koop' }))).toEqual({ kind: 'board.kind_required' });
		const notImage = { field: 'photos', bytes: new TextEncoder().encode('%PDF-1.4 not a photo') };
		// Every problem at once: the text and the photo.
		expect(await fields(createPost(f.ctx, anna, { buurtId: f.linde, kind: 'question', body: '' }, [notImage]))).toEqual({ body: 'board.body_required', photos: 'photos.file_type' });
		expect(await fields(createPost(f.ctx, anna, { buurtId: f.linde, kind: 'question', body: 'Foto' }, [1, 2, 3, 4].map(() => ({ field: 'photos', bytes: tinyPng() }))))).toEqual({ photos: 'photos.too_many_files' });
		expect([await count('board_posts'), await count('board_photos')]).toEqual([posts, photos]);
	});

	it('stores up to three photos with the post and serves them only to who may see the post', async () => {
		const anna = await f.actor('tenant');
		const r = await createPost(f.ctx, anna, { buurtId: f.linde, kind: 'announcement', body: 'Met foto.' }, [{ field: 'photos', bytes: tinyPng() }, { field: 'photos', bytes: tinyPng() }]);
		const { post } = await getPost(f.db, anna, { buurtId: f.linde, postId: r.id });
		expect(post.photoIds).toHaveLength(2);
		const photo = await getBoardPhoto(f.db, await f.actor('supervisor'), post.photoIds[0]);
		expect(photo.contentType).toBe('image/png');
		expect(await code(getBoardPhoto(f.db, await f.actor('piet'), post.photoIds[0]))).toBe('board.not_found');
		expect(await code(getBoardPhoto(f.db, await f.actor('care'), post.photoIds[0]))).toBe('board.not_found');
	});

	it('the author edits and deletes their own post; others may not; staff deleting is audited', async () => {
		const [anna, bram, wim] = [await f.actor('tenant'), await f.actor('supervisor'), await f.actor('employee')];
		const r = await createPost(f.ctx, anna, { buurtId: f.linde, kind: 'question', body: 'Eerst' });
		expect(await code(editPost(f.ctx, bram, { buurtId: f.linde, postId: r.id, body: 'Niet van mij' }))).toBe('board.forbidden');
		expect(await code(deletePost(f.ctx, bram, { buurtId: f.linde, postId: r.id }))).toBe('board.forbidden');
		await editPost(f.ctx, anna, { buurtId: f.linde, postId: r.id, body: 'Daarna', kind: 'offer' });
		expect((await getPost(f.db, anna, { buurtId: f.linde, postId: r.id })).post).toMatchObject({ body: 'Daarna', kind: 'offer', editedAt: expect.any(Date) });
		await deletePost(f.ctx, wim, { buurtId: f.linde, postId: r.id });
		expect(await code(getPost(f.db, anna, { buurtId: f.linde, postId: r.id }))).toBe('board.not_found');
		const [audit] = await f.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject = $1`, [`board_post:${r.id}`]);
		expect(audit.action).toBe('board.post_deleted');
	});
});

describe('board: replies and their notification', () => {
	it('tells the post’s author of a reply (board.reply), never the replier; off keeps only the inbox item', async () => {
		const [anna, bram] = [await f.actor('tenant'), await f.actor('supervisor')];
		const r = await createPost(f.ctx, anna, { buurtId: f.linde, kind: 'question', body: 'Wie heeft een ladder?' });
		const items = async () => f.db.query<{ id: string; params: Record<string, string> }>(`SELECT id, params FROM notification_items WHERE account_id = $1 AND type = 'board.reply' AND subject_id = $2`, [anna.accountId, r.id]);
		const mails = async () => (await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_deliveries d JOIN notification_items i ON i.id = d.item_id WHERE i.subject_id = $1`, [r.id]))[0].n;
		await addReply(f.ctx, anna, { buurtId: f.linde, postId: r.id, body: 'Ik zoek nog.' });
		expect(await items()).toHaveLength(0);
		f.ctx.advance(1000);
		await addReply(f.ctx, bram, { buurtId: f.linde, postId: r.id, body: 'Ik heb er een.' });
		const [item] = await items();
		expect(item.params).toMatchObject({ buurtId: f.linde, who: 'Bram' });
		// The inbox links to the post under its buurt, in the reader's words.
		const shown = renderItem(translator('nl'), { type: 'board.reply', subject_kind: 'board_post', subject_id: r.id, params: item.params });
		expect(shown).toMatchObject({ path: `/buurten/${f.linde}/board/${r.id}`, title: 'Reactie op uw bericht: Wie heeft een ladder?' });
		expect(shown.body).toContain('Bram');
		expect(await mails()).toBe(1);
		await setPreferences(f.ctx, anna, { 'board.reply': 'off' });
		f.ctx.advance(1000);
		await addReply(f.ctx, bram, { buurtId: f.linde, postId: r.id, body: 'Nog een.' });
		expect(await items()).toHaveLength(2);
		expect(await mails()).toBe(1);
		const page = await getPost(f.db, anna, { buurtId: f.linde, postId: r.id });
		expect(page.replies.map((x) => x.body)).toEqual(['Ik zoek nog.', 'Ik heb er een.', 'Nog een.']);
		expect((await getFeed(f.db, anna, { buurtId: f.linde }, f.ctx.clock())).items.find((p) => p.id === r.id)?.replyCount).toBe(3);
	});

	it('refuses an empty reply, and a reply from outside the buurt is a 404', async () => {
		const anna = await f.actor('tenant');
		const r = await createPost(f.ctx, anna, { buurtId: f.linde, kind: 'question', body: 'Vraag' });
		expect(await fields(addReply(f.ctx, await f.actor('supervisor'), { buurtId: f.linde, postId: r.id, body: '' }))).toEqual({ body: 'board.body_required' });
		expect(await code(addReply(f.ctx, await f.actor('piet'), { buurtId: f.linde, postId: r.id, body: 'Hoi' }))).toBe('board.not_found');
	});
});

describe('board: pagination covers every visible post exactly once (property)', () => {
	it('for any number of posts and page walk', async () => {
		const { openBoardTests: open } = await import('./test-fixtures');
		const g = await open();
		const anna = await g.actor('tenant');
		const wim = await g.actor('employee');
		let made: string[] = [];
		await fc.assert(
			fc.asyncProperty(fc.array(fc.constantFrom('post', 'pinned', 'expiring', 'delete'), { minLength: 1, maxLength: 50 }), async (steps) => {
				for (const s of steps) {
					g.ctx.advance(fc.sample(fc.integer({ min: 0, max: 2 }), 1)[0] * 1000);
					if (s === 'post') made.push((await createPost(g.ctx, anna, { buurtId: g.linde, kind: 'question', body: 'p' })).id);
					else if (s === 'pinned') made.push((await createNews(g.ctx, wim, { buurtId: g.linde, body: 'n', pinned: true })).id);
					else if (s === 'expiring') await createNews(g.ctx, wim, { buurtId: g.linde, body: 'weg', expiresOn: new Date(g.ctx.clock().getTime() + day).toISOString().slice(0, 10) });
					else if (made.length) await deletePost(g.ctx, wim, { buurtId: g.linde, postId: made.splice(0, 1)[0] }); // staff may delete either kind
				}
				g.ctx.advance(2 * day); // every expiring news item has expired
				const seen: string[] = [];
				let before: string | undefined;
				for (let i = 0; i < 100; i++) {
					const page = await getFeed(g.db, anna, { buurtId: g.linde, before }, g.ctx.clock());
					seen.push(...page.items.map((p) => p.id));
					if (!page.nextBefore) break;
					before = page.nextBefore;
				}
				expect(seen.length).toBe(new Set(seen).size);
				expect(new Set(seen)).toEqual(new Set(made));
			}),
			{ numRuns: 8 }
		);
		made = [];
	});
});
