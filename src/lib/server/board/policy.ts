import { isMemberOf, isStaffOf, seesBuurt, type Actor } from '../people';
import type { GroupAccess } from './model';

/**
 * Who may do what on a buurt's board: pure functions over the actor and the facts, used by the
 * use cases and handed to pages (a button someone may not use is not shown). Supervisors and
 * ambassadors are ordinary members here.
 */

export interface BoardBuurt {
	id: string;
	corporation_id: string;
}

export interface GroupFacts {
	buurt_id: string;
	access: GroupAccess;
	owner_id: string;
	closed_at: Date | null;
	/** The actor's place in the group. */
	my_status: 'member' | 'requested' | null;
}

/** Members of the buurt and staff of its corporation see its board; anyone else gets a 404. */
export const seesBoard = (actor: Actor, b: BoardBuurt) => seesBuurt(actor, b, 'board');

/** Members of the buurt post and create groups; staff post news instead. */
export const canPost = (actor: Actor, b: BoardBuurt) => isMemberOf(actor, b.id);
export const canPostNews = (actor: Actor, b: BoardBuurt) => isStaffOf(actor, b.corporation_id);

/** Members reply; staff of the corporation may too (they answer questions about their news). */
export const canReply = (actor: Actor, b: BoardBuurt) => isMemberOf(actor, b.id) || isStaffOf(actor, b.corporation_id);

export const isAuthorOf = (actor: Actor, authorId: string) => actor.accountId === authorId;

/** The author edits their own words. */
export const canEdit = (actor: Actor, authorId: string) => isAuthorOf(actor, authorId);

/** The author deletes their own; staff of the corporation delete what breaks the rules (audited). */
export const canDelete = (actor: Actor, authorId: string, b: BoardBuurt) => isAuthorOf(actor, authorId) || isStaffOf(actor, b.corporation_id);

/** An open group's posts are the buurt's to read; a by-request group's only its members'. */
export const seesGroupPosts = (actor: Actor, g: GroupFacts, b: BoardBuurt) =>
	!g.closed_at && (g.access === 'open' ? seesBoard(actor, b) : g.my_status === 'member');

/** Only the group's members post in it, and only members of the buurt are members. */
export const canPostInGroup = (actor: Actor, g: GroupFacts) => !g.closed_at && g.my_status === 'member' && isMemberOf(actor, g.buurt_id);

/** A member of the buurt joins an open group, or asks to join one by request. */
export const canJoin = (actor: Actor, g: GroupFacts) => !g.closed_at && g.my_status === null && isMemberOf(actor, g.buurt_id);

export const isOwner = (actor: Actor, g: Pick<GroupFacts, 'owner_id'>) => actor.accountId === g.owner_id;

/** Anyone in the group (or asking) leaves, except the owner: they hand over or close first. */
export const canLeave = (actor: Actor, g: GroupFacts) => !g.closed_at && g.my_status !== null && !isOwner(actor, g);

/** The owner approves requests, hands the group over, or closes it. */
export const canManage = (actor: Actor, g: GroupFacts) => !g.closed_at && isOwner(actor, g);
