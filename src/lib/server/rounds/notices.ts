import type { Queryable } from '../db/client';
import { notify } from '../notifications';
import { memberAccountIds } from '../people';

/**
 * Tells every member of the round's buurt that a round opened or that its results are out, in
 * the caller's transaction. Two statements whatever the size of the buurt: the members' ids in
 * one read, then one INSERT … SELECT over them (notifications/notify.ts). Each reader gets the
 * text in their own language; e-mail follows their choice (default: the daily digest).
 */
export async function notifyRoundMembers(
	tx: Queryable,
	r: { id: string; buurtId: string; buurtName: string; title: string },
	type: 'round.opened' | 'round.results',
	e: { at: Date; actorId: string | null }
): Promise<void> {
	const members = await memberAccountIds(tx, r.buurtId, e.at);
	await notify(tx, {
		recipients: members.filter((id) => id !== e.actorId),
		type,
		subject: { kind: 'round', id: r.id },
		params: { title: r.title, buurt: r.buurtName },
		at: e.at
	});
}
