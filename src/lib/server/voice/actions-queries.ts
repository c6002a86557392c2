import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { buurtInScope, staffCorporationIds, type Actor } from '../people';
import { areaNameSql, areaValue, inAreaSql, listAreaOptions, type Area, type AreaOption } from './survey-area';
import type { QuestionRow } from './survey-model';
import { questionResult, tallies } from './survey-results';
import { headlineFigure } from './survey-figure';
import { canManageActions, seesBuurtActions, type ActionInputView, type ActionKind, type ActionStatus, type ActionView, type InputKind } from './actions-model';

/** Reads of actions: a buurt's "jij zei, wij deden" page, the staff list and one action. Three statements per list (plus one per input kind that needs its live figures), never one per action. */

interface ActionRow extends Area {
	id: string;
	corporation_id: string;
	kind: ActionKind;
	title: string;
	description: string;
	status: ActionStatus;
	area_name: string;
	created_at: Date;
	status_changed_at: Date;
}

const actionColumns = `a.id, a.corporation_id, a.area_kind, a.wijk_code, a.buurt_id, a.complex_id, a.kind, a.title, a.description, a.status, a.created_at, a.status_changed_at, ${areaNameSql('a')} AS area_name`;

/** Quotes shown under a conversation theme (the newest). */
const THEME_QUOTES = 5;

/** The inputs and updates of these actions, with survey figures (k ≥ 5; members: closed surveys only). */
async function withDetails(q: Queryable, rows: ActionRow[], locale: string, staff: boolean): Promise<ActionView[]> {
	if (!rows.length) return [];
	const ids = rows.map((r) => r.id);
	const [inputs, updates] = await Promise.all([
		q.query<{ id: string; action_id: string; kind: InputKind; ref_id: string | null; ref_key: string | null; label_nl: string; label_en: string; note: string }>(
			'SELECT id, action_id, kind, ref_id, ref_key, label_nl, label_en, note FROM voice_action_inputs WHERE action_id = ANY($1::uuid[]) ORDER BY position',
			[ids]
		),
		q.query<{ action_id: string; status: ActionStatus; note: string; at: Date }>('SELECT action_id, status, note, at FROM voice_action_updates WHERE action_id = ANY($1::uuid[]) ORDER BY at, id', [ids])
	]);
	const questionIds = inputs.filter((i) => i.kind === 'survey_question').map((i) => i.ref_id!);
	const questions = questionIds.length
		? await q.query<QuestionRow & { closed: boolean }>(
				`SELECT qq.id, qq.survey_id, qq.position, qq.kind, qq.text_nl, qq.text_en, qq.required, qq.options, qq.template_key, qq.theme, qq.source, qq.open_published_at, s.closed_at IS NOT NULL AS closed
				 FROM voice_survey_questions qq JOIN voice_surveys s ON s.id = qq.survey_id WHERE qq.id = ANY($1::uuid[])`,
				[questionIds]
			)
		: [];
	const themeIds = inputs.filter((i) => i.kind === 'conversation_theme').map((i) => i.ref_id!);
	const adviceIds = inputs.filter((i) => i.kind === 'advice_reply').map((i) => i.ref_id!);
	const [themes, advice] = await Promise.all([
		// The theme's live name and its newest quotes: only voice_quotes.body (quotes exist only with the
		// resident's consent to anonymous use); never the conversation's first name or notes.
		themeIds.length
			? q.query<{ id: string; name: string; quotes: string[] }>(
					`SELECT t.id, t.name, ARRAY(SELECT vq.body FROM voice_quote_themes qt JOIN voice_quotes vq ON vq.id = qt.quote_id WHERE qt.theme_id = t.id ORDER BY vq.created_at DESC, vq.id LIMIT ${THEME_QUOTES}) AS quotes
					 FROM voice_themes t WHERE t.id = ANY($1::uuid[])`,
					[themeIds]
				)
			: [],
		adviceIds.length
			? q.query<{ id: string; subject: string; publish_reply: boolean; reply_outcome: 'follows' | 'partly' | 'not' | null; reply_reasons: string | null }>(
					'SELECT id, subject, publish_reply, reply_outcome, reply_reasons FROM voice_advice_requests WHERE id = ANY($1::uuid[])',
					[adviceIds]
				)
			: []
	]);
	const themeOf = (id: string): Pick<ActionInputView, 'figure' | 'href' | 'quotes'> & { label?: string } => {
		const th = themes.find((x) => x.id === id);
		return { figure: null, href: staff ? '/staff/voice/themes' : null, quotes: th?.quotes ?? [], ...(th ? { label: th.name } : {}) };
	};
	/**
	 * The association decides whether the reply is shown to the area's members (and may change its
	 * mind): read live, so taking the agreement back hides it again. Unpublished, members see that
	 * the association's advice was behind the action, not its subject, advice or the reply.
	 */
	const adviceOf = (id: string): Pick<ActionInputView, 'figure' | 'href' | 'reply' | 'withheld'> & { label?: string } => {
		const a = advice.find((x) => x.id === id);
		if (!a || !a.reply_outcome || (!staff && !a.publish_reply)) return { figure: null, href: null, reply: null, withheld: true, label: '' };
		return { figure: null, href: staff ? `/staff/voice/advice/${a.id}` : null, reply: { outcome: a.reply_outcome, reasons: a.reply_reasons ?? '' }, withheld: false, label: a.subject };
	};
	const shown = questions.filter((qq) => staff || qq.closed);
	const t = shown.length ? await tallies(q, [...new Set(shown.map((qq) => qq.survey_id))]) : null;
	const figureOf = (questionId: string): Pick<ActionInputView, 'figure' | 'href'> => {
		const qq = shown.find((x) => x.id === questionId);
		if (!qq || !t) return { figure: null, href: null };
		return { figure: headlineFigure(questionResult(qq, t, locale)), href: `/surveys/${qq.survey_id}/results#q-${qq.id}` };
	};
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		title: r.title,
		description: r.description,
		status: r.status,
		areaName: r.area_name,
		createdAt: new Date(r.created_at),
		statusChangedAt: new Date(r.status_changed_at),
		updates: updates.filter((u) => u.action_id === r.id).map((u) => ({ status: u.status, note: u.note, at: new Date(u.at) })),
		inputs: inputs
			.filter((i) => i.action_id === r.id)
			.map((i) => ({
				id: i.id,
				kind: i.kind,
				label: (locale === 'en' && i.label_en) || i.label_nl || i.ref_key || '',
				note: i.note,
				...(i.kind === 'survey_question'
					? figureOf(i.ref_id!)
					: i.kind === 'conversation_theme'
						? themeOf(i.ref_id!)
						: i.kind === 'advice_reply'
							? adviceOf(i.ref_id!)
							: { figure: null, href: staff && i.kind === 'proposal' ? `/proposals/${i.ref_id}` : staff && i.kind === 'report' ? `/staff/reports/${i.ref_id}` : null })
			}))
	}));
}

/**
 * "Jij zei, wij deden" of a buurt: every action whose area holds the buurt (the corporation, its
 * wijk, the buurt or one of its complexes), newest first, with its inputs in anonymised words and
 * its status history. For members of the buurt, staff and the linked tenants' association.
 * Errors: voice.not_found (outside scope).
 */
export async function listBuurtActions(q: Queryable, actor: Actor, buurtId: string, locale: string): Promise<{ buurt: { id: string; name: string }; actions: ActionView[]; can: { manage: boolean } }> {
	const b = await buurtInScope(q, actor, buurtId, 'buurt', 'voice.not_found');
	if (!seesBuurtActions(actor, b)) throw new DomainError('voice.not_found');
	const rows = await q.query<ActionRow>(
		`SELECT ${actionColumns} FROM voice_actions a, buurten b
		 WHERE b.id = $1 AND a.corporation_id = b.corporation_id
		   AND (a.area_kind <> 'complex' AND ${inAreaSql('a', 'b', 'b')} OR a.area_kind = 'complex' AND EXISTS (SELECT 1 FROM complexes c WHERE c.id = a.complex_id AND c.buurt_id = b.id))
		 ORDER BY a.created_at DESC, a.id LIMIT 100`,
		[b.id]
	);
	const manage = canManageActions(actor, b.corporation_id);
	return { buurt: { id: b.id, name: b.name }, actions: await withDetails(q, rows, locale, manage), can: { manage } };
}

/** Every action of the staff member's corporation, newest first, with the areas for the form. Errors: voice.forbidden. */
export async function listStaffActions(q: Queryable, actor: Actor, locale: string): Promise<{ actions: ActionView[]; areas: AreaOption[] }> {
	const corporationId = staffCorporationIds(actor)[0];
	if (!corporationId) throw new DomainError('voice.forbidden');
	const rows = await q.query<ActionRow>(`SELECT ${actionColumns} FROM voice_actions a WHERE a.corporation_id = $1 ORDER BY a.created_at DESC, a.id LIMIT 200`, [corporationId]);
	return { actions: await withDetails(q, rows, locale, true), areas: await listAreaOptions(q, corporationId) };
}

/** One action for staff of its corporation, with the buurten whose page shows it. Errors: voice.action_not_found. */
export async function getActionForStaff(q: Queryable, actor: Actor, actionId: string, locale: string): Promise<{ action: ActionView; area: string; buurten: { id: string; name: string }[] }> {
	if (!/^[0-9a-f-]{36}$/i.test(actionId)) throw new DomainError('voice.action_not_found');
	const [row] = await q.query<ActionRow>(`SELECT ${actionColumns} FROM voice_actions a WHERE a.id = $1`, [actionId]);
	if (!row || !canManageActions(actor, row.corporation_id)) throw new DomainError('voice.action_not_found');
	const buurten = await q.query<{ id: string; name: string }>(
		`SELECT DISTINCT b.id, b.name FROM buurten b LEFT JOIN complexes c ON c.buurt_id = b.id, voice_actions a
		 WHERE a.id = $1 AND b.corporation_id = a.corporation_id AND ${inAreaSql('a', 'b', 'c')} ORDER BY b.name`,
		[row.id]
	);
	const [action] = await withDetails(q, [row], locale, true);
	return { action, area: areaValue(row), buurten };
}
