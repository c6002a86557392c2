import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import { endConsent, recordConsent } from '../privacy';
import { firstName, type Actor } from './actor';

/**
 * How neighbours see a person: the first name, and — only when the person chose "show my street
 * next to my first name" (`accounts.show_street`, default off) — the street they live on in that
 * buurt: "Anna (Lindehof)". Staff see full names elsewhere; this is the neighbours' view.
 */
export const neighbourName = (name: string | null | undefined, street?: string | null) => (street ? `${firstName(name)} (${street})` : firstName(name));

/**
 * The streets shown next to the first names of these people (in one buurt, or wherever they
 * live when `buurtId` is null): only for those who chose it and live there now. One query for
 * the whole list (index memberships(account_id)).
 */
export async function shownStreets(q: Queryable, accountIds: readonly (string | null)[], today: Date, buurtId: string | null = null): Promise<Map<string, string>> {
	const ids = [...new Set(accountIds.filter((id): id is string => !!id))];
	if (!ids.length) return new Map();
	const rows = await q.query<{ account_id: string; street: string }>(
		`SELECT DISTINCT ON (a.id) a.id AS account_id, u.street FROM accounts a
		 JOIN memberships m ON m.account_id = a.id JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id
		 WHERE a.id = ANY($1::uuid[]) AND a.show_street AND ($2::uuid IS NULL OR c.buurt_id = $2)
		   AND m.starts_on <= $3::date AND (m.ends_on IS NULL OR m.ends_on > $3::date)
		 ORDER BY a.id, u.street`,
		[ids, buurtId, today.toISOString().slice(0, 10)]
	);
	return new Map(rows.map((r) => [r.account_id, r.street]));
}

/**
 * `shownStreets` for one person, as a scalar subquery a statement can carry per row (no second
 * round trip): the street shown next to the first name of the account `account` (an SQL
 * expression), in buurt `buurt` (an SQL expression; NULL: wherever they live), on day `day`.
 * The same rule as shownStreets: they chose it, they live there now, the first street by name.
 */
export const shownStreetSql = (account: string, day: string, buurt = 'NULL') => `(SELECT ss_u.street FROM accounts ss_a
	JOIN memberships ss_m ON ss_m.account_id = ss_a.id JOIN units ss_u ON ss_u.id = ss_m.unit_id JOIN complexes ss_c ON ss_c.id = ss_u.complex_id
	WHERE ss_a.id = ${account} AND ss_a.show_street AND (${buurt}::uuid IS NULL OR ss_c.buurt_id = ${buurt}::uuid)
	  AND ss_m.starts_on <= ${day}::date AND (ss_m.ends_on IS NULL OR ss_m.ends_on > ${day}::date)
	ORDER BY ss_u.street LIMIT 1)`;

/** The streets a statement carried per row (shownStreetSql), as shownStreets gives them. */
export function streetsOf(pairs: readonly (readonly [string | null, string | null | undefined])[]): Map<string, string> {
	const out = new Map<string, string>();
	for (const [id, street] of pairs) if (id && street) out.set(id, street);
	return out;
}

export const setShowStreetSchema = z.object({ showStreet: z.boolean({ error: 'validation.choice' }) });

/** Whether the person chose to show their street next to their first name. */
export async function getShowStreet(q: Queryable, actor: Actor): Promise<boolean> {
	const [row] = await q.query<{ show_street: boolean }>('SELECT show_street FROM accounts WHERE id = $1', [actor.accountId]);
	return row?.show_street ?? false;
}

/** The person turns "show my street next to my first name" on or off (audited). Errors: validation.invalid. */
export async function setShowStreet(ctx: Ctx, actor: Actor, input: unknown): Promise<{ showStreet: boolean }> {
	const v = parseInput(setShowStreetSchema, input);
	return ctx.db.transaction(async (tx) => {
		await tx.query('UPDATE accounts SET show_street = $2 WHERE id = $1', [actor.accountId, v.showStreet]);
		// Showing the street with the name is a consent (privacy's records; withdrawn there too).
		const at = ctx.clock();
		if (v.showStreet) await recordConsent(tx, { accountId: actor.accountId, kind: 'name_shown', scope: 'street', how: 'web', byAccountId: actor.accountId, at });
		else await endConsent(tx, { accountId: actor.accountId, kind: 'name_shown', scope: 'street', how: 'web', at });
		await recordAudit(tx, { at: ctx.clock(), actorId: actor.accountId, action: 'people.show_street_set', subject: `account:${actor.accountId}`, details: { showStreet: v.showStreet } });
		return { showStreet: v.showStreet };
	});
}
