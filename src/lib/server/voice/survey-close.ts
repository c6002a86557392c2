import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import type { Actor } from '../people';
import { surveyIdSchema } from './survey-model';
import { canManageSurvey } from './survey-policy';
import { loadSurvey } from './survey-store';
import { anonymiseResponses } from './survey-answers';

export const closeSurveySchema = z.object({ surveyId: surveyIdSchema });

/**
 * The close, once per survey: every response is written again anonymously (survey-answers.ts),
 * the secret and the invitation links are deleted, and the survey is marked closed — in one
 * transaction, after which the database refuses any change to its answers. Staff may close an
 * open survey early (its closing moment becomes now); actor null = the job, for surveys whose
 * last day has passed. Closing a closed survey returns it unchanged (the job may race staff).
 * Errors: voice.survey_not_found, voice.survey_not_open (a draft or one that has not opened).
 */
export async function closeSurvey(ctx: Ctx, actor: Actor | null, input: unknown): Promise<{ id: string; responses: number }> {
	const v = parseInput(closeSurveySchema, input);
	const now = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const s = await loadSurvey(tx, v.surveyId, 'FOR UPDATE');
		if (!s || (actor && !canManageSurvey(actor, s))) throw new DomainError('voice.survey_not_found');
		if (s.closed_at) return { id: s.id, responses: await countResponses(tx, s.id) };
		if (!s.published_at || new Date(s.opens_at) > now) throw new DomainError('voice.survey_not_open');
		if (!actor && new Date(s.closes_at) > now) throw new DomainError('voice.survey_not_open');
		const responses = await anonymiseResponses(tx, s.id);
		await tx.query('DELETE FROM voice_survey_secrets WHERE survey_id = $1', [s.id]);
		await tx.query('DELETE FROM voice_survey_invitations WHERE survey_id = $1', [s.id]);
		await tx.query('UPDATE voice_surveys SET closed_at = $2, closes_at = LEAST(closes_at, GREATEST($2, opens_at + interval \'1 second\')) WHERE id = $1', [s.id, now]);
		await recordAudit(tx, { at: now, actorId: actor?.accountId ?? null, action: 'voice.survey_closed', subject: `voice_survey:${s.id}`, details: { responses }, corporationId: s.corporation_id });
		return { id: s.id, responses };
	});
}

const countResponses = async (q: Queryable, surveyId: string) =>
	(await q.query<{ n: number }>('SELECT count(*)::int AS n FROM voice_survey_responses WHERE survey_id = $1', [surveyId]))[0].n;

/** The job's work: closes every published survey whose last day has passed. */
export async function closeDueSurveys(ctx: Ctx): Promise<number> {
	const due = await ctx.db.query<{ id: string }>('SELECT id FROM voice_surveys WHERE published_at IS NOT NULL AND closed_at IS NULL AND closes_at <= $1 ORDER BY closes_at LIMIT 100', [ctx.clock()]);
	for (const d of due) await closeSurvey(ctx, null, { surveyId: d.id });
	return due.length;
}
