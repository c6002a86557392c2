import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { parseInput, parseTarget } from '../shared/validate';
import { DomainError } from '../shared/errors';
import { recordAudit } from '../audit';
import { email } from '../auth';
import { isStaffOf, type Actor } from './actor';
import { buurtInScope } from './scope';

/**
 * Scope, then role, then the body (scope.ts): a buurt the actor does not see is
 * places.buurt_not_found (404) whatever else the form says; inside it only staff of its
 * corporation (people.forbidden, 403).
 */
async function buurtToManage(tx: Queryable, actor: Actor, input: unknown): Promise<void> {
	const buurtId = parseTarget(endAmbassadorSchema, 'buurtId', input);
	const buurt = await buurtInScope(tx, actor, buurtId, 'buurt', 'places.buurt_not_found');
	if (!isStaffOf(actor, buurt.corporation_id)) throw new DomainError('people.forbidden');
}

export const appointAmbassadorSchema = z.object({ buurtId: plainText().uuid('validation.choice'), email });

/**
 * Makes a member of a buurt its buurtambassadeur (host and moderator). Staff of the buurt's
 * corporation only; the person must live in the buurt.
 * Errors: validation.invalid, places.buurt_not_found, people.forbidden, people.not_a_member,
 * people.already_ambassador.
 */
export async function appointAmbassador(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
	const now = ctx.clock();
	await ctx.db.transaction(async (tx) => {
		await buurtToManage(tx, actor, input);
		const v = parseInput(appointAmbassadorSchema, input);
		const [member] = await tx.query<{ id: string }>(
			`SELECT a.id FROM accounts a JOIN memberships m ON m.account_id = a.id JOIN units u ON u.id = m.unit_id
			 JOIN complexes c ON c.id = u.complex_id
			 WHERE lower(a.email) = $1 AND c.buurt_id = $2 AND (m.ends_on IS NULL OR m.ends_on > $3::date) LIMIT 1`,
			[v.email, v.buurtId, now.toISOString().slice(0, 10)]
		);
		if (!member) throw new DomainError('people.not_a_member', {}, { email: 'people.not_a_member' });
		const inserted = await tx.query('INSERT INTO ambassadors (account_id, buurt_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1', [member.id, v.buurtId]);
		if (!inserted.length) throw new DomainError('people.already_ambassador', {}, { email: 'people.already_ambassador' });
		await recordAudit(tx, { at: now, actorId: actor.accountId, action: 'people.role_granted', subject: `account:${member.id}`, details: { ambassadorOf: v.buurtId } });
	});
}

export const endAmbassadorSchema = z.object({ buurtId: z.uuid('places.buurt_not_found'), accountId: plainText().uuid() });

/** Ends an ambassadorship. Errors: validation.invalid, places.buurt_not_found, people.forbidden, people.ambassador_not_found. */
export async function endAmbassador(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
	await ctx.db.transaction(async (tx) => {
		await buurtToManage(tx, actor, input);
		const v = parseInput(endAmbassadorSchema, input);
		const deleted = await tx.query('DELETE FROM ambassadors WHERE account_id = $1 AND buurt_id = $2 RETURNING 1', [v.accountId, v.buurtId]);
		if (!deleted.length) throw new DomainError('people.ambassador_not_found');
		await recordAudit(tx, { at: ctx.clock(), actorId: actor.accountId, action: 'people.role_ended', subject: `account:${v.accountId}`, details: { ambassadorOf: v.buurtId } });
	});
}

export interface AmbassadorRow {
	account_id: string;
	name: string;
	buurt_id: string;
	buurt: string;
}

export async function listAmbassadors(db: Queryable, corporationId: string): Promise<AmbassadorRow[]> {
	return db.query<AmbassadorRow>(
		`SELECT a.account_id, p.name, b.id AS buurt_id, b.name AS buurt FROM ambassadors a
		 JOIN accounts p ON p.id = a.account_id JOIN buurten b ON b.id = a.buurt_id
		 WHERE b.corporation_id = $1 ORDER BY b.name, p.name`,
		[corporationId]
	);
}
