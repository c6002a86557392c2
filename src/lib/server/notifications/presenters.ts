import type { Translate } from '$lib/i18n';
import type { InboxItem } from './inbox';
import type { Preference } from './preferences';
import { renderItem } from './render';
import type { DeliveryMode } from './types';

/** One inbox item for pages and /api/v1, with its text in the reader's language. */
export function presentInboxItem(t: Translate, publicUrl: string, item: InboxItem) {
	const r = renderItem(t, item);
	return {
		id: item.id,
		type: item.type,
		subject: { kind: item.subject_kind, id: item.subject_id },
		title: r.title,
		body: r.body,
		path: r.path,
		url: publicUrl + r.path,
		createdAt: item.created_at.toISOString(),
		read: item.read_at !== null
	};
}

/** Preferences as a map type → mode (the same shape PUT accepts), plus the defaults. */
export function presentPreferences(prefs: Preference[]) {
	const map = (pick: (p: Preference) => DeliveryMode) => Object.fromEntries(prefs.map((p) => [p.type, pick(p)]));
	return {
		preferences: map((p) => p.mode),
		defaults: map((p) => p.default),
		relevant: prefs.filter((p) => p.relevant).map((p) => p.type)
	};
}
