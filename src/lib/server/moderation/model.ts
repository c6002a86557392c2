import { z } from 'zod';
import { idOf, plainText } from '../shared/text';

/**
 * Moderation: vocabulary, limits and shapes (no rules; who may do what is in policy.ts).
 *
 * - A piece of content (a board post or reply, a proposal comment or text, a help-thread message)
 *   lives in its own module. When someone first reports it, this module keeps one item for it:
 *   where it is, whose it is, its words (for the reviewer) and its state.
 * - state: visible | hidden (until reviewed; its author still reads it, with the reason) |
 *   removed (for good: nobody but the author reads it, and it can no longer be edited).
 * - Reports of the current round count; a review decision starts a new round.
 */

export const contentKinds = ['board_post', 'board_reply', 'proposal_comment', 'proposal_text', 'help_message'] as const;
export type ContentKind = (typeof contentKinds)[number];

/** Why something is reported, and why a reviewer hides or removes it (the same list, so the author understands). */
export const reportReasons = ['insult', 'discrimination', 'threat', 'privacy', 'spam', 'misleading', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];

export const reviewDecisions = ['keep', 'hide', 'remove'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

export type ItemState = 'visible' | 'hidden' | 'removed';
export type DecisionKind = 'auto_hidden' | 'edited' | ReviewDecision | 'warn' | 'suspend' | 'lift';
export type ActorRole = 'system' | 'author' | 'ambassador' | 'staff';

/** Reports from this many different households hide an item until it is reviewed (per buurt). */
export const DEFAULT_HIDE_AFTER = 3;
export const MAX_HIDE_AFTER = 20;
export const MAX_REPORT_NOTE = 500;
export const MAX_DECISION_NOTE = 1000;
export const MAX_RULES = 5000;
export const MAX_SUSPENSION_DAYS = 365;

export const itemIdSchema = idOf('moderation.not_found');
export const reasonSchema = z.enum(reportReasons, 'moderation.reason_required');
export const noteSchema = (max: number) => plainText().trim().max(max, 'validation.too_long').default('');

/**
 * What a content module tells this module about one piece of its content, after checking that
 * the actor may see it (scope before role: a content module answers its own 404 otherwise).
 */
export interface ModerationTarget {
	kind: ContentKind;
	id: string;
	buurtId: string;
	corporationId: string;
	authorId: string;
	/** Its words now (kept on the item for the reviewer). */
	text: string;
	/** Its page, where the report form sends the reporter back. */
	path: string;
	/** Public content is reviewed by the buurt's ambassadors and staff; a private conversation by staff only. */
	isPublic: boolean;
}

/** How a content module shows one piece of content to this reader (see content-hooks.ts). */
export interface ShownModeration {
	state: ItemState;
	/** The reader may read the words: the content is visible, or the reader is its author. */
	showText: boolean;
	/** For the author: why (a reason code and the reviewer's note), or null when hidden by reports only. */
	reason: ReportReason | null;
	note: string | null;
	/** Hidden by reports and not yet looked at by a person. */
	awaitingReview: boolean;
}

export const visibleModeration: ShownModeration = { state: 'visible', showText: true, reason: null, note: null, awaitingReview: false };
