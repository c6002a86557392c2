import { z } from 'zod';
import { cursorNumber } from '../shared/text';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { parseInput } from '../shared/validate';
import { recordAudit } from '../audit';
import { endConsent, recordConsent } from '../privacy';
import type { Actor } from '../people';
import { getAttributionForPerson } from '../ledger';
import { firstName, type Category, type ZorgLabel } from './model';
import { requestIdOfTransfer } from './rewards';

/**
 * What one member earned for buurtpotten (attribution, never money of their own), whether their
 * first name may be shown on the pot page, and the reward facts the pot page needs about
 * transfers it lists (help owns the help_rewards, help_requests and help_name_optins tables).
 */

/** Pending rewards of a buurt: how many wait for a top-up, and how much they are together. */
export async function pendingRewardTotals(q: Queryable, buurtId: string): Promise<{ count: number; cents: number }> {
	const [row] = await q.query<{ count: number; cents: number }>(
		`SELECT count(*)::int AS count, COALESCE(sum(asker_cents + supervisor_cents + helper_cents), 0)::bigint AS cents
		 FROM help_rewards WHERE buurt_id = $1 AND status = 'pending'`,
		[buurtId]
	);
	return { count: row.count, cents: Number(row.cents) };
}

/** First names of the people among `ids` who chose to be named on the pot page. */
export async function namedInPot(q: Queryable, ids: string[]): Promise<Map<string, string>> {
	const rows = await q.query<{ id: string; name: string }>(
		'SELECT a.id, a.name FROM accounts a JOIN help_name_optins o ON o.account_id = a.id WHERE a.id = ANY($1::uuid[])',
		[ids]
	);
	return new Map(rows.map((p) => [p.id, firstName(p.name)]));
}

/** Category and zorg label of the requests that reward transfers paid for. */
export async function rewardedRequests(q: Queryable, transferIds: string[]): Promise<Map<string, { category: Category; zorgLabel: ZorgLabel | null }>> {
	const requestIds = transferIds.map(requestIdOfTransfer).filter((id): id is string => !!id);
	const rows = await q.query<{ id: string; category: Category; zorg_label: ZorgLabel | null }>('SELECT id, category, zorg_label FROM help_requests WHERE id = ANY($1::uuid[])', [requestIds]);
	const byRequest = new Map(rows.map((r) => [r.id, r]));
	const out = new Map<string, { category: Category; zorgLabel: ZorgLabel | null }>();
	for (const t of transferIds) {
		const r = byRequest.get(requestIdOfTransfer(t) ?? '');
		if (r) out.set(t, { category: r.category, zorgLabel: r.zorg_label });
	}
	return out;
}


export interface WalletItem {
	requestId: string;
	transferId: string;
	at: Date;
	buurtName: string;
	category: Category | null;
	zorgLabel: ZorgLabel | null;
	/** The request's title; for zorg only its label is shown, so this is null. */
	title: string | null;
	roles: string[];
	cents: number;
	reversed: boolean;
}

export interface Wallet {
	totalCents: number;
	items: WalletItem[];
	nextBefore: number | null;
	pending: { requestId: string; at: Date; buurtName: string; category: Category; zorgLabel: ZorgLabel | null; title: string | null; roles: string[]; cents: number }[];
	pendingCents: number;
	namedInPot: boolean;
}

export const walletSchema = z.object({ before: cursorNumber() });

/**
 * The member's wallet: the total they earned for buurtpotten and each request it came from
 * (read from the ledger's attribution, so a reversal is netted), plus rewards still waiting for
 * a top-up. Only ever the actor's own.
 */
export async function getWallet(db: Queryable, actor: Actor, input: unknown = {}): Promise<Wallet> {
	const v = parseInput(walletSchema, input);
	const attribution = await getAttributionForPerson(db, { personId: actor.accountId, limit: 50, before: v.before });
	const requestIds = attribution.transfers.map((t) => requestIdOfTransfer(t.reversesId ?? t.transferId)).filter((id): id is string => !!id);
	const info = new Map(
		(
			await db.query<{ id: string; category: Category; zorg_label: ZorgLabel | null; title: string; buurt_name: string; asker_id: string | null; supervisor_id: string | null; helper_id: string }>(
				`SELECT r.id, r.category, r.zorg_label, r.title, b.name AS buurt_name, w.asker_id, w.supervisor_id, w.helper_id
				 FROM help_requests r JOIN buurten b ON b.id = r.buurt_id JOIN help_rewards w ON w.request_id = r.id
				 WHERE r.id = ANY($1::uuid[])`,
				[requestIds]
			)
		).map((r) => [r.id, r])
	);
	const rolesOf = (r: { asker_id: string | null; supervisor_id: string | null; helper_id: string }) =>
		(['asker', 'supervisor', 'helper'] as const).filter((role) => r[`${role}_id`] === actor.accountId);
	const items: WalletItem[] = attribution.transfers.map((t) => {
		const requestId = requestIdOfTransfer(t.reversesId ?? t.transferId);
		const r = requestId ? info.get(requestId) : undefined;
		return {
			requestId: requestId ?? '',
			transferId: t.transferId,
			at: t.at,
			buurtName: r?.buurt_name ?? '',
			category: r?.category ?? null,
			zorgLabel: r?.zorg_label ?? null,
			title: r && r.category !== 'zorg' ? r.title : null,
			roles: r ? rolesOf(r) : [],
			cents: Number(t.amount),
			reversed: t.reversesId !== null
		};
	});
	const pendingRows = await db.query<{ request_id: string; created_at: Date; buurt_name: string; category: Category; zorg_label: ZorgLabel | null; title: string; asker_id: string | null; supervisor_id: string | null; helper_id: string; asker_cents: number; supervisor_cents: number; helper_cents: number }>(
		`SELECT w.request_id, w.created_at, b.name AS buurt_name, r.category, r.zorg_label, r.title, w.asker_id, w.supervisor_id, w.helper_id,
			w.asker_cents, w.supervisor_cents, w.helper_cents
		 FROM help_rewards w JOIN help_requests r ON r.id = w.request_id JOIN buurten b ON b.id = w.buurt_id
		 WHERE w.status = 'pending' AND $1 IN (w.asker_id, w.supervisor_id, w.helper_id)
		 ORDER BY w.created_at`,
		[actor.accountId]
	);
	const pending = pendingRows.map((r) => {
		const roles = rolesOf(r);
		const cents = roles.reduce((s, role) => s + r[`${role}_cents`], 0);
		return { requestId: r.request_id, at: r.created_at, buurtName: r.buurt_name, category: r.category, zorgLabel: r.zorg_label, title: r.category !== 'zorg' ? r.title : null, roles, cents };
	});
	const [opt] = await db.query('SELECT 1 FROM help_name_optins WHERE account_id = $1', [actor.accountId]);
	return {
		totalCents: Number(attribution.total),
		items,
		nextBefore: attribution.nextBefore,
		pending,
		pendingCents: pending.reduce((s, p) => s + p.cents, 0),
		namedInPot: !!opt
	};
}

export const setNameInPotSchema = z.object({ named: z.boolean({ error: 'validation.choice' }) });

/**
 * Whether the buurtpot page may show the member's first name next to what they earned
 * (default: no, they are counted among "other neighbours").
 */
export async function setNameInPot(ctx: Ctx, actor: Actor, input: unknown): Promise<{ named: boolean }> {
	const v = parseInput(setNameInPotSchema, input);
	const at = ctx.clock();
	await ctx.db.transaction(async (tx) => {
		if (v.named) await tx.query('INSERT INTO help_name_optins (account_id, at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [actor.accountId, at]);
		else await tx.query('DELETE FROM help_name_optins WHERE account_id = $1', [actor.accountId]);
		// Being named on the pot page is a consent (privacy's records; withdrawn there too).
		if (v.named) await recordConsent(tx, { accountId: actor.accountId, kind: 'name_shown', scope: 'pot', how: 'web', byAccountId: actor.accountId, at });
		else await endConsent(tx, { accountId: actor.accountId, kind: 'name_shown', scope: 'pot', how: 'web', at });
		await recordAudit(tx, { at, actorId: actor.accountId, action: v.named ? 'pot.name_opt_in' : 'pot.name_opt_out', subject: `account:${actor.accountId}` });
	});
	return { named: v.named };
}

