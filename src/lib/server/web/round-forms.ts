import type { RequestEvent } from '@sveltejs/kit';
import { DomainError, httpStatusFor } from '../shared/errors';
import type { Actor } from '../people';
import { failureFor, formValues, sendForm } from './forms';
import { eurosToCents } from '../shared/money';

/**
 * Edge helpers for the rounds routes: form posts and uploads into use-case input. No rules here.
 */


/** The ticked boxes of a ballot form (name="choices"), as strings. */
export const formChoices = (data: FormData) => data.getAll('choices').filter((v): v is string => typeof v === 'string');

/** A checkbox: present means yes. */
export const formFlag = (data: FormData, name: string) => data.get(name) !== null && data.get(name) !== '';

/** The fields of the "open a round" form, as openRound wants them. Budget is typed in euros. */
export function openRoundInput(data: FormData, buurtId: string) {
	const s = (name: string) => {
		const v = data.get(name);
		return typeof v === 'string' && v.trim() !== '' ? v : undefined;
	};
	return {
		buurtId,
		title: s('title'),
		budgetSource: s('budgetSource'),
		budgetCents: s('budgetSource') === 'amount' ? eurosToCents(s('budget')) : undefined,
		opensAt: s('opensAt'),
		closesAt: s('closesAt'),
		rule: s('rule'),
		maxChoices: s('rule') === 'approval' ? s('maxChoices') : undefined,
		utility: s('rule') === 'equal-shares' ? s('utility') : undefined,
		fill: s('rule') === 'equal-shares' ? formFlag(data, 'fill') : undefined,
		proposalIds: data.getAll('proposalIds').filter((v): v is string => typeof v === 'string'),
		idempotencyKey: s('idempotencyKey')
	};
}

/**
 * runForm for forms with lists of checkboxes (choices, proposalIds): on an error every ticked
 * box comes back ticked (values[name] holds them joined by a line break), not only the last one.
 */
export async function runListForm<T>(event: RequestEvent, lists: string[], fn: (data: FormData) => Promise<T>) {
	const data = await event.request.formData().catch(() => new FormData());
	try {
		return await sendForm(data, fn);
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		const values = formValues(data);
		// formValues leaves out anything named like a secret code; a postcode is not one.
		const pc = data.get('postcode');
		if (typeof pc === 'string') values.postcode = pc.slice(0, 20);
		for (const name of lists) values[name] = data.getAll(name).filter((v): v is string => typeof v === 'string').join('\n');
		return failureFor(err, event.locals.t, values);
	}
}

/** Form field names differ from the use case's in two places; errors are shown by the form's names. */
export function renameFields(err: unknown, map: Record<string, string>): unknown {
	if (err instanceof DomainError) for (const [from, to] of Object.entries(map)) if (err.fields[from]) err.fields[to] = err.fields[from];
	return err;
}

/**
 * Like apiHandler, for a non-JSON response (the .pb export): a DomainError still becomes the
 * usual JSON error body with its 4xx status.
 */
export function apiFileHandler(fn: (event: RequestEvent, actor: Actor) => Promise<{ filename: string; text: string; type: string }>) {
	return async (event: RequestEvent) => {
		try {
			const actor = event.locals.actor;
			if (!actor) throw new DomainError('auth.unauthenticated');
			const file = await fn(event, actor);
			return new Response(file.text, {
				headers: { 'content-type': file.type, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'private, no-store' }
			});
		} catch (err) {
			if (!(err instanceof DomainError)) throw err;
			const t = event.locals.t;
			return new Response(JSON.stringify({ error: { code: err.code, message: t(`errors.${err.code}`, err.details) } }), {
				status: httpStatusFor(err.code),
				headers: { 'content-type': 'application/json' }
			});
		}
	};
}
