import { z } from 'zod';
import { plainText } from '../shared/text';
import { categories, places, redirectKinds, rewardedCategories, updateChannels, urgencies, whenKinds, zorgLabels } from '$lib/vocabulary/help';

export { categories, places, redirectKinds, rewardedCategories, updateChannels, urgencies, whenKinds, zorgLabels } from '$lib/vocabulary/help';

/**
 * Superbuurt vocabulary: categories, zorg labels, states and the shape of a request row.
 * Categories 1–4 earn rewards for the buurtpot; 'overige' (5) always goes to the corporation.
 */
export type Category = (typeof categories)[number];
export type RewardedCategory = (typeof rewardedCategories)[number];
export const isRewarded = (c: Category): c is RewardedCategory => c !== 'overige';

export type ZorgLabel = (typeof zorgLabels)[number];

export type RedirectKind = (typeof redirectKinds)[number];

export const helpStates = [
	'to_check',
	'returned',
	'published',
	'taken',
	'done',
	'disputed',
	'confirmed',
	'redirected',
	'rejected',
	'cancelled',
	'closed'
] as const;
export type HelpState = (typeof helpStates)[number];

/** States the whole buurt may see (the request was published at some point and is not withdrawn). */
export const publicStates: readonly HelpState[] = ['published', 'taken', 'done', 'disputed', 'confirmed'];
/** States with a helper, where asker and helper talk in the thread. */
export const threadStates: readonly HelpState[] = ['taken', 'done', 'disputed', 'confirmed', 'closed'];

/** A help_requests row as the module reads it. */
export interface HelpRequestRow {
	id: string;
	buurt_id: string;
	corporation_id: string;
	buurt_name: string;
	asker_id: string | null;
	proxy_id: string | null;
	on_behalf_name: string | null;
	consent_note: string | null;
	update_channel: (typeof updateChannels)[number] | null;
	category: Category;
	zorg_label: ZorgLabel | null;
	title: string;
	description: string;
	when_kind: (typeof whenKinds)[number];
	when_date: string | null;
	urgency: (typeof urgencies)[number];
	place: (typeof places)[number];
	place_note: string | null;
	state: HelpState;
	checker_id: string | null;
	checked_as: 'supervisor' | 'staff' | null;
	redirect_kind: RedirectKind | null;
	helper_id: string | null;
	created_by: string;
	created_at: Date;
	updated_at: Date;
	published_at: Date | null;
	taken_at: Date | null;
	done_at: Date | null;
	confirmed_at: Date | null;
	waiting_since: Date | null;
	version: number;
	/** 'care': a completed care-bridge session (help/care-sessions.ts); seen only by its helper and provider. */
	source?: 'superbuurt' | 'care';
}

export const requestColumns = `r.id, r.buurt_id, b.corporation_id, b.name AS buurt_name, r.asker_id, r.proxy_id,
	r.on_behalf_name, r.consent_note, r.update_channel, r.category, r.zorg_label, r.title, r.description, r.when_kind,
	to_char(r.when_date, 'YYYY-MM-DD') AS when_date, r.urgency, r.place, r.place_note, r.state, r.checker_id,
	r.checked_as, r.redirect_kind, r.helper_id, r.created_by, r.created_at, r.updated_at, r.published_at, r.taken_at,
	r.done_at, r.confirmed_at, r.waiting_since, r.version, r.source`;
export const requestFrom = `FROM help_requests r JOIN buurten b ON b.id = r.buurt_id`;

/** Form and API keys: retries with the same key return the first result. */
export const idempotencyKeySchema = z
	.string()
	.regex(/^[A-Za-z0-9._:-]{8,100}$/, 'help.idempotency_key_invalid')
	.optional();

/** A reason the asker reads (supervisor decisions, disputes, staff mediation). */
export const reasonSchema = plainText({ error: 'help.reason_required' }).trim().min(3, 'help.reason_required').max(1000);

export const requestIdSchema = z.uuid('help.not_found');

export { firstName } from '../people';

export const DAY_MS = 24 * 3600 * 1000;
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
