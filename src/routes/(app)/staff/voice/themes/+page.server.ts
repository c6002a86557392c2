import type { Actions, PageServerLoadEvent } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { runForm, str } from '$lib/server/web/forms';
import { pageLoad } from '$lib/server/web/input';
import { archiveTheme, listThemes, saveTheme } from '$lib/server/voice';

/** The corporation's theme list: add, rename, archive (a theme stays on the quotes it has). */
export const load = pageLoad(async (event: PageServerLoadEvent) => {
	const { actor } = requireStaff(event);
	return { themes: await listThemes(event.locals.ctx.db, actor, { withArchived: true }) };
});

export const actions: Actions = {
	save: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			const themeId = str(data, 'themeId') || undefined;
			await saveTheme(event.locals.ctx, actor, { themeId, name: str(data, 'name') ?? '' });
			return { saved: themeId ? 'renamed' : 'added' };
		}),
	archive: (event) =>
		runForm(event, async (data) => {
			const { actor } = requireStaff(event);
			await archiveTheme(event.locals.ctx, actor, { themeId: str(data, 'themeId'), archived: str(data, 'archived') });
			return { saved: str(data, 'archived') === 'true' ? 'archived' : 'restored' };
		})
};
