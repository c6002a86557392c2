import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { findBuurtRef } from '../places';
import { firstName, getBuurtConsultantCard, isMemberOf, type Actor } from '../people';
import { listBuurtActivities } from '../activities';
import { posterSchema, type Poster } from './model';
import { mayPrintPoster } from './policy';
import { qrMatrix } from './qr';

/**
 * What goes on the poster, read now (the term's supervisors, the linked consultant, the next
 * activity). Errors: posters.not_found (unknown buurt, or one the actor may not see: 404),
 * posters.forbidden (a member who is not a supervisor: 403), posters.complex_not_found (404),
 * validation.invalid (second → validation.choice).
 */
export async function composePoster(db: Queryable, actor: Actor, input: unknown, now: Date, publicUrl: string): Promise<Poster> {
	const v = parseInput(posterSchema, input);
	const buurt = await findBuurtRef(db, v.buurtId);
	if (!buurt || !(isMemberOf(actor, buurt.id) || mayPrintPoster(actor, buurt))) throw new DomainError('posters.not_found');
	if (!mayPrintPoster(actor, buurt)) throw new DomainError('posters.forbidden');
	const day = now.toISOString().slice(0, 10);
	const [facts] = await db.query<{ code: string; corporation: string; complexes: { id: string; name: string }[]; supervisors: string[] }>(
		`SELECT b.code, c.name AS corporation,
		   COALESCE((SELECT json_agg(json_build_object('id', x.id, 'name', x.name) ORDER BY x.name) FROM complexes x WHERE x.buurt_id = b.id), '[]') AS complexes,
		   ARRAY(SELECT a.name FROM supervisor_terms t JOIN accounts a ON a.id = t.account_id
		         WHERE t.buurt_id = b.id AND t.approved_at IS NOT NULL AND t.starts_on <= $2::date AND t.ends_on > $2::date
		           AND (t.ended_early_on IS NULL OR t.ended_early_on > $2::date) AND a.disabled_at IS NULL ORDER BY a.name) AS supervisors
		 FROM buurten b JOIN corporations c ON c.id = b.corporation_id WHERE b.id = $1`,
		[buurt.id, day]
	);
	const complex = v.complexId ? (facts.complexes.find((c) => c.id === v.complexId) ?? null) : null;
	if (v.complexId && !complex) throw new DomainError('posters.complex_not_found');
	const card = await getBuurtConsultantCard(db, actor, buurt.id);
	const { events } = await listBuurtActivities(db, actor, buurt.id, now);
	const next = events.find((e) => !e.cancelled && e.startsAt.getTime() >= now.getTime()) ?? null;
	const signupUrl = `${publicUrl.replace(/\/$/, '')}/signup?buurt=${encodeURIComponent(facts.code)}`;
	return {
		buurt: { id: buurt.id, name: buurt.name, code: facts.code },
		complex,
		corporation: facts.corporation,
		supervisors: facts.supervisors.map((n) => firstName(n)),
		consultant: card && { displayName: card.displayName, officeHours: card.officeHours, officePlace: card.officePlace, phone: card.phone, email: card.email },
		nextActivity: next && { title: next.title, place: next.place, startsAt: next.startsAt },
		signupUrl,
		qr: qrMatrix(signupUrl),
		languages: v.second ? ['nl', v.second] : ['nl'],
		complexes: facts.complexes
	};
}
