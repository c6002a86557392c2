import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../people';
import { translator } from '../../i18n';
import { getRequestDetail } from '../help';
import { openHelpTests, type HelpFixture } from '../help/test-fixtures';
import { listAudit } from '../audit';
import * as zorgReadsApi from '../../../routes/api/v1/help/[id]/zorg-reads/+server';

/**
 * POST /api/v1/help/{id}/zorg-reads through the route handler, on the real database: staff
 * whose turn it is open a zorg request's text with a reason; the read is audited and the asker
 * sees it; everyone else is refused — outside their scope with a 404 whatever the body says.
 */
let f: HelpFixture;

beforeAll(async () => {
	f = await openHelpTests();
});
afterAll(() => f.db.close());

async function post(actor: Actor | null, requestId: string, body: unknown) {
	const url = new URL(`http://noaber.test/api/v1/help/${requestId}/zorg-reads`);
	const event = {
		locals: { actor, ctx: f.ctx, t: translator('nl'), locale: 'nl', requestId: 'test', sessionToken: null },
		params: { id: requestId },
		url,
		request: new Request(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })
	} as unknown as RequestEvent;
	const res = await zorgReadsApi.POST(event);
	return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; fields?: Record<string, string> } } };
}

describe('POST /help/{id}/zorg-reads', () => {
	it('lets staff read a disputed zorg request with a reason: 201 with the text, audited, and the asker sees the read', async () => {
		const id = await f.requestIn('disputed', { category: 'zorg', zorgLabel: 'gezelschap' });
		const wim = await f.actor('staff');
		expect(await post(wim, id, { reason: '' })).toMatchObject({ status: 400, body: { error: { code: 'validation.invalid', fields: { reason: 'Schrijf waarom u de details wilt lezen (minstens 5 tekens). De vrager ziet dit.' } } } });
		const r = await post(wim, id, { reason: 'Geschil bemiddelen.' });
		expect(r.status).toBe(201);
		expect(r.body).toMatchObject({ id, category: 'zorg' });
		expect(r.body.description).toEqual(expect.any(String));
		expect((await listAudit(f.db, { action: 'help.zorg_text_read' })).some((a) => a.subject === `help_request:${id}` && a.details.reason === 'Geschil bemiddelen.')).toBe(true);
		const asker = await getRequestDetail(f.db, await f.actor('asker'), id, f.ctx.clock());
		expect(asker.zorgReads).toEqual([{ at: f.ctx.clock(), readerName: 'Wim', reason: 'Geschil bemiddelen.' }]);
	});

	it('refuses staff when a supervisor handles it (403), and anyone outside the buurt with a 404, also without a reason', async () => {
		const id = await f.requestIn('published', { category: 'zorg', zorgLabel: 'gezelschap' });
		expect(await post(await f.actor('staff'), id, { reason: 'Even kijken.' })).toMatchObject({ status: 403, body: { error: { code: 'help.forbidden' } } });
		expect(await post(await f.actor('outsider'), id, { reason: 'Even kijken.' })).toMatchObject({ status: 404, body: { error: { code: 'help.not_found' } } });
		expect(await post(await f.actor('outsider'), id, {})).toMatchObject({ status: 404, body: { error: { code: 'help.not_found' } } });
		expect(await post(null, id, { reason: 'Even kijken.' })).toMatchObject({ status: 401 });
		expect((await getRequestDetail(f.db, await f.actor('asker'), id, f.ctx.clock())).zorgReads).toEqual([]);
	});
});
