import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isLocale } from '$lib/i18n';

/** Switches the language with a plain form post (works without JavaScript). */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const data = await request.formData().catch(() => new FormData());
	const locale = data.get('locale');
	if (isLocale(locale)) {
		cookies.set('noaber_lang', locale, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 24 * 3600 });
		if (locals.actor) await locals.ctx.db.query('UPDATE accounts SET locale = $2 WHERE id = $1', [locals.actor.accountId, locale]);
	}
	const next = data.get('next');
	redirect(303, typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/');
};
