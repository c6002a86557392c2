import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { jsonRows, known, part, readPart, type ReadPart } from '../db/parts';
import { plainText } from '../shared/text';
import { parseInput } from '../shared/validate';
import { DomainError } from '../shared/errors';
import { recordAudit } from '../audit';
import { email } from '../auth';
import { findBuurtRef } from '../places';
import { isMemberOf, isPartnerIn, isStaffOf, staffCorporationIds, type Actor } from './actor';

/**
 * "Uw wijkconsulent": the corporation as a person on every member's home (issue 9; issue 13's
 * board and stairwell poster reuse `getBuurtConsultantCard` and the ConsultantCard component).
 *
 * - Every staff member keeps their own card: the name they go by, what they do, office hours and
 *   where, and how to reach them (phone and/or e-mail). What is on the card is what members see:
 *   the account's login address is never shown unless they typed it on the card.
 * - Admins and wijkconsulenten of a buurt's corporation link one card-holder of that corporation
 *   to the buurt (one per buurt); the link is audited.
 * - Members of the buurt, staff of its corporation and partners linked to it read the card. A
 *   card whose holder no longer works for the corporation (or whose account is disabled) is not
 *   shown, so a buurt never shows someone who left.
 * - The person may put a photo on it (consultant-photos.ts); without one the card shows the
 *   initials Avatar.
 */

export interface ConsultantCard {
	accountId: string;
	displayName: string;
	about: string;
	officeHours: string | null;
	officePlace: string | null;
	phone: string | null;
	email: string | null;
	/** The photo's sha256 (it versions the photo's URL), or null: the card shows initials. */
	photo: string | null;
}

/** A card as a buurt sees it: the consultant and the buurt they are linked to. */
export interface BuurtConsultantCard extends ConsultantCard {
	buurtId: string;
	buurtName: string;
}

const optional = (max: number) =>
	plainText()
		.trim()
		.max(max, 'validation.too_long')
		.optional()
		.transform((v) => (v ? v : null));

/** Digits, spaces and + - ( ) only, 6 to 20 characters: "0599 000 000", "+31 6 1234 5678". */
const phone = plainText()
	.trim()
	.max(20, 'validation.too_long')
	.optional()
	.transform((v) => (v ? v : null))
	.refine((v) => v === null || (/^\+?[0-9 ()-]{6,20}$/.test(v) && (v.match(/[0-9]/g) ?? []).length >= 6), 'people.card_phone_invalid');

export const saveConsultantCardSchema = z
	.object({
		displayName: plainText({ error: 'validation.required' }).trim().min(2, 'validation.too_short').max(80, 'validation.too_long'),
		about: plainText({ error: 'validation.required' }).trim().min(1, 'validation.required').max(300, 'validation.too_long'),
		officeHours: optional(200),
		officePlace: optional(200),
		phone,
		email: z
			.union([z.literal(''), email])
			.optional()
			.transform((v) => (v ? v : null))
	})
	.superRefine((v, c) => {
		if (!v.phone && !v.email) c.addIssue({ code: 'custom', path: ['phone'], message: 'people.card_contact_required' });
	});

type CardRow = { account_id: string; display_name: string; about: string; office_hours: string | null; office_place: string | null; phone: string | null; email: string | null; photo: string | null };
const cardColumns = 'c.account_id, c.display_name, c.about, c.office_hours, c.office_place, c.phone, c.email, (SELECT p.sha256 FROM consultant_photos p WHERE p.account_id = c.account_id) AS photo';
const present = (r: CardRow): ConsultantCard => ({
	accountId: r.account_id,
	displayName: r.display_name,
	about: r.about,
	officeHours: r.office_hours,
	officePlace: r.office_place,
	phone: r.phone,
	email: r.email,
	photo: r.photo
});

/**
 * A staff member writes (or rewrites) their own card. Errors: people.forbidden (not staff),
 * validation.invalid (displayName, about, officeHours, officePlace → too short/long; phone →
 * people.card_phone_invalid | people.card_contact_required; email → validation.email).
 */
export async function saveMyConsultantCard(ctx: Ctx, actor: Actor, input: unknown): Promise<ConsultantCard> {
	if (!actor.staff.length) throw new DomainError('people.forbidden');
	const v = parseInput(saveConsultantCardSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx.query<CardRow>(
			`INSERT INTO consultant_cards AS c (account_id, display_name, about, office_hours, office_place, phone, email, updated_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			 ON CONFLICT (account_id) DO UPDATE SET display_name = $2, about = $3, office_hours = $4, office_place = $5, phone = $6, email = $7, updated_at = $8
			 RETURNING ${cardColumns}`,
			[actor.accountId, v.displayName, v.about, v.officeHours, v.officePlace, v.phone, v.email, at]
		);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'people.consultant_card_saved', subject: `account:${actor.accountId}` });
		return present(row);
	});
}

/** The staff member's own card, or null when they have none yet. Errors: people.forbidden (not staff). */
export async function getMyConsultantCard(db: Queryable, actor: Actor): Promise<ConsultantCard | null> {
	if (!actor.staff.length) throw new DomainError('people.forbidden');
	const [row] = await db.query<CardRow>(`SELECT ${cardColumns} FROM consultant_cards c WHERE c.account_id = $1`, [actor.accountId]);
	return row ? present(row) : null;
}

export const setBuurtConsultantSchema = z.object({
	/** Not a uuid: the same 404 as a buurt that does not exist (checked in the use case). */
	buurtId: plainText(),
	/** Empty: the buurt has no consultant on its homes any more. */
	accountId: z.union([z.literal(''), z.uuid('people.consultant_not_staff')]).default('')
});

/**
 * Links a card-holder of the corporation to a buurt (replacing the one before), or unlinks with
 * an empty accountId. Admins and wijkconsulenten of the buurt's corporation only.
 * Errors: places.buurt_not_found (unknown, or another corporation's: 404), people.forbidden
 * (huismeester, members, partners), validation.invalid (accountId → people.consultant_not_staff:
 * not staff of this corporation; people.consultant_no_card: no card yet).
 */
export async function setBuurtConsultant(ctx: Ctx, actor: Actor, input: unknown): Promise<{ buurtId: string; accountId: string | null }> {
	const v = parseInput(setBuurtConsultantSchema, input);
	const at = ctx.clock();
	return ctx.db.transaction(async (tx) => {
		const buurt = await buurtOf(tx, v.buurtId);
		if (!buurt || !isStaffOf(actor, buurt.corporation_id)) throw new DomainError('places.buurt_not_found');
		if (!isStaffOf(actor, buurt.corporation_id, ['admin', 'wijkconsulent'])) throw new DomainError('people.forbidden');
		if (!v.accountId) {
			const removed = await tx.query<{ account_id: string }>('DELETE FROM buurt_consultants WHERE buurt_id = $1 RETURNING account_id', [buurt.id]);
			if (removed.length)
				await recordAudit(tx, { at, actorId: actor.accountId, action: 'people.consultant_unlinked', subject: `buurt:${buurt.id}`, details: { accountId: removed[0].account_id }, corporationId: buurt.corporation_id });
			return { buurtId: buurt.id, accountId: null };
		}
		const [target] = await tx.query<{ staff: boolean; card: boolean }>(
			`SELECT EXISTS (SELECT 1 FROM staff_roles s WHERE s.account_id = a.id AND s.corporation_id = $2) AS staff,
			   EXISTS (SELECT 1 FROM consultant_cards c WHERE c.account_id = a.id) AS card
			 FROM accounts a WHERE a.id = $1 AND a.disabled_at IS NULL`,
			[v.accountId, buurt.corporation_id]
		);
		if (!target?.staff) throw new DomainError('validation.invalid', {}, { accountId: 'people.consultant_not_staff' });
		if (!target.card) throw new DomainError('validation.invalid', {}, { accountId: 'people.consultant_no_card' });
		await tx.query(
			`INSERT INTO buurt_consultants (buurt_id, account_id, linked_by, linked_at) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (buurt_id) DO UPDATE SET account_id = $2, linked_by = $3, linked_at = $4`,
			[buurt.id, v.accountId, actor.accountId, at]
		);
		await recordAudit(tx, { at, actorId: actor.accountId, action: 'people.consultant_linked', subject: `buurt:${buurt.id}`, details: { accountId: v.accountId }, corporationId: buurt.corporation_id });
		return { buurtId: buurt.id, accountId: v.accountId };
	});
}

/** The buurt, or null for an unknown or malformed id (both a 404). */
const buurtOf = (q: Queryable, id: string) => (z.uuid().safeParse(id).success ? findBuurtRef(q, id) : Promise.resolve(null));

/** Only cards of people who still work for the buurt's corporation, with an active account. */
const stillThere = `EXISTS (SELECT 1 FROM staff_roles s WHERE s.account_id = l.account_id AND s.corporation_id = b.corporation_id)
	AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = l.account_id AND a.disabled_at IS NULL)`;

/** The cards of these buurten, as a part of a page's one statement (db/parts.ts). */
export function consultantCardsPart(buurtIds: string[]): ReadPart<BuurtConsultantCard[]> {
	if (!buurtIds.length) return known([]);
	return part(
		jsonRows(`SELECT ${cardColumns}, b.id AS buurt_id, b.name AS buurt_name FROM buurt_consultants l
		 JOIN buurten b ON b.id = l.buurt_id JOIN consultant_cards c ON c.account_id = l.account_id
		 WHERE l.buurt_id = ANY($1::uuid[]) AND ${stillThere} ORDER BY b.name`),
		[buurtIds],
		(rows) => (rows as (CardRow & { buurt_id: string; buurt_name: string })[]).map((r) => ({ ...present(r), buurtId: r.buurt_id, buurtName: r.buurt_name }))
	);
}

const cardsOfBuurten = (db: Queryable, buurtIds: string[]) => readPart(db, consultantCardsPart(buurtIds));

/** The consultant cards of the buurten the actor lives in, for their home (one query). */
export async function myConsultantCards(db: Queryable, actor: Actor): Promise<BuurtConsultantCard[]> {
	return cardsOfBuurten(db, actor.memberBuurtIds);
}

/**
 * The card of one buurt's consultant, or null when none is linked: for members of the buurt,
 * staff of its corporation and partners linked to it (a board, a poster). Anyone else:
 * places.buurt_not_found (404, as for a buurt that does not exist).
 */
export async function getBuurtConsultantCard(db: Queryable, actor: Actor, buurtId: string): Promise<BuurtConsultantCard | null> {
	const buurt = await buurtOf(db, buurtId);
	if (!buurt || !(isMemberOf(actor, buurt.id) || isStaffOf(actor, buurt.corporation_id) || isPartnerIn(actor, buurt.id))) throw new DomainError('places.buurt_not_found');
	return (await cardsOfBuurten(db, [buurt.id]))[0] ?? null;
}

export interface ConsultantLinks {
	/** The buurten of the staff member's corporation, each with the consultant shown there. */
	buurten: { id: string; name: string; consultant: { accountId: string; displayName: string } | null }[];
	/** Staff of the corporation with a card, who can be linked. */
	cardHolders: { accountId: string; displayName: string; name: string }[];
	/** Whether this staff member may change the links (admin, wijkconsulent). */
	mayLink: boolean;
}

/** The staff page's overview of who is the face of which buurt. Errors: people.forbidden (not staff). */
export async function listConsultantLinks(db: Queryable, actor: Actor): Promise<ConsultantLinks> {
	const corporationId = staffCorporationIds(actor)[0];
	if (!corporationId) throw new DomainError('people.forbidden');
	const buurten = await db.query<{ id: string; name: string; account_id: string | null; display_name: string | null }>(
		`SELECT b.id, b.name, l.account_id, c.display_name FROM buurten b
		 LEFT JOIN buurt_consultants l ON l.buurt_id = b.id LEFT JOIN consultant_cards c ON c.account_id = l.account_id
		 WHERE b.corporation_id = $1 ORDER BY b.name`,
		[corporationId]
	);
	const holders = await db.query<{ account_id: string; display_name: string; name: string }>(
		`SELECT c.account_id, c.display_name, a.name FROM consultant_cards c JOIN accounts a ON a.id = c.account_id
		 WHERE a.disabled_at IS NULL AND EXISTS (SELECT 1 FROM staff_roles s WHERE s.account_id = c.account_id AND s.corporation_id = $1)
		 ORDER BY c.display_name`,
		[corporationId]
	);
	return {
		buurten: buurten.map((b) => ({ id: b.id, name: b.name, consultant: b.account_id ? { accountId: b.account_id, displayName: b.display_name ?? '' } : null })),
		cardHolders: holders.map((h) => ({ accountId: h.account_id, displayName: h.display_name, name: h.name })),
		mayLink: isStaffOf(actor, corporationId, ['admin', 'wijkconsulent'])
	};
}
