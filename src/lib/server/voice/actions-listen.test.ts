import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openReportsTests, type ReportsFixture } from '../reports/test-fixtures';
import { loadActor, type Actor } from '../people';
import { codeOf, fieldsOf, surveyQuestions } from './test-fixtures';
import {
	actionPrefillFromAdvice,
	actionPrefillFromReports,
	actionPrefillFromTheme,
	addPersonaEvidence,
	addQuestion,
	amsterdamDay,
	closeSurvey,
	closedSurveyQuestions,
	createSurvey,
	ensureSeedPersonas,
	getPersona,
	listBuurtActions,
	pickedInput,
	publishSurvey,
	recordAction,
	submitResponse
} from './index';

/**
 * The inputs of the listening part on "jij zei, wij deden" — a conversation theme (its quotes,
 * never a name or notes) and an advice reply (withheld from members unless published) — and
 * starting an action in one step from a theme, a melding cluster or an advice reply; survey
 * figures as persona evidence, live with k ≥ 5.
 */
let f: ReportsFixture;
let wim: Actor;
let themeId: string;
let adviceId: string;
let bigQuestion: string;
let smallQuestion: string;

async function closedSurvey(title: string, households: number): Promise<string> {
	const s = await createSurvey(f.ctx, wim, { area: `buurt:${f.lindebuurt}`, title, opensOn: amsterdamDay(f.ctx.clock()), closesOn: amsterdamDay(new Date(f.ctx.clock().getTime() + 864e5)) });
	await addQuestion(f.ctx, wim, { surveyId: s.id, kind: 'grade', textNl: `${title}: uw cijfer`, textEn: `${title}: your grade`, required: true });
	await publishSurvey(f.ctx, wim, { surveyId: s.id });
	const questionId = (await surveyQuestions(f.db, s.id))[0].id;
	const homes = await f.db.query<{ id: string }>(
		`SELECT u.id FROM units u JOIN complexes c ON c.id = u.complex_id WHERE c.buurt_id = $1 AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.unit_id = u.id) ORDER BY u.id LIMIT $2`,
		[f.lindebuurt, households]
	);
	for (const [i, h] of homes.entries()) {
		const [a] = await f.db.query<{ id: string }>('INSERT INTO accounts (email, name) VALUES ($1, $2) RETURNING id', [`${randomUUID()}@example.test`, `Buur ${i}`]);
		await f.db.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', '2024-01-01')`, [a.id, h.id]);
		await submitResponse(f.ctx, (await loadActor(f.db, a.id, f.ctx.clock()))!, { surveyId: s.id, answers: { [questionId]: '8' } });
	}
	await closeSurvey(f.ctx, wim, { surveyId: s.id });
	return questionId;
}

beforeAll(async () => {
	f = await openReportsTests();
	wim = await f.actor('staff');
	const now = f.ctx.clock();
	const [{ wijk_code }] = await f.db.query<{ wijk_code: string }>('SELECT wijk_code FROM buurten WHERE id = $1', [f.lindebuurt]);
	[{ id: themeId }] = await f.db.query<{ id: string }>(`INSERT INTO voice_themes (corporation_id, name, created_at) VALUES ($1, 'Licht en veiligheid', $2) RETURNING id`, [f.corporationId, now]);
	// A kitchen-table talk where the resident allowed a first name, notes and anonymous quotes.
	const [c] = await f.db.query<{ id: string }>(
		`INSERT INTO voice_conversations (corporation_id, held_on, area_kind, wijk_code, buurt_id, format, consent_notes, consent_quotes, consent_name, resident_first_name, notes, recorded_by, created_at)
		 VALUES ($1, '2026-01-10', 'buurt', $2, $3, 'kitchen_table', true, true, true, 'Truus', 'Notitie: woont op nummer 12.', $4, $5) RETURNING id`,
		[f.corporationId, wijk_code, f.lindebuurt, wim.accountId, now]
	);
	const [q] = await f.db.query<{ id: string }>(`INSERT INTO voice_quotes (conversation_id, corporation_id, body, created_at) VALUES ($1, $2, 'Bij de stalling is het ’s avonds donker.', $3) RETURNING id`, [c.id, f.corporationId, now]);
	await f.db.query('INSERT INTO voice_quote_themes (quote_id, theme_id) VALUES ($1, $2)', [q.id, themeId]);
	const [org] = await f.db.query<{ id: string }>(`INSERT INTO organisations (corporation_id, kind, name) VALUES ($1, 'tenants_association', 'HV Linde test') RETURNING id`, [f.corporationId]);
	[{ id: adviceId }] = await f.db.query<{ id: string }>(
		`INSERT INTO voice_advice_requests (corporation_id, organisation_id, area_kind, wijk_code, buurt_id, subject, intended_decision, legal_basis, deadline_on, sent_by, sent_at,
			answer_position, answer_advice, answer_reasons, answered_by, answered_at, reply_due_on, reply_outcome, reply_reasons, replied_by, replied_at)
		 VALUES ($1, $2, 'buurt', $3, $4, 'Verlichting Lindehof', 'Wij willen de verlichting vervangen.', 'advice', '2026-03-01', $5, $6,
			'conditional', 'Doe het, maar met warm licht.', 'Fel licht stoort.', $5, $6, '2026-04-01', 'follows', 'Wij kiezen warm wit licht.', $5, $6) RETURNING id`,
		[f.corporationId, org.id, wijk_code, f.lindebuurt, wim.accountId, now]
	);
	bigQuestion = await closedSurvey('Groot', 6);
	smallQuestion = await closedSurvey('Klein', 3);
});

describe('a conversation theme and an advice reply as inputs', () => {
	it('members see the theme with its quotes, never the first name or notes; staff pick both from a list', async () => {
		const p = await actionPrefillFromTheme(f.db, wim, themeId);
		expect(p.inputs).toEqual([{ kind: 'conversation_theme', ref: themeId, label: 'Licht en veiligheid' }]);
		expect(p.theme.quotes).toBe(1);
		expect(await codeOf(actionPrefillFromTheme(f.db, await f.actor('otherStaff'), themeId))).toBe('voice.not_found');
		expect(await codeOf(actionPrefillFromTheme(f.db, await f.actor('member'), themeId))).toBe('voice.not_found');
		expect(pickedInput(`conversation_theme:${themeId}`)).toEqual({ kind: 'conversation_theme', ref: themeId });
		expect(pickedInput('report:x')).toBeNull();
		const a = await recordAction(f.ctx, wim, { area: `buurt:${f.lindebuurt}`, kind: 'repair_programme', title: 'Meer licht', description: 'Nieuwe lampen.', inputs: [...p.inputs, { kind: 'advice_reply', ref: `/staff/voice/advice/${adviceId}`, note: '' }] });
		const page = await listBuurtActions(f.db, await f.actor('member'), f.lindebuurt, 'nl');
		const action = page.actions.find((x) => x.id === a.id)!;
		const theme = action.inputs.find((i) => i.kind === 'conversation_theme')!;
		expect(theme).toMatchObject({ label: 'Licht en veiligheid', quotes: ['Bij de stalling is het ’s avonds donker.'], href: null });
		expect(JSON.stringify(page)).not.toMatch(/Truus|nummer 12/);
		// Not published by the association: members see only that advice was behind it.
		const advice = action.inputs.find((i) => i.kind === 'advice_reply')!;
		expect(advice).toMatchObject({ label: '', withheld: true, reply: null });
		expect(JSON.stringify(page)).not.toMatch(/Verlichting Lindehof|warm wit/);
		// Staff read the subject and the reply.
		const staffView = (await listBuurtActions(f.db, wim, f.lindebuurt, 'nl')).actions.find((x) => x.id === a.id)!;
		expect(staffView.inputs.find((i) => i.kind === 'advice_reply')).toMatchObject({ label: 'Verlichting Lindehof', withheld: false, reply: { outcome: 'follows', reasons: 'Wij kiezen warm wit licht.' }, href: `/staff/voice/advice/${adviceId}` });
		// Once the association agrees, members read it (and it hides again if they take it back).
		await f.db.query('UPDATE voice_advice_requests SET publish_reply = true WHERE id = $1', [adviceId]);
		const published = (await listBuurtActions(f.db, await f.actor('member'), f.lindebuurt, 'nl')).actions.find((x) => x.id === a.id)!;
		expect(published.inputs.find((i) => i.kind === 'advice_reply')).toMatchObject({ label: 'Verlichting Lindehof', withheld: false, reply: { outcome: 'follows' } });
		await f.db.query('UPDATE voice_advice_requests SET publish_reply = false WHERE id = $1', [adviceId]);
	});

	it('an advice request without a reply, or another corporation theme, cannot be linked', async () => {
		const [open] = await f.db.query<{ id: string }>(
			`INSERT INTO voice_advice_requests (corporation_id, organisation_id, area_kind, wijk_code, buurt_id, subject, intended_decision, legal_basis, deadline_on, sent_by, sent_at)
			 SELECT corporation_id, organisation_id, area_kind, wijk_code, buurt_id, 'Nog open', intended_decision, legal_basis, deadline_on, sent_by, sent_at FROM voice_advice_requests WHERE id = $1 RETURNING id`,
			[adviceId]
		);
		expect(await fieldsOf(recordAction(f.ctx, wim, { area: 'corporation', kind: 'decision', title: 'Zonder antwoord', description: 'x', inputs: [{ kind: 'advice_reply', ref: open.id }] }))).toEqual({ 'inputs.0.ref': 'voice.input_not_found' });
		expect(await codeOf(actionPrefillFromAdvice(f.db, wim, open.id))).toBe('voice.not_found');
		expect(await fieldsOf(recordAction(f.ctx, await f.actor('otherStaff'), { area: 'corporation', kind: 'decision', title: 'Ander thema', description: 'x', inputs: [{ kind: 'conversation_theme', ref: themeId }] }))).toEqual({ 'inputs.0.ref': 'voice.input_not_found' });
	});

	it('from an advice reply in one step: the request area and the reply', async () => {
		expect(await actionPrefillFromAdvice(f.db, wim, adviceId)).toMatchObject({ area: `buurt:${f.lindebuurt}`, inputs: [{ kind: 'advice_reply', ref: adviceId }] });
	});
});

describe('from a melding cluster in one step', () => {
	it('prefills the buurt and the meldingen of that category there, and records them as inputs', async () => {
		const r1 = await f.report({ kind: 'public_space' });
		const r2 = await f.report({ kind: 'public_space' });
		const p = await actionPrefillFromReports(f.db, wim, f.category.public_space, f.lindebuurt, f.ctx.clock(), 'nl');
		expect(p.area).toBe(`buurt:${f.lindebuurt}`);
		expect(p.inputs.map((i) => i.ref).sort()).toEqual([r1, r2].sort());
		expect(p.inputs.every((i) => i.kind === 'report')).toBe(true);
		expect(await codeOf(actionPrefillFromReports(f.db, wim, f.category.public_space, f.beukenbuurt, f.ctx.clock(), 'nl'))).toBe('voice.not_found');
		expect(await codeOf(actionPrefillFromReports(f.db, await f.actor('member'), f.category.public_space, f.lindebuurt, f.ctx.clock(), 'nl'))).toBe('voice.not_found');
		const a = await recordAction(f.ctx, wim, { area: p.area, kind: 'repair_programme', title: 'Buitenruimte opknappen', description: 'x', inputs: p.inputs.map((i) => ({ kind: i.kind, ref: i.ref })) });
		const view = (await listBuurtActions(f.db, await f.actor('member'), f.lindebuurt, 'nl')).actions.find((x) => x.id === a.id)!;
		expect(view.inputs).toHaveLength(2);
		expect(JSON.stringify(view)).not.toMatch(/trappenhuis/);
	});
});

describe('survey figures as persona evidence', () => {
	it('links a question of a closed survey, shows its figure live with k ≥ 5, refuses open ones and doubles', async () => {
		await ensureSeedPersonas(f.db, f.corporationId, f.ctx.clock());
		const [persona] = await f.db.query<{ id: string }>(`SELECT id FROM voice_personas WHERE corporation_id = $1 AND seed_key = 'tenant'`, [f.corporationId]);
		const choices = await closedSurveyQuestions(f.db, wim, 'nl');
		expect(choices.flatMap((s) => s.questions.map((q) => q.id))).toEqual(expect.arrayContaining([bigQuestion, smallQuestion]));
		await addPersonaEvidence(f.ctx, wim, { personaId: persona.id, kind: 'survey', questionId: bigQuestion });
		await addPersonaEvidence(f.ctx, wim, { personaId: persona.id, kind: 'survey', questionId: smallQuestion });
		const p = await getPersona(f.ctx, wim, persona.id, 'nl');
		const figures = p.evidence.flatMap((e) => (e.kind === 'survey' && e.survey ? [e.survey] : []));
		expect(figures.find((s) => s.questionId === bigQuestion)!.figure).toMatchObject({ kind: 'grade', value: 8, respondents: 6 });
		expect(figures.find((s) => s.questionId === smallQuestion)!.figure).toMatchObject({ value: null, respondents: null });
		const [stored] = await f.db.query<{ value: string }>('SELECT value FROM voice_persona_evidence WHERE persona_id = $1 AND ref_id = $2', [persona.id, smallQuestion]);
		expect(stored.value).toBe('<5');
		expect(await codeOf(addPersonaEvidence(f.ctx, wim, { personaId: persona.id, kind: 'survey', questionId: bigQuestion }))).toBe('listen.evidence_exists');
		expect(await fieldsOf(addPersonaEvidence(f.ctx, wim, { personaId: persona.id, kind: 'survey', questionId: randomUUID() }))).toEqual({ questionId: 'listen.survey_question_unknown' });
		expect(await fieldsOf(addPersonaEvidence(f.ctx, wim, { personaId: persona.id, kind: 'survey', questionId: '' }))).toEqual({ questionId: 'listen.survey_question_required' });
		const s = await createSurvey(f.ctx, wim, { area: 'corporation', title: 'Nog open', opensOn: amsterdamDay(f.ctx.clock()), closesOn: amsterdamDay(new Date(f.ctx.clock().getTime() + 864e5)) });
		await addQuestion(f.ctx, wim, { surveyId: s.id, kind: 'grade', textNl: 'Cijfer', required: true });
		await publishSurvey(f.ctx, wim, { surveyId: s.id });
		const openQ = (await surveyQuestions(f.db, s.id))[0].id;
		expect(await fieldsOf(addPersonaEvidence(f.ctx, wim, { personaId: persona.id, kind: 'survey', questionId: openQ }))).toEqual({ questionId: 'listen.survey_question_unknown' });
	});
});
