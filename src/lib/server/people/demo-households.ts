import type { Ctx } from '../shared/context';
import { recordAudit } from '../audit';

/**
 * More demo neighbours in the Lindebuurt, so every buurtpot step can be tried on demo data
 * (five households to support a proposal, a vote with turnout). Real accounts and memberships,
 * but without a password: nobody logs in as them and nobody needs to know them. Each lives in
 * its own home on the Eikenlaan (9999 AB). Idempotent: a second run adds nothing.
 */
export const demoHouseholds = [
	{ email: 'ingrid.kok@demo.noaber.test', name: 'Ingrid Kok', house: 1 },
	{ email: 'mehmet.yilmaz@demo.noaber.test', name: 'Mehmet Yilmaz', house: 2 },
	{ email: 'lotte.willems@demo.noaber.test', name: 'Lotte Willems', house: 3 },
	{ email: 'theo.brouwer@demo.noaber.test', name: 'Theo Brouwer', house: 4 },
	{ email: 'sevda.aydin@demo.noaber.test', name: 'Sevda Aydın', house: 5 },
	{ email: 'gerda.hoekstra@demo.noaber.test', name: 'Gerda Hoekstra', house: 6 },
	{ email: 'rachid.bakkali@demo.noaber.test', name: 'Rachid Bakkali', house: 7 },
	{ email: 'joost.vermeer@demo.noaber.test', name: 'Joost Vermeer', house: 8 }
] as const;

/** Creates the demo households (after seedDemo); returns their account ids in the order above. */
export async function seedDemoHouseholds(ctx: Pick<Ctx, 'db' | 'clock'>): Promise<string[]> {
	const now = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const ids: string[] = [];
		for (const h of demoHouseholds) {
			await tx.query(`INSERT INTO accounts (email, name, locale, created_at) VALUES ($1, $2, 'nl', $3) ON CONFLICT DO NOTHING`, [h.email, h.name, now]);
			const [a] = await tx.query<{ id: string }>('SELECT id FROM accounts WHERE lower(email) = lower($1)', [h.email]);
			const [unit] = await tx.query<{ id: string }>(
				`SELECT u.id FROM units u JOIN complexes c ON c.id = u.complex_id WHERE c.code = 'C-200' AND u.street = 'Eikenlaan' AND u.house_number = $1`,
				[h.house]
			);
			if (!unit) throw new Error('seedDemoHouseholds: run seedDemo first (no Eikenlaan in the demo)');
			await tx.query(
				`INSERT INTO memberships (account_id, unit_id, kind, starts_on) SELECT $1, $2, 'tenant', '2024-01-01'
				 WHERE NOT EXISTS (SELECT 1 FROM memberships WHERE account_id = $1 AND unit_id = $2)`,
				[a.id, unit.id]
			);
			ids.push(a.id);
		}
		await recordAudit(tx, { at: now, actorId: null, action: 'demo.households_seeded', subject: null, details: { households: ids.length } });
		return ids;
	});
}
