import { iso, type PersonalDataKind } from '../privacy';

/** Sign-ups for shifts and activities (privacy's table). They stay counted (a shift stays full); the account names nobody after erasure. */
export const eventSignupData: PersonalDataKind = {
	kind: 'event_signups',
	module: 'activities',
	messageKey: 'privacy.kinds.event_signups',
	export: async (q, accountId) =>
		(
			await q.query<{ title: string; kind: string; starts_at: Date; at: Date }>(
				'SELECT e.title, e.kind, e.starts_at, s.at FROM buurtpot_event_signups s JOIN buurtpot_events e ON e.id = s.event_id WHERE s.account_id = $1 ORDER BY e.starts_at',
				[accountId]
			)
		).map((r) => ({ event: r.title, kind: r.kind, startsAt: iso(r.starts_at), signedUpAt: iso(r.at) })),
	erase: async () => 0
};
