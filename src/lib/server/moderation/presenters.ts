import type { QueueItem } from './queries';

/** JSON shapes of /api/v1/buurten/{id}/moderation (never raw rows; schemas in openapi.ts). Reporters are never named. */
export const presentQueueItem = (i: QueueItem) => ({
	id: i.id,
	kind: i.kind,
	buurtId: i.buurtId,
	path: i.path,
	excerpt: i.excerpt,
	state: i.state,
	hiddenBy: i.hiddenBy,
	editedAfterHide: i.editedAfterHide,
	households: i.households,
	hideAfter: i.hideAfter,
	reasons: i.reasons,
	updatedAt: i.updatedAt.toISOString()
});

export const presentBuurtQueue = (q: { buurt: { id: string; name: string }; items: QueueItem[] }) => ({ buurt: q.buurt, items: q.items.map(presentQueueItem) });
