import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, fieldsOf, openVoiceTests, type VoiceFixture } from './test-fixtures';
import {
	addQuestion,
	closeDueSurveys,
	closeSurvey,
	createSurvey,
	enterPaperResponse,
	getSurveyForAnswer,
	getSurveyForStaff,
	listInvitationLetters,
	listMySurveys,
	memberOpenSurveys,
	publishSurvey,
	removeQuestion,
	submitInvitationResponse,
	submitResponse,
	templates
} from './index';
import { surveyQuestions } from './test-fixtures';

let f: VoiceFixture;
beforeAll(async () => {
	f = await openVoiceTests();
});

const count = async (table: string, surveyId: string) => (await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE survey_id = $1`, [surveyId]))[0].n;

async function openSurvey(template: 'seed' | 'neighbourhood' | undefined, extra: Record<string, unknown> = {}) {
	const wim = await f.actor('employee');
	const s = await createSurvey(f.ctx, wim, { area: `buurt:${f.linde}`, template, title: template ? undefined : 'Eigen enquête', opensOn: f.day(0), closesOn: f.day(7), ...extra });
	if (!template) await addQuestion(f.ctx, wim, { surveyId: s.id, kind: 'grade', textNl: 'Welk cijfer geeft u?', required: true });
	await publishSurvey(f.ctx, wim, { surveyId: s.id });
	return s.id;
}

describe('templates', () => {
	it('the seed survey loads the seed’s four questions, in Dutch and in English, with their source', async () => {
		const id = await openSurvey('seed');
		const qs = await surveyQuestions(f.db, id);
		expect(qs.map((q) => q.template_key)).toEqual(['seed.equality', 'seed.friendship', 'seed.different', 'seed.help']);
		expect(qs.map((q) => q.text_nl)).toEqual([
			'Wat betekenen de woorden ‘gelijkwaardigheid’ en ‘wederkerigheid’ voor u?',
			'Hoe kijkt u tegen de corporatie aan als u denkt aan vriendschap?',
			'Wat zou u graag anders of nieuw zien?',
			'Hoe kan de corporatie u helpen?'
		]);
		expect(qs.map((q) => q.text_en)).toEqual(['What do the words ‘equality’ and ‘reciprocity’ mean to you?', 'How do you see the corporation in terms of friendship?', 'What would you like to see done differently, or new?', 'How can the corporation help you?']);
		expect(qs.every((q) => q.kind === 'open' && q.source?.includes('team 5'))).toBe(true);
	});

	it('the neighbourhood survey covers safety, cohesion, nuisance and upkeep, every statement with its source, in both languages', async () => {
		const id = await openSurvey('neighbourhood');
		const qs = await surveyQuestions(f.db, id);
		expect(new Set(qs.map((q) => q.theme))).toEqual(new Set(['general', 'safety', 'cohesion', 'nuisance', 'upkeep']));
		expect(qs.every((q) => q.source && q.text_en && q.text_nl)).toBe(true);
		expect(qs.filter((q) => q.theme === 'safety' || q.theme === 'cohesion').every((q) => /CBS Veiligheidsmonitor/.test(q.source!))).toBe(true);
		expect(qs.some((q) => /Leefbaarometer/.test(q.source!))).toBe(true);
		expect(new Set(qs.map((q) => q.kind))).toEqual(new Set(['grade', 'agree', 'single', 'multiple', 'open']));
		expect(qs.length).toBe(templates.neighbourhood.questions.length);
		for (const q of qs.filter((x) => x.options.length)) expect(q.options.every((o) => o.nl && o.en)).toBe(true);
	});
});

describe('building a survey: bad input writes nothing', () => {
	it('a survey without questions cannot be published', async () => {
		const wim = await f.actor('employee');
		const s = await createSurvey(f.ctx, wim, { area: `buurt:${f.linde}`, title: 'Zonder vragen', opensOn: f.day(0), closesOn: f.day(3) });
		expect(await codeOf(publishSurvey(f.ctx, wim, { surveyId: s.id }))).toBe('voice.survey_no_questions');
		expect((await getSurveyForStaff(f.db, wim, s.id, f.ctx.clock())).survey.phase).toBe('draft');
		expect(await count('voice_survey_secrets', s.id)).toBe(0);
	});

	it('names each mistake next to its field', async () => {
		const wim = await f.actor('employee');
		expect(await fieldsOf(createSurvey(f.ctx, wim, { area: 'buurt:00000000-0000-4000-8000-000000000000', title: 'Goed', opensOn: f.day(0), closesOn: f.day(1) }))).toEqual({ area: 'voice.area_required' });
		expect(await fieldsOf(createSurvey(f.ctx, wim, { area: `buurt:${f.linde}`, title: 'Goed', opensOn: f.day(3), closesOn: f.day(1) }))).toEqual({ closesOn: 'voice.closes_before_opens' });
		expect(await fieldsOf(createSurvey(f.ctx, wim, { area: `buurt:${f.linde}`, title: 'Goed', opensOn: f.day(-9), closesOn: f.day(-2) }))).toEqual({ closesOn: 'voice.closes_in_past' });
		expect(await fieldsOf(createSurvey(f.ctx, wim, { area: `buurt:${f.linde}`, opensOn: f.day(0), closesOn: f.day(1) }))).toEqual({ title: 'voice.title_required' });
		// Another corporation's buurt is not an area of Wim's.
		const [w] = await f.db.query<{ id: string }>(`SELECT id FROM buurten WHERE corporation_id <> (SELECT corporation_id FROM buurten WHERE id = $1) LIMIT 1`, [f.linde]);
		expect(await fieldsOf(createSurvey(f.ctx, wim, { area: `buurt:${w.id}`, title: 'Goed', opensOn: f.day(0), closesOn: f.day(1) }))).toEqual({ area: 'voice.area_required' });
		const s = await createSurvey(f.ctx, wim, { area: `buurt:${f.linde}`, title: 'Keuzes', opensOn: f.day(0), closesOn: f.day(1) });
		expect(await fieldsOf(addQuestion(f.ctx, wim, { surveyId: s.id, kind: 'single', textNl: 'Welke kleur?', optionsNl: 'Rood' }))).toEqual({ optionsNl: 'voice.options_count' });
		expect(await fieldsOf(addQuestion(f.ctx, wim, { surveyId: s.id, kind: 'single', textNl: 'Welke kleur?', optionsNl: 'Rood\nBlauw', optionsEn: 'Red' }))).toEqual({ optionsEn: 'voice.options_mismatch' });
		expect(await surveyQuestions(f.db, s.id)).toEqual([]);
		const q = await addQuestion(f.ctx, wim, { surveyId: s.id, kind: 'single', textNl: 'Welke kleur?', optionsNl: 'Rood\nBlauw', optionsEn: 'Red\nBlue' });
		expect((await surveyQuestions(f.db, s.id))[0].options).toEqual([{ key: 'o1', nl: 'Rood', en: 'Red' }, { key: 'o2', nl: 'Blauw', en: 'Blue' }]);
		await publishSurvey(f.ctx, wim, { surveyId: s.id });
		// Published: the questions are fixed.
		expect(await codeOf(removeQuestion(f.ctx, wim, { surveyId: s.id, questionId: q.id }))).toBe('voice.survey_published');
		expect(await codeOf(addQuestion(f.ctx, wim, { surveyId: s.id, kind: 'open', textNl: 'Nog iets?' }))).toBe('voice.survey_published');
	});

	it('only staff of the corporation build surveys; members see no drafts', async () => {
		const [anna, olga, wim] = [await f.actor('tenant'), await f.actor('olga'), await f.actor('employee')];
		expect(await codeOf(createSurvey(f.ctx, anna, { area: `buurt:${f.linde}`, title: 'Van Anna', opensOn: f.day(0), closesOn: f.day(1) }))).toBe('voice.forbidden');
		const draft = await createSurvey(f.ctx, wim, { area: `buurt:${f.linde}`, title: 'Concept', opensOn: f.day(0), closesOn: f.day(1) });
		expect(await codeOf(getSurveyForAnswer(f.db, anna, draft.id, f.ctx.clock()))).toBe('voice.survey_not_found');
		expect(await codeOf(getSurveyForStaff(f.db, olga, draft.id, f.ctx.clock()))).toBe('voice.survey_not_found');
		expect(await codeOf(publishSurvey(f.ctx, olga, { surveyId: draft.id }))).toBe('voice.survey_not_found');
	});
});

describe('answering: one response per household', () => {
	it('a second response of the household replaces the first, with a notice; another member of the household sees it answered', async () => {
		const id = await openSurvey(undefined);
		const [q] = await surveyQuestions(f.db, id);
		const [buur] = await f.neighbours(1);
		// A second person in the same home.
		const [{ unit_id }] = await f.db.query<{ unit_id: string }>('SELECT unit_id FROM memberships WHERE account_id = $1', [buur.accountId]);
		const [a] = await f.db.query<{ id: string }>(`INSERT INTO accounts (email, name) VALUES ('huisgenoot@example.test', 'Huisgenoot') RETURNING id`);
		await f.db.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', '2024-01-01')`, [a.id, unit_id]);
		const housemate = await f.actorOf(a.id);

		expect(await submitResponse(f.ctx, buur, { surveyId: id, answers: { [q.id]: '6' } })).toEqual({ replaced: false });
		const seen = await getSurveyForAnswer(f.db, housemate, id, f.ctx.clock());
		expect(seen.household).toMatchObject({ answered: true, via: 'online' });
		expect(await submitResponse(f.ctx, housemate, { surveyId: id, answers: { [q.id]: '9' } })).toEqual({ replaced: true });
		expect(await count('voice_survey_respondents', id)).toBe(1);
		expect(await count('voice_survey_responses', id)).toBe(1);
		const [{ grade }] = await f.db.query<{ grade: number }>('SELECT a.grade FROM voice_survey_answers a JOIN voice_survey_responses r ON r.id = a.response_id WHERE r.survey_id = $1', [id]);
		expect(grade).toBe(9);
		expect((await memberOpenSurveys(f.db, buur, f.ctx.clock())).map((s) => s.id)).not.toContain(id);
	});

	it('refuses bad answers next to their question, an empty response, and members outside the area', async () => {
		const id = await openSurvey('neighbourhood');
		const qs = await surveyQuestions(f.db, id);
		const [buur] = await f.neighbours(1);
		const grade = qs.find((q) => q.kind === 'grade' && q.required)!;
		const agree = qs.find((q) => q.kind === 'agree' && q.required)!;
		const single = qs.find((q) => q.kind === 'single')!;
		const multiple = qs.find((q) => q.kind === 'multiple')!;
		expect(await fieldsOf(submitResponse(f.ctx, buur, { surveyId: id, answers: { [grade.id]: '11', [single.id]: ['better', 'worse'], [multiple.id]: ['litter', 'ufo'] } }))).toEqual({
			[`a.${grade.id}`]: 'voice.answer_grade',
			[`a.${agree.id}`]: 'voice.answer_required',
			[`a.${single.id}`]: 'voice.answer_choice',
			[`a.${multiple.id}`]: 'voice.answer_choice'
		});
		expect(await count('voice_survey_respondents', id)).toBe(0);
		const seed = await openSurvey('seed');
		expect(await codeOf(submitResponse(f.ctx, buur, { surveyId: seed, answers: {} }))).toBe('voice.response_empty');
		const piet = await f.actor('piet');
		expect(await codeOf(submitResponse(f.ctx, piet, { surveyId: id, answers: { [grade.id]: '7' } }))).toBe('voice.survey_not_found');
		expect(await codeOf(submitResponse(f.ctx, await f.actor('care'), { surveyId: id, answers: { [grade.id]: '7' } }))).toBe('voice.survey_not_found');
		expect(await submitResponse(f.ctx, buur, { surveyId: id, answers: { [grade.id]: '7', [agree.id]: 4, [multiple.id]: ['litter', 'dogs'] } })).toEqual({ replaced: false });
	});

	it('a closed survey takes no answers (online, paper, invitation), and the job closes it after its last day', async () => {
		const id = await openSurvey(undefined, { closesOn: f.day(1) });
		const [q] = await surveyQuestions(f.db, id);
		const [buur] = await f.neighbours(1);
		await submitResponse(f.ctx, buur, { surveyId: id, answers: { [q.id]: '7' } });
		f.ctx.advance(3 * 864e5);
		expect(await codeOf(submitResponse(f.ctx, buur, { surveyId: id, answers: { [q.id]: '8' } }))).toBe('voice.survey_closed');
		expect(await codeOf(enterPaperResponse(f.ctx, await f.actor('employee'), { surveyId: id, postcode: '9999 AB', houseNumber: 12, answers: { [q.id]: '8' } }))).toBe('voice.survey_closed');
		expect(await closeDueSurveys(f.ctx)).toBeGreaterThanOrEqual(1);
		expect(await count('voice_survey_secrets', id)).toBe(0);
		expect((await listMySurveys(f.db, buur, f.ctx.clock())).find((s) => s.id === id)?.phase).toBe('closed');
		// The database refuses a change to a closed survey's answers, whatever the code does.
		await expect(f.db.query(`INSERT INTO voice_survey_responses (survey_id, response_key) VALUES ($1, repeat('a', 64))`, [id])).rejects.toThrow(/closed/);
		// Closing again changes nothing (the job may race staff).
		expect((await closeSurvey(f.ctx, await f.actor('employee'), { surveyId: id })).responses).toBe(1);
	});

	it('paper forms count the same, once per household, without saying how the household answered', async () => {
		const id = await openSurvey(undefined);
		const [q] = await surveyQuestions(f.db, id);
		const [wim, henk] = [await f.actor('employee'), await f.actor('henk')];
		const [buur] = await f.neighbours(1);
		const [{ house_number }] = await f.db.query<{ house_number: number }>('SELECT u.house_number FROM memberships m JOIN units u ON u.id = m.unit_id WHERE m.account_id = $1', [buur.accountId]);
		await submitResponse(f.ctx, buur, { surveyId: id, answers: { [q.id]: '5' } });
		expect(await codeOf(enterPaperResponse(f.ctx, wim, { surveyId: id, postcode: '9999 AB', houseNumber: house_number, answers: { [q.id]: '8' } }))).toBe('voice.household_already_answered');
		expect(await enterPaperResponse(f.ctx, wim, { surveyId: id, postcode: '9999 AB', houseNumber: 11, answers: { [q.id]: '8' } })).toEqual({ enteredByYou: 1 });
		expect(await codeOf(enterPaperResponse(f.ctx, henk, { surveyId: id, postcode: '9999 AB', houseNumber: 11, answers: { [q.id]: '2' } }))).toBe('voice.household_already_answered');
		expect(await fieldsOf(enterPaperResponse(f.ctx, wim, { surveyId: id, postcode: '9999 BA', houseNumber: 1, answers: { [q.id]: '8' } }))).toEqual({ postcode: 'voice.household_not_in_area' });
		expect(await codeOf(enterPaperResponse(f.ctx, await f.actor('tenant'), { surveyId: id, postcode: '9999 AB', houseNumber: 10, answers: { [q.id]: '8' } }))).toBe('voice.forbidden');
		const [{ via, n }] = await f.db.query<{ via: string; n: number }>(`SELECT via, count(*)::int AS n FROM voice_survey_respondents WHERE survey_id = $1 AND via = 'paper' GROUP BY via`, [id]);
		expect([via, n]).toEqual(['paper', 1]);
		const [audit] = await f.db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE action = 'voice.paper_entered' AND subject = $1`, [`voice_survey:${id}`]);
		expect(audit.details).toEqual({ enteredByYou: 1 });
		// A household whose paper form was entered cannot answer online on top of it.
		const [{ id: paperHome }] = await f.db.query<{ id: string }>(`SELECT u.id FROM units u WHERE u.postcode = '9999 AB' AND u.house_number = 11`);
		const [acc] = await f.db.query<{ id: string }>(`INSERT INTO accounts (email, name) VALUES ('elf@example.test', 'Elf') RETURNING id`);
		await f.db.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', '2024-01-01')`, [acc.id, paperHome]);
		expect(await codeOf(submitResponse(f.ctx, await f.actorOf(acc.id), { surveyId: id, answers: { [q.id]: '1' } }))).toBe('voice.answered_on_paper');
	});

	it('invitation letters: one link per household of the area, answering without login replaces like online', async () => {
		const id = await openSurvey(undefined, { invitations: true });
		const [q] = await surveyQuestions(f.db, id);
		const wim = await f.actor('employee');
		const { letters } = await listInvitationLetters(f.db, wim, id, f.ctx.clock());
		const [{ n }] = await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM units u JOIN complexes c ON c.id = u.complex_id WHERE c.buurt_id = $1`, [f.linde]);
		expect(letters.length).toBe(n);
		const token = letters[0].path.split('/').pop()!;
		expect(await submitInvitationResponse(f.ctx, { token, answers: { [q.id]: '7' } })).toMatchObject({ replaced: false, surveyId: id });
		expect(await submitInvitationResponse(f.ctx, { token, answers: { [q.id]: '8' } })).toMatchObject({ replaced: true });
		expect(await count('voice_survey_responses', id)).toBe(1);
		expect(await codeOf(submitInvitationResponse(f.ctx, { token: 'x'.repeat(32), answers: { [q.id]: '8' } }))).toBe('voice.invitation_invalid');
		expect(await codeOf(listInvitationLetters(f.db, await f.actor('tenant'), id, f.ctx.clock()))).toBe('voice.survey_not_found');
		// Only the token's hash is stored.
		expect(await f.db.query('SELECT 1 FROM voice_survey_invitations WHERE token_hash = $1', [token])).toEqual([]);
		await closeSurvey(f.ctx, wim, { surveyId: id });
		expect(await codeOf(submitInvitationResponse(f.ctx, { token, answers: { [q.id]: '8' } }))).toBe('voice.invitation_invalid');
	});
});
