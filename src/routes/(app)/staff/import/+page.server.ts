import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/web/staff';
import { runForm, str } from '$lib/server/web/forms';
import { importUnits, importColumns, syncUnits } from '$lib/server/people';
import { DomainError } from '$lib/server/shared/errors';

export const load: PageServerLoad = (event) => {
	requireStaff(event);
	return { columns: importColumns };
};

export const actions: Actions = {
	default: (event) =>
		runForm(event, async (data) => {
			const { actor, corporationId } = requireStaff(event);
			const file = data.get('file');
			const csv = file instanceof File && file.size > 0 ? await file.text() : (str(data, 'csv') ?? '');
			if (!csv.trim()) throw new DomainError('people.import_no_file', {}, { file: 'people.import_no_file' });
			const input = { corporationId, csv, fileName: file instanceof File ? file.name : undefined };
			// The nightly changes from the ERP (with a mutatie column), or the whole list.
			if (str(data, 'mode') === 'incremental') return { report: await syncUnits(event.locals.ctx, actor, input) };
			return { summary: await importUnits(event.locals.ctx, actor, input) };
		})
};
