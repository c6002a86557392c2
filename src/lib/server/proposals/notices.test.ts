import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '$lib/i18n';
import { listInbox, presentInboxItem, setPreferences } from '../notifications';
import { key, openPotTests, type PotFixture } from '../pot/test-fixtures';
import { proposalInput } from './test-fixtures';
import { answerFeasibility, createProposal, editProposal, supportProposal } from '.';

/** Proposals tell the people who wait: staff when one waits for the check, the author on the answer, the supporters on a payout. */

let f: PotFixture;
beforeAll(async () => {
	f = await openPotTests();
	await f.topUp('buurtpot', 500_000);
});
afterAll(() => f.close());

const itemsAbout = (proposalId: string, type: string) =>
	f.db.query<{ account_id: string; subject_kind: string; params: Record<string, string | number> }>(
		'SELECT account_id, subject_kind, params FROM notification_items WHERE subject_id = $1 AND type = $2 ORDER BY created_at, id',
		[proposalId, type]
	);

describe('proposal notifications', () => {
	it('staff hear when a proposal waits for the check (on support, and again after changes); the author hears the answer', async () => {
		const { id } = await createProposal(f.ctx, await f.actor('anna'), proposalInput(f.lindebuurt, { idempotencyKey: key() }));
		expect(await itemsAbout(id, 'proposal.to_check')).toEqual([]);
		for (const who of ['bram', 'noor', 'h1', 'h2'] as const) await supportProposal(f.ctx, await f.actor(who), { proposalId: id });
		const toCheck = await itemsAbout(id, 'proposal.to_check');
		expect(toCheck.map((i) => i.account_id)).toEqual(expect.arrayContaining([f.ids.wim, f.ids.admin]));
		expect(toCheck.map((i) => i.account_id)).not.toContain(f.ids.anna);
		expect(toCheck[0].subject_kind).toBe('proposal');

		await answerFeasibility(f.ctx, await f.actor('wim'), { proposalId: id, outcome: 'needs_changes', reason: 'Zet er een offerte bij.' });
		const answer = await itemsAbout(id, 'proposal.feasibility');
		expect(answer.map((i) => [i.account_id, i.params.outcome, i.params.reason])).toEqual([[f.ids.anna, 'needs_changes', 'Zet er een offerte bij.']]);
		const [item] = (await listInbox(f.ctx, await f.actor('anna'))).items.filter((i) => i.type === 'proposal.feasibility');
		const en = presentInboxItem(translator('en'), 'http://x', item);
		expect(en.title).toMatch(/^Please change your proposal: /);
		expect(en.body).toContain('The reason: Zet er een offerte bij.');
		expect(en.path).toBe(`/proposals/${id}`);

		await editProposal(f.ctx, await f.actor('anna'), { ...proposalInput(f.lindebuurt), proposalId: id, title: 'Bankje bij de speeltuin, met offerte' });
		expect((await itemsAbout(id, 'proposal.to_check')).length).toBe(toCheck.length * 2);
	});

	it('every supporter hears of a payout, with the amount in their own format; e-mail as they chose', async () => {
		await setPreferences(f.ctx, await f.actor('noor'), { 'proposal.paid': 'instant' });
		const id = await f.wonProposal(45_000);
		await f.pay(id, 12_345);
		const paid = await itemsAbout(id, 'proposal.paid');
		expect(paid.map((i) => i.account_id).sort()).toEqual([f.ids.bram, f.ids.noor, f.ids.h1, f.ids.h2, f.ids.anna].sort());
		const [item] = (await listInbox(f.ctx, await f.actor('noor'))).items.filter((i) => i.type === 'proposal.paid' && i.subject_id === id);
		expect(presentInboxItem(translator('nl'), 'http://x', item).body).toMatch(/€\s123,45/);
		expect(presentInboxItem(translator('en'), 'http://x', item).body).toContain('€123.45');
		const modes = await f.db.query<{ account_id: string; mode: string }>(
			`SELECT d.account_id, d.mode FROM notification_deliveries d JOIN notification_items i ON i.id = d.item_id WHERE i.subject_id = $1 AND i.type = 'proposal.paid'`,
			[id]
		);
		expect(modes.find((m) => m.account_id === f.ids.noor)?.mode).toBe('instant');
		expect(modes.find((m) => m.account_id === f.ids.bram)?.mode).toBe('digest');
	});
});
