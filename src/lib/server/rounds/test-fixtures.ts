import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { loadActor, type Actor } from '../people';
import { topUpBuurt } from '../pot';
import { createProposal } from '../proposals';
import { createProposalFixture, proposalInput, type ProposalFixture } from '../proposals/test-fixtures';
import { openRound } from './rounds';

/**
 * For the rounds tests: the proposal fixture (Anna, Noor, Bram, h1…h6 in Lindebuurt; Sanne in
 * Anna's home; Olga in Beukenbuurt; Wim staff; Hanna of the tenants' association), a buurtpot
 * with money in it, and helpers to make accepted proposals and open rounds.
 */
export interface RoundFixture extends ProposalFixture {
	/** A proposal of Anna's, accepted by the feasibility check (status forced; that flow is tested elsewhere). */
	accepted(title: string, costCents: number): Promise<string>;
	open(over?: Record<string, unknown>): Promise<string>;
	/** Another household in Lindebuurt with one member; returns the member. */
	household(): Promise<Actor>;
	/** Postcode and house number of a Lindebuurt unit without a member, for paper ballots. */
	paperHousehold(): Promise<{ postcode: string; houseNumber: number }>;
	hour: number;
}

const HOUR = 3600_000;

export async function createRoundFixture(db: Db, ctx: TestCtx, potCents = 1_000_000): Promise<RoundFixture> {
	const f = await createProposalFixture(db, ctx);
	await topUpBuurt(ctx, await f.actor('wim'), { buurtId: f.lindebuurt, account: 'buurtpot', amountCents: potCents, note: 'Leefbaarheidsbudget 2026', idempotencyKey: `round-pot-${randomUUID()}` });
	let n = 0;
	const accepted = async (title: string, costCents: number) => {
		const p = await createProposal(ctx, await f.actor('anna'), proposalInput(f.lindebuurt, { title, costCents, costLines: [] }));
		await db.query(
			`UPDATE buurtpot_proposals SET status = 'accepted', decision = 'accept', decision_reason = 'Kan zo.', decided_at = $2, decided_by = $3, created_at = created_at + make_interval(secs => $4) WHERE id = $1`,
			[p.id, ctx.clock(), f.ids.wim, n++]
		);
		return p.id;
	};
	const open = async (over: Record<string, unknown> = {}) =>
		(
			await openRound(ctx, await f.actor('wim'), {
				buurtId: f.lindebuurt,
				title: 'Buurtpot voorjaar',
				budgetSource: 'amount',
				budgetCents: 100_000,
				opensAt: ctx.clock(),
				closesAt: new Date(ctx.clock().getTime() + 24 * HOUR),
				rule: 'knapsack',
				...over
			})
		).id;
	const used = new Set<string>();
	const freeUnit = async () => {
		const rows = await db.query<{ id: string; postcode: string; house_number: number }>(
			`SELECT u.id, u.postcode, u.house_number FROM units u JOIN complexes c ON c.id = u.complex_id
			 WHERE c.buurt_id = $1 AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.unit_id = u.id) ORDER BY u.postcode, u.house_number`,
			[f.lindebuurt]
		);
		const free = rows.find((r) => !used.has(r.id));
		if (!free) throw new Error('no free unit left in Lindebuurt');
		used.add(free.id);
		return free;
	};
	const household = async () => {
		const unit = await freeUnit();
		const [a] = await db.query<{ id: string }>('INSERT INTO accounts (email, name) VALUES ($1, $2) RETURNING id', [`${randomUUID()}@example.test`, 'Buur']);
		await db.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', '2024-01-01')`, [a.id, unit.id]);
		return (await loadActor(db, a.id, ctx.clock()))!;
	};
	const paperHousehold = async () => {
		const unit = await freeUnit();
		return { postcode: unit.postcode, houseNumber: unit.house_number };
	};
	return { ...f, accepted, open, household, paperHousehold, hour: HOUR };
}
