import { FORMER_NEIGHBOUR, REMOVED_TEXT, iso, needlesOf, type PersonalDataKind } from '../privacy';

/**
 * Buurtpot proposals' personal data (privacy's table). A proposal still gathering support or
 * waiting for its check is the person's own plan: it is withdrawn and its words go. Once the
 * buurt acted on it (accepted, voted, paid) it is the buurt's decision and stays readable, its
 * author now "een oud-buur". Support stays counted for the household; comments lose their text.
 */
export const proposalData: PersonalDataKind = {
	kind: 'proposals',
	module: 'proposals',
	messageKey: 'privacy.kinds.proposals',
	export: async (q, accountId) => {
		const own = await q.query<Record<string, unknown> & { created_at: Date }>(
			`SELECT p.id, b.name AS buurt, p.title, p.description, p.cost_cents AS "costCents", p.place, p.volunteers, p.status, p.created_at
			 FROM buurtpot_proposals p JOIN buurten b ON b.id = p.buurt_id WHERE p.author_id = $1 ORDER BY p.created_at, p.id`,
			[accountId]
		);
		const updates = await q.query<{ proposal_id: string; body: string; at: Date }>('SELECT proposal_id, body, at FROM buurtpot_updates WHERE author_id = $1 ORDER BY seq', [accountId]);
		return [
			...own.map(({ created_at, ...p }) => ({ what: 'proposal', ...p, createdAt: iso(created_at) })),
			...updates.map((u) => ({ what: 'progress_update', proposalId: u.proposal_id, body: u.body, at: iso(u.at) }))
		];
	},
	order: 30,
	erase: async (tx, s) => {
		const open = await tx.query<{ id: string; status: string }>(
			`SELECT id, status FROM buurtpot_proposals WHERE author_id = $1 AND status IN ('support', 'feasibility', 'needs_changes') ORDER BY id FOR UPDATE`,
			[s.accountId]
		);
		for (const p of open) {
			await tx.query(
				`UPDATE buurtpot_proposals SET status = 'withdrawn', withdrawn_at = $2, updated_at = $2, title = $3, description = $3, place = '', volunteers = '', cost_lines = '[]'::jsonb, version = version + 1 WHERE id = $1`,
				[p.id, s.at, REMOVED_TEXT]
			);
			await tx.query(`INSERT INTO buurtpot_proposal_history (proposal_id, at, actor_id, action, from_status, to_status) VALUES ($1, $2, NULL, 'erase', $3, 'withdrawn')`, [p.id, s.at, p.status]);
		}
		// Reasons and details the person wrote in any history, and their name or address anywhere in a kept proposal.
		const history = await tx.query(
			`UPDATE buurtpot_proposal_history SET reason = CASE WHEN reason IS NULL THEN NULL ELSE $2 END, details = privacy_scrub_jsonb(details, $3::text[], $4) WHERE actor_id = $1 RETURNING id`,
			[s.accountId, REMOVED_TEXT, needlesOf(s), FORMER_NEIGHBOUR]
		);
		return open.length + history.length;
	}
};

export const proposalCommentData: PersonalDataKind = {
	kind: 'proposal_comments',
	module: 'proposals',
	messageKey: 'privacy.kinds.proposal_comments',
	export: async (q, accountId) =>
		(
			await q.query<{ proposal_id: string; body: string; at: Date; deleted_at: Date | null }>('SELECT proposal_id, body, at, deleted_at FROM buurtpot_comments WHERE author_id = $1 ORDER BY id', [accountId])
		).map((c) => ({ proposalId: c.proposal_id, body: c.body, at: iso(c.at), deletedAt: iso(c.deleted_at) })),
	order: 31,
	// As a deleted comment: the row keeps the thread's order, the text goes ('-', the table's own rule).
	erase: async (tx, s) => (await tx.query(`UPDATE buurtpot_comments SET body = '-', deleted_at = COALESCE(deleted_at, $2) WHERE author_id = $1 AND body <> '-' RETURNING id`, [s.accountId, s.at])).length
};

export const proposalSupportData: PersonalDataKind = {
	kind: 'proposal_support',
	module: 'proposals',
	messageKey: 'privacy.kinds.proposal_support',
	export: async (q, accountId) =>
		(
			await q.query<{ proposal_id: string; title: string; at: Date }>(
				'SELECT s.proposal_id, p.title, s.at FROM buurtpot_supports s JOIN buurtpot_proposals p ON p.id = s.proposal_id WHERE s.account_id = $1 ORDER BY s.at',
				[accountId]
			)
		).map((r) => ({ proposalId: r.proposal_id, title: r.title, at: iso(r.at) })),
	// The household's support keeps counting (the buurt decided with it); it names nobody once the account is anonymised.
	erase: async () => 0
};

export const proposalsPersonalData = [proposalData, proposalCommentData, proposalSupportData];
