import { loginWithPassword } from '$lib/server/auth';
import { publicApiHandler, readJson } from '$lib/server/web/api';

/** API login: returns a bearer token (the same kind of session as the cookie). */
export const POST = publicApiHandler(
	async (event) => {
		const body = (await readJson(event)) as { email?: unknown; password?: unknown } | null;
		const r = await loginWithPassword(event.locals.ctx, { email: body?.email, password: body?.password, client: event.getClientAddress() });
		return { token: r.token, expiresAt: r.expires.toISOString() };
	},
	{ status: 201 }
);
