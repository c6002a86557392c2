import { z } from 'zod';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { recordAudit } from '../audit';
import { isStaffOf, neighbourName, shownStreets, type Actor } from '../people';
import { activeSupervisorIds, loadRequest } from './engine';
import { allowedActions, canPostMessage, canReadThread, canReportMessage, canSeeFreeText, canSeeHistory, canViewRequest, isSupervisorOf, mayReadZorgWithReason } from './policy';
import { zorgReadsOf } from './read-zorg-details';
import { getHelpSettings } from './settings';
import { DAY_MS, firstName, isoDay, type Category, type HelpRequestRow, type HelpState, type RedirectKind, type ZorgLabel } from './model';
import type { HelpAction, HelpRole } from './state-machine';
import { summarize, type RequestSummary } from './lists';
import { moderationColumn, shownModeration, type RawModeration, type ShownModeration } from '../moderation';

/**
 * Read side: what each person may see of requests, already filtered by the policies. Pages and
 * the API both use these; nothing here writes (except the audit of a staff member reading a zorg
 * request's private text).
 */

export * from './lists';

export interface HistoryItem {
	at: Date;
	action: string;
	fromState: HelpState | null;
	toState: HelpState;
	role: HelpRole;
	/** First name of who did it; null for the system. */
	actorName: string | null;
	reason: string | null;
	/** A rephrase: what the asker wrote and what it became (only for who may read the text). */
	changes: { field: string; before: string | null; after: string | null }[];
}

export interface ThreadMessage {
	id: number;
	at: Date;
	authorName: string;
	isMine: boolean;
	kind: 'text' | 'shared_address';
	/** Empty when hidden or removed after a report (only its author reads it then, see moderation). */
	body: string;
	moderation: ShownModeration;
	/** The other side of the thread may report it (to staff only: a thread is private). */
	canReport: boolean;
}

export interface RequestDetail extends RequestSummary {
	description: string | null;
	placeNote: string | null;
	onBehalfName: string | null;
	consentNote: string | null;
	updateChannel: HelpRequestRow['update_channel'];
	redirectKind: RedirectKind | null;
	helperName: string | null;
	checkerName: string | null;
	checkedAs: HelpRequestRow['checked_as'];
	takenAt: Date | null;
	doneAt: Date | null;
	confirmedAt: Date | null;
	canSeeText: boolean;
	history: HistoryItem[] | null;
	messages: ThreadMessage[] | null;
	actions: HelpAction[];
	canPost: boolean;
	isHelper: boolean;
	isSupervisor: boolean;
	isStaff: boolean;
	/** Done and not yet confirmed: the day it confirms itself. */
	autoConfirmOn: string | null;
	reward: { status: 'pending' | 'paid'; cents: number } | null;
	/** Staff reads of a zorg request's text, for the asker (reader's first name) and staff; null for others. */
	zorgReads: { at: Date; readerName: string; reason: string }[] | null;
	/** Staff whose turn it is may open the zorg text by giving a reason (readZorgDetails). */
	mayReadZorg: boolean;
	/** The raw text fields for forms (rephrase on publish, edit on resubmit); only with canSeeText. */
	text: { category: Category; zorgLabel: ZorgLabel | null; title: string; description: string } | null;
}

/**
 * One request as the actor may see it: text only where the privacy rules allow, history and
 * reasons for the people involved, the thread for asker and helper, and the actions this actor
 * can take now. Unknown or not visible (e.g. another buurt's): help.not_found.
 */
export async function getRequestDetail(db: Queryable, actor: Actor, requestId: string, now: Date): Promise<RequestDetail> {
	if (!z.uuid().safeParse(requestId).success) throw new DomainError('help.not_found');
	const r = await loadRequest(db, requestId);
	if (!r || !canViewRequest(actor, r)) throw new DomainError('help.not_found');
	const supervised = (await activeSupervisorIds(db, r.buurt_id, now)).length > 0;
	const reads = r.category === 'zorg' ? await zorgReadsOf(db, [r.id]) : [];
	const readWithReason = reads.some((z) => z.readerId === actor.accountId);
	const text = canSeeFreeText(actor, r, supervised, readWithReason);
	const names = new Map(
		(
			await db.query<{ id: string; name: string }>('SELECT id, name FROM accounts WHERE id = ANY($1::uuid[])', [
				[r.asker_id, r.proxy_id, r.helper_id, r.checker_id].filter(Boolean)
			])
		).map((a) => [a.id, a.name])
	);
	// Neighbours by first name, with the street where the person chose to show it (people/names.ts).
	const streets = await shownStreets(db, [r.asker_id, r.proxy_id, r.helper_id, r.checker_id], now, r.buurt_id);
	const nameOf = (id: string | null) => (id && names.has(id) ? neighbourName(names.get(id), streets.get(id)) : null);
	const involved = canSeeHistory(actor, r);

	let history: HistoryItem[] | null = null;
	if (involved) {
		const rows = await db.query<{ at: Date; action: string; from_state: HelpState | null; to_state: HelpState; actor_role: HelpRole; actor_id: string | null; actor_name: string | null; reason: string | null; details: { changed?: string[]; before?: Record<string, string | null>; after?: Record<string, string | null> } }>(
			`SELECT h.at, h.action, h.from_state, h.to_state, h.actor_role, h.actor_id, a.name AS actor_name, h.reason, h.details
			 FROM help_history h LEFT JOIN accounts a ON a.id = h.actor_id WHERE h.request_id = $1 ORDER BY h.id`,
			[r.id]
		);
		const historyStreets = await shownStreets(db, rows.map((h) => h.actor_id), now, r.buurt_id);
		history = rows.map((h) => ({
			at: h.at,
			action: h.action,
			fromState: h.from_state,
			toState: h.to_state,
			role: h.actor_role,
			actorName: h.actor_name ? neighbourName(h.actor_name, h.actor_id ? historyStreets.get(h.actor_id) : null) : null,
			reason: h.reason,
			changes: text && h.details?.changed ? h.details.changed.map((field) => ({ field, before: h.details.before?.[field] ?? null, after: h.details.after?.[field] ?? null })) : []
		}));
	}
	let messages: ThreadMessage[] | null = null;
	if (canReadThread(actor, r)) {
		const rows = await db.query<{ id: number; at: Date; author_id: string; author_name: string; kind: 'text' | 'shared_address'; body: string; moderation: RawModeration | null }>(
			`SELECT m.id, m.at, m.author_id, a.name AS author_name, m.kind, m.body, ${moderationColumn('help_message', 'm.id')} FROM help_messages m JOIN accounts a ON a.id = m.author_id
			 WHERE m.request_id = $1 ORDER BY m.id`,
			[r.id]
		);
		messages = rows.map((m) => {
			// Hidden or removed after a report: only its author reads the words (moderation's rule).
			const moderation = shownModeration(actor, m.author_id, m.moderation);
			return {
				...{ id: Number(m.id), at: m.at, authorName: neighbourName(m.author_name, streets.get(m.author_id)), isMine: m.author_id === actor.accountId, kind: m.kind },
				body: moderation.showText ? m.body : '',
				moderation,
				canReport: m.kind === 'text' && moderation.state === 'visible' && canReportMessage(actor, r, m.author_id)
			};
		});
	}
	const isStaff = isStaffOf(actor, r.corporation_id);
	const isSupervisor = isSupervisorOf(actor, r.buurt_id);
	if (text && r.category === 'zorg' && isStaff && !isSupervisor && actor.accountId !== r.proxy_id && actor.accountId !== r.asker_id) {
		// Staff reading a zorg request's private text is a sensitive read.
		await recordAudit(db, { at: now, actorId: actor.accountId, action: 'help.zorg_text_read', subject: `help_request:${r.id}` });
	}
	let autoConfirmOn: string | null = null;
	if (r.state === 'done' && r.done_at) autoConfirmOn = isoDay(new Date(r.done_at.getTime() + (await getHelpSettings(db, r.buurt_id)).autoConfirmDays * DAY_MS));
	const [reward] = involved
		? await db.query<{ status: 'pending' | 'paid'; cents: number }>(
				'SELECT status, (asker_cents + supervisor_cents + helper_cents)::int AS cents FROM help_rewards WHERE request_id = $1',
				[r.id]
			)
		: [];
	const summary = summarize(actor, { ...r, asker_name: null, proxy_name: null, helper_name: null }, supervised, readWithReason);
	// The asker sees every staff read of their zorg text (who, when, why); staff see them too.
	const seesReads = actor.accountId === r.asker_id || actor.accountId === r.proxy_id || isStaff;
	const mayProxyDetails = text && (actor.accountId === r.proxy_id || isSupervisor || isStaff);
	return {
		...summary,
		askerName: text ? nameOf(r.asker_id) : null,
		viaName: nameOf(r.proxy_id),
		description: text ? r.description : null,
		placeNote: text ? r.place_note : null,
		onBehalfName: text ? r.on_behalf_name : null,
		consentNote: mayProxyDetails ? r.consent_note : null,
		updateChannel: r.update_channel,
		redirectKind: r.redirect_kind,
		helperName: nameOf(r.helper_id),
		checkerName: involved ? nameOf(r.checker_id) : null,
		checkedAs: r.checked_as,
		takenAt: r.taken_at,
		doneAt: r.done_at,
		confirmedAt: r.confirmed_at,
		canSeeText: text,
		history,
		messages,
		actions: allowedActions(actor, r),
		canPost: canPostMessage(actor, r),
		isHelper: actor.accountId === r.helper_id,
		isSupervisor,
		isStaff,
		autoConfirmOn,
		reward: reward ?? null,
		text: text ? { category: r.category, zorgLabel: r.zorg_label, title: r.title, description: r.description } : null,
		zorgReads: seesReads && r.category === 'zorg' ? reads.map((z) => ({ at: z.at, readerName: isStaff ? z.readerName : firstName(z.readerName), reason: z.reason })) : null,
		mayReadZorg: !text && mayReadZorgWithReason(actor, r, supervised)
	};
}
