import { isLocale, translator, type Locale, type Translate } from '$lib/i18n';
import type { NotificationType } from './notify';

export interface ItemContent {
	type: NotificationType;
	subject_kind: string;
	subject_id: string;
	params: Record<string, string | number>;
}

export const localeOf = (value: string | null | undefined): Locale => (isLocale(value) ? value : 'nl');

/**
 * ICU needs every value a message names. The optional ones (who, reason, step, outcome) become empty strings
 * plus a yes/no flag the messages select on, so one message reads well with and without them.
 */
export function messageParams(params: Record<string, string | number>): Record<string, string | number> {
	const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
	return {
		...params,
		title: text(params.title),
		buurt: text(params.buurt),
		who: text(params.who),
		reason: text(params.reason),
		hasWho: text(params.who).trim() ? 'yes' : 'no',
		hasReason: text(params.reason).trim() ? 'yes' : 'no',
		// Selects and numbers of the newer types (help.follow_up, proposal.*): never missing.
		step: text(params.step),
		outcome: text(params.outcome),
		amount: Number(params.amount ?? 0)
	};
}

/** The page a notification is about, relative to the site. */
export function subjectPath(item: Pick<ItemContent, 'subject_kind' | 'subject_id'> & { params?: ItemContent['params'] }): string {
	// A board post's page lives under its buurt, which the item carries in its params.
	if (item.subject_kind === 'board_post') {
		const buurtId = String(item.params?.buurtId ?? '');
		return buurtId ? `/buurten/${encodeURIComponent(buurtId)}/board/${encodeURIComponent(item.subject_id)}` : '/inbox';
	}
	// A concern: the social team's page for them, the reporter's own short page otherwise.
	if (item.subject_kind === 'concern') return item.params?.forTeam === 'yes' ? `/staff/concerns/${encodeURIComponent(item.subject_id)}` : `/concerns/${encodeURIComponent(item.subject_id)}`;
	// A moderation item links to the page it names (the member's history or the review page), always one of ours.
	if (item.subject_kind === 'moderation_item') {
		const path = String(item.params?.path ?? '');
		return /^\/(?![/\\])[\x21-\x7e]*$/.test(path) ? path : '/settings/moderation';
	}
	if (item.subject_kind === 'care_request') return `/care/${encodeURIComponent(item.subject_id)}`;
	// An advice request has a page per side (the corporation's, the association's); the item says whose it is.
	if (item.subject_kind === 'advice_request') {
		const base = item.params?.side === 'association' ? '/association/advice' : '/staff/voice/advice';
		return `${base}/${encodeURIComponent(item.subject_id)}`;
	}
	const base = item.subject_kind === 'proposal' ? '/proposals' : item.subject_kind === 'round' ? '/rounds' : item.subject_kind === 'report' ? '/reports' : '/help';
	return `${base}/${encodeURIComponent(item.subject_id)}`;
}

/** Title and body of one item in the reader's language. */
export function renderItem(t: Translate, item: ItemContent) {
	const values = messageParams(item.params);
	// A title given as message keys (a zorg request's category and label) is read in the reader's language.
	const keys = item.params.titleKeys;
	if (typeof keys === 'string' && keys) values.title = keys.split(',').map((k) => t(k)).join(': ');
	return {
		title: t(`notifications.types.${item.type}.title`, values),
		body: t(`notifications.types.${item.type}.body`, values),
		path: subjectPath(item)
	};
}

export interface MailRecipient {
	email: string;
	name: string;
	locale: string | null;
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

/** One e-mail for one item (instant). */
export function instantMail(publicUrl: string, to: MailRecipient, item: ItemContent) {
	const t = translator(localeOf(to.locale));
	const r = renderItem(t, item);
	return {
		to: to.email,
		subject: t('notifications.mail.instant_subject', { title: r.title }),
		text: t('notifications.mail.instant_body', {
			name: firstName(to.name),
			title: r.title,
			body: r.body,
			url: publicUrl + r.path,
			settingsUrl: `${publicUrl}/settings/notifications`
		})
	};
}

/** At most this many items are written out in one digest; the rest are counted and linked. */
export const digestItemLimit = 50;

/** One e-mail with all of a person's digest items, oldest first. */
export function digestMail(publicUrl: string, to: MailRecipient, items: ItemContent[]) {
	const t = translator(localeOf(to.locale));
	const shown = items.slice(0, digestItemLimit).map((item) => {
		const r = renderItem(t, item);
		return t('notifications.mail.digest_item', { title: r.title, body: r.body, url: publicUrl + r.path });
	});
	const more = items.length - shown.length;
	return {
		to: to.email,
		subject: t('notifications.mail.digest_subject', { count: items.length }),
		text: t('notifications.mail.digest_body', {
			name: firstName(to.name),
			count: items.length,
			items: shown.join('\n\n'),
			more,
			inboxUrl: `${publicUrl}/inbox`,
			settingsUrl: `${publicUrl}/settings/notifications`
		})
	};
}
