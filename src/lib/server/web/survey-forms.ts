import type { RequestEvent } from '@sveltejs/kit';
import { runForm } from './forms';

/**
 * Survey forms: each question's field is named `a.<questionId>` (several values for multiple
 * choice). These helpers turn the form into the use cases' `answers` and keep every ticked box
 * when a form comes back with a mistake (formValues keeps one value per name).
 */
export function answersFromForm(data: FormData): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set([...data.keys()].filter((k) => k.startsWith('a.')))) {
		const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
		out[key.slice(2)] = all.length === 1 ? all[0] : all;
	}
	return out;
}

/** runForm, with the answers as typed and ticked added to a failure's values (`answers`). */
export async function runSurveyForm<T>(event: RequestEvent, fn: (data: FormData) => Promise<T>) {
	let seen: Record<string, string | string[]> = {};
	const result = await runForm(event, async (data) => {
		seen = Object.fromEntries(Object.entries(answersFromForm(data)).map(([k, v]) => [`a.${k}`, v]));
		return fn(data);
	});
	if (result && typeof result === 'object' && 'status' in result && 'data' in result) (result.data as Record<string, unknown>).answers = seen;
	return result;
}
