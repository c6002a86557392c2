import type { Queryable } from '../db/client';

export type StaffRole = 'wijkconsulent' | 'huismeester' | 'admin';
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

/** Loads an actor with all roles in one round trip per role kind (no N+1). */
export async function loadActor(db: Queryable, accountId: string, today: Date): Promise<Actor | null> {
	const [account] = await db.query<{ id: string; name: string; email: string; locale: string }>(
		'SELECT id, name, email, locale FROM accounts WHERE id = $1 AND disabled_at IS NULL',
		[accountId]
	);
	if (!account) return null;
	const day = today.toISOString().slice(0, 10);
	const [memberships, terms, ambassadors, staff, partners] = await Promise.all([
		db.query<{ unit_id: string; buurt_id: string; corporation_id: string; kind: 'tenant' | 'owner' }>(
			`SELECT m.unit_id, c.buurt_id, c.corporation_id, m.kind FROM memberships m
			 JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id
			 WHERE m.account_id = $1 AND m.starts_on <= $2::date AND (m.ends_on IS NULL OR m.ends_on > $2::date)`,
			[accountId, day]
		),
		db.query<{ buurt_id: string }>(
			`SELECT buurt_id FROM supervisor_terms WHERE account_id = $1 AND approved_at IS NOT NULL AND starts_on <= $2::date
			 AND ends_on > $2::date AND (ended_early_on IS NULL OR ended_early_on > $2::date)`,
			[accountId, day]
		),
		db.query<{ buurt_id: string }>('SELECT buurt_id FROM ambassadors WHERE account_id = $1', [accountId]),
		db.query<{ corporation_id: string; role: StaffRole }>(
			'SELECT corporation_id, role FROM staff_roles WHERE account_id = $1 ORDER BY role',
			[accountId]
		),
		db.query<{ organisation_id: string; corporation_id: string; kind: PartnerKind; name: string; buurt_ids: string[] }>(
			`SELECT o.id AS organisation_id, o.corporation_id, o.kind, o.name,
			   ARRAY(SELECT ob.buurt_id FROM organisation_buurten ob WHERE ob.organisation_id = o.id ORDER BY ob.buurt_id) AS buurt_ids
			 FROM partner_staff p JOIN organisations o ON o.id = p.organisation_id WHERE p.account_id = $1 ORDER BY o.name`,
			[accountId]
		)
	]);
	return {
		accountId: account.id,
		name: account.name,
		email: account.email,
		locale: account.locale,
		memberships: memberships.map((m) => ({ unitId: m.unit_id, buurtId: m.buurt_id, corporationId: m.corporation_id, kind: m.kind })),
		memberBuurtIds: [...new Set(memberships.map((m) => m.buurt_id))],
		supervisorBuurtIds: terms.map((t) => t.buurt_id),
		ambassadorBuurtIds: ambassadors.map((a) => a.buurt_id),
		staff: staff.map((s) => ({ corporationId: s.corporation_id, role: s.role })),
		partners: partners.map((p) => ({ organisationId: p.organisation_id, corporationId: p.corporation_id, kind: p.kind, name: p.name, buurtIds: p.buurt_ids }))
	};
}

/** Only the first name is ever shown to neighbours. */
export const firstName = (name: string | null | undefined) => (name ?? '').trim().split(/\s+/)[0] ?? '';

/** Remembers the language a person chose, for pages, e-mails and letters. */
export async function setPreferredLocale(q: Queryable, accountId: string, locale: string): Promise<void> {
	await q.query('UPDATE accounts SET locale = $2 WHERE id = $1', [accountId, locale]);
}
