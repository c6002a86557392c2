import type { Ctx } from '../shared/context';
import { loadActor, type Actor, type DemoKey } from '../people';
import { addQuestion, createSurvey, publishSurvey, amsterdamDay } from './surveys-manage';
import { submitResponse } from './survey-answers';
import { closeSurvey } from './survey-close';
import { listOpenAnswers, publishOpenAnswers, reviewOpenAnswer } from './survey-review';
import { surveyQuestions } from './survey-store';
import { recordAction } from './actions';

const DAY_MS = 24 * 3600 * 1000;

/** What the demo's neighbours wrote, by seed question (the fourth question gets a redacted answer). */
const seedAnswers = [
	['Dat we elkaar serieus nemen.', 'Geven en nemen, ook met de buren.', 'Dat de corporatie luistert en terugbelt.', 'Samen beslissen over de buurt.', 'Iedereen telt mee, ook wie weinig praat.', 'Als ik iets vraag, krijg ik antwoord.', 'Elkaar helpen zonder dat het moet.', 'Eerlijk zijn over wat wel en niet kan.'],
	['Meer een instantie dan een vriend.', 'Soms een goede buur, soms ver weg.', 'De huismeester voelt als een vriend.', 'Zakelijk, maar wel vriendelijk.', 'Ik ken niemand daar bij naam.', 'Vriendschap is een groot woord.', 'Ze komen als er iets kapot is.', 'Een vriend die te laat komt.']
];

/**
 * The Lindebuurt's surveys as a first visit finds them (run by ./demo.ts): a closed seed survey
 * (the seed's four questions and a rapportcijfer) answered by eight households, its open answers
 * reviewed and published, so the results show; a closed neighbourhood survey answered by three,
 * so every figure shows "<5"; and an action that links the seed survey's rapportcijfer. Through
 * the use cases with clocks moved back; skipped when the corporation has surveys (idempotent).
 */
export async function seedSurveysDemo(ctx: Ctx, ids: Record<DemoKey, string>, households: string[]): Promise<void> {
	const now = ctx.clock();
	const wim = (await loadActor(ctx.db, ids.employee, now))!;
	const corporationId = wim.staff[0]?.corporationId;
	const anna = (await loadActor(ctx.db, ids.tenant, now))!;
	const buurtId = anna.memberships[0]?.buurtId;
	if (!corporationId || !buurtId) return;
	const [{ n }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM voice_surveys WHERE corporation_id = $1', [corporationId]);
	if (n > 0) return;
	const at = (days: number): Ctx => ({ ...ctx, clock: () => new Date(now.getTime() - days * DAY_MS) });
	const day = (days: number) => amsterdamDay(new Date(now.getTime() - days * DAY_MS));
	const neighbours: Actor[] = [];
	for (const id of [ids.tenant, ids.supervisor, ids.helper, ids.fatima, ...households]) neighbours.push((await loadActor(ctx.db, id, at(40).clock()))!);

	// The seed survey: 40 days ago, open for two weeks.
	const seed = await createSurvey(at(40), wim, { area: `buurt:${buurtId}`, template: 'seed', opensOn: day(40), closesOn: day(27), idempotencyKey: 'demo-voice-seed-survey' });
	await addQuestion(at(40), wim, { surveyId: seed.id, kind: 'grade', textNl: 'Welk rapportcijfer geeft u de corporatie?', textEn: 'What mark (1–10) do you give the corporation?', required: true });
	await publishSurvey(at(40), wim, { surveyId: seed.id });
	const qs = await surveyQuestions(ctx.db, seed.id);
	const grades = [7, 7, 6, 7, 8, 6, 7, 7];
	for (const [i, who] of neighbours.slice(0, 8).entries()) {
		const answers: Record<string, string> = { [qs[4].id]: String(grades[i]) };
		answers[qs[0].id] = seedAnswers[0][i];
		answers[qs[1].id] = seedAnswers[1][i];
		if (i < 6) answers[qs[2].id] = ['Een bankje bij de speeltuin.', 'Beter licht in de fietsenstalling.', 'Vaker een buurtfeest.', 'Snellere reparaties.', 'Een plek om samen te koken.', 'Minder rommel bij de containers.'][i];
		if (i < 5) answers[qs[3].id] = i === 0 ? 'Bel me terug, ik woon op Lindehof 1 en heet Anna.' : ['Luister naar ons.', 'Help met de tuin van oudere buren.', 'Zeg eerlijk wanneer iets klaar is.', 'Kom eens langs in de buurt.'][i - 1];
		await submitResponse(at(35 - i), who, { surveyId: seed.id, answers });
	}
	await closeSurvey(at(26), null, { surveyId: seed.id });
	for (const q of qs.filter((x) => x.kind === 'open')) {
		const list = await listOpenAnswers(ctx.db, wim, { surveyId: seed.id, questionId: q.id }, at(25).clock(), 'nl');
		for (const a of list.answers) {
			const redact = /Lindehof 1/.test(a.body);
			await reviewOpenAnswer(at(25), wim, { surveyId: seed.id, questionId: q.id, answerId: a.answerId, decision: redact ? 'redact' : 'show', shownText: redact ? 'Bel me terug, ik woon op [adres] en heet [naam].' : undefined });
		}
		if (list.answers.length >= 5) await publishOpenAnswers(at(25), wim, { surveyId: seed.id, questionId: q.id });
	}

	// The neighbourhood survey: three households answered, so every figure is "<5".
	const nb = await createSurvey(at(20), wim, { area: `buurt:${buurtId}`, template: 'neighbourhood', opensOn: day(20), closesOn: day(8), idempotencyKey: 'demo-voice-nb-survey' });
	await publishSurvey(at(20), wim, { surveyId: nb.id });
	const nbq = await surveyQuestions(ctx.db, nb.id);
	const req = nbq.filter((q) => q.required);
	for (const [i, who] of neighbours.slice(0, 3).entries()) await submitResponse(at(15 - i), who, { surveyId: nb.id, answers: Object.fromEntries(req.map((q) => [q.id, String(q.kind === 'grade' ? 7 : 4)])) });
	await closeSurvey(at(7), null, { surveyId: nb.id });

	await recordAction(at(24), wim, {
		area: `buurt:${buurtId}`,
		kind: 'policy_change',
		title: 'We bellen u altijd terug binnen twee werkdagen',
		description: 'U gaf ons een 6,9 en schreef dat we te weinig terugbellen. Vanaf nu belt de wijkconsulent elke bewoner binnen twee werkdagen terug, ook als het antwoord nog niet klaar is.',
		status: 'doing',
		inputs: [{ kind: 'survey_question', ref: qs[4].id, note: 'Het rapportcijfer voor de corporatie' }, { kind: 'survey_question', ref: qs[3].id, note: 'Wat u schreef over hoe wij kunnen helpen' }],
		idempotencyKey: 'demo-voice-action-1'
	});
}
