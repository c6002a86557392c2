import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import { parseInput } from '../shared/validate';
import { DomainError } from '../shared/errors';
import { recordAudit } from '../audit';
import { hashToken, newLetterCode } from '../auth';
import { isStaffOf, type Actor } from './actor';
import { seesBuurt } from './scope';
import type { UnitAddress } from '../places';

export const generateSignupCodesSchema = z.object({ complexId: plainText().uuid('places.complex_not_found') });

export interface LetterCode {
	unit: UnitAddress;
	code: string;
	expiresAt: Date;
}

const validDays = 90;

/**
 * Makes a new sign-up code for every unit of a complex, for letters to print (one A4 per
 * address). Earlier unused codes of those units stop working. Only hashes are stored, so the
 * returned letters are the only copy of the codes.
 * Errors: validation.invalid, places.complex_not_found, people.forbidden.
 */
export async function generateSignupCodes(ctx: Ctx, actor: Actor, input: { complexId: unknown }): Promise<LetterCode[]> {
	const v = parseInput(generateSignupCodesSchema, input);
	const now = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [complex] = await tx.query<{ buurt_id: string; corporation_id: string }>('SELECT buurt_id, corporation_id FROM complexes WHERE id = $1', [v.complexId]);
		// Scope, then role (scope.ts): another corporation's complex is not found.
		if (!complex || !seesBuurt(actor, { id: complex.buurt_id, corporation_id: complex.corporation_id }, 'buurt')) throw new DomainError('places.complex_not_found');
		if (!isStaffOf(actor, complex.corporation_id)) throw new DomainError('people.forbidden');
		const units = await tx.query<UnitAddress>(
			`SELECT id, eenheid, street, house_number, addition, postcode, place FROM units WHERE complex_id = $1
			 ORDER BY street, house_number, addition`,
			[v.complexId]
		);
		await tx.query(
			`UPDATE signup_codes SET revoked_at = $2 WHERE used_at IS NULL AND revoked_at IS NULL
			 AND unit_id IN (SELECT id FROM units WHERE complex_id = $1)`,
			[v.complexId, now]
		);
		const expiresAt = new Date(now.getTime() + validDays * 24 * 3600 * 1000);
		const letters = units.map((unit) => ({ unit, code: newLetterCode(), expiresAt }));
		if (letters.length) {
			await tx.query(
				`INSERT INTO signup_codes (code_hash, unit_id, created_at, expires_at)
				 SELECT h, u, $3, $4 FROM unnest($1::text[], $2::uuid[]) AS t(h, u)`,
				[letters.map((l) => hashToken(l.code)), letters.map((l) => l.unit.id), now, expiresAt]
			);
		}
		await recordAudit(tx, { at: now, actorId: actor.accountId, action: 'people.signup_codes_generated', subject: `complex:${v.complexId}`, details: { units: letters.length } });
		return letters;
	});
}
