import type { ActorName, Body, Ids, Row, Spec } from './matrix-table';

/**
 * Moderation (docs/ARCHITECTURE.md, "Moderation"): anyone who sees a piece of content reports it
 * (not its author, not staff: they review); the buurt's ambassador (Fatima, Lindebuurt) and staff
 * of its corporation review; only staff warn or suspend and keep the house rules. Rows aim at
 * the demo's Lindebuurt: Bram's question (reportable by Anna and Fatima) and Joost's post that
 * three households reported (the demo's item waiting for review). Writes that would act have
 * probe bodies the use case refuses as bad input (nothing done).
 */
const form = (f: Record<string, string>): Body => ({ form: f });
const emptyForm = () => form({});
const none = '00000000-0000-4000-8000-000000000000';
const anyone: Spec = { all: 'ok', anon: 'login' };
const staffOnly: Spec = { all: 'forbidden', anon: 'login', staff: 'ok', olga: 'ok' };
const reviewersL: Spec = { all: 'hidden', anon: 'login', memberL: 'refused', fatima: 'ok', staff: 'ok' };

const perBuurt = (k: string, p: (id: string) => string, denied: 'refused' | 'forbidden'): Row[] => [
	{ key: k, target: 'Lindebuurt (De Linde)', needs: ['L'], path: (i) => p(i.L), expect: { all: 'hidden', anon: 'login', memberL: denied, fatima: 'ok', staff: 'ok' } },
	{ key: k, target: 'Beukenbuurt (De Linde)', needs: ['B'], path: (i) => p(i.B), expect: { all: 'hidden', anon: 'login', piet: denied, staff: 'ok' } },
	{ key: k, target: 'buurt of Woonbron Oost', needs: ['W'], path: (i) => p(i.W), expect: { all: 'hidden', anon: 'login', kees: denied, olga: 'ok' } }
];
const report = (i: Ids) => `/moderation/report?kind=board_post&buurt=${i.L}&id=${i.boardPost}`;
const review = (i: Ids) => `/buurten/${i.L}/moderation/${i.modItem}`;
const item = 'the demo’s reported post (Lindebuurt)';

export const moderationRows: Row[] = [
	// Bram's own question: he may not report it (403, a page shows 404); staff review instead; outside the buurt: 404.
	{ key: 'PAGE /moderation/report', target: 'Bram’s question (Lindebuurt board)', needs: ['L', 'boardPost'], path: report, expect: { all: 'hidden', anon: 'login', anna: 'ok', fatima: 'ok' } },
	{ key: 'ACTION /moderation/report?/report', target: 'Bram’s question (Lindebuurt board)', needs: ['L', 'boardPost'], path: (i) => `${report(i)}&/report`, expect: { all: 'hidden', anon: 'login', anna: 'ok', fatima: 'ok', bram: 'refused', staff: 'refused' }, probe: emptyForm, valid: () => form({ reason: 'spam' }) },
	...perBuurt('PAGE /buurten/[id]/moderation', (id) => `/buurten/${id}/moderation`, 'refused'),
	...perBuurt('GET /api/v1/buurten/[id]/moderation', (id) => `/api/v1/buurten/${id}/moderation`, 'forbidden'),
	{ key: 'PAGE /buurten/[id]/moderation/[itemId]', target: item, needs: ['L', 'modItem'], path: review, expect: reviewersL },
	// An empty form names no decision: bad input (nothing decided).
	{ key: 'ACTION /buurten/[id]/moderation/[itemId]?/review', target: item, needs: ['L', 'modItem'], path: (i) => `${review(i)}?/review`, expect: reviewersL, probe: emptyForm, valid: () => form({ decision: 'keep' }) },
	{ key: 'ACTION /buurten/[id]/moderation/[itemId]?/sanction', target: item, needs: ['L', 'modItem'], path: (i) => `${review(i)}?/sanction`, expect: { ...reviewersL, fatima: 'refused' }, probe: emptyForm, valid: () => form({ action: 'warn', sanctionReason: 'threat' }) },
	{ key: 'PAGE /staff/moderation', target: 'own corporation', path: () => '/staff/moderation', expect: staffOnly },
	// One language only is bad input: nothing saved.
	{ key: 'ACTION /staff/moderation?/rules', target: 'own corporation', path: () => '/staff/moderation?/rules', expect: staffOnly, probe: () => form({ bodyNl: 'Alleen Nederlands' }), valid: () => form({ bodyNl: 'Matrix', bodyEn: 'Matrix' }) },
	// Woonbron Oost's staff aimed at the Lindebuurt: 404.
	{ key: 'ACTION /staff/moderation?/hideAfter', target: 'Lindebuurt setting', needs: ['L'], path: () => '/staff/moderation?/hideAfter', expect: { ...staffOnly, olga: 'hidden' }, probe: (i) => form({ buurtId: i.L, hideAfter: '0' }), valid: (i) => form({ buurtId: i.L, hideAfter: '3' }) },
	{ key: 'ACTION /staff/moderation?/lift', target: 'a suspension that does not exist', path: () => '/staff/moderation?/lift', expect: { ...staffOnly, staff: 'hidden', olga: 'hidden' }, probe: null, valid: () => form({ suspensionId: none }) },
	// Proposals (a member's text and comment): anyone who reads the proposal reports, the tenants' association too; not Anna (hers), not staff.
	...(['proposal_text', 'proposal_comment'] as const).flatMap((kind): Row[] => {
		const at = (i: Ids) => `/moderation/report?kind=${kind}&buurt=${i.L}&id=${kind === 'proposal_text' ? i.P2 : i.comment}`;
		const target = kind === 'proposal_text' ? 'Anna’s proposal text (Lindebuurt)' : 'Anna’s comment on her proposal';
		const needs = ['L', kind === 'proposal_text' ? 'P2' : 'comment'];
		const readers: Spec = { all: 'hidden', anon: 'login', bram: 'ok', fatima: 'ok', hanna: 'ok' };
		return [
			{ key: 'PAGE /moderation/report', target, needs, path: at, expect: readers },
			{ key: 'ACTION /moderation/report?/report', target, needs, path: (i) => `${at(i)}&/report`, expect: { ...readers, anna: 'refused', staff: 'refused' }, probe: emptyForm, valid: () => form({ reason: 'spam' }) }
		];
	}),
	// A help-thread message only the other side of its thread reports: an unknown one is 404 for everyone.
	{ key: 'PAGE /moderation/report', target: 'an unknown help-thread message', needs: ['L'], path: (i) => `/moderation/report?kind=help_message&buurt=${i.L}&id=999999999`, expect: { all: 'hidden', anon: 'login' } },
	{ key: 'PAGE /settings/moderation', target: 'own history', path: () => '/settings/moderation', expect: anyone },
	{ key: 'PAGE /house-rules', target: 'own corporation’s rules', path: () => '/house-rules', expect: anyone }
];

/** The demo's item waiting for review in the Lindebuurt, read as Wim from the queue. */
export async function moderationIds(asJson: (who: ActorName, method: string, path: string) => Promise<Record<string, unknown>>, ids: Ids): Promise<void> {
	const queue = (await asJson('wim', 'GET', `/api/v1/buurten/${ids.L}/moderation`)) as { items: { id: string; excerpt: string }[] };
	ids.modItem = queue.items.find((i) => i.excerpt.startsWith('Wie zet steeds'))?.id ?? '';
}
