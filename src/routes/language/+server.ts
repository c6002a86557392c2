import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isLocale } from '$lib/i18n';
import { setPreferredLocale } from '$lib/server/people';
import { isSafeNext } from '$lib/server/web/forms';

/** Switches the language with a plain form post (works without JavaScript). */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const data = await request.formData().catch(() => new FormData());
	const locale = data.get('locale');
	if (isLocale(locale)) {
		cookies.set('noaber_lang', locale, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 });
		if (locals.actor) await setPreferredLocale(locals.ctx.db, locals.actor.accountId, locale);
	}
	const next = data.get('next');
	redirect(303, isSafeNext(next) ? next : '/');
};
