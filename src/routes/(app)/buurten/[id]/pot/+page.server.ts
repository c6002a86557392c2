import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoadEvent } from './$types';
import { formKeys, requireActor, runForm } from '$lib/server/web/forms';
import { eurosToCents } from '$lib/server/shared/money';
import { getPotOverview, topUpBuurt } from '$lib/server/pot';
import { updateRewardScheme } from '$lib/server/help';
import { payoutLinksForTransfers, reversePotTransfer } from '$lib/server/proposals';
import { formFields, newIdempotencyKey, orNotFound, doneParam, pageLoad } from '$lib/server/web/input';

export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const actor = requireActor(event);
	const before = event.url.searchParams.get('before') ?? undefined;
	const pot = await orNotFound(getPotOverview(event.locals.ctx.db, actor, { buurtId: event.params.id, before }));
	// Which plan each payout paid, to whom, and its receipt (for those who may see the plans).
	const payouts = await payoutLinksForTransfers(event.locals.ctx.db, actor, pot.buurt, pot.movements.filter((m) => m.kind === 'payout').map((m) => m.transferId));
	return {
		pot,
		payouts: Object.fromEntries(payouts),
		keys: { ...(await formKeys(event, ['topUp'])), scheme: newIdempotencyKey(), reverse: newIdempotencyKey() },
		done: doneParam(event.url, ['top_up', 'scheme', 'reversal'])
	};
});

export const actions: Actions = {
	topUp: (event) =>
		runForm(event, async (data) => {
			const v = formFields(data, ['account', 'amount', 'note', 'idempotencyKey']);
			const input = { buurtId: event.params.id, account: v.account, amountCents: eurosToCents(v.amount), note: v.note, idempotencyKey: v.idempotencyKey };
			try {
				await topUpBuurt(event.locals.ctx, requireActor(event), input);
			} catch (err) {
				// The form field is "amount" (in euros); the use case's is amountCents.
				const e = err as { fields?: Record<string, string> };
				if (e.fields?.amountCents) e.fields.amount = e.fields.amountCents;
				throw err;
			}
			redirect(303, `/buurten/${event.params.id}/pot?done=top_up`);
		}),
	scheme: (event) =>
		runForm(event, async (data) => {
			const v = formFields(data, ['category', 'asker', 'supervisor', 'helper', 'idempotencyKey']);
			const input = { buurtId: event.params.id, category: v.category, askerCents: eurosToCents(v.asker ?? '0'), supervisorCents: eurosToCents(v.supervisor ?? '0'), helperCents: eurosToCents(v.helper ?? '0'), idempotencyKey: v.idempotencyKey };
			try {
				await updateRewardScheme(event.locals.ctx, requireActor(event), input);
			} catch (err) {
				const e = err as { fields?: Record<string, string> };
				for (const role of ['asker', 'supervisor', 'helper']) if (e.fields?.[`${role}Cents`]) e.fields[role] = e.fields[`${role}Cents`];
				throw err;
			}
			redirect(303, `/buurten/${event.params.id}/pot?done=scheme`);
		}),
	/** Staff reverse a top-up or payout (one small form per movement), with a reason the buurt reads. */
	reverse: (event) =>
		runForm(event, async (data) => {
			const v = formFields(data, ['transferId', 'reason', 'idempotencyKey']);
			await reversePotTransfer(event.locals.ctx, requireActor(event), { buurtId: event.params.id, ...v });
			redirect(303, `/buurten/${event.params.id}/pot?done=reversal`);
		})
};
