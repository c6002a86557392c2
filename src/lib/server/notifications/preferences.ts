import { z } from 'zod';
import type { Actor } from '../people';
import type { Ctx } from '../shared/context';
import { parseInput } from '../shared/validate';
import { endConsent, recordConsent } from '../privacy';
import type { NotificationType } from './notify';
import { deliveryModes, modeDefaults, notificationTypes, relevantTypes, type DeliveryMode } from './types';

export interface Preference {
	type: NotificationType;
	mode: DeliveryMode;
	default: DeliveryMode;
	/** False for types the actor cannot receive with their current roles (hidden on the page). */
	relevant: boolean;
}

const mode = z.enum(deliveryModes, 'validation.choice');

/** Any subset of the types, each instant | digest | off; an unknown type is refused. */
export const setPreferencesSchema = z.strictObject(
	Object.fromEntries(notificationTypes.map((type) => [type, mode.optional()])) as Record<NotificationType, z.ZodOptional<typeof mode>>,
	{ error: (issue) => (issue.code === 'unrecognized_keys' ? 'notifications.unknown_type' : undefined) }
);

export type PreferencesInput = z.infer<typeof setPreferencesSchema>;

/** The actor's choice for every type (the default where they did not choose), in page order. */
export async function getPreferences(ctx: Pick<Ctx, 'db'>, actor: Actor): Promise<Preference[]> {
	const rows = await ctx.db.query<{ type: NotificationType; mode: DeliveryMode }>(
		'SELECT type, mode FROM notification_preferences WHERE account_id = $1',
		[actor.accountId]
	);
	const chosen = new Map(rows.map((r) => [r.type, r.mode]));
	const relevant = new Set(relevantTypes(actor));
	return notificationTypes.map((type) => ({
		type,
		mode: chosen.get(type) ?? modeDefaults[type],
		default: modeDefaults[type],
		relevant: relevant.has(type)
	}));
}

/**
 * Saves the actor's choices (types left out keep theirs). E-mails not yet sent follow the new
 * choice at once: 'off' drops them, 'instant' sends them within a minute, 'digest' holds them
 * for the next daily digest. Returns all preferences.
 * Errors: validation.invalid (fields: the type, e.g. `help.taken`; `_` for an unknown type).
 */
export async function setPreferences(ctx: Pick<Ctx, 'db' | 'clock'>, actor: Actor, input: unknown): Promise<Preference[]> {
	const v = parseInput(setPreferencesSchema, input);
	const now = ctx.clock();
	const entries = Object.entries(v).filter((e): e is [NotificationType, DeliveryMode] => e[1] !== undefined);
	if (entries.length) {
		const types = entries.map(([type]) => type);
		const modes = entries.map(([, m]) => m);
		await ctx.db.transaction(async (tx) => {
			await tx.query(
				`INSERT INTO notification_preferences (account_id, type, mode, updated_at)
				 SELECT $1, t.type, t.mode, $4 FROM unnest($2::text[], $3::text[]) AS t(type, mode)
				 ON CONFLICT (account_id, type) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at`,
				[actor.accountId, types, modes, now]
			);
			// Re-route e-mails still waiting. A row claimed by a running job is left alone.
			await tx.query(
				`UPDATE notification_deliveries d
				 SET status = CASE WHEN t.mode = 'off' THEN 'skipped' ELSE d.status END,
				     last_error = CASE WHEN t.mode = 'off' THEN 'preference off' ELSE d.last_error END,
				     mode = CASE WHEN t.mode = 'off' THEN d.mode ELSE t.mode END
				 FROM notification_items i, unnest($2::text[], $3::text[]) AS t(type, mode)
				 WHERE d.account_id = $1 AND d.status = 'pending' AND i.id = d.item_id AND i.type = t.type
				   AND (d.claimed_until IS NULL OR d.claimed_until < $4)
				   AND (t.mode = 'off' OR d.mode <> t.mode)`,
				[actor.accountId, types, modes, now]
			);
			// Choosing e-mail for any type is the consent to be e-mailed (privacy's consent records);
			// switching every type sent here off ends it.
			if (modes.some((m) => m !== 'off')) await recordConsent(tx, { accountId: actor.accountId, kind: 'email_notifications', how: 'web', byAccountId: actor.accountId, at: now });
			else await endConsent(tx, { accountId: actor.accountId, kind: 'email_notifications', how: 'web', at: now });
		});
	}
	return getPreferences(ctx, actor);
}
