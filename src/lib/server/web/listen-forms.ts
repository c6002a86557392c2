import { error, type RequestEvent } from '@sveltejs/kit';
import { requireActor, str } from './forms';
import { QUOTE_SLOTS } from '../voice';
import type { Actor } from '../people';

/**
 * Edge helpers for the listening pages of Stem van de buurt (conversations, personas, advice):
 * form fields → use-case input, and the guard of the association's pages. No rules here.
 */

const on = (data: FormData, name: string) => data.get(name) === 'on';

/**
 * The conversation form: fixed quote slots (`quote0`…), each with its theme checkboxes named
 * `theme<slot>_<themeId>` (one name per box, so a re-shown form keeps every tick). Empty slots
 * are left out.
 */
export function conversationInput(data: FormData) {
	const quotes = [];
	for (let i = 0; i < QUOTE_SLOTS; i++) {
		const body = (str(data, `quote${i}`) ?? '').trim();
		const themeIds = [...data.keys()].filter((k) => k.startsWith(`theme${i}_`) && on(data, k)).map((k) => k.slice(`theme${i}_`.length));
		if (body) quotes.push({ body, themeIds });
	}
	const text = (name: string) => {
		const v = (str(data, name) ?? '').trim();
		return v === '' ? undefined : v;
	};
	return {
		heldOn: str(data, 'heldOn') ?? '',
		area: str(data, 'area') ?? '',
		format: str(data, 'format') ?? '',
		consentNotes: on(data, 'consentNotes'),
		consentQuotes: on(data, 'consentQuotes'),
		consentName: on(data, 'consentName'),
		firstName: text('firstName'),
		notes: text('notes'),
		quotes,
		idempotencyKey: str(data, 'idempotencyKey')
	};
}

/** The themes ticked for one quote (`theme_<id>` boxes), as ids. */
export const tickedThemes = (data: FormData, prefix = 'theme_') => [...data.keys()].filter((k) => k.startsWith(prefix) && on(data, k)).map((k) => k.slice(prefix.length));

/**
 * The association's pages are for board members of a tenants' association; anyone else gets
 * 403 (a page that a refused form re-renders keeps the form's 404, as staff pages do).
 */
export function requireAssociation(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	const actor = requireActor(event);
	if (!actor.partners.some((p) => p.kind === 'tenants_association')) {
		if (event.locals.formRefusal === 404) error(404, 'not_found');
		error(403, 'forbidden');
	}
	return actor;
}
