import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { requiredIdOf } from '../shared/text';
import { jsonRows, part, readPart, withDates, type ReadPart } from '../db/parts';
import { neighbourName, shownStreetSql, type Actor } from '../people';
import { proposalColumns, proposalFrom, proposalStatuses, type ProposalRow, type ProposalStatus } from './model';
import { canViewBuurtProposals, effectiveStatus } from './policy';
import { normalize, unitsInBuurt } from './store';
import { moderationColumn, shownModeration, type RawModeration, type ShownModeration } from '../moderation';

/** Listing a buurt's proposals: for the buurt's pages and for the voting part (rounds). */

export interface ProposalSummary {
	id: string;
	buurtId: string;
	buurtName: string;
	title: string;
	/** Empty for others while the text is hidden or removed after reports (the title stays; see moderation). */
	description: string;
	/** The proposal's text after reports: hidden or removed words only its author reads, with the reason. */
	moderation: ShownModeration;
	costCents: number;
	/** What the author asked for when the feasibility check adjusted the cost; else null. */
	requestedCostCents: number | null;
	/** As people see it: a support phase past its deadline shows as 'expired'. */
	status: ProposalStatus;
	place: string;
	authorName: string;
	isMine: boolean;
	supportCount: number;
	supportNeeded: number;
	supportDeadline: Date;
	/** Whether the actor's household supports it (the author's household always does). */
	supportedByMyHousehold: boolean;
	createdAt: Date;
	/** The first photo, for a thumbnail; null when none. */
	photoId: string | null;
	paidCents: number;
}

export const listProposalsSchema = z.object({
	/** Required: someone who sees several buurten (staff) or none names one (400, proposals.buurt_required). */
	buurtId: requiredIdOf('proposals.not_found', 'proposals.buurt_required'),
	/** One status or several; none: every status. Matched against the stored status. */
	status: z.union([z.enum(proposalStatuses, 'validation.choice'), z.array(z.enum(proposalStatuses, 'validation.choice')).max(proposalStatuses.length)]).optional(),
	limit: z.coerce.number().int().min(1).max(500).default(500)
});

/** A buurt's proposals as a part of a page's statement (db/parts.ts); listProposals reads it on its own. */
export function proposalsPart(actor: Actor, input: { buurtId: string | undefined; status?: ProposalStatus | ProposalStatus[]; limit?: number }, now: Date): ReadPart<ProposalSummary[]> {
	const v = parseInput(listProposalsSchema, input);
	const statuses = v.status === undefined ? null : Array.isArray(v.status) ? v.status : [v.status];
	return part(
		`json_build_object(
		'buurt', (SELECT json_build_object('id', id, 'corporation_id', corporation_id) FROM buurten WHERE id = $1),
		'rows', ${jsonRows(`SELECT ${proposalColumns}, ${moderationColumn('proposal_text', 'p.id')},
			(SELECT f.id FROM buurtpot_files f WHERE f.proposal_id = p.id AND f.purpose = 'photo' ORDER BY f.seq LIMIT 1) AS photo_id,
			(SELECT COALESCE(sum(amount_cents), 0)::bigint FROM buurtpot_payments pay WHERE pay.proposal_id = p.id) AS paid_cents,
			EXISTS (SELECT 1 FROM buurtpot_supports s WHERE s.proposal_id = p.id AND s.unit_id = ANY($3::uuid[])) AS mine_supported,
			${shownStreetSql('p.author_id', '$5', '$1')} AS author_street
			${proposalFrom}
			WHERE p.buurt_id = $1 AND ($2::text[] IS NULL OR p.status = ANY($2::text[]))
			ORDER BY p.created_at DESC, p.id
			LIMIT $4`)})`,
		[v.buurtId, statuses, unitsInBuurt(actor, v.buurtId), v.limit, now.toISOString().slice(0, 10)],
		(value) => {
			const o = value as { buurt: { id: string; corporation_id: string } | null; rows: unknown };
			if (!o.buurt || !canViewBuurtProposals(actor, { buurt_id: o.buurt.id, corporation_id: o.buurt.corporation_id })) throw new DomainError('proposals.not_found');
			type Row = ProposalRow & { photo_id: string | null; paid_cents: number; mine_supported: boolean; author_street: string | null; moderation: RawModeration | null };
			const rows = withDates(o.rows as Row[], proposalDates);
			return rows.map((r) => summarize(actor, normalize(r), now, { photoId: r.photo_id, paidCents: Number(r.paid_cents), mineSupported: r.mine_supported, authorStreet: r.author_street, moderation: r.moderation }));
		}
	);
}

/**
 * A buurt's proposals, newest first, optionally of one or more (stored) statuses — e.g. the
 * voting part lists `{ status: 'accepted' }` to put them on a ballot. Members of the buurt, staff
 * of its corporation and its tenants' association; anyone else: proposals.not_found (404).
 * One query (proposalsPart). Errors: validation.invalid, proposals.not_found.
 */
export async function listProposals(
	db: Queryable,
	actor: Actor,
	input: { buurtId: string | undefined; status?: ProposalStatus | ProposalStatus[]; limit?: number },
	now: Date
): Promise<ProposalSummary[]> {
	return readPart(db, proposalsPart(actor, input, now));
}

/** The timestamps of a proposal row (JSON carries them as text). */
const proposalDates = ['support_deadline', 'decided_at', 'created_at', 'updated_at', 'edited_at', 'withdrawn_at', 'done_at'] as const;

/** `extra.authorStreet`: the street the author chose to show next to their first name (people/names.ts). */
export function summarize(actor: Actor, r: ProposalRow, now: Date, extra: { photoId: string | null; paidCents: number; mineSupported: boolean; authorStreet?: string | null; moderation?: RawModeration | null }): ProposalSummary {
	const moderation = shownModeration(actor, r.author_id, extra.moderation);
	return {
		id: r.id,
		buurtId: r.buurt_id,
		buurtName: r.buurt_name,
		title: r.title,
		description: moderation.showText ? r.description : '',
		moderation,
		costCents: r.cost_cents,
		requestedCostCents: r.requested_cost_cents,
		status: effectiveStatus(r, now),
		place: r.place,
		authorName: neighbourName(r.author_name, extra.authorStreet),
		isMine: r.author_id === actor.accountId,
		supportCount: r.support_count,
		supportNeeded: r.support_needed,
		supportDeadline: r.support_deadline,
		supportedByMyHousehold: extra.mineSupported,
		createdAt: r.created_at,
		photoId: extra.photoId,
		paidCents: extra.paidCents
	};
}
