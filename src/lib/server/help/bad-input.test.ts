import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { httpStatusFor } from '../shared/errors';
import { askHelpRequest } from './ask-help-request';
import { publishHelpRequest } from './check-help-request';
import { confirmHelpRequest } from './asker-actions';
import { takeHelpRequest } from './helper-actions';
import { postHelpMessage } from './thread';
import { getRequestDetail, listOpenRequests } from './queries';
import { openHelpTests, askInput, errorOf, helpReads, key, reason, type HelpFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: HelpFixture;

beforeAll(async () => {
	f = await openHelpTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

const { count } = helpReads(() => db);

describe('bad input: a clear message, a 4xx, nothing half-written', () => {
	it('unknown category, empty or huge text, bad dates', async () => {
		const anna = await f.actor('asker');
		const before = await count('help_requests');
		const fields = async (over: Record<string, unknown>) => (await errorOf(askHelpRequest(ctx, anna, askInput(f.lindebuurt, over)))).fields;
		expect(await fields({ category: 'tuinfeest' })).toEqual({ category: 'help.unknown_category' });
		expect(await fields({ title: '   ' })).toEqual({ title: 'validation.required' });
		expect(await fields({ title: 'ab' })).toEqual({ title: 'help.title_too_short' });
		expect(await fields({ description: '' })).toEqual({ description: 'validation.required' });
		expect(await fields({ description: 'x'.repeat(4001) })).toEqual({ description: 'validation.too_long' });
		expect(await fields({ title: 'x'.repeat(121) })).toEqual({ title: 'validation.too_long' });
		expect(await fields({ category: 'zorg' })).toEqual({ zorgLabel: 'help.zorg_label_required' });
		expect(await fields({ when: 'date' })).toEqual({ whenDate: 'help.date_required' });
		expect(await fields({ when: 'date', whenDate: '2026-02-30' })).toEqual({ whenDate: 'help.date_invalid' });
		expect(await fields({ when: 'date', whenDate: '2026-03-01' })).toEqual({ whenDate: 'help.date_in_past' });
		expect(await fields({ urgency: 'nu!' })).toEqual({ urgency: 'validation.choice' });
		expect(await fields({ idempotencyKey: 'kort' })).toEqual({ idempotencyKey: 'help.idempotency_key_invalid' });
		expect(httpStatusFor('validation.invalid')).toBe(400);
		expect(await count('help_requests')).toBe(before);
	});

	it('a double submit makes exactly one request; the same key with other content is refused', async () => {
		const anna = await f.actor('asker');
		const k = key();
		const before = await count('help_requests');
		const [a, b] = await Promise.all([askHelpRequest(ctx, anna, askInput(f.lindebuurt, { idempotencyKey: k })), askHelpRequest(ctx, anna, askInput(f.lindebuurt, { idempotencyKey: k }))]);
		expect(a).toEqual(b);
		expect(await count('help_requests')).toBe(before + 1);
		const e = await errorOf(askHelpRequest(ctx, anna, askInput(f.lindebuurt, { idempotencyKey: k, title: 'Iets anders' })));
		expect(e.code).toBe('help.idempotency_mismatch');
		expect(httpStatusFor(e.code)).toBe(409);
		// Another person may use the same key for their own request.
		await askHelpRequest(ctx, await f.actor('member'), askInput(f.lindebuurt, { idempotencyKey: k }));
	});

	it('confirming twice: the same submit replays, a new one is a 409', async () => {
		const id = await f.requestIn('done');
		const anna = await f.actor('asker');
		const k = key();
		const first = await confirmHelpRequest(ctx, anna, { requestId: id, idempotencyKey: k });
		expect(await confirmHelpRequest(ctx, anna, { requestId: id, idempotencyKey: k })).toEqual(first);
		const again = await errorOf(confirmHelpRequest(ctx, anna, { requestId: id }));
		expect(again.code).toBe('help.already_confirmed');
		expect(httpStatusFor(again.code)).toBe(409);
		expect((await db.query('SELECT 1 FROM help_rewards WHERE request_id = $1', [id])).length).toBe(1);
	});

	it('taking or checking one’s own request, acting on another buurt’s request', async () => {
		const id = await f.requestIn('published');
		expect((await errorOf(takeHelpRequest(ctx, await f.actor('asker'), { requestId: id }))).code).toBe('help.own_request');
		const own = await askHelpRequest(ctx, await f.actor('supervisor'), askInput(f.lindebuurt));
		expect((await errorOf(publishHelpRequest(ctx, await f.actor('supervisor'), { requestId: own.id, reason }))).code).toBe('help.own_request');
		const olga = await f.actor('outsider');
		for (const call of [() => takeHelpRequest(ctx, olga, { requestId: id }), () => getRequestDetail(db, olga, id, ctx.clock()), () => postHelpMessage(ctx, olga, { requestId: id, body: 'Hoi' })]) {
			const e = await errorOf(call());
			expect(e.code).toBe('help.not_found');
			expect(httpStatusFor(e.code)).toBe(404);
		}
		expect((await errorOf(listOpenRequests(db, olga, { buurtId: f.lindebuurt }, ctx.clock()))).code).toBe('help.not_found');
		// Scope before role: asking in a buurt one does not see is the same 404, with a valid body or not.
		expect((await errorOf(askHelpRequest(ctx, olga, askInput(f.lindebuurt)))).code).toBe('help.not_found');
		expect((await errorOf(askHelpRequest(ctx, olga, { buurtId: f.lindebuurt, title: '\u0000' }))).code).toBe('help.not_found');
		// Staff see the buurt but do not ask there: 403, also before the body is read.
		expect((await errorOf(askHelpRequest(ctx, await f.actor('staff'), { buurtId: f.lindebuurt }))).code).toBe('help.forbidden');
		expect((await errorOf(getRequestDetail(db, olga, 'not-a-uuid', ctx.clock()))).code).toBe('help.not_found');
		// A malformed id is the same 404 as a missing one (parseInput, shared/text.ts idOf).
		expect((await errorOf(takeHelpRequest(ctx, olga, { requestId: 'not-a-uuid' }))).code).toBe('help.not_found');
	});

	it('a reason is required where the asker must read one; messages need text and a thread', async () => {
		const id = await f.requestIn('to_check');
		expect((await errorOf(publishHelpRequest(ctx, await f.actor('supervisor'), { requestId: id, reason: ' ' }))).fields).toEqual({ reason: 'help.reason_required' });
		expect((await errorOf(postHelpMessage(ctx, await f.actor('asker'), { requestId: id, body: 'Hallo?' }))).code).toBe('help.thread_closed');
		const taken = await f.requestIn('taken');
		expect((await errorOf(postHelpMessage(ctx, await f.actor('helper'), { requestId: taken, body: '' }))).fields).toEqual({ body: 'validation.required' });
		expect((await errorOf(postHelpMessage(ctx, await f.actor('helper'), { requestId: taken, body: 'x'.repeat(2001) }))).fields).toEqual({ body: 'validation.too_long' });
		expect((await errorOf(postHelpMessage(ctx, await f.actor('staff'), { requestId: taken, body: 'Hallo' }))).code).toBe('help.forbidden');
	});
});
