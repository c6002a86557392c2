import { apiHandler } from '$lib/server/web/api';
import { createProposal, listProposals, type ProposalStatus, presentProposalSummary } from '$lib/server/proposals';
import { apiInput } from '$lib/server/web/proposal-forms';

/** A buurt's proposals: ?buurtId=…&status=accepted (repeatable). */
export const GET = apiHandler(async (event, actor) => {
	const q = event.url.searchParams;
	const status = q.getAll('status') as ProposalStatus[];
	const proposals = await listProposals(
		event.locals.ctx.db,
		actor,
		{ buurtId: q.get('buurtId') ?? actor.memberBuurtIds[0], ...(status.length ? { status } : {}) },
		event.locals.ctx.clock()
	);
	return { proposals: proposals.map(presentProposalSummary) };
});

/** Propose: JSON, or multipart/form-data with up to 3 `photos` (costLines as JSON text). */
export const POST = apiHandler(
	async (event, actor) => {
		const { input, files } = await apiInput(event, { files: ['photos'], numeric: ['costCents'], json: ['costLines'] });
		return createProposal(event.locals.ctx, actor, input, files.photos ?? []);
	},
	{ status: 201 }
);
