import { hasControlCharacters } from '../shared/text';
import type { QuestionRow } from './model';

export type Answer = string | number | boolean;

/**
 * Checks a report's answers against its category's active questions. Pure; the result is the
 * clean answers (typed: numbers, booleans, ISO dates, choice keys) and one message key per
 * question at fault, as `answers.<code>` fields, so a form shows each next to its question:
 * reports.answer_required, reports.answer_not_number, reports.answer_not_yes_no,
 * reports.answer_not_a_choice, reports.answer_not_a_date, reports.answer_too_long,
 * reports.answer_unknown (an answer to a question the category does not ask).
 * Forms send strings ('yes'/'no', '12', '2026-05-01'); the API may send the typed values.
 */
export function checkAnswers(questions: readonly QuestionRow[], input: unknown): { answers: Record<string, Answer>; fields: Record<string, string> } {
	const given: Record<string, unknown> = input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
	const fields: Record<string, string> = {};
	const answers: Record<string, Answer> = {};
	const active = questions.filter((q) => q.active);
	for (const code of Object.keys(given)) if (!active.some((q) => q.code === code)) fields[`answers.${code}`] = 'reports.answer_unknown';
	for (const q of active) {
		const raw = given[q.code];
		const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
		if (empty) {
			if (q.required) fields[`answers.${q.code}`] = 'reports.answer_required';
			continue;
		}
		const checked = checkOne(q, raw);
		if ('error' in checked) fields[`answers.${q.code}`] = checked.error;
		else answers[q.code] = checked.value;
	}
	return { answers, fields };
}

function checkOne(q: QuestionRow, raw: unknown): { value: Answer } | { error: string } {
	switch (q.kind) {
		case 'text': {
			if (typeof raw !== 'string' || hasControlCharacters(raw)) return { error: 'validation.control_chars' };
			const v = raw.trim();
			return v.length > 500 ? { error: 'reports.answer_too_long' } : { value: v };
		}
		case 'number': {
			const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+([.,]\d+)?$/.test(raw.trim()) ? Number(raw.trim().replace(',', '.')) : NaN;
			return Number.isFinite(n) && Math.abs(n) <= 1e9 ? { value: n } : { error: 'reports.answer_not_number' };
		}
		case 'yes_no': {
			if (raw === true || raw === 'yes' || raw === 'true') return { value: true };
			if (raw === false || raw === 'no' || raw === 'false') return { value: false };
			return { error: 'reports.answer_not_yes_no' };
		}
		case 'choice':
			return typeof raw === 'string' && q.choices.some((c) => c.key === raw) ? { value: raw } : { error: 'reports.answer_not_a_choice' };
		case 'date': {
			if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return { error: 'reports.answer_not_a_date' };
			const d = new Date(`${raw}T00:00:00Z`);
			return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === raw ? { value: raw } : { error: 'reports.answer_not_a_date' };
		}
	}
}
