import type { Actor } from '$lib/server/people';
import type { Locale, Translate } from '$lib/i18n';
import type { Ctx } from '$lib/server/shared/context';

declare global {
	namespace App {
		interface Locals {
			requestId: string;
			locale: Locale;
			t: Translate;
			actor: Actor | null;
			sessionToken: string | null;
			ctx: Ctx;
			/**
			 * Set by runForm when a form action was refused (403, or 404 for something outside the
			 * actor's scope): the page load that renders the answer keeps that status (requireStaff).
			 */
			formRefusal?: 403 | 404;
			/** Extra img-src origins for this page's Content-Security-Policy (web/map.ts). */
			cspImgSrc?: string[];
		}
		interface Error {
			message: string;
			code?: string;
			requestId?: string;
		}
	}
}

export {};
