import type { Queryable } from '../db/client';

/** 'social_team' (migration 0155): the corporation's social team, the only readers of concerns (people/social-team.ts). */
export type StaffRole = 'wijkconsulent' | 'huismeester' | 'admin' | 'social_team';
export type PartnerKind = 'care' | 'municipality' | 'supplier' | 'tenants_association';

/** Who is acting, with every role they hold; loaded once per request from the session. */
export interface Actor {
	accountId: string;
	name: string;
	email: string;
	locale: string;
	memberships: { unitId: string; buurtId: string; corporationId: string; kind: 'tenant' | 'owner' }[];
	memberBuurtIds: string[];
	/** Buurten where the actor's supervisor term is active today. */
	supervisorBuurtIds: string[];
	ambassadorBuurtIds: string[];
	staff: { corporationId: string; role: StaffRole }[];
	/** Partner organisations the actor works for, each with the buurten it serves (staff link them). */
	partners: { organisationId: string; corporationId: string; kind: PartnerKind; name: string; buurtIds: string[] }[];
}

export type Persona =
	| 'admin'
	| 'employee'
	| 'care'
	| 'tenants_association'
	| 'municipality'
	| 'supplier'
	| 'supervisor'
	| 'tenant';

/**
 * The home an actor lands on. A person may hold several roles; the home shows the one with
 * the most to do and links to the others.
 */
export function personaOf(actor: Actor): Persona {
	if (actor.staff.some((s) => s.role === 'admin')) return 'admin';
	if (actor.staff.length) return 'employee';
	const partner = actor.partners[0];
	if (partner) return partner.kind;
	if (actor.supervisorBuurtIds.length || actor.ambassadorBuurtIds.length) return 'supervisor';
	return 'tenant';
}

export const isStaffOf = (actor: Actor, corporationId: string, roles?: StaffRole[]) =>
	actor.staff.some((s) => s.corporationId === corporationId && (!roles || roles.includes(s.role)));

export const isAdminOf = (actor: Actor, corporationId: string) => isStaffOf(actor, corporationId, ['admin']);

export const isMemberOf = (actor: Actor, buurtId: string) => actor.memberBuurtIds.includes(buurtId);

/** Buurten the actor's partner organisations serve (staff link an organisation to buurten). */
export const partnerBuurtIds = (actor: Actor) => [...new Set(actor.partners.flatMap((p) => p.buurtIds))];
export const isPartnerIn = (actor: Actor, buurtId: string) => actor.partners.some((p) => p.buurtIds.includes(buurtId));
export const staffCorporationIds = (actor: Actor) => [...new Set(actor.staff.map((s) => s.corporationId))];

/**
 * Everything an Actor holds, for the account `a` of the FROM clause, as columns of one row: the
 * roles come as JSON or arrays from correlated subqueries on their own indexes, so who is acting
 * costs one round trip per request.
 */
const actorColumns = (day: string) => `a.id, a.name, a.email, a.locale,
	COALESCE((SELECT json_agg(json_build_object('unit_id', m.unit_id, 'buurt_id', c.buurt_id, 'corporation_id', c.corporation_id, 'kind', m.kind) ORDER BY m.starts_on, m.unit_id)
		FROM memberships m JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id
		WHERE m.account_id = a.id AND m.starts_on <= ${day}::date AND (m.ends_on IS NULL OR m.ends_on > ${day}::date)), '[]'::json) AS memberships,
	ARRAY(SELECT t.buurt_id FROM supervisor_terms t WHERE t.account_id = a.id AND t.approved_at IS NOT NULL AND t.starts_on <= ${day}::date
		AND t.ends_on > ${day}::date AND (t.ended_early_on IS NULL OR t.ended_early_on > ${day}::date) ORDER BY t.buurt_id) AS supervisor_buurt_ids,
	ARRAY(SELECT x.buurt_id FROM ambassadors x WHERE x.account_id = a.id ORDER BY x.buurt_id) AS ambassador_buurt_ids,
	COALESCE((SELECT json_agg(json_build_object('corporation_id', r.corporation_id, 'role', r.role) ORDER BY r.role, r.corporation_id)
		FROM staff_roles r WHERE r.account_id = a.id), '[]'::json) AS staff,
	COALESCE((SELECT json_agg(json_build_object('organisation_id', o.id, 'corporation_id', o.corporation_id, 'kind', o.kind, 'name', o.name,
			'buurt_ids', ARRAY(SELECT ob.buurt_id FROM organisation_buurten ob WHERE ob.organisation_id = o.id ORDER BY ob.buurt_id)) ORDER BY o.name, o.id)
		FROM partner_staff p JOIN organisations o ON o.id = p.organisation_id WHERE p.account_id = a.id), '[]'::json) AS partners`;

interface ActorRow {
	id: string;
	name: string;
	email: string;
	locale: string;
	memberships: { unit_id: string; buurt_id: string; corporation_id: string; kind: 'tenant' | 'owner' }[];
	supervisor_buurt_ids: string[];
	ambassador_buurt_ids: string[];
	staff: { corporation_id: string; role: StaffRole }[];
	partners: { organisation_id: string; corporation_id: string; kind: PartnerKind; name: string; buurt_ids: string[] }[];
}

const actorOf = (r: ActorRow): Actor => ({
	accountId: r.id,
	name: r.name,
	email: r.email,
	locale: r.locale,
	memberships: r.memberships.map((m) => ({ unitId: m.unit_id, buurtId: m.buurt_id, corporationId: m.corporation_id, kind: m.kind })),
	memberBuurtIds: [...new Set(r.memberships.map((m) => m.buurt_id))],
	supervisorBuurtIds: r.supervisor_buurt_ids,
	ambassadorBuurtIds: r.ambassador_buurt_ids,
	staff: r.staff.map((s) => ({ corporationId: s.corporation_id, role: s.role })),
	partners: r.partners.map((p) => ({ organisationId: p.organisation_id, corporationId: p.corporation_id, kind: p.kind, name: p.name, buurtIds: p.buurt_ids }))
});

/** Loads an actor with all their roles today, in one query; null for an unknown or disabled account. */
export async function loadActor(db: Queryable, accountId: string, today: Date): Promise<Actor | null> {
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(accountId)) return null;
	const [row] = await db.query<ActorRow>(`SELECT ${actorColumns('$2')} FROM accounts a WHERE a.id = $1 AND a.disabled_at IS NULL`, [accountId, today.toISOString().slice(0, 10)]);
	return row ? actorOf(row) : null;
}

/**
 * The actor of a live session (by the token's hash, auth/sessions.ts), in the same one query: a
 * request learns who is acting in a single round trip. Null for an expired or unknown session
 * or a disabled account.
 */
export async function loadSessionActor(db: Queryable, tokenHash: string, now: Date): Promise<Actor | null> {
	const [row] = await db.query<ActorRow>(
		`SELECT ${actorColumns('$3')} FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled_at IS NULL`,
		[tokenHash, now, now.toISOString().slice(0, 10)],
		// Sent on every request: prepared once per connection, planned once (db/client.ts).
		{ name: 'session_actor' }
	);
	return row ? actorOf(row) : null;
}

/** Only the first name is ever shown to neighbours. */
export const firstName = (name: string | null | undefined) => (name ?? '').trim().split(/\s+/)[0] ?? '';

/** Remembers the language a person chose, for pages, e-mails and letters. */
export async function setPreferredLocale(q: Queryable, accountId: string, locale: string): Promise<void> {
	await q.query('UPDATE accounts SET locale = $2 WHERE id = $1', [accountId, locale]);
}
