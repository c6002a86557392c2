import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent, RequestEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { DomainError } from '$lib/server/shared/errors';
import type { Ctx } from '$lib/server/shared/context';
import type { Actor } from '$lib/server/people';
import { withdrawProposal, supportProposal, withdrawSupport, hideComment, answerFeasibility, addComment, deleteComment, payProposal, finishProposal, postProgressUpdate, filesFromForm } from '$lib/server/proposals';
import { cancelEvent, cancelSignUp, createEvent, signUpForEvent, getProposalWithEvents } from '$lib/server/activities';
import { centsField, tooLargeForm } from '$lib/server/web/proposal-forms';
import { formFields, newIdempotencyKey, orNotFound, pageLoad } from '$lib/server/web/input';
import { formRules, reportHref } from '$lib/server/web/moderation-targets';

const forms = ['support', 'withdrawSupport', 'withdraw', 'feasibility', 'comment', 'pay', 'update', 'event', 'finish'] as const;
const doneKinds = ['proposed', 'edited', 'support', 'support_withdrawn', 'withdraw', 'feasibility', 'comment', 'comment_deleted', 'comment_hidden', 'pay', 'update', 'event', 'signup', 'signup_cancelled', 'event_cancelled', 'finish', 'reported', 'reported_hidden'];

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const { ctx } = event.locals;
	const proposal = await orNotFound(getProposalWithEvents(ctx.db, actor, event.params.id, ctx.clock()));
	const done = event.url.searchParams.get('done');
	return {
		proposal,
		// Support, withdraw, feasibility and finish get a new key each time; comments, payments, updates
		// and activities are create forms, whose key survives Back (web/forms.ts formKeys).
		keys: { ...(Object.fromEntries(forms.map((f) => [f, newIdempotencyKey()])) as Record<(typeof forms)[number], string>), ...(await formKeys(event, ['comment', 'pay', 'update', 'event'])) },
		done: done && doneKinds.includes(done) ? done : null,
		// Moderation: report the text or a comment (not one's own), and the house rules beside the comment form.
		reportText: proposal.can.report ? reportHref('proposal_text', proposal.buurtId, proposal.id) : null,
		reportComment: Object.fromEntries(proposal.comments.filter((c) => c.canReport).map((c) => [c.id, reportHref('proposal_comment', proposal.buurtId, c.id)])),
		rules: proposal.can.comment ? await formRules(ctx.db, actor, proposal.buurtId) : null,
		today: ctx.clock().toISOString().slice(0, 10)
	};
});

/** One form action: run one use case, come back to the proposal (post/redirect/get). */
const act = (doneAs: string, run: (ctx: Ctx, actor: Actor, data: FormData, id: string) => Promise<unknown>, anchor = '') => (event: RequestEvent) =>
	tooLargeForm(event) ??
	runForm(event, async (data) => {
		await run(event.locals.ctx, requireActor(event), data, event.params.id);
		redirect(303, `/proposals/${event.params.id}?done=${doneAs}${anchor}`);
	});

/** The form's "amount" is in euros; the use case's field is amountCents (same for cost). */
const renameField = (err: unknown, from: string, to: string) => {
	if (err instanceof DomainError && err.fields[from]) err.fields[to] = err.fields[from];
	return err;
};

export const actions: Actions = {
	support: act('support', (ctx, actor, data, id) => supportProposal(ctx, actor, { proposalId: id, ...formFields(data, ['idempotencyKey']) })),
	withdrawSupport: act('support_withdrawn', (ctx, actor, data, id) => withdrawSupport(ctx, actor, { proposalId: id, ...formFields(data, ['idempotencyKey']) })),
	withdraw: act('withdraw', (ctx, actor, data, id) => withdrawProposal(ctx, actor, { proposalId: id, ...formFields(data, ['reason', 'idempotencyKey']) })),
	feasibility: act('feasibility', async (ctx, actor, data, id) => {
		const v = formFields(data, ['outcome', 'reason', 'idempotencyKey']);
		const cost = centsField(data, 'cost');
		try {
			return await answerFeasibility(ctx, actor, { proposalId: id, ...v, ...(cost !== undefined ? { costCents: cost } : {}) });
		} catch (err) {
			throw renameField(err, 'costCents', 'cost');
		}
	}),
	comment: act('comment', (ctx, actor, data, id) => addComment(ctx, actor, { proposalId: id, ...formFields(data, ['body', 'idempotencyKey']) }), '#comments'),
	deleteComment: act('comment_deleted', (ctx, actor, data, id) => deleteComment(ctx, actor, { proposalId: id, commentId: formFields(data, ['commentId']).commentId }), '#comments'),
	hideComment: act('comment_hidden', (ctx, actor, data, id) => hideComment(ctx, actor, { proposalId: id, ...formFields(data, ['commentId', 'reason']) }), '#comments'),
	pay: act('pay', async (ctx, actor, data, id) => {
		const v = formFields(data, ['payee', 'note', 'idempotencyKey']);
		const [receipt] = await filesFromForm(data, 'receipt');
		try {
			return await payProposal(ctx, actor, { proposalId: id, ...v, amountCents: centsField(data, 'amount') }, receipt ?? null);
		} catch (err) {
			throw renameField(err, 'amountCents', 'amount');
		}
	}),
	update: act('update', async (ctx, actor, data, id) => postProgressUpdate(ctx, actor, { proposalId: id, ...formFields(data, ['body', 'idempotencyKey']) }, await filesFromForm(data, 'photos'))),
	event: act('event', (ctx, actor, data, id) =>
		createEvent(ctx, actor, { proposalId: id, ...formFields(data, ['kind', 'title', 'description', 'place', 'date', 'startTime', 'endTime', 'capacity', 'idempotencyKey']) })
	, '#events'),
	signup: act('signup', (ctx, actor, data) => signUpForEvent(ctx, actor, formFields(data, ['eventId'])), '#events'),
	cancelSignup: act('signup_cancelled', (ctx, actor, data) => cancelSignUp(ctx, actor, formFields(data, ['eventId'])), '#events'),
	cancelEvent: act('event_cancelled', (ctx, actor, data) => cancelEvent(ctx, actor, formFields(data, ['eventId'])), '#events'),
	finish: act('finish', (ctx, actor, data, id) => finishProposal(ctx, actor, { proposalId: id, ...formFields(data, ['report', 'idempotencyKey']) }))
};
