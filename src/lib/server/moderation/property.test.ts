import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../shared/errors';
import { boardModerationTarget, createPost, editPost } from '../board';
import type { Actor } from '../people';
import { DEFAULT_HIDE_AFTER, reportContent, reviewItem } from './index';
import { openModerationTests, type ModerationFixture } from './test-fixtures';

/**
 * The rule as an invariant: after any sequence of reports (from four households of two accounts
 * each), keeps, hides and edits by the author, an item is hidden exactly when a reviewer hid it
 * last, or — with no decision since — reports of the current round came from at least N
 * different households. A second report by the same person in a round changes nothing.
 */
let f: ModerationFixture;
let households: Actor[][];
let author: Actor;
let reviewer: Actor;
beforeAll(async () => {
	f = await openModerationTests();
	author = await f.neighbour('Schrijver Eigenschap');
	reviewer = await f.actor('fatima');
	households = [];
	for (let h = 0; h < 4; h++) {
		const first = await f.neighbour(`Buur ${h}`);
		households.push([first, await f.housemate(first, `Huisgenoot ${h}`)]);
	}
});

type Op = { op: 'report'; h: number; a: number } | { op: 'keep' } | { op: 'hide' } | { op: 'edit' };
const ops = fc.oneof(
	{ weight: 5, arbitrary: fc.record({ op: fc.constant('report' as const), h: fc.integer({ min: 0, max: 3 }), a: fc.integer({ min: 0, max: 1 }) }) },
	{ weight: 1, arbitrary: fc.constant({ op: 'keep' as const }) },
	{ weight: 1, arbitrary: fc.constant({ op: 'hide' as const }) },
	{ weight: 1, arbitrary: fc.constant({ op: 'edit' as const }) }
);

describe('moderation: hidden iff a reviewer hid it or N distinct households reported it since the last review', () => {
	it('holds for any sequence of reports, reviews and edits', async () => {
		let n = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(ops, { minLength: 1, maxLength: 12 }), async (seq: Op[]) => {
				const post = await createPost(f.ctx, author, { buurtId: f.linde, kind: 'question', body: `Eigenschap ${n++}` });
				let itemId: string | null = null;
				let reviewerHid = false;
				let reporters = new Set<string>();
				let inRound = new Set<number>();
				for (const step of seq) {
					f.ctx.advance(1000);
					if (step.op === 'report') {
						const who = households[step.h][step.a];
						const target = await boardModerationTarget(f.db, author, { kind: 'board_post', buurtId: f.linde, id: post.id });
						const result = await reportContent(f.ctx, who, target, { reason: 'spam' }).catch((e: unknown) => e);
						if (reporters.has(who.accountId)) expect((result as DomainError).code).toBe('moderation.already_reported');
						else {
							expect(result).not.toBeInstanceOf(Error);
							itemId = (result as { itemId: string }).itemId;
							reporters.add(who.accountId);
							inRound.add(step.h);
						}
					} else if (step.op === 'edit') {
						await editPost(f.ctx, author, { buurtId: f.linde, postId: post.id, body: `Aangepast ${n}` });
					} else if (itemId) {
						await reviewItem(f.ctx, reviewer, { itemId, decision: step.op, reason: step.op === 'hide' ? 'spam' : undefined });
						reviewerHid = step.op === 'hide';
						reporters = new Set();
						inRound = new Set();
					}
					const [row] = await f.db.query<{ state: string }>('SELECT state FROM moderation_items WHERE content_id = $1', [post.id]);
					const expected = reviewerHid || inRound.size >= DEFAULT_HIDE_AFTER ? 'hidden' : 'visible';
					expect(row?.state ?? 'visible').toBe(expected);
				}
			}),
			{ numRuns: 25 }
		);
	});
});
