import type { Actor } from '../people';
import { personaOf } from '../people';
import type { Buurt } from '../places';

/** JSON shapes of /api/v1: stable, and never raw rows. */
export const presentMe = (a: Actor) => ({
	id: a.accountId,
	name: a.name,
	email: a.email,
	locale: a.locale,
	persona: personaOf(a),
	roles: {
		memberOf: a.memberBuurtIds,
		supervisorOf: a.supervisorBuurtIds,
		ambassadorOf: a.ambassadorBuurtIds,
		staff: a.staff.map((s) => ({ corporationId: s.corporationId, role: s.role })),
		partner: a.partners.map((p) => ({ organisationId: p.organisationId, kind: p.kind, name: p.name }))
	}
});

export const presentBuurt = (b: Buurt) => ({
	id: b.id,
	code: b.code,
	cbsYear: b.cbs_year,
	name: b.name,
	wijk: { code: b.wijk_code, name: b.wijk_name },
	gemeente: { code: b.gemeente_code, name: b.gemeente_name }
});
