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
