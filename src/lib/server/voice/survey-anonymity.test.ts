import { beforeAll, describe, expect, it } from 'vitest';
import { openVoiceTests, surveyQuestions, type VoiceFixture } from './test-fixtures';
import { addQuestion, closeSurvey, createSurvey, enterPaperResponse, publishSurvey, submitResponse } from './index';

/**
 * Anonymity by design (migration 0140): an answer row carries no account or unit, and after the
 * close nothing in the whole database — no column value, no key, no transaction id — links an
 * answer to the household that gave it.
 */
let f: VoiceFixture;
let surveyId: string;
beforeAll(async () => {
	f = await openVoiceTests();
	const wim = await f.actor('employee');
	const s = await createSurvey(f.ctx, wim, { area: `buurt:${f.linde}`, title: 'Anoniem', opensOn: f.day(0), closesOn: f.day(5) });
	await addQuestion(f.ctx, wim, { surveyId: s.id, kind: 'grade', textNl: 'Welk cijfer?', required: true });
	await addQuestion(f.ctx, wim, { surveyId: s.id, kind: 'open', textNl: 'Wat nog meer?' });
	await publishSurvey(f.ctx, wim, { surveyId: s.id });
	surveyId = s.id;
	const [grade, open] = await surveyQuestions(f.db, s.id);
	for (const [i, who] of (await f.neighbours(6)).entries()) await submitResponse(f.ctx, who, { surveyId, answers: { [grade.id]: String(i + 3), [open.id]: `Antwoord ${i}` } });
	await enterPaperResponse(f.ctx, wim, { surveyId, postcode: '9999 AB', houseNumber: 12, answers: { [grade.id]: '10' } });
});

const columnsOf = async (table: string) => (await f.db.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`, [table])).map((r) => r.column_name);

describe('survey anonymity', () => {
	it('answer and response rows have no account, unit or time column', async () => {
		expect(await columnsOf('voice_survey_answers')).toEqual(['id', 'response_id', 'question_id', 'grade', 'agree', 'choices', 'body']);
		expect(await columnsOf('voice_survey_responses')).toEqual(['id', 'survey_id', 'response_key']);
		for (const c of [...(await columnsOf('voice_survey_answers')), ...(await columnsOf('voice_survey_responses'))]) expect(c).not.toMatch(/account|unit|member|household|_at$|_on$|created|by$/);
	});

	it('no online answer leaves an idempotency record or an audit row that could line it up', async () => {
		const [{ n }] = await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM help_idempotency WHERE operation LIKE 'voice.%'`);
		expect(n).toBe(0);
		const actions = (await f.db.query<{ action: string }>(`SELECT DISTINCT action FROM audit_log WHERE subject = $1`, [`voice_survey:${surveyId}`])).map((r) => r.action).sort();
		expect(actions).toEqual(['voice.paper_entered', 'voice.survey_published']);
	});

	it('after the close, joining every table on every value cannot link an answer to a household', async () => {
		const before = await f.db.query<{ xmin: string }>(`SELECT p.xmin::text FROM voice_survey_respondents p WHERE p.survey_id = $1`, [surveyId]);
		// While open, the database itself still links them (a respondent row and its answers share a
		// transaction id): the check below would catch that, which is why the close rewrites everything.
		const openXmins = (await f.db.query<{ xmin: string }>(`SELECT a.xmin::text FROM voice_survey_answers a JOIN voice_survey_responses r ON r.id = a.response_id WHERE r.survey_id = $1`, [surveyId])).map((r) => r.xmin);
		expect(openXmins.some((x) => before.some((b) => b.xmin === x))).toBe(true);
		await closeSurvey(f.ctx, await f.actor('employee'), { surveyId });
		expect(await f.db.query('SELECT 1 FROM voice_survey_secrets WHERE survey_id = $1', [surveyId])).toEqual([]);

		// Every value of every answer and response row of the survey …
		const answerValues = new Set<string>();
		const rows = await f.db.query<Record<string, unknown>>(
			`SELECT a.*, r.id AS r_id, r.survey_id AS r_survey, r.response_key, a.xmin::text AS a_xmin, r.xmin::text AS r_xmin
			 FROM voice_survey_answers a JOIN voice_survey_responses r ON r.id = a.response_id WHERE r.survey_id = $1`,
			[surveyId]
		);
		expect(rows.length).toBe(6 * 2 + 1);
		for (const row of rows) for (const [k, v] of Object.entries(row)) if (v !== null && !['r_survey', 'question_id', 'grade', 'agree', 'choices', 'body'].includes(k)) answerValues.add(String(v));

		// … against every value in every other table of the database (household ids, account ids,
		// keys, hashes, audit details, idempotency records, transaction ids of the respondent rows).
		const tables = (await f.db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)).map((r) => r.table_name);
		expect(tables).toContain('voice_survey_respondents');
		const hits: string[] = [];
		for (const t of tables.filter((x) => !['voice_survey_answers', 'voice_survey_responses'].includes(x))) {
			const values = await f.db.query<{ v: string }>(`SELECT DISTINCT v FROM (SELECT (jsonb_each_text(to_jsonb(x))).value AS v FROM "${t}" x) y WHERE v IS NOT NULL`);
			for (const { v } of values) if (answerValues.has(v)) hits.push(`${t}: ${v}`);
		}
		for (const { xmin } of before) if (answerValues.has(xmin)) hits.push(`respondent xmin ${xmin}`);
		expect(hits).toEqual([]);
		// And the respondents' own transaction ids are not the answers'.
		const respondentXmins = new Set((await f.db.query<{ xmin: string }>(`SELECT xmin::text FROM voice_survey_respondents WHERE survey_id = $1`, [surveyId])).map((r) => r.xmin));
		expect(rows.some((r) => respondentXmins.has(String(r.a_xmin)) || respondentXmins.has(String(r.r_xmin)))).toBe(false);
	});

	it('the answers are still all there, and nothing but counts comes out', async () => {
		const [{ n }] = await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM voice_survey_responses WHERE survey_id = $1`, [surveyId]);
		expect(n).toBe(7);
	});
});
