import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { answerFeasibility, createProposal, markProposalsForRound, payProposal, supportProposal } from '../proposals';
import { createProposalFixture, key, pdfBytes, proposalInput, type ProposalFixture, type Who } from '../proposals/test-fixtures';
import { topUpBuurt } from '.';

export { errorOf, key } from '../proposals/test-fixtures';

/**
 * The set-up of the pot's money tests: a fresh database with the demo neighbourhood (Wim is
 * staff of Lindebuurt's and Beukenbuurt's corporation; Anna, Bram, Noor live in Lindebuurt) and
 * helpers to put money in, to get a proposal to 'won' and to pay it.
 */
export interface PotFixture extends ProposalFixture {
	close(): Promise<void>;
	topUp(account: 'funding' | 'buurtpot', amountCents: number, over?: Record<string, unknown>): ReturnType<typeof topUpBuurt>;
	/** A proposal of Anna's that won the vote. */
	wonProposal(costCents?: number): Promise<string>;
	pay(proposalId: string, amountCents: number, over?: Record<string, unknown>): ReturnType<typeof payProposal>;
	balances(buurtId?: string): Promise<{ funding: number; buurtpot: number }>;
	count(fromWhere: string, params?: unknown[]): Promise<number>;
}

export async function openPotTests(): Promise<PotFixture> {
	const db: Db = await createTestDb();
	const ctx: TestCtx = testCtx(db);
	const f = await createProposalFixture(db, ctx);
	const supporters: Who[] = ['bram', 'noor', 'h1', 'h2'];
	return {
		...f,
		close: () => db.close(),
		topUp: async (account, amountCents, over = {}) =>
			topUpBuurt(ctx, await f.actor('wim'), { buurtId: f.lindebuurt, account, amountCents, note: 'Leefbaarheidsbudget 2026', idempotencyKey: key(), ...over }),
		async wonProposal(costCents = 45_000) {
			const { id } = await createProposal(ctx, await f.actor('anna'), proposalInput(f.lindebuurt, { costCents, idempotencyKey: key() }));
			for (const who of supporters) await supportProposal(ctx, await f.actor(who), { proposalId: id });
			await answerFeasibility(ctx, await f.actor('wim'), { proposalId: id, outcome: 'accept', reason: 'Past binnen het budget en de regels.' });
			for (const status of ['in_vote', 'won'] as const) await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [id], status, at: ctx.clock() }));
			return id;
		},
		pay: async (proposalId, amountCents, over = {}) =>
			payProposal(ctx, await f.actor('wim'), { proposalId, amountCents, payee: 'Bouwmarkt Noaberveen', idempotencyKey: key(), ...over }, { field: 'receipt', bytes: pdfBytes() }),
		async balances(buurtId = f.lindebuurt) {
			const rows = await db.query<{ kind: string; balance: number }>(`SELECT kind, balance FROM ledger_accounts WHERE buurt_id = $1`, [buurtId]);
			const of = (k: string) => Number(rows.find((r) => r.kind === k)?.balance ?? 0);
			return { funding: of('funding'), buurtpot: of('buurtpot') };
		},
		count: async (fromWhere, params = []) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${fromWhere}`, params))[0].n
	};
}
