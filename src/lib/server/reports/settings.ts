import { z } from 'zod';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { plainText } from '../shared/text';
import { recordAudit } from '../audit';
import { staffAccountIds, type Actor } from '../people';
import { canManageReports } from './policy';
import { DEFAULT_RETENTION_MONTHS } from './model';

/** Per corporation: the retention of reporters' personal data, and the teams reports go to. */

export async function retentionMonthsOf(q: Queryable, corporationId: string): Promise<number> {
	const [s] = await q.query<{ retention_months: number }>('SELECT retention_months FROM report_settings WHERE corporation_id = $1', [corporationId]);
	return s?.retention_months ?? DEFAULT_RETENTION_MONTHS;
}

export const saveReportSettingsSchema = z.object({
	corporationId: z.uuid('reports.forbidden'),
	retentionMonths: z.coerce.number('validation.type').int('validation.type').min(1, 'validation.too_small').max(120, 'validation.too_big')
});

/** Staff set how many months after closing a report its reporter's data is anonymised. Errors: reports.forbidden, validation.invalid. */
export async function saveReportSettings(ctx: Ctx, actor: Actor, input: unknown): Promise<{ retentionMonths: number }> {
	const v = parseInput(saveReportSettingsSchema, input);
	if (!canManageReports(actor, v.corporationId)) throw new DomainError('reports.forbidden');
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		await tx.query(
			`INSERT INTO report_settings (corporation_id, retention_months, updated_at, updated_by) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (corporation_id) DO UPDATE SET retention_months = EXCLUDED.retention_months, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
			[v.corporationId, v.retentionMonths, at, actor.accountId]
		);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'reports.settings_saved', subject: `corporation:${v.corporationId}`, details: { retentionMonths: v.retentionMonths } });
		return { retentionMonths: v.retentionMonths };
	});
}

export const saveTeamSchema = z.object({
	corporationId: z.uuid('reports.forbidden'),
	teamId: z.uuid('reports.team_not_found').optional(),
	name: plainText({ error: 'validation.required' }).trim().min(2, 'validation.too_short').max(80, 'validation.too_long'),
	memberIds: z.array(z.uuid('reports.party_invalid')).max(100, 'validation.too_big').default([])
});

/**
 * Staff create a team (no teamId) or rename it and set its members (staff of the corporation).
 * Errors: reports.forbidden, reports.team_not_found, validation.invalid (memberIds →
 * reports.party_invalid; name → reports.team_name_taken).
 */
export async function saveTeam(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const v = parseInput(saveTeamSchema, input);
	if (!canManageReports(actor, v.corporationId)) throw new DomainError('reports.forbidden');
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const staff = await staffAccountIds(tx, v.corporationId);
		if (v.memberIds.some((id) => !staff.includes(id))) throw new DomainError('validation.invalid', {}, { memberIds: 'reports.party_invalid' });
		const [clash] = await tx.query('SELECT 1 FROM report_teams WHERE corporation_id = $1 AND name = $2 AND id IS DISTINCT FROM $3', [v.corporationId, v.name, v.teamId ?? null]);
		if (clash) throw new DomainError('validation.invalid', {}, { name: 'reports.team_name_taken' });
		let id = v.teamId;
		if (id) {
			const [t] = await tx.query<{ id: string }>('UPDATE report_teams SET name = $3 WHERE id = $1 AND corporation_id = $2 RETURNING id', [id, v.corporationId, v.name]);
			if (!t) throw new DomainError('reports.team_not_found');
			await tx.query('DELETE FROM report_team_members WHERE team_id = $1', [id]);
		} else {
			id = (await tx.query<{ id: string }>('INSERT INTO report_teams (corporation_id, name) VALUES ($1, $2) RETURNING id', [v.corporationId, v.name]))[0].id;
		}
		if (v.memberIds.length) await tx.query('INSERT INTO report_team_members (team_id, account_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING', [id, [...new Set(v.memberIds)]]);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'reports.team_saved', subject: `corporation:${v.corporationId}`, details: { teamId: id, members: v.memberIds.length } });
		return { id };
	});
}
