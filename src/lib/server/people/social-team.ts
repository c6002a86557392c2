import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { parseInput } from '../shared/validate';
import { DomainError } from '../shared/errors';
import { recordAudit } from '../audit';
import { isAdminOf, type Actor } from './actor';

/**
 * The corporation's social team: a staff role ('social_team' in staff_roles, migration 0155)
 * with named members, the only people who read concerns about a household (module concerns).
 * Admins of the corporation choose its members among the corporation's staff; being an admin
 * does not make one a member. For everything outside concerns the role counts as staff.
 */

export interface SocialTeamMember {
	accountId: string;
	name: string;
	email: string;
}

/** The members of a corporation's social team, by name. */
export async function listSocialTeam(q: Queryable, corporationId: string): Promise<SocialTeamMember[]> {
	const rows = await q.query<{ id: string; name: string; email: string }>(
		`SELECT a.id, a.name, a.email FROM staff_roles r JOIN accounts a ON a.id = r.account_id
		 WHERE r.corporation_id = $1 AND r.role = 'social_team' AND a.disabled_at IS NULL ORDER BY a.name, a.id`,
		[corporationId]
	);
	return rows.map((r) => ({ accountId: r.id, name: r.name, email: r.email }));
}

/** Their ids, for notifications. */
export async function socialTeamAccountIds(q: Queryable, corporationId: string): Promise<string[]> {
	return (await listSocialTeam(q, corporationId)).map((m) => m.accountId);
}

/** Staff of the corporation who may be named to the team (any other staff role). */
export async function listStaffOfCorporation(q: Queryable, corporationId: string): Promise<SocialTeamMember[]> {
	const rows = await q.query<{ id: string; name: string; email: string }>(
		`SELECT DISTINCT a.id, a.name, a.email FROM staff_roles r JOIN accounts a ON a.id = r.account_id
		 WHERE r.corporation_id = $1 AND a.disabled_at IS NULL ORDER BY a.name, a.id`,
		[corporationId]
	);
	return rows.map((r) => ({ accountId: r.id, name: r.name, email: r.email }));
}

export const socialTeamChangeSchema = z.object({
	corporationId: z.uuid('people.forbidden'),
	accountId: z.uuid('validation.choice')
});

/**
 * An admin of the corporation adds a staff member of that corporation to the social team, or
 * takes them off it; audited. Errors: people.forbidden (403), validation.invalid (accountId →
 * validation.choice when the person is not staff of the corporation).
 */
export async function setSocialTeamMember(ctx: Ctx, actor: Actor, input: unknown, member: boolean): Promise<{ changed: boolean }> {
	const v = parseInput(socialTeamChangeSchema, input);
	if (!isAdminOf(actor, v.corporationId)) throw new DomainError('people.forbidden');
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [staff] = await tx.query(
			`SELECT 1 FROM staff_roles r JOIN accounts a ON a.id = r.account_id WHERE r.account_id = $1 AND r.corporation_id = $2 AND a.disabled_at IS NULL LIMIT 1`,
			[v.accountId, v.corporationId]
		);
		if (!staff) throw new DomainError('validation.invalid', {}, { accountId: 'validation.choice' });
		const rows = member
			? await tx.query(`INSERT INTO staff_roles (account_id, corporation_id, role) VALUES ($1, $2, 'social_team') ON CONFLICT DO NOTHING RETURNING account_id`, [v.accountId, v.corporationId])
			: await tx.query(
					`DELETE FROM staff_roles WHERE account_id = $1 AND corporation_id = $2 AND role = 'social_team'
					 AND EXISTS (SELECT 1 FROM staff_roles o WHERE o.account_id = $1 AND o.corporation_id = $2 AND o.role <> 'social_team') RETURNING account_id`,
					[v.accountId, v.corporationId]
				);
		if (rows.length) {
			await recordAudit(tx, {
				at,
				actorId: actor.accountId,
				action: member ? 'people.social_team_added' : 'people.social_team_removed',
				subject: `account:${v.accountId}`,
				corporationId: v.corporationId
			});
		}
		return { changed: rows.length > 0 };
	});
}
