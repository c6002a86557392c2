import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { askHelpRequestOnBehalf } from './ask-help-request';
import { publishHelpRequest } from './check-help-request';
import { confirmHelpRequest } from './asker-actions';
import { markHelpRequestDone, takeHelpRequest } from './helper-actions';
import { getRequestDetail } from './queries';
import { openHelpTests, askInput, errorOf, reason, type HelpFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: HelpFixture;

beforeAll(async () => {
	f = await openHelpTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

describe('namens: asking on behalf of a neighbour without a phone', () => {
	it('the proxy asks with consent, acts for the asker, and cannot check it', async () => {
		const bram = await f.actor('supervisor');
		const input = { ...askInput(f.lindebuurt), neighbourName: 'Mevrouw Jansen', consent: true, consentNote: 'Mondeling gevraagd op 1 maart, bij haar thuis.', updateChannel: 'phone' };
		const { id } = await askHelpRequestOnBehalf(ctx, bram, input);
		expect((await errorOf(publishHelpRequest(ctx, bram, { requestId: id, reason }))).code).toBe('help.own_request');
		await publishHelpRequest(ctx, await f.actor('staff'), { requestId: id, reason: 'Dank voor het doorgeven.' });
		await takeHelpRequest(ctx, await f.actor('helper'), { requestId: id });
		await markHelpRequestDone(ctx, await f.actor('helper'), { requestId: id });
		expect(await confirmHelpRequest(ctx, bram, { requestId: id })).toMatchObject({ state: 'confirmed', reward: 'paid' });
		const d = await getRequestDetail(db, bram, id, ctx.clock());
		expect(d).toMatchObject({ onBehalfName: 'Mevrouw Jansen', updateChannel: 'phone', viaName: 'Bram', isMine: true });
		// The neighbour's reward leg is in the buurtpot, attributed to nobody; the staff checker earns none.
		const [legs] = await db.query<{ codes: string[]; people: (string | null)[] }>(
			`SELECT array_agg(l.code ORDER BY l.leg_no) AS codes, array_agg(l.attributed_to ORDER BY l.leg_no) AS people
			 FROM ledger_legs l JOIN ledger_transfers t ON t.seq = l.transfer_seq WHERE t.id = $1`,
			[`help.reward:${id}`]
		);
		expect(legs).toEqual({ codes: ['asker', 'helper'], people: [null, f.ids.helper] });
	});

	it('only supervisors of the buurt and staff may ask on behalf, and consent is required', async () => {
		const input = { ...askInput(f.lindebuurt), neighbourName: 'Meneer Pieters', consent: true, consentNote: 'Telefonisch.', updateChannel: 'paper' };
		expect((await errorOf(askHelpRequestOnBehalf(ctx, await f.actor('helper'), input))).code).toBe('help.forbidden');
		const e = await errorOf(askHelpRequestOnBehalf(ctx, await f.actor('staff'), { ...input, consent: undefined, consentNote: '' }));
		expect(e.fields).toMatchObject({ consent: 'help.consent_required', consentNote: 'help.consent_note_required' });
	});
});
