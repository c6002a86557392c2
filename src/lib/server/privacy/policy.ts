import type { PrivacyActor } from './model';

/**
 * A person deletes their own account only when nobody else manages it: staff and partner
 * accounts belong to the corporation's or the organisation's administration (an admin ends
 * them), so they are refused with `privacy.managed_account`.
 */
export const canDeleteOwnAccount = (actor: PrivacyActor) => actor.staff.length === 0 && actor.partners.length === 0;

/** The register of processing and the retention settings: admins of a corporation. */
export const canReadRegister = (actor: { staff: readonly { role: string; corporationId: string }[] }, corporationId: string) =>
	actor.staff.some((s) => s.role === 'admin' && s.corporationId === corporationId);
