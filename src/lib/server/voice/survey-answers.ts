import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { hasControlCharacters } from '../shared/text';
import { parseInput, parseTarget } from '../shared/validate';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { addition, houseNumber, postcode } from '../places';
import { inAreaSql } from './survey-area';
import { MAX_OPEN_ANSWER, phaseOf, surveyIdSchema, type QuestionRow, type SurveyRow } from './survey-model';
import { canAnswer, canManageSurvey } from './survey-policy';
import { loadSurvey, surveyQuestions, visibleSurvey } from './survey-store';
import { invitationByToken } from './survey-invitations';

/**
 * Answering, anonymous by default (migration 0140). One response per household:
 * - voice_survey_respondents (survey, unit, via, day): WHO answered — never what.
 * - voice_survey_responses (survey, key) + voice_survey_answers (response, question, value):
 *   WHAT was answered — no account, no unit, no time, no sequence number.
 * A household may change its response until the close, so its response must be found again
 * without storing whose it is: key = HMAC-SHA256(survey secret, survey:unit). A second response
 * replaces the first (the answer says so: `replaced`). Paper forms get a random key.
 *
 * As with the buurtpot's secret ballot (rounds/ballots.ts), the honest limit: while the survey
 * is open, someone who reads the whole database — the secret included — could recompute keys,
 * and a respondent row and its answers share a transaction id (xmin). At the close every
 * response and answer is deleted and written again in a random order with new ids and keys, in
 * the close's one transaction, and the secret is deleted: from then on nothing links an answer to
 * a household (except backups made during the survey, and dead row versions until VACUUM).
 * Deliberately not used here, because each would link a household to its answers: idempotency
 * records (they fingerprint the input per account; answering again is naturally idempotent),
 * audit rows for online answers, and timestamps on answers (the respondent row keeps the day).
 * A household's earlier answers are not shown again (another member of the household could read
 * them); the page only says that the household answered and that sending again replaces it.
 */

export const responseKey = (secret: Uint8Array, surveyId: string, unitId: string) => createHmac('sha256', secret).update(`${surveyId}:${unitId}`).digest('hex');
const randomKey = () => randomBytes(32).toString('hex');
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

type Raw = string | number | (string | number)[] | undefined;
/** One question's answer: a form sends strings (several for multiple choice), the API numbers too. */
const rawAnswer = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]);
export const answersSchema = z.record(z.string(), rawAnswer, { error: 'voice.response_empty' }).default({});

export interface CleanAnswer {
	questionId: string;
	grade: number | null;
	agree: number | null;
	choices: string[] | null;
	body: string | null;
}

/**
 * Checks answers against the questions: required ones answered, grades 1–10, agree 1–5, known
 * options (one for single choice), text of at most 2000 characters. Every problem is named next to
 * its question (`a.<questionId>`). Unknown question ids are ignored. At least one answer.
 */
export function checkAnswers(questions: readonly QuestionRow[], raw: Record<string, Raw>): CleanAnswer[] {
	const fields: Record<string, string> = {};
	const out: CleanAnswer[] = [];
	for (const q of questions) {
		const r = raw[q.id];
		const values = (Array.isArray(r) ? r : r === undefined ? [] : [r]).map((x) => String(x).trim()).filter((x) => x !== '');
		const field = `a.${q.id}`;
		if (!values.length) {
			if (q.required) fields[field] = 'voice.answer_required';
			continue;
		}
		const a: CleanAnswer = { questionId: q.id, grade: null, agree: null, choices: null, body: null };
		if (q.kind === 'grade' || q.kind === 'agree') {
			const n = Number(values[0]);
			const max = q.kind === 'grade' ? 10 : 5;
			if (values.length !== 1 || !Number.isInteger(n) || n < 1 || n > max) fields[field] = `voice.answer_${q.kind}`;
			else if (q.kind === 'grade') a.grade = n;
			else a.agree = n;
		} else if (q.kind === 'single' || q.kind === 'multiple') {
			const keys = new Set(q.options.map((o) => o.key));
			const chosen = [...new Set(values)];
			if (chosen.some((c) => !keys.has(c)) || (q.kind === 'single' && chosen.length !== 1)) fields[field] = 'voice.answer_choice';
			else a.choices = q.options.map((o) => o.key).filter((k) => chosen.includes(k));
		} else {
			const text = values.join('\n');
			if (text.length > MAX_OPEN_ANSWER) fields[field] = 'validation.too_long';
			else if (hasControlCharacters(text)) fields[field] = 'validation.control_chars';
			else a.body = text;
		}
		if (!fields[field]) out.push(a);
	}
	if (Object.keys(fields).length) throw new DomainError('validation.invalid', { max: MAX_OPEN_ANSWER }, fields);
	if (!out.length) throw new DomainError('voice.response_empty');
	return out;
}

async function insertResponse(tx: Queryable, surveyId: string, key: string, answers: readonly CleanAnswer[]): Promise<void> {
	const id = randomUUID();
	await tx.query('INSERT INTO voice_survey_responses (id, survey_id, response_key) VALUES ($1, $2, $3)', [id, surveyId, key]);
	await tx.query(
		`INSERT INTO voice_survey_answers (id, response_id, question_id, grade, agree, choices, body)
		 SELECT gen_random_uuid(), $1, q, g, a, CASE WHEN c IS NULL THEN NULL ELSE string_to_array(c, ',') END, b
		 FROM unnest($2::uuid[], $3::int[], $4::int[], $5::text[], $6::text[]) AS t(q, g, a, c, b)`,
		[id, answers.map((x) => x.questionId), answers.map((x) => x.grade), answers.map((x) => x.agree), answers.map((x) => (x.choices ? x.choices.join(',') : null)), answers.map((x) => x.body)]
	);
}

/**
 * The household's online (or invitation) response, inside the caller's transaction with the
 * survey row locked FOR SHARE: records the household, replaces an earlier online response, and
 * refuses when the household's paper form was entered.
 */
async function storeHouseholdResponse(tx: Queryable, s: SurveyRow, unitId: string, via: 'online' | 'invitation', answers: CleanAnswer[], at: Date): Promise<{ replaced: boolean }> {
	const [row] = await tx.query<{ secret: Uint8Array }>('SELECT secret FROM voice_survey_secrets WHERE survey_id = $1', [s.id]);
	if (!row) throw new DomainError('voice.survey_closed');
	const inserted = await tx.query(
		`INSERT INTO voice_survey_respondents (survey_id, unit_id, via, answered_on) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING unit_id`,
		[s.id, unitId, via, isoDay(at)]
	);
	const key = responseKey(row.secret, s.id, unitId);
	if (!inserted.length) {
		const [earlier] = await tx.query<{ via: string }>('SELECT via FROM voice_survey_respondents WHERE survey_id = $1 AND unit_id = $2 FOR UPDATE', [s.id, unitId]);
		if (earlier.via === 'paper') throw new DomainError('voice.answered_on_paper');
		await tx.query('UPDATE voice_survey_respondents SET via = $3, answered_on = $4 WHERE survey_id = $1 AND unit_id = $2', [s.id, unitId, via, isoDay(at)]);
		await tx.query('DELETE FROM voice_survey_responses WHERE survey_id = $1 AND response_key = $2', [s.id, key]);
	}
	await insertResponse(tx, s.id, key, answers);
	return { replaced: inserted.length === 0 };
}

export const submitResponseSchema = z.object({ surveyId: surveyIdSchema, answers: answersSchema });

/**
 * A member answers for their household while the survey is open; answering again replaces the
 * household's earlier response (`replaced: true`, the page says so). Errors: voice.survey_not_found
 * (not in the audience), voice.survey_closed | voice.survey_not_open (409), validation.invalid
 * (per question `a.<id>`), voice.response_empty, voice.answered_on_paper (409).
 */
export async function submitResponse(ctx: Ctx, actor: Actor, input: unknown): Promise<{ replaced: boolean }> {
	const surveyId = parseTarget(submitResponseSchema, 'surveyId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		// FOR SHARE: responses go in side by side; the close (FOR UPDATE) waits for them.
		const { survey, facts } = await visibleSurvey(tx, actor, surveyId, at, 'FOR SHARE');
		if (!canAnswer(facts)) throw new DomainError(facts.phase === 'closed' ? 'voice.survey_closed' : facts.household ? 'voice.survey_not_open' : 'voice.forbidden');
		const v = parseInput(submitResponseSchema, input);
		const answers = checkAnswers(await surveyQuestions(tx, survey.id), v.answers);
		return storeHouseholdResponse(tx, survey, facts.household!.unitId, 'online', answers, at);
	});
}

export const submitInvitationSchema = z.object({ token: z.string().max(100), answers: answersSchema });

/**
 * A household answers through its personal invitation link (no login): counted as the
 * household's response, replacing an earlier one as online. Errors: voice.invitation_invalid
 * (404: unknown link), voice.survey_closed | voice.survey_not_open, validation.invalid,
 * voice.response_empty, voice.answered_on_paper.
 */
export async function submitInvitationResponse(ctx: Ctx, input: unknown): Promise<{ replaced: boolean; surveyId: string }> {
	const v = parseInput(submitInvitationSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const inv = await invitationByToken(tx, v.token);
		if (!inv) throw new DomainError('voice.invitation_invalid');
		const s = (await loadSurvey(tx, inv.survey.id, 'FOR SHARE'))!;
		const phase = phaseOf(s, at);
		if (phase !== 'open') throw new DomainError(phase === 'closed' ? 'voice.survey_closed' : 'voice.survey_not_open');
		const answers = checkAnswers(await surveyQuestions(tx, s.id), v.answers);
		return { ...(await storeHouseholdResponse(tx, s, inv.unitId, 'invitation', answers, at)), surveyId: s.id };
	});
}

export const enterPaperResponseSchema = z.object({ surveyId: surveyIdSchema, postcode, houseNumber, addition, answers: answersSchema });

/**
 * Staff type in a household's paper form (marked paper, counted the same). One response per
 * household: a household that already answered — online or on paper — gets one answer that does
 * not say which (voice.household_already_answered, 409). Audited as "who entered how many",
 * never which household or what. Errors: voice.survey_not_found, voice.forbidden,
 * voice.survey_closed | voice.survey_not_open, validation.invalid (postcode → voice.household_not_in_area,
 * answers), voice.response_empty.
 */
export async function enterPaperResponse(ctx: Ctx, actor: Actor, input: unknown): Promise<{ enteredByYou: number }> {
	const surveyId = parseTarget(enterPaperResponseSchema, 'surveyId', input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const { survey: s, facts } = await visibleSurvey(tx, actor, surveyId, at, 'FOR SHARE');
		if (!canManageSurvey(actor, s)) throw new DomainError('voice.forbidden');
		const v = parseInput(enterPaperResponseSchema, input);
		if (facts.phase !== 'open') throw new DomainError(facts.phase === 'closed' ? 'voice.survey_closed' : 'voice.survey_not_open');
		const [unit] = await tx.query<{ id: string }>(
			`SELECT u.id FROM units u JOIN complexes c ON c.id = u.complex_id JOIN buurten b ON b.id = c.buurt_id, voice_surveys s
			 WHERE s.id = $1 AND b.corporation_id = s.corporation_id AND ${inAreaSql('s', 'b', 'c')} AND u.postcode = $2 AND u.house_number = $3 AND u.addition = $4`,
			[s.id, v.postcode, v.houseNumber, v.addition]
		);
		if (!unit) throw new DomainError('validation.invalid', {}, { postcode: 'voice.household_not_in_area' });
		const answers = checkAnswers(await surveyQuestions(tx, s.id), v.answers);
		const inserted = await tx.query(
			`INSERT INTO voice_survey_respondents (survey_id, unit_id, via, answered_on, entered_by) VALUES ($1, $2, 'paper', $3, $4) ON CONFLICT DO NOTHING RETURNING unit_id`,
			[s.id, unit.id, isoDay(at), actor.accountId]
		);
		if (!inserted.length) throw new DomainError('voice.household_already_answered');
		await insertResponse(tx, s.id, randomKey(), answers);
		const [{ n }] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM voice_survey_respondents WHERE survey_id = $1 AND via = 'paper' AND entered_by = $2`, [s.id, actor.accountId]);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'voice.paper_entered', subject: `voice_survey:${s.id}`, details: { enteredByYou: n }, corporationId: s.corporation_id });
		return { enteredByYou: n };
	});
}

export interface HouseholdStatus {
	address: string;
	answered: boolean;
	via: 'online' | 'invitation' | 'paper' | null;
	answeredOn: string | null;
}

/** Whether the household answered (for the notice "your household answered; sending again replaces it"). */
export async function householdStatus(q: Queryable, surveyId: string, household: { unitId: string; address: string }): Promise<HouseholdStatus> {
	const [r] = await q.query<{ via: HouseholdStatus['via']; answered_on: string }>(
		`SELECT via, to_char(answered_on, 'YYYY-MM-DD') AS answered_on FROM voice_survey_respondents WHERE survey_id = $1 AND unit_id = $2`,
		[surveyId, household.unitId]
	);
	return { address: household.address, answered: !!r, via: r?.via ?? null, answeredOn: r?.answered_on ?? null };
}

/** Fisher–Yates with the crypto generator: an order that says nothing about anyone. */
function shuffled<T>(items: readonly T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * For the close, inside its transaction (before closed_at is set): every response and answer of
 * the survey is deleted and written again in a random order, with new ids and random keys, so no
 * key, id, row order or transaction id links an answer to a respondent row any more.
 */
export async function anonymiseResponses(tx: Queryable, surveyId: string): Promise<number> {
	const rows = await tx.query<{ answers: CleanAnswer[] }>(
		`SELECT COALESCE(json_agg(json_build_object('questionId', a.question_id, 'grade', a.grade, 'agree', a.agree, 'choices', a.choices, 'body', a.body)) FILTER (WHERE a.id IS NOT NULL), '[]') AS answers
		 FROM voice_survey_responses r LEFT JOIN voice_survey_answers a ON a.response_id = r.id WHERE r.survey_id = $1 GROUP BY r.id`,
		[surveyId]
	);
	await tx.query('DELETE FROM voice_survey_responses WHERE survey_id = $1', [surveyId]);
	for (const r of shuffled(rows)) await insertResponse(tx, surveyId, randomKey(), shuffled(r.answers));
	return rows.length;
}
