import { iso, needlesOf, REMOVED_TEXT, type PersonalDataKind, type RetentionKind } from '../privacy';
import { applyConcernRetentionIn } from './jobs';
import { DEFAULT_RETENTION_DAYS } from './model';
import { getConcernSettings } from './settings';

/**
 * Concern signals' personal data (privacy's table). The export holds the concerns the person
 * raised, as their own page shows them (home, category, words, when, picked up or not) — never a
 * concern about their own household, nor the social team's outcome or note: those are about
 * someone else, and the household is never told anything.
 *
 * Erasure, chosen for what the social team needs: the worry about a household does not go away
 * when the one who raised it leaves, so the concern STAYS until its own retention
 * (the rule below, per corporation) and only loses its reporter — the link, "may contact" and
 * the flag (nobody to contact, no one to count repeats of). Any concern's words or team note that
 * name the person (name, e-mail, address), also one about their own home, become "[verwijderd]".
 */
export const concernData: PersonalDataKind = {
	kind: 'concerns',
	module: 'concerns',
	messageKey: 'privacy.kinds.concerns',
	export: async (q, accountId) =>
		(
			await q.query<{ id: string; category: string | null; street: string | null; house_number: number | null; addition: string | null; body: string | null; may_contact: boolean; created_at: Date; triaged_at: Date | null }>(
				`SELECT k.id, k.category, u.street, u.house_number, u.addition, k.body, k.may_contact, k.created_at, k.triaged_at
				 FROM concerns k LEFT JOIN units u ON u.id = k.unit_id WHERE k.reporter_id = $1 ORDER BY k.created_at, k.id`,
				[accountId]
			)
		).map((r) => ({
			id: r.id,
			home: r.street ? `${r.street} ${r.house_number}${r.addition ?? ''}` : null,
			category: r.category,
			body: r.body,
			mayContact: r.may_contact,
			createdAt: iso(r.created_at),
			pickedUp: r.triaged_at != null
		})),
	order: 36,
	erase: async (tx, s) => {
		const needles = needlesOf(s);
		const unlinked = await tx.query('UPDATE concerns SET reporter_id = NULL, may_contact = false, flagged = false WHERE reporter_id = $1 RETURNING id', [s.accountId]);
		const named = await tx.query(
			`UPDATE concerns SET
			   body = CASE WHEN body ILIKE ANY (SELECT '%' || n || '%' FROM unnest($1::text[]) n) THEN $2 ELSE body END,
			   triage_note = CASE WHEN triage_note ILIKE ANY (SELECT '%' || n || '%' FROM unnest($1::text[]) n) THEN NULL ELSE triage_note END
			 WHERE body ILIKE ANY (SELECT '%' || n || '%' FROM unnest($1::text[]) n) OR triage_note ILIKE ANY (SELECT '%' || n || '%' FROM unnest($1::text[]) n)
			 RETURNING id`,
			[needles, REMOVED_TEXT]
		);
		const referrals = await tx.query(
			`UPDATE concern_referrals SET reason = $2 WHERE reason ILIKE ANY (SELECT '%' || n || '%' FROM unnest($1::text[]) n) RETURNING id`,
			[needles, REMOVED_TEXT]
		);
		return unlinked.length + named.length + referrals.length;
	}
};

/**
 * Concerns' retention as one of privacy's rules (run daily by `privacy.retention`, counted in its
 * audit row): concerns without a case are deleted after the corporation's `retention_days`, cases
 * reduced to their outcome after `case_retention_days` (applyConcernRetentionIn, with its own
 * audit row per corporation). Both periods are set on the concerns' settings page.
 */
export const concernRetention: RetentionKind = {
	kind: 'concerns',
	module: 'concerns',
	messageKey: 'privacy.retention.concerns',
	defaultDays: DEFAULT_RETENTION_DAYS,
	periodOf: async (q, corporationId) => ({ days: (await getConcernSettings(q, corporationId)).retentionDays, setAt: '/staff/concerns/settings' }),
	run: async (tx, { now }) => {
		const r = await applyConcernRetentionIn(tx, now);
		return r.deleted + r.reduced;
	}
};

export const concernsPersonalData = [concernData];
