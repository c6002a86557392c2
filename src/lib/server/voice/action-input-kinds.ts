import type { Queryable } from '../db/client';
import { isDomainError } from '../shared/errors';
import type { Actor } from '../people';
import { getProposalDetail } from '../proposals';
import { getReportDetail } from '../reports';
import type { InputKind } from './actions-model';

/**
 * The generic input model of an action: a kind and a reference (migration 0141). Each kind says
 * how a reference is read from what staff typed or the page prefilled, and checks it: the thing
 * exists, is of the action's corporation and readable by the staff member — and gives the
 * anonymised words members will read (a proposal's title, a melding's category; never a name,
 * an address or a melding's own text). A kind without a definition here cannot be linked.
 * `conversation_theme` and `advice_reply` are rows of the listening part, so both are a refId:
 * the theme's id (a rename follows; members read the live name and the theme's quotes) and the
 * advice request's id (its reasoned reply; members read it only while the association agrees
 * to publish it — see actions-queries.ts).
 */
export type InputRef = { refId: string; refKey?: undefined } | { refKey: string; refId?: undefined };

export interface InputKindDef {
	parseRef(raw: string): InputRef | null;
	/** null: not found or not the corporation's (one answer: the field's message). */
	describe(q: Queryable, actor: Actor, corporationId: string, ref: InputRef, now: Date): Promise<{ labelNl: string; labelEn: string } | null>;
}

const uuidIn = (raw: string): InputRef | null => {
	const all = raw.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi);
	return all ? { refId: all[all.length - 1].toLowerCase() } : null;
};

/** Another module's not-found (or forbidden) is "no such input" here; anything else is a bug. */
async function orNull<T>(p: Promise<T>): Promise<T | null> {
	try {
		return await p;
	} catch (err) {
		if (isDomainError(err)) return null;
		throw err;
	}
}

export const inputKindDefs: Partial<Record<InputKind, InputKindDef>> = {
	survey_question: {
		parseRef: uuidIn,
		async describe(q, _actor, corporationId, ref) {
			const [row] = await q.query<{ title: string; text_nl: string; text_en: string }>(
				`SELECT s.title, qq.text_nl, qq.text_en FROM voice_survey_questions qq JOIN voice_surveys s ON s.id = qq.survey_id
				 WHERE qq.id = $1 AND s.corporation_id = $2 AND s.published_at IS NOT NULL`,
				[ref.refId, corporationId]
			);
			return row ? { labelNl: `${row.title}: ${row.text_nl}`.slice(0, 300), labelEn: `${row.title}: ${row.text_en || row.text_nl}`.slice(0, 300) } : null;
		}
	},
	proposal: {
		parseRef: uuidIn,
		async describe(q, actor, corporationId, ref, now) {
			const p = await orNull(getProposalDetail(q, actor, ref.refId!, now));
			return p && p.corporationId === corporationId ? { labelNl: p.title, labelEn: p.title } : null;
		}
	},
	conversation_theme: {
		parseRef: uuidIn,
		async describe(q, _actor, corporationId, ref) {
			const [row] = await q.query<{ name: string }>('SELECT name FROM voice_themes WHERE id = $1 AND corporation_id = $2', [ref.refId, corporationId]);
			return row ? { labelNl: row.name, labelEn: row.name } : null;
		}
	},
	advice_reply: {
		parseRef: uuidIn,
		// Only a request the corporation has replied to: the input is the reasoned reply.
		async describe(q, _actor, corporationId, ref) {
			const [row] = await q.query<{ subject: string }>('SELECT subject FROM voice_advice_requests WHERE id = $1 AND corporation_id = $2 AND replied_at IS NOT NULL', [ref.refId, corporationId]);
			return row ? { labelNl: row.subject, labelEn: row.subject } : null;
		}
	},
	report: {
		parseRef: uuidIn,
		async describe(q, actor, corporationId, ref, now) {
			const r = await orNull(getReportDetail(q, actor, ref.refId!, now));
			return r && r.row.corporation_id === corporationId ? { labelNl: r.row.category_name_nl, labelEn: r.row.category_name_en || r.row.category_name_nl } : null;
		}
	}
};
