import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openReportsTests, type ReportsFixture } from '../reports/test-fixtures';
import { createProposal } from '../proposals';
import { loadActor, type Actor } from '../people';
import { codeOf, fieldsOf, surveyQuestions } from './test-fixtures';
import {
	actionPrefillFromQuestion,
	addQuestion,
	amsterdamDay,
	closeSurvey,
	createSurvey,
	getActionForStaff,
	inputKindDefs,
	linkActionInput,
	listBuurtActions,
	listStaffActions,
	publishSurvey,
	recordAction,
	submitResponse,
	unlinkActionInput,
	updateActionStatus
} from './index';

/** "Jij zei, wij deden": actions, their generic input links, and who reads them per buurt. */
let f: ReportsFixture;
let wim: Actor;
let questionId: string;
let surveyId: string;
beforeAll(async () => {
	f = await openReportsTests();
	wim = await f.actor('staff');
	const s = await createSurvey(f.ctx, wim, { area: `buurt:${f.lindebuurt}`, title: 'Licht in de buurt', opensOn: amsterdamDay(f.ctx.clock()), closesOn: amsterdamDay(new Date(f.ctx.clock().getTime() + 864e5)) });
	await addQuestion(f.ctx, wim, { surveyId: s.id, kind: 'agree', textNl: 'Er is genoeg licht bij de fietsenstalling.', textEn: 'There is enough light at the bike shed.', required: true });
	await publishSurvey(f.ctx, wim, { surveyId: s.id });
	surveyId = s.id;
	questionId = (await surveyQuestions(f.db, s.id))[0].id;
	const homes = await f.db.query<{ id: string }>(
		`SELECT u.id FROM units u JOIN complexes c ON c.id = u.complex_id WHERE c.buurt_id = $1 AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.unit_id = u.id) ORDER BY u.id LIMIT 6`,
		[f.lindebuurt]
	);
	for (const [i, h] of homes.entries()) {
		const [a] = await f.db.query<{ id: string }>('INSERT INTO accounts (email, name) VALUES ($1, $2) RETURNING id', [`${randomUUID()}@example.test`, `Buur ${i}`]);
		await f.db.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', '2024-01-01')`, [a.id, h.id]);
		await submitResponse(f.ctx, (await loadActor(f.db, a.id, f.ctx.clock()))!, { surveyId, answers: { [questionId]: i < 5 ? '1' : '4' } });
	}
	await closeSurvey(f.ctx, wim, { surveyId });
});

describe('actions and their inputs', () => {
	it('from a survey result in one step: the area and the question come prefilled, the figure keeps k ≥ 5', async () => {
		const p = await actionPrefillFromQuestion(f.db, wim, questionId, f.ctx.clock(), 'nl');
		expect(p).toMatchObject({ area: `buurt:${f.lindebuurt}`, survey: { id: surveyId }, question: { id: questionId, kind: 'agree', agreePercent: null, respondents: 6 } });
		expect(await codeOf(actionPrefillFromQuestion(f.db, await f.actor('reporter'), questionId, f.ctx.clock(), 'nl'))).toBe('voice.survey_not_found');
		expect(await codeOf(actionPrefillFromQuestion(f.db, await f.actor('otherStaff'), questionId, f.ctx.clock(), 'nl'))).toBe('voice.survey_not_found');
	});

	it('links a survey question, a proposal and a melding; members read anonymised words, newest first', async () => {
		const reportId = await f.report({ kind: 'public_space' });
		const proposal = await createProposal(f.ctx, await f.actor('reporter'), { buurtId: f.lindebuurt, title: 'Lampen bij de stalling', description: 'Meer licht bij de fietsen.', costCents: 10_000 });
		const first = await recordAction(f.ctx, wim, { area: `buurt:${f.lindebuurt}`, kind: 'decision', title: 'Eerder besluit', description: 'Iets van eerder.' });
		f.ctx.advance(60_000);
		const a = await recordAction(f.ctx, wim, {
			area: `buurt:${f.lindebuurt}`,
			kind: 'repair_programme',
			title: 'Meer licht bij de fietsenstalling',
			description: 'We hangen vier lampen op.',
			inputs: [
				{ kind: 'survey_question', ref: questionId, note: 'De meesten vinden het te donker.' },
				{ kind: 'proposal', ref: `http://noaber.test/proposals/${proposal.id}` },
				{ kind: 'report', ref: reportId }
			]
		});
		const page = await listBuurtActions(f.db, await f.actor('member'), f.lindebuurt, 'nl');
		expect(page.actions.map((x) => x.id)).toEqual([a.id, first.id]);
		const [shown] = page.actions;
		expect(shown.status).toBe('planned');
		expect(shown.inputs.map((i) => [i.kind, i.label])).toEqual([
			['survey_question', 'Licht in de buurt: Er is genoeg licht bij de fietsenstalling.'],
			['proposal', 'Lampen bij de stalling'],
			['report', 'Openbare ruimte (gemeente)']
		]);
		// The figure is k-anonymous: 1 of 6 agreed, so no share is shown.
		expect(shown.inputs[0].figure).toEqual({ kind: 'agree', value: null, respondents: 6 });
		expect(shown.inputs[0].href).toBe(`/surveys/${surveyId}/results#q-${questionId}`);
		// Members get no link into the staff pages, and never the melding's text or a name.
		expect(shown.inputs.slice(1).map((i) => i.href)).toEqual([null, null]);
		expect(JSON.stringify(page)).not.toMatch(/trappenhuis|Anna|de Vries/);
		const en = await listBuurtActions(f.db, await f.actor('reporter'), f.lindebuurt, 'en');
		expect(en.actions[0].inputs[0].label).toBe('Licht in de buurt: There is enough light at the bike shed.');
		// Staff see where each input lives.
		const staff = await getActionForStaff(f.db, wim, a.id, 'nl');
		expect(staff.action.inputs.map((i) => i.href)).toEqual([`/surveys/${surveyId}/results#q-${questionId}`, `/proposals/${proposal.id}`, `/staff/reports/${reportId}`]);
		expect(staff.buurten.map((b) => b.id)).toEqual([f.lindebuurt]);
		// The same input twice is refused; unlinking takes it off.
		expect(await codeOf(linkActionInput(f.ctx, wim, { actionId: a.id, kind: 'report', ref: reportId }))).toBe('voice.input_already_linked');
		await unlinkActionInput(f.ctx, wim, { actionId: a.id, inputId: staff.action.inputs[2].id });
		expect((await getActionForStaff(f.db, wim, a.id, 'nl')).action.inputs.length).toBe(2);
	});

	it('bad inputs are named next to their field and nothing is written', async () => {
		const before = (await listStaffActions(f.db, wim, 'nl')).actions.length;
		const none = '00000000-0000-4000-8000-000000000000';
		expect(await fieldsOf(recordAction(f.ctx, wim, { area: `buurt:${f.lindebuurt}`, kind: 'decision', title: 'Met een fout', description: 'x', inputs: [{ kind: 'proposal', ref: none }] }))).toEqual({ 'inputs.0.ref': 'voice.input_not_found' });
		expect(await fieldsOf(recordAction(f.ctx, wim, { area: `buurt:${f.lindebuurt}`, kind: 'decision', title: 'Met een fout', description: 'x', inputs: [{ kind: 'conversation_theme', ref: 'veiligheid' }] }))).toEqual({ 'inputs.0.ref': 'voice.input_not_found' });
		expect(await fieldsOf(recordAction(f.ctx, wim, { area: 'corporation', kind: 'nope', title: 'x', description: '' }))).toMatchObject({ kind: 'voice.action_kind_required', title: 'voice.title_required', description: 'voice.description_required' });
		// Another corporation's melding is not an input of De Linde's action.
		expect((await listStaffActions(f.db, wim, 'nl')).actions.length).toBe(before);
		expect(await codeOf(recordAction(f.ctx, await f.actor('reporter'), { area: 'corporation', kind: 'decision', title: 'Van Anna', description: 'Nee.' }))).toBe('voice.forbidden');
		expect(Object.keys(inputKindDefs).sort()).toEqual(['advice_reply', 'conversation_theme', 'proposal', 'report', 'survey_question']);
	});

	it('status changes with a note members read; only staff of the corporation', async () => {
		const a = await recordAction(f.ctx, wim, { area: 'corporation', kind: 'policy_change', title: 'Terugbellen binnen twee dagen', description: 'Altijd.' });
		expect(await fieldsOf(updateActionStatus(f.ctx, wim, { actionId: a.id, status: 'planned' }))).toEqual({ status: 'voice.status_unchanged' });
		f.ctx.advance(60_000);
		await updateActionStatus(f.ctx, wim, { actionId: a.id, status: 'doing', note: 'We zijn begonnen.' });
		expect(await codeOf(updateActionStatus(f.ctx, await f.actor('otherStaff'), { actionId: a.id, status: 'done' }))).toBe('voice.action_not_found');
		expect(await codeOf(updateActionStatus(f.ctx, await f.actor('reporter'), { actionId: a.id, status: 'done' }))).toBe('voice.action_not_found');
		// A corporation-wide action shows in every buurt of the corporation.
		const beuken = await listBuurtActions(f.db, wim, f.beukenbuurt, 'nl');
		const shown = beuken.actions.find((x) => x.id === a.id)!;
		expect(shown.status).toBe('doing');
		expect(shown.updates.map((u) => [u.status, u.note])).toEqual([['planned', ''], ['doing', 'We zijn begonnen.']]);
		// The buurt-only action of the Lindebuurt is not on the Beukenbuurt's page.
		expect(beuken.actions.every((x) => x.areaName !== 'Lindebuurt')).toBe(true);
	});

	it('who reads a buurt’s page: its members, staff and the linked tenants’ association; anyone else 404', async () => {
		const [{ id: hanna }] = await f.db.query<{ id: string }>(`SELECT id FROM accounts WHERE email = 'hanna@demo.noaber.test'`);
		const association = (await loadActor(f.db, hanna, f.ctx.clock()))!;
		expect((await listBuurtActions(f.db, association, f.lindebuurt, 'nl')).actions.length).toBeGreaterThan(0);
		expect(await codeOf(listBuurtActions(f.db, association, f.beukenbuurt, 'nl'))).toBe('voice.not_found');
		for (const p of ['outsider', 'care', 'supplier', 'otherStaff'] as const) expect(await codeOf(listBuurtActions(f.db, await f.actor(p), f.lindebuurt, 'nl'))).toBe('voice.not_found');
		expect(await codeOf(listBuurtActions(f.db, wim, 'nope', 'nl'))).toBe('voice.not_found');
	});
});
