import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import type { Actor } from '../people';
import { checkbox, text, themeIdSchema } from './listen-model';
import { listeningCorporation } from './listen-policy';

/** The corporation's theme list: quotes of conversations are tagged with these. */

export interface Theme {
	id: string;
	name: string;
	archived: boolean;
	quoteCount: number;
}

export async function listThemes(db: Queryable, actor: Actor, opts: { withArchived?: boolean } = {}): Promise<Theme[]> {
	const corporationId = listeningCorporation(actor);
	const rows = await db.query<{ id: string; name: string; archived_at: Date | null; quote_count: number }>(
		`SELECT t.id, t.name, t.archived_at, (SELECT count(*)::int FROM voice_quote_themes qt WHERE qt.theme_id = t.id) AS quote_count
		 FROM voice_themes t WHERE t.corporation_id = $1 AND ($2::boolean OR t.archived_at IS NULL) ORDER BY t.archived_at IS NOT NULL, lower(t.name)`,
		[corporationId, opts.withArchived ?? false]
	);
	return rows.map((r) => ({ id: r.id, name: r.name, archived: !!r.archived_at, quoteCount: r.quote_count }));
}

export const saveThemeSchema = z.object({
	/** Absent: a new theme. */
	themeId: themeIdSchema.optional(),
	name: text(60, 'listen.theme_name_required')
});

/**
 * Staff add a theme or rename one. Errors: listen.forbidden (not staff), listen.not_found (a
 * theme of another corporation), validation.invalid (name), listen.theme_exists (409).
 */
export async function saveTheme(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const corporationId = listeningCorporation(actor);
	const themeId = parseTarget(saveThemeSchema, 'themeId', input);
	if (themeId) await themeOf(ctx.db, corporationId, themeId);
	const v = parseInput(saveThemeSchema, input);
	return ctx.db.transaction(async (tx) => {
		const [clash] = await tx.query<{ id: string }>('SELECT id FROM voice_themes WHERE corporation_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3::uuid', [corporationId, v.name, themeId ?? null]);
		if (clash) throw new DomainError('listen.theme_exists', {}, { name: 'listen.theme_exists' });
		if (themeId) {
			await tx.query('UPDATE voice_themes SET name = $2 WHERE id = $1', [themeId, v.name]);
			return { id: themeId };
		}
		const [row] = await tx.query<{ id: string }>('INSERT INTO voice_themes (corporation_id, name, created_at) VALUES ($1, $2, $3) RETURNING id', [corporationId, v.name, ctx.clock()]);
		return { id: row.id };
	});
}

export const archiveThemeSchema = z.object({ themeId: themeIdSchema, archived: checkbox });

/** Staff archive a theme (it stays on the quotes that have it, but is no longer offered) or bring it back. */
export async function archiveTheme(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
	const corporationId = listeningCorporation(actor);
	const themeId = parseTarget(archiveThemeSchema, 'themeId', input);
	await themeOf(ctx.db, corporationId, themeId);
	const v = parseInput(archiveThemeSchema, input);
	await ctx.db.query('UPDATE voice_themes SET archived_at = CASE WHEN $2 THEN $3::timestamptz ELSE NULL END WHERE id = $1', [themeId, v.archived, ctx.clock()]);
}

async function themeOf(q: Queryable, corporationId: string, themeId: string) {
	const [t] = await q.query<{ id: string }>('SELECT id FROM voice_themes WHERE id = $1 AND corporation_id = $2', [themeId, corporationId]);
	if (!t) throw new DomainError('listen.not_found');
	return t;
}

/** The ids among `ids` that are active themes of the corporation; any other is the field's error. */
export async function checkThemes(q: Queryable, corporationId: string, ids: string[], field: string): Promise<string[]> {
	const unique = [...new Set(ids)];
	if (!unique.length) return [];
	const rows = await q.query<{ id: string }>('SELECT id FROM voice_themes WHERE corporation_id = $1 AND archived_at IS NULL AND id = ANY($2::uuid[])', [corporationId, unique]);
	if (rows.length !== unique.length) throw new DomainError('validation.invalid', {}, { [field]: 'listen.theme_unknown' });
	return unique;
}
