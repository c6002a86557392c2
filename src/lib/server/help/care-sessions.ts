import type { Queryable } from '../db/client';
import { recordHistory, safeTitle } from './engine';
import { grantReward, type RewardStatus } from './rewards';
import type { ZorgLabel } from './model';

/**
 * The seam the care bridge (module care) uses to make a completed care session count as
 * Superbuurt help in the zorg category: one confirmed zorg request (`source = 'care'`, migration
 * 0150), made in one step, whose reward goes through the one reward path (grantReward: the
 * buurt's scheme for zorg, paid from the funding account into the buurtpot, pending when it
 * cannot pay). The client has no account and is never named: the care provider is the proxy, the
 * asker's reward is attributed to nobody, and there is no supervisor (the care organisation
 * vetted the need). Only the helper and the provider can open the request (policy.ts); the
 * buurt sees the reward in the pot as a zorg reward with its label, like any other.
 */

export interface CareSessionHelp {
	buurtId: string;
	corporationId: string;
	buurtName: string;
	zorgLabel: ZorgLabel;
	helperId: string;
	/** The care provider who logged the session (acts for the client). */
	providerId: string;
	sessionOn: string;
	minutes: number;
	at: Date;
}

/** Inside the caller's transaction (the one that logs the session). */
export async function recordCareSessionHelp(tx: Queryable, s: CareSessionHelp): Promise<{ helpRequestId: string; reward: RewardStatus }> {
	const [row] = await tx.query<{ id: string }>(
		`INSERT INTO help_requests (buurt_id, asker_id, proxy_id, category, zorg_label, title, description, when_kind, when_date, urgency, place,
			state, helper_id, created_by, created_at, updated_at, published_at, taken_at, done_at, confirmed_at, source)
		 VALUES ($1, NULL, $2, 'zorg', $3, 'Zorgbrug', 'Zorgbrug', 'date', $4, 'no_rush', 'buurt', 'confirmed', $5, $2, $6, $6, $6, $6, $6, $6, 'care')
		 RETURNING id`,
		[s.buurtId, s.providerId, s.zorgLabel, s.sessionOn, s.helperId, s.at]
	);
	await recordHistory(tx, { requestId: row.id, at: s.at, actorId: s.providerId, role: 'asker', action: 'care_session', from: null, to: 'confirmed', details: { minutes: s.minutes } });
	const reward = await grantReward(tx, {
		requestId: row.id,
		buurtId: s.buurtId,
		corporationId: s.corporationId,
		category: 'zorg',
		askerId: null,
		supervisorId: null,
		helperId: s.helperId,
		title: safeTitle({ category: 'zorg', zorg_label: s.zorgLabel, title: '' }),
		buurtName: s.buurtName,
		at: s.at
	});
	return { helpRequestId: row.id, reward };
}

/** Reward status of the help requests that care sessions became (for the care request page). */
export async function careSessionRewards(q: Queryable, helpRequestIds: string[]): Promise<Map<string, { status: 'pending' | 'paid'; cents: number }>> {
	if (!helpRequestIds.length) return new Map();
	const rows = await q.query<{ request_id: string; status: 'pending' | 'paid'; cents: number }>(
		'SELECT request_id, status, (asker_cents + supervisor_cents + helper_cents)::int AS cents FROM help_rewards WHERE request_id = ANY($1::uuid[])',
		[helpRequestIds]
	);
	return new Map(rows.map((r) => [r.request_id, { status: r.status, cents: r.cents }]));
}
