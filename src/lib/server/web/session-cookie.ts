import type { Cookies } from '@sveltejs/kit';
import { sessionCookie } from '../auth';

/** HttpOnly, SameSite=Lax, Secure (SvelteKit relaxes Secure only for http://localhost). */
export function setSessionCookie(cookies: Cookies, token: string, expires: Date) {
	cookies.set(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', expires });
}

export function clearSessionCookie(cookies: Cookies) {
	cookies.delete(sessionCookie, { path: '/' });
}
