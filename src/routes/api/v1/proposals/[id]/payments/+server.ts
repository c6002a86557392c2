import { apiHandler } from '$lib/server/web/api';
import { payProposal, getProposalDetail, presentPayment } from '$lib/server/proposals';
import { apiInput } from '$lib/server/web/proposal-forms';

export const GET = apiHandler(async (event, actor) => {
	const p = await getProposalDetail(event.locals.ctx.db, actor, event.params.id!, event.locals.ctx.clock());
	return { paidCents: p.paidCents, remainingCents: p.remainingCents, payments: p.payments.map(presentPayment) };
});

/** multipart/form-data: amountCents, payee, note?, receipt (PDF/JPEG/PNG/WebP file). */
export const POST = apiHandler(
	async (event, actor) => {
		const { input, files } = await apiInput(event, { files: ['receipt'], numeric: ['amountCents'] });
		return payProposal(event.locals.ctx, actor, { ...input, proposalId: event.params.id }, files.receipt?.[0] ?? null);
	},
	{ status: 201 }
);
