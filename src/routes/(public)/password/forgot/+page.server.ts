import type { Actions } from './$types';
import { requestPasswordReset } from '$lib/server/auth';
import { runForm, str } from '$lib/server/web/forms';

export const actions: Actions = {
	default: (event) =>
		runForm(event, async (data) => {
			await requestPasswordReset(event.locals.ctx, { email: str(data, 'email'), client: event.getClientAddress() });
			return { sent: true };
		})
};
