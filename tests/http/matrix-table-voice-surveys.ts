import type { ActorName, Body, Ids, Row, Spec } from './matrix-table';

/**
 * Stem van de buurt — surveys and "jij zei, wij deden" (docs/ARCHITECTURE.md, "Voice"). Rows aim at
 * the demo's closed seed survey of the Lindebuurt (its results shown: 8 households), its first
 * open question (reviewed and published) and the demo's action. Staff of De Linde manage them
 * (olga, staff of another corporation: 404; everyone else 403); the survey, its results and the
 * action page are for the Lindebuurt's members, De Linde's staff and the linked tenants'
 * association (hanna) — everyone else 404. Every write here is harmless on a closed survey (the
 * use cases answer 409), so the allowed cells send their empty probe.
 */
const form = (f: Record<string, string>): Body => ({ form: f });
const emptyForm = () => form({});
const none = '00000000-0000-4000-8000-000000000000';

const staffPage: Spec = { all: 'forbidden', anon: 'login', staff: 'ok', olga: 'ok' };
const deLindeStaff: Spec = { all: 'forbidden', anon: 'login', staff: 'ok', olga: 'hidden' };
const audienceL: Spec = { all: 'hidden', anon: 'login', memberL: 'ok', staff: 'ok', hanna: 'ok' };
const anyone: Spec = { all: 'ok', anon: 'login' };

const seed = 'the demo’s closed seed survey (Lindebuurt)';
const s = (i: Ids) => `/staff/voice/surveys/${i.voiceSeed}`;

export const voiceSurveyRows: Row[] = [
	{ key: 'PAGE /staff/voice/surveys', target: 'the staff’s surveys', path: () => '/staff/voice/surveys', expect: staffPage },
	{ key: 'ACTION /staff/voice/surveys?/create', target: 'a new survey', path: () => '/staff/voice/surveys?/create', expect: staffPage, probe: emptyForm, valid: () => form({ area: 'corporation', title: 'Matrix enquête', opensOn: '2030-01-01', closesOn: '2030-01-02' }) },
	{ key: 'PAGE /staff/voice/surveys/[id]', target: seed, needs: ['voiceSeed'], path: s, expect: deLindeStaff },
	...(['save', 'addQuestion', 'removeQuestion', 'publish', 'close'] as const).map((a): Row => ({ key: `ACTION /staff/voice/surveys/[id]?/${a}`, target: seed, needs: ['voiceSeed'], path: (i) => `${s(i)}?/${a}`, expect: deLindeStaff, probe: emptyForm, valid: (i) => form({ questionId: i.voiceOpenQ, kind: 'open', textNl: 'Matrix vraag', area: 'corporation', title: 'Matrix', opensOn: '2030-01-01', closesOn: '2030-01-02' }) })),
	{ key: 'PAGE /staff/voice/surveys/[id]/paper', target: seed, needs: ['voiceSeed'], path: (i) => `${s(i)}/paper`, expect: deLindeStaff },
	{ key: 'ACTION /staff/voice/surveys/[id]/paper?/enter', target: seed, needs: ['voiceSeed'], path: (i) => `${s(i)}/paper?/enter`, expect: deLindeStaff, probe: emptyForm, valid: () => form({ postcode: '9999 AB', houseNumber: '12' }) },
	// The seed survey has no invitation letters: staff get 409, the others as ever.
	{ key: 'PAGE /staff/voice/surveys/[id]/letters', target: seed, needs: ['voiceSeed'], path: (i) => `${s(i)}/letters`, expect: { ...deLindeStaff, staff: 'denied' } },
	{ key: 'PAGE /staff/voice/surveys/[id]/review/[questionId]', target: `${seed}, its first open question`, needs: ['voiceSeed', 'voiceOpenQ'], path: (i) => `${s(i)}/review/${i.voiceOpenQ}`, expect: deLindeStaff },
	...(['review', 'publish'] as const).map((a): Row => ({ key: `ACTION /staff/voice/surveys/[id]/review/[questionId]?/${a}`, target: `${seed}, its first open question (published: 409)`, needs: ['voiceSeed', 'voiceOpenQ'], path: (i) => `${s(i)}/review/${i.voiceOpenQ}?/${a}`, expect: deLindeStaff, probe: emptyForm, valid: () => form({ answerId: none, decision: 'hide' }) })),

	{ key: 'PAGE /surveys', target: 'the surveys for the person’s home', path: () => '/surveys', expect: anyone },
	{ key: 'PAGE /surveys/[id]', target: seed, needs: ['voiceSeed'], path: (i) => `/surveys/${i.voiceSeed}`, expect: audienceL },
	// Closed: who may see it gets 409 (voice.survey_closed); nothing is written.
	{ key: 'ACTION /surveys/[id]?/answer', target: seed, needs: ['voiceSeed', 'voiceGradeQ'], path: (i) => `/surveys/${i.voiceSeed}?/answer`, expect: audienceL, probe: emptyForm, valid: (i) => form({ [`a.${i.voiceGradeQ}`]: '1' }) },
	{ key: 'PAGE /surveys/[id]/results', target: seed, needs: ['voiceSeed'], path: (i) => `/surveys/${i.voiceSeed}/results`, expect: audienceL },
	{ key: 'GET /surveys/[id]/results.csv', target: seed, needs: ['voiceSeed'], path: (i) => `/surveys/${i.voiceSeed}/results.csv`, expect: audienceL },
	{ key: 'PAGE /surveys/[id]/results', target: 'the demo’s survey with fewer than 5 answers', needs: ['voiceSmall'], path: (i) => `/surveys/${i.voiceSmall}/results`, expect: audienceL },
	// A personal link nobody has: 404 for everyone, logged in or not (the page needs no session).
	{ key: 'PAGE /surveys/invite/[token]', target: 'an unknown invitation link', path: () => `/surveys/invite/${'x'.repeat(32)}`, expect: { all: 'hidden' } },
	{ key: 'ACTION /surveys/invite/[token]?/answer', target: 'an unknown invitation link', path: () => `/surveys/invite/${'x'.repeat(32)}?/answer`, expect: { all: 'hidden' }, valid: () => form({}) },

	{ key: 'PAGE /staff/voice/actions', target: 'the staff’s actions', path: () => '/staff/voice/actions', expect: staffPage },
	{ key: 'PAGE /staff/voice/actions/new', target: 'a new action', path: () => '/staff/voice/actions/new', expect: staffPage },
	{ key: 'PAGE /staff/voice/actions/new', target: `a new action from ${seed}`, needs: ['voiceGradeQ'], path: (i) => `/staff/voice/actions/new?question=${i.voiceGradeQ}`, expect: deLindeStaff },
	{ key: 'ACTION /staff/voice/actions/new?/record', target: 'a new action', path: () => '/staff/voice/actions/new?/record', expect: staffPage, probe: emptyForm, valid: () => form({ area: 'corporation', kind: 'decision', title: 'Matrix actie', description: 'Matrix.' }) },
	{ key: 'PAGE /staff/voice/actions/[id]', target: 'the demo’s action (Lindebuurt)', needs: ['voiceAction'], path: (i) => `/staff/voice/actions/${i.voiceAction}`, expect: deLindeStaff },
	...(['status', 'link', 'unlink'] as const).map((a): Row => ({ key: `ACTION /staff/voice/actions/[id]?/${a}`, target: 'the demo’s action (Lindebuurt)', needs: ['voiceAction'], path: (i) => `/staff/voice/actions/${i.voiceAction}?/${a}`, expect: deLindeStaff, probe: emptyForm, valid: () => form({ status: 'done', note: 'Matrix', kind: 'proposal', ref: none, inputId: none }) })),
	{ key: 'PAGE /buurten/[id]/jij-zei-wij-deden', target: 'Lindebuurt (De Linde)', needs: ['L'], path: (i) => `/buurten/${i.L}/jij-zei-wij-deden`, expect: audienceL },
	{ key: 'PAGE /buurten/[id]/jij-zei-wij-deden', target: 'Beukenbuurt (De Linde)', needs: ['B'], path: (i) => `/buurten/${i.B}/jij-zei-wij-deden`, expect: { all: 'hidden', anon: 'login', piet: 'ok', staff: 'ok' } },
	{ key: 'PAGE /buurten/[id]/jij-zei-wij-deden', target: 'buurt of Woonbron Oost', needs: ['W'], path: (i) => `/buurten/${i.W}/jij-zei-wij-deden`, expect: { all: 'hidden', anon: 'login', otherCorp: 'ok' } },

	{ key: 'GET /api/v1/voice/surveys', target: 'the surveys the person may see', path: () => '/api/v1/voice/surveys', expect: anyone },
	{ key: 'GET /api/v1/voice/surveys/[id]/results', target: seed, needs: ['voiceSeed'], path: (i) => `/api/v1/voice/surveys/${i.voiceSeed}/results`, expect: audienceL },
	{ key: 'GET /api/v1/voice/surveys/[id]/results', target: 'no such survey', path: () => `/api/v1/voice/surveys/${none}/results`, expect: { all: 'hidden', anon: 'login' } }
];

/** The demo's survey, question and action ids the rows aim at, read as Wim. */
export async function voiceSurveyIds(asJson: (who: ActorName, method: string, path: string) => Promise<Record<string, unknown>>, pageText: (who: ActorName, path: string) => Promise<string>, ids: Ids): Promise<void> {
	const list = (await asJson('wim', 'GET', '/api/v1/voice/surveys')).surveys as { id: string; title: string; phase: string }[];
	ids.voiceSeed = list.find((x) => x.title.startsWith('Gelijkwaardig') && x.phase === 'closed')?.id ?? '';
	ids.voiceSmall = list.find((x) => x.title.startsWith('Buurtonderzoek') && x.phase === 'closed')?.id ?? '';
	if (ids.voiceSeed) {
		const r = (await asJson('wim', 'GET', `/api/v1/voice/surveys/${ids.voiceSeed}/results`)).questions as { id: string; kind: string }[];
		ids.voiceOpenQ = r.find((q) => q.kind === 'open')?.id ?? '';
		ids.voiceGradeQ = r.find((q) => q.kind === 'grade')?.id ?? '';
	}
	ids.voiceAction = /\/staff\/voice\/actions\/([0-9a-f-]{36})/.exec(await pageText('wim', '/staff/voice/actions'))?.[1] ?? '';
}
