import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { canReadRegister } from './policy';
import type { PersonalDataKind, RetentionKind } from './model';
import { getPrivacySettings, type PrivacySettings } from './settings';

export interface RegisterOfProcessing {
	corporationId: string;
	/** One line per kind of personal data: message keys for what, why, who reads it, what erasure does. */
	kinds: { kind: string; module: string; messageKey: string }[];
	/** One line per retention rule, with the period in force for this corporation. */
	retention: { kind: string; module: string; messageKey: string; days: number; custom: boolean; setElsewhere: boolean }[];
	settings: PrivacySettings;
	/** The last retention runs (from the audit log): when and how much per kind. */
	runs: { at: string; counts: Record<string, number>; failed: string[] }[];
}

/**
 * The register of processing activities (AVG art. 30) of one corporation, generated from the
 * same tables the export, erasure and retention run on, so it cannot drift from the code.
 * Admins of the corporation only. Errors: privacy.not_found (not their corporation), privacy.forbidden.
 */
export async function getRegisterOfProcessing(
	q: Queryable,
	actor: { staff: readonly { role: string; corporationId: string }[] },
	corporationId: string,
	kinds: readonly PersonalDataKind[],
	retention: readonly RetentionKind[]
): Promise<RegisterOfProcessing> {
	if (!actor.staff.some((s) => s.corporationId === corporationId)) throw new DomainError('privacy.not_found');
	if (!canReadRegister(actor, corporationId)) throw new DomainError('privacy.forbidden');
	const settings = await getPrivacySettings(q, corporationId, retention);
	const runs = await q.query<{ at: Date; details: { counts?: Record<string, number>; failed?: string[] } }>(
		`SELECT at, details FROM audit_log WHERE action = 'privacy.retention_run' ORDER BY id DESC LIMIT 5`
	);
	return {
		corporationId,
		kinds: kinds.map((k) => ({ kind: k.kind, module: k.module, messageKey: k.messageKey })),
		retention: retention.map((k) => ({ kind: k.kind, module: k.module, messageKey: k.messageKey, ...settings.periods[k.kind], setElsewhere: !!k.periodOf })),
		settings,
		runs: runs.map((r) => ({ at: r.at.toISOString(), counts: r.details.counts ?? {}, failed: r.details.failed ?? [] }))
	};
}
