import type { ActorName, Body, Ids, Row, Spec } from './matrix-table';

/**
 * Concern signals (docs/ARCHITECTURE.md, "Concern signals"): a concern reaches the
 * corporation's social team only — in the demo Henk (huismeester of De Linde, named to the team
 * by Ayla). Nobody else sees the list, a count, a search or a concern: not Wim (staff without the
 * role), not Ayla (admin), not Bram (the buurt's supervisor), not other members or partners, not
 * Olga (another corporation): 404, as for something that does not exist. The reporter (Anna,
 * the demo's one untriaged concern) sees only her own. Members, staff and the supplier raise
 * concerns; care, municipality and tenants' association partners have no home to name (404 on
 * the pages, refused on the form). Admins choose the team and the retention (403 for other staff).
 */
const form = (f: Record<string, string>): Body => ({ form: f });
const emptyForm = () => form({});

/** Who may raise one: members, staff of either corporation, the supplier. */
const raisers: Spec = { all: 'ok', anon: 'login', carla: 'hidden', gert: 'hidden', hanna: 'hidden' };
const raiseForm: Spec = { ...raisers, carla: 'refused', gert: 'refused', hanna: 'refused' };
const socialTeam: Spec = { all: 'hidden', anon: 'login', henk: 'ok' };
const reporter: Spec = { all: 'hidden', anon: 'login', anna: 'ok' };
const admins: Spec = { all: 'forbidden', anon: 'login', admin: 'ok', olga: 'ok' };
const concern = 'Anna’s untriaged concern (demo)';

export const concernRows: Row[] = [
	{ key: 'PAGE /concerns', target: 'own concerns', path: () => '/concerns', expect: raisers },
	{ key: 'PAGE /concerns/new', target: 'raise form', path: () => '/concerns/new', expect: raisers },
	{ key: 'ACTION /concerns/new?/raise', target: 'a Lindehof home', needs: ['concernUnit'], path: () => '/concerns/new?/raise', expect: raiseForm, probe: emptyForm, valid: (i) => form({ unitId: i.concernUnit, category: 'other', body: 'Matrix zorg' }) },
	{ key: 'PAGE /concerns/[id]', target: concern, needs: ['concernDemo'], path: (i) => `/concerns/${i.concernDemo}`, expect: reporter },
	{ key: 'PAGE /staff/concerns', target: 'De Linde’s concerns', path: () => '/staff/concerns', expect: socialTeam },
	{ key: 'PAGE /staff/concerns', target: 'search and all states', path: () => '/staff/concerns?state=all&q=Lindehof', expect: socialTeam },
	{ key: 'PAGE /staff/concerns/[id]', target: concern, needs: ['concernDemo'], path: (i) => `/staff/concerns/${i.concernDemo}`, expect: socialTeam },
	{ key: 'ACTION /staff/concerns/[id]?/triage', target: concern, needs: ['concernDemo'], path: (i) => `/staff/concerns/${i.concernDemo}?/triage`, expect: socialTeam, probe: emptyForm, valid: () => form({ outcome: 'no_action' }) },
	{ key: 'PAGE /staff/concerns/settings', target: 'own corporation', path: () => '/staff/concerns/settings', expect: admins },
	{ key: 'ACTION /staff/concerns/settings?/add', target: 'own corporation', needs: ['wimId'], path: () => '/staff/concerns/settings?/add', expect: admins, probe: emptyForm, valid: (i) => form({ accountId: i.wimId }) },
	{ key: 'ACTION /staff/concerns/settings?/remove', target: 'own corporation', needs: ['wimId'], path: () => '/staff/concerns/settings?/remove', expect: admins, probe: emptyForm, valid: (i) => form({ accountId: i.wimId }) },
	{ key: 'ACTION /staff/concerns/settings?/retention', target: 'own corporation', path: () => '/staff/concerns/settings?/retention', expect: admins, probe: emptyForm, valid: () => form({ retentionDays: '90', caseRetentionDays: '365' }) }
];

/** Whose answers must never carry the demo concern's id: everyone but its reporter and the social team. */
export const concernForeignTo = (actor: ActorName): string[] => (actor === 'anna' || actor === 'henk' ? [] : ['concernDemo']);

/** The demo concern (from Henk's list), a home Anna may name, and Wim's id. */
export async function concernIds(send: (who: ActorName, method: string, path: string) => Promise<{ status: number; text: string }>, asJson: (who: ActorName, method: string, path: string) => Promise<Record<string, unknown>>, ids: Ids): Promise<void> {
	ids.concernDemo = /data-concern="([0-9a-f-]{36})"/.exec((await send('henk', 'GET', '/staff/concerns')).text)?.[1] ?? '';
	ids.concernUnit = /<option value="([0-9a-f-]{36})"/.exec((await send('anna', 'GET', '/concerns/new')).text)?.[1] ?? '';
	ids.wimId = String((await asJson('wim', 'GET', '/api/v1/me')).id ?? '');
}
