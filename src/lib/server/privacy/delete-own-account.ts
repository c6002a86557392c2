import { z } from 'zod';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import type { PersonalDataKind, PrivacyActor } from './model';
import { canDeleteOwnAccount } from './policy';
import { eraseAccount } from './erase';

/** The confirm step: the person ticks "I understand this cannot be undone". */
export const deleteOwnAccountSchema = z.object({ confirm: z.literal('yes', { error: 'privacy.confirm_required' }) });

/**
 * A member deletes their own account (art. 17): after the confirm step, the same erasure as a
 * move-out runs in one transaction and every session ends. Errors: privacy.managed_account (staff
 * or partner accounts: 403), validation.invalid (`confirm` not ticked: privacy.confirm_required).
 */
export async function deleteOwnAccount(ctx: Ctx, kinds: readonly PersonalDataKind[], actor: PrivacyActor, input: unknown): Promise<{ counts: Record<string, number> }> {
	if (!canDeleteOwnAccount(actor)) throw new DomainError('privacy.managed_account');
	parseInput(deleteOwnAccountSchema, input);
	const counts = await eraseAccount(ctx, kinds, { accountId: actor.accountId, reason: 'request', actorId: actor.accountId });
	return { counts: counts ?? {} };
}
