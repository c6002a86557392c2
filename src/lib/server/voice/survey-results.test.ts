import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeOf, fieldsOf, openVoiceTests, surveyQuestions, type VoiceFixture } from './test-fixtures';
import {
	K_MIN,
	addQuestion,
	closeSurvey,
	createSurvey,
	getSurveyResults,
	getSurveyTrend,
	listOpenAnswers,
	presentSurveyResults,
	publishOpenAnswers,
	publishSurvey,
	questionResult,
	resultsCsv,
	reviewOpenAnswer,
	submitResponse,
	type QuestionRow,
	type SurveyResults
} from './index';

let f: VoiceFixture;
beforeAll(async () => {
	f = await openVoiceTests();
});

const csvOf = (r: SurveyResults) => resultsCsv(r, { agree: (n) => `agree ${n}`, suppressed: '<5', header: ['q', 'text', 'kind', 'answer', 'count', 'percent', 'respondents'] });

/** Every number a reader can see in the results: the API document, flattened. */
function shownNumbers(r: SurveyResults): number[] {
	const out: number[] = [];
	const walk = (v: unknown, key = '') => {
		if (typeof v === 'number' && !['position', 'minimumGroup'].includes(key)) out.push(v);
		else if (Array.isArray(v)) v.forEach((x) => walk(x));
		else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
	};
	const doc = presentSurveyResults(r, []);
	walk({ respondents: doc.respondents, questions: doc.questions.map((q) => ({ respondents: q.respondents, answers: q.answers.map((a) => ({ count: a.count })) })) });
	return out;
}

async function survey(title: string, questions: { kind: string; textNl: string; optionsNl?: string; required?: boolean }[], invitations = false) {
	const wim = await f.actor('employee');
	const s = await createSurvey(f.ctx, wim, { area: `buurt:${f.linde}`, title, opensOn: f.day(0), closesOn: f.day(5), invitations });
	for (const q of questions) await addQuestion(f.ctx, wim, { surveyId: s.id, ...q });
	await publishSurvey(f.ctx, wim, { surveyId: s.id });
	return { id: s.id, qs: await surveyQuestions(f.db, s.id), wim };
}

describe('results: k ≥ 5 everywhere', () => {
	it('with 4 respondents nothing but "<5" is shown — on the page, in the CSV and in the API', async () => {
		const { id, qs, wim } = await survey('Klein', [{ kind: 'grade', textNl: 'Welk cijfer?' }, { kind: 'agree', textNl: 'Ik woon hier fijn.' }]);
		for (const who of await f.neighbours(4)) await submitResponse(f.ctx, who, { surveyId: id, answers: { [qs[0].id]: '8', [qs[1].id]: '5' } });
		await closeSurvey(f.ctx, wim, { surveyId: id });
		for (const reader of [wim, await f.actor('tenant'), await f.actor('tenants_association')]) {
			const r = await getSurveyResults(f.db, reader, id, f.ctx.clock(), 'nl');
			expect(r.respondents).toBeNull();
			expect(r.questions.every((q) => q.respondents === null && q.mean === null && q.agreePercent === null && q.bars.every((b) => b.count === null && b.percent === null))).toBe(true);
			expect(shownNumbers(r)).toEqual([]);
			const csv = csvOf(r);
			for (const line of csv.trim().split('\r\n').slice(1)) expect(line.split(',').slice(4)).toEqual(['<5', '<5', '<5']);
			expect(csv).toContain('<5');
			const doc = JSON.stringify(presentSurveyResults(r, []));
			expect(doc).not.toMatch(/"(count|percent|respondents|mean|agreePercent)":[0-9]/);
		}
	});

	it('with 7 respondents, an option chosen by fewer than 5 has neither count nor share', async () => {
		const { id, qs, wim } = await survey('Groter', [{ kind: 'single', textNl: 'Welke kleur?', optionsNl: 'Rood\nBlauw\nGroen' }, { kind: 'grade', textNl: 'Cijfer?' }]);
		const picks = ['o1', 'o1', 'o1', 'o1', 'o1', 'o2', 'o2'];
		for (const [i, who] of (await f.neighbours(7)).entries()) await submitResponse(f.ctx, who, { surveyId: id, answers: { [qs[0].id]: picks[i], [qs[1].id]: String(4 + i) } });
		// Staff follow it while open; members only after the close.
		const anna = await f.actor('tenant');
		expect(await codeOf(getSurveyResults(f.db, anna, id, f.ctx.clock(), 'nl'))).toBe('voice.results_not_found');
		const live = await getSurveyResults(f.db, wim, id, f.ctx.clock(), 'nl');
		expect(live.respondents).toBe(7);
		await closeSurvey(f.ctx, wim, { surveyId: id });
		const r = await getSurveyResults(f.db, anna, id, f.ctx.clock(), 'en');
		expect(r.respondents).toBe(7);
		expect(r.questions[0].bars.map((b) => [b.label, b.count, b.percent])).toEqual([['Rood', 5, 71], ['Blauw', null, null], ['Groen', null, null]]);
		expect(r.questions[1].mean).toBe(7);
		expect(r.paper).toBeNull();
		expect(csvOf(r).split('\r\n')).toContain('1,Welke kleur?,single,Blauw,<5,<5,7');
		// Outside the audience: 404.
		expect(await codeOf(getSurveyResults(f.db, await f.actor('piet'), id, f.ctx.clock(), 'nl'))).toBe('voice.survey_not_found');
		expect(await codeOf(getSurveyResults(f.db, await f.actor('olga'), id, f.ctx.clock(), 'nl'))).toBe('voice.survey_not_found');
		expect(await codeOf(getSurveyResults(f.db, await f.actor('care'), id, f.ctx.clock(), 'nl'))).toBe('voice.survey_not_found');
	});

	it('property: no figure shown ever comes from fewer than 5 people', () => {
		const q: QuestionRow = { id: 'q', survey_id: 's', position: 1, kind: 'single', text_nl: 'Vraag', text_en: '', required: false, options: ['a', 'b', 'c', 'd'].map((k) => ({ key: k, nl: k, en: k })), template_key: null, theme: null, source: null, open_published_at: null };
		fc.assert(
			fc.property(fc.array(fc.nat({ max: 12 }), { minLength: 4, maxLength: 4 }), fc.constantFrom<'single' | 'grade' | 'agree'>('single', 'grade', 'agree'), (counts, kind) => {
				const keys = kind === 'single' ? ['a', 'b', 'c', 'd'] : kind === 'grade' ? ['2', '5', '7', '9'] : ['1', '2', '4', '5'];
				const total = counts.reduce((a, b) => a + b, 0);
				const r = questionResult({ ...q, kind, options: kind === 'single' ? q.options : [] }, { answered: new Map([['q', total]]), values: new Map([['q', new Map(keys.map((k, i) => [k, counts[i]]))]]) }, 'nl');
				if (total < K_MIN) expect(r.respondents).toBeNull();
				for (const b of r.bars) {
					const real = counts[keys.indexOf(b.key)] ?? 0;
					if (b.count !== null) expect(b.count).toBeGreaterThanOrEqual(K_MIN);
					if (real < K_MIN) expect([b.count, b.percent]).toEqual([null, null]);
				}
				if (kind === 'agree' && r.agreePercent !== null) expect(counts[2] + counts[3]).toBeGreaterThanOrEqual(K_MIN);
			})
		);
	});

	it('the trend shows rounds of the same template in the same area', async () => {
		const wim = await f.actor('employee');
		const rounds: string[] = [];
		const people = await f.neighbours(5);
		for (const grade of ['6', '8']) {
			const s = await createSurvey(f.ctx, wim, { area: `buurt:${f.linde}`, template: 'neighbourhood', opensOn: f.day(0), closesOn: f.day(2) });
			await publishSurvey(f.ctx, wim, { surveyId: s.id });
			const qs = await surveyQuestions(f.db, s.id);
			for (const who of people) await submitResponse(f.ctx, who, { surveyId: s.id, answers: Object.fromEntries(qs.filter((q) => q.required).map((q) => [q.id, q.kind === 'grade' ? grade : '4'])) });
			await closeSurvey(f.ctx, wim, { surveyId: s.id });
			rounds.push(s.id);
			f.ctx.advance(864e5);
		}
		const trend = await getSurveyTrend(f.db, await f.actor('tenant'), rounds[1], f.ctx.clock(), 'nl');
		const grade = trend.find((l) => l.templateKey === 'nb.grade_liveability')!;
		expect(grade.points.map((p) => p.value)).toEqual([6, 8]);
		expect(trend.find((l) => l.templateKey === 'nb.safe')!.points.map((p) => p.value)).toEqual([100, 100]);
		expect(trend.find((l) => l.templateKey === 'nb.safe_dark')!.points.map((p) => p.value)).toEqual([null, null]);
	});
});

describe('open answers: shown after staff review, and only from 5 people', () => {
	it('review (show, redact, hide), then publish; members read only the reviewed words', async () => {
		const { id, qs, wim } = await survey('Open', [{ kind: 'open', textNl: 'Wat wilt u kwijt?' }]);
		const texts = ['Meer groen graag.', 'Ik ben Jan de Boer van Eikenlaan 3.', 'Scheldwoord!', 'Een bankje.', 'Vaker langskomen.'];
		for (const [i, who] of (await f.neighbours(5)).entries()) await submitResponse(f.ctx, who, { surveyId: id, answers: { [qs[0].id]: texts[i] } });
		expect(await codeOf(listOpenAnswers(f.db, wim, { surveyId: id, questionId: qs[0].id }, f.ctx.clock(), 'nl'))).toBe('voice.survey_not_closed');
		await closeSurvey(f.ctx, wim, { surveyId: id });
		const anna = await f.actor('tenant');
		expect((await getSurveyResults(f.db, anna, id, f.ctx.clock(), 'nl')).questions[0].open).toEqual({ published: false, texts: [], unreviewed: null });
		expect(await codeOf(listOpenAnswers(f.db, anna, { surveyId: id, questionId: qs[0].id }, f.ctx.clock(), 'nl'))).toBe('voice.forbidden');
		const list = await listOpenAnswers(f.db, wim, { surveyId: id, questionId: qs[0].id }, f.ctx.clock(), 'nl');
		expect(list.answers.map((a) => a.body).sort()).toEqual([...texts].sort());
		const target = { surveyId: id, questionId: qs[0].id };
		expect(await codeOf(publishOpenAnswers(f.ctx, wim, target))).toBe('voice.review_incomplete');
		for (const a of list.answers) {
			if (a.body.includes('Jan')) {
				expect(await fieldsOf(reviewOpenAnswer(f.ctx, wim, { ...target, answerId: a.answerId, decision: 'redact' }))).toEqual({ shownText: 'voice.redacted_required' });
				await reviewOpenAnswer(f.ctx, wim, { ...target, answerId: a.answerId, decision: 'redact', shownText: 'Ik ben [naam] van [adres].' });
			} else await reviewOpenAnswer(f.ctx, wim, { ...target, answerId: a.answerId, decision: a.body.startsWith('Scheld') ? 'hide' : 'show' });
		}
		await publishOpenAnswers(f.ctx, wim, target);
		expect(await codeOf(publishOpenAnswers(f.ctx, wim, target))).toBe('voice.open_published');
		const shown = (await getSurveyResults(f.db, anna, id, f.ctx.clock(), 'nl')).questions[0].open!;
		expect(shown.published).toBe(true);
		expect(shown.texts.sort()).toEqual(['Een bankje.', 'Ik ben [naam] van [adres].', 'Meer groen graag.', 'Vaker langskomen.']);
		expect(JSON.stringify(shown)).not.toMatch(/Jan|Eikenlaan|Scheld/);
	});

	it('with fewer than 5 open answers nothing can be published', async () => {
		const { id, qs, wim } = await survey('Weinig', [{ kind: 'open', textNl: 'Nog iets?' }]);
		for (const who of await f.neighbours(2)) await submitResponse(f.ctx, who, { surveyId: id, answers: { [qs[0].id]: 'Ja.' } });
		await closeSurvey(f.ctx, wim, { surveyId: id });
		const list = await listOpenAnswers(f.db, wim, { surveyId: id, questionId: qs[0].id }, f.ctx.clock(), 'nl');
		for (const a of list.answers) await reviewOpenAnswer(f.ctx, wim, { surveyId: id, questionId: qs[0].id, answerId: a.answerId, decision: 'show' });
		expect(await codeOf(publishOpenAnswers(f.ctx, wim, { surveyId: id, questionId: qs[0].id }))).toBe('voice.too_few_open_answers');
	});
});
