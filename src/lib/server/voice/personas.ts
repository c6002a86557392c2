import { z } from 'zod';
import { translator } from '$lib/i18n';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput, parseTarget } from '../shared/validate';
import type { Actor } from '../people';
import { personaIdSchema, personaSeedKeys, text, type PersonaSeedKey } from './listen-model';
import { listeningCorporation } from './listen-policy';

/**
 * Personas: the four of the seed (the tenant, the care provider, the corporation's employee,
 * the involved citizen) are made for a corporation the first time its staff open the list, in
 * Dutch and English from the message catalogue (`listen.personas.seed.*`); staff edit them and
 * add their own. What backs each persona is its evidence (persona-evidence.ts).
 */

const nl = translator('nl');
const en = translator('en');

/** The seed's four, idempotently (a persona staff changed keeps their words). */
export async function ensureSeedPersonas(q: Queryable, corporationId: string, at: Date): Promise<void> {
	const [{ n }] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM voice_personas WHERE corporation_id = $1 AND seed_key IS NOT NULL', [corporationId]);
	if (n >= personaSeedKeys.length) return;
	for (const [i, key] of personaSeedKeys.entries()) {
		const m = (t: typeof nl, part: string) => t(`listen.personas.seed.${key}.${part}`);
		// Fixed creation times keep the seed's order on the list.
		await q.query(
			`INSERT INTO voice_personas (corporation_id, seed_key, name_nl, name_en, about_nl, about_en, needs_nl, needs_en, created_at, updated_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (corporation_id, seed_key) DO NOTHING`,
			[corporationId, key, m(nl, 'name'), m(en, 'name'), m(nl, 'about'), m(en, 'about'), m(nl, 'needs'), m(en, 'needs'), new Date(at.getTime() + i)]
		);
	}
}

export interface PersonaSummary {
	id: string;
	seedKey: PersonaSeedKey | null;
	name: { nl: string; en: string };
	about: { nl: string; en: string };
	needs: { nl: string; en: string };
	updatedAt: Date;
	/** When evidence was last linked; null when none backs it yet. */
	lastBackedAt: Date | null;
	evidenceCount: number;
}

interface PersonaRow {
	id: string;
	seed_key: PersonaSeedKey | null;
	name_nl: string;
	name_en: string;
	about_nl: string;
	about_en: string;
	needs_nl: string;
	needs_en: string;
	updated_at: Date;
	last_backed_at: Date | null;
	evidence_count: number;
}

const personaColumns = `p.id, p.seed_key, p.name_nl, p.name_en, p.about_nl, p.about_en, p.needs_nl, p.needs_en, p.updated_at,
	(SELECT max(e.added_at) FROM voice_persona_evidence e WHERE e.persona_id = p.id) AS last_backed_at,
	(SELECT count(*)::int FROM voice_persona_evidence e WHERE e.persona_id = p.id) AS evidence_count`;

const personaOf = (r: PersonaRow): PersonaSummary => ({
	id: r.id,
	seedKey: r.seed_key,
	name: { nl: r.name_nl, en: r.name_en },
	about: { nl: r.about_nl, en: r.about_en },
	needs: { nl: r.needs_nl, en: r.needs_en },
	updatedAt: r.updated_at,
	lastBackedAt: r.last_backed_at,
	evidenceCount: r.evidence_count
});

/** The corporation's personas, the seed's four first (made on first use). */
export async function listPersonas(ctx: Pick<Ctx, 'db' | 'clock'>, actor: Actor): Promise<PersonaSummary[]> {
	const corporationId = listeningCorporation(actor);
	await ensureSeedPersonas(ctx.db, corporationId, ctx.clock());
	const rows = await ctx.db.query<PersonaRow>(`SELECT ${personaColumns} FROM voice_personas p WHERE p.corporation_id = $1 ORDER BY p.created_at, p.id`, [corporationId]);
	return rows.map(personaOf);
}

/** One persona of the actor's corporation (404 otherwise). */
export async function personaRow(q: Queryable, corporationId: string, personaId: string): Promise<PersonaSummary> {
	const id = parseInput(z.object({ id: personaIdSchema }), { id: personaId }).id;
	const [r] = await q.query<PersonaRow>(`SELECT ${personaColumns} FROM voice_personas p WHERE p.id = $1 AND p.corporation_id = $2`, [id, corporationId]);
	if (!r) throw new DomainError('listen.not_found');
	return personaOf(r);
}

export const savePersonaSchema = z.object({
	/** Absent: a new persona. */
	personaId: personaIdSchema.optional(),
	nameNl: text(80, 'listen.persona_name_required'),
	nameEn: text(80, 'listen.persona_name_required'),
	aboutNl: text(2000, 'listen.persona_about_required'),
	aboutEn: text(2000, 'listen.persona_about_required'),
	needsNl: text(2000, 'listen.persona_needs_required'),
	needsEn: text(2000, 'listen.persona_needs_required')
});

/**
 * Staff add a persona or change one (both languages; the seed's key stays). Errors:
 * listen.forbidden, listen.not_found, validation.invalid (every field is required).
 */
export async function savePersona(ctx: Ctx, actor: Actor, input: unknown): Promise<{ id: string }> {
	const corporationId = listeningCorporation(actor);
	const personaId = parseTarget(savePersonaSchema, 'personaId', input);
	if (personaId) await personaRow(ctx.db, corporationId, personaId);
	const v = parseInput(savePersonaSchema, input);
	const at = ctx.clock();
	const values = [v.nameNl, v.nameEn, v.aboutNl, v.aboutEn, v.needsNl, v.needsEn, at, actor.accountId];
	if (personaId) {
		await ctx.db.query(
			'UPDATE voice_personas SET name_nl = $1, name_en = $2, about_nl = $3, about_en = $4, needs_nl = $5, needs_en = $6, updated_at = $7, updated_by = $8 WHERE id = $9',
			[...values, personaId]
		);
		return { id: personaId };
	}
	const [row] = await ctx.db.query<{ id: string }>(
		`INSERT INTO voice_personas (name_nl, name_en, about_nl, about_en, needs_nl, needs_en, created_at, updated_at, updated_by, corporation_id)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9) RETURNING id`,
		[...values, corporationId]
	);
	return { id: row.id };
}
