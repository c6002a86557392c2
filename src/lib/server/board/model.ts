import { z } from 'zod';
import { idOf, plainText } from '../shared/text';
import type { ShownModeration } from '../moderation';

/**
 * The neighbourhood board: vocabulary, limits and input pieces shared by its use cases (no rules;
 * who may do what is in policy.ts).
 *
 * - News: staff of the buurt's corporation post it; it may be pinned (shown first) and may have
 *   an expiry date (from that day on it leaves the feed).
 * - Posts: members of the buurt, of a kind, with up to MAX_PHOTOS photos; in the buurt's feed or
 *   in a group. Replies under a post. The author edits or deletes their own.
 * - Groups: open (anyone of the buurt joins) or by request (the owner approves).
 */

export const postKinds = ['question', 'offer', 'found_lost', 'announcement'] as const;
export type PostKind = (typeof postKinds)[number];
export type FeedKind = PostKind | 'news';

export const nameChoices = ['name', 'street'] as const;
export type NameChoice = (typeof nameChoices)[number];

export const groupAccess = ['open', 'request'] as const;
export type GroupAccess = (typeof groupAccess)[number];

export const MAX_BODY = 2000;
export const MAX_PHOTOS = 3;
export const MAX_GROUP_NAME = 80;
export const MAX_GROUP_DESCRIPTION = 1000;
/** Posts per feed page. */
export const PAGE_SIZE = 20;

export const buurtIdSchema = idOf('board.not_found');
export const postIdSchema = idOf('board.not_found');
export const groupIdSchema = idOf('board.not_found');

export const bodySchema = plainText({ error: 'board.body_required' }).trim().min(1, 'board.body_required').max(MAX_BODY, 'validation.too_long');
export const nameChoiceSchema = z.enum(nameChoices, 'board.name_choice_required');

/** As help's: a form's hidden key or the API's Idempotency-Key header (board may not import help). */
export const idempotencyKeySchema = z
	.string()
	.regex(/^[A-Za-z0-9._:-]{8,100}$/, 'board.idempotency_key_invalid')
	.optional();

/** How a post's or reply's author is shown; the page words it in the reader's language. */
export type AuthorView =
	| { shown: 'name'; name: string; isStaff: boolean }
	| { shown: 'street'; street: string; isStaff: false };

export interface PostView {
	id: string;
	buurtId: string;
	groupId: string | null;
	kind: FeedKind;
	body: string;
	author: AuthorView;
	isMine: boolean;
	pinned: boolean;
	expiresOn: string | null;
	createdAt: Date;
	editedAt: Date | null;
	replyCount: number;
	photoIds: string[];
	/** Hidden or removed after reports: others read a placeholder (body '' and no photos), the author the words and the reason. */
	moderation: ShownModeration;
	can: { edit: boolean; delete: boolean; report: boolean };
}

export interface ReplyView {
	id: string;
	body: string;
	author: AuthorView;
	isMine: boolean;
	createdAt: Date;
	editedAt: Date | null;
	moderation: ShownModeration;
	can: { edit: boolean; delete: boolean; report: boolean };
}

export interface FeedPage {
	items: PostView[];
	/** The cursor of the next (older) page; null on the last page. */
	nextBefore: string | null;
	/** Whether this is the first page (pinned news is shown on it only). */
	first: boolean;
}
