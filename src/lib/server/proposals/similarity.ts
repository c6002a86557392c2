import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import type { Actor } from '../people';
import { liveStatuses, type ProposalStatus } from './model';
import { canViewBuurtProposals, effectiveStatus } from './policy';
import { buurtFacts } from './store';

/**
 * "Support that one instead?": before someone proposes, the live proposals of the buurt that
 * are about the same thing. PostgreSQL's full-text search with the Dutch configuration
 * (`to_tsvector('dutch', …)`: Snowball stemming and Dutch stop words; PGlite ships the same
 * dictionaries) turns each title into its lexemes; a proposal is similar when enough of the
 * new title's lexemes are in its title (its description counts half). Two lexemes match when
 * they are equal, or weaker (0.75) when one begins with the other (at least 4 letters), which
 * catches what the stemmer leaves apart in Dutch compounds and diminutives: "bankj" ~
 * "bankjes", "speeltuin" ~ "speeltuintj", "zomer" ~ "zomerfeest". Words that every neighbourhood proposal uses ("buurt",
 * "straat", "park", "nieuw") do not count. The threshold is tested on real-looking Dutch titles
 * (similarity.test.ts).
 */

/** Words that say nothing about what a proposal is (the place every proposal is in); stemmed by PostgreSQL too. */
const genericWords = 'buurt buurten wijk straat plein park nieuw nieuwe hele mooi mooie meer andere bewoners buren buur voorstel';

/** At least this share of the shorter title's lexemes must match. */
export const SIMILARITY_THRESHOLD = 0.5;

const accents = ['áàäâãéèëêíìïîóòöôõúùüûçñ', 'aaaaaeeeeiiiiooooouuuucn'] as const;

/** The Dutch lexemes of each text, by PostgreSQL (lower case, accents dropped, generic words out). */
export async function dutchLexemes(db: Queryable, texts: readonly string[]): Promise<string[][]> {
	if (texts.length === 0) return [];
	const rows = await db.query<{ i: number; lexemes: string[] }>(
		`SELECT t.i::int AS i, ${lexemesOf('t.text')} AS lexemes FROM unnest($1::text[]) WITH ORDINALITY AS t(text, i) ORDER BY t.i`,
		[texts, accents[0], accents[1], genericWords]
	);
	return rows.map((r) => r.lexemes);
}

/**
 * SQL for the lexemes of a text column, in order of appearance, without the generic words.
 * Parameters $2, $3: the accent translation; $4: the generic words.
 */
const lexemesOf = (column: string) =>
	`ARRAY(SELECT l.lexeme FROM unnest(to_tsvector('dutch', translate(lower(${column}), $2, $3))) AS l
		WHERE l.lexeme <> ALL (tsvector_to_array(to_tsvector('dutch', $4::text))) ORDER BY l.positions[1])`;

/** 1 for the same lexeme, 0.75 when one begins the other (a compound: "zomer" in "zomerfeest"), else 0. */
function match(a: string, b: string): number {
	if (a === b) return 1;
	return a.length >= 4 && b.length >= 4 && (a.startsWith(b) || b.startsWith(a)) ? 0.75 : 0;
}
const best = (q: string, ls: readonly string[]) => ls.reduce((m, l) => Math.max(m, match(q, l)), 0);

/**
 * How alike two proposals are, from their lexemes: the matches of the new title's lexemes in
 * the other title (a match only in its description counts half), over the number of lexemes of
 * the shorter title. 0 … 1.
 */
export function similarity(query: readonly string[], title: readonly string[], description: readonly string[] = []): number {
	if (query.length === 0 || title.length === 0) return 0;
	let hits = 0;
	for (const q of query) hits += best(q, title) || best(q, description) / 2;
	return Math.min(1, hits / Math.min(query.length, title.length));
}

export const isSimilar = (score: number) => score >= SIMILARITY_THRESHOLD;

export const findSimilarSchema = z.object({
	buurtId: z.uuid('proposals.not_found'),
	title: plainText().trim().max(120).default(''),
	description: plainText().trim().max(4000).default(''),
	/** Leave this one out (when editing). */
	excludeId: z.uuid().optional()
});

export interface SimilarProposal {
	id: string;
	title: string;
	status: ProposalStatus;
	costCents: number;
	supportCount: number;
	supportNeeded: number;
	/** How many of the title's lexemes it shares. */
	overlap: number;
}

/**
 * Live proposals in the buurt like the given title, at most 5, most alike first. Same
 * visibility as listProposals. (The new proposal's description is accepted but not used: a
 * title says what a proposal is; long descriptions share words by accident.)
 */
export async function findSimilarProposals(db: Queryable, actor: Actor, input: unknown, now: Date): Promise<SimilarProposal[]> {
	const v = parseInput(findSimilarSchema, input);
	const buurt = await buurtFacts(db, v.buurtId);
	if (!buurt || !canViewBuurtProposals(actor, { buurt_id: buurt.id, corporation_id: buurt.corporation_id })) throw new DomainError('proposals.not_found');
	const [query] = await dutchLexemes(db, [v.title]);
	if (!query || query.length === 0) return [];
	const rows = await db.query<{ id: string; title: string; status: ProposalStatus; cost_cents: number; support_count: number; support_needed: number; support_deadline: Date; created_at: Date; title_lexemes: string[]; description_lexemes: string[] }>(
		`SELECT p.id, p.title, p.status, p.cost_cents, p.support_count, p.support_needed, p.support_deadline, p.created_at,
			${lexemesOf('p.title')} AS title_lexemes, ${lexemesOf('left(p.description, 4000)')} AS description_lexemes
		 FROM buurtpot_proposals p
		 WHERE p.buurt_id = $1 AND p.status = ANY($5::text[]) AND ($6::uuid IS NULL OR p.id <> $6::uuid)
		 ORDER BY p.created_at DESC LIMIT 500`,
		[buurt.id, accents[0], accents[1], genericWords, liveStatuses, v.excludeId ?? null]
	);
	return rows
		.filter((r) => effectiveStatus(r, now) !== 'expired')
		.map((r) => {
			const score = similarity(query, r.title_lexemes, r.description_lexemes);
			const overlap = query.filter((q) => best(q, r.title_lexemes) > 0).length;
			return { r, score, overlap };
		})
		.filter((x) => isSimilar(x.score))
		.sort((a, b) => b.score - a.score || b.overlap - a.overlap || new Date(b.r.created_at).getTime() - new Date(a.r.created_at).getTime())
		.slice(0, 5)
		.map(({ r, overlap }) => ({ id: r.id, title: r.title, status: r.status, costCents: Number(r.cost_cents), supportCount: r.support_count, supportNeeded: r.support_needed, overlap }));
}
