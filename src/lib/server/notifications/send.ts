import type { Ctx } from '../shared/context';
import type { NotificationType } from './notify';
import { digestMail, instantMail, type ItemContent } from './render';

/** A claimed row is ours for this long; a worker that dies mid-send frees it by timing out. */
const leaseMs = 5 * 60_000;
/** After this many failed sends a delivery is given up ('failed'); the inbox item stays. */
export const maxAttempts = 8;
/** Retry after 1, 2, 4 … minutes, at most 6 hours. */
const backoffMs = (attempts: number) => Math.min(2 ** Math.max(0, attempts - 1) * 60_000, 6 * 3600_000);

interface ClaimedRow {
	id: number;
	attempts: number;
	account_id: string;
	type: NotificationType;
	subject_kind: string;
	subject_id: string;
	params: Record<string, string | number>;
	created_at: Date;
	read_at: Date | null;
	email: string;
	name: string;
	locale: string | null;
	disabled_at: Date | null;
}

const claimedColumns = `c.id, c.attempts, c.account_id, i.type, i.subject_kind, i.subject_id, i.params, i.created_at, i.read_at,
	a.email, a.name, a.locale, a.disabled_at`;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

async function markSent(ctx: Ctx, ids: number[], now: Date) {
	await ctx.db.query(
		`UPDATE notification_deliveries SET status = 'sent', sent_at = $2, claimed_until = NULL, last_error = NULL
		 WHERE id = ANY($1::bigint[]) AND status = 'pending'`,
		[ids, now]
	);
}

async function markSkipped(ctx: Ctx, ids: number[], reason: string) {
	if (!ids.length) return;
	await ctx.db.query(
		`UPDATE notification_deliveries SET status = 'skipped', claimed_until = NULL, last_error = $2
		 WHERE id = ANY($1::bigint[]) AND status = 'pending'`,
		[ids, reason]
	);
}

/** A failed send stays pending for a later try, or is given up after maxAttempts. */
async function markFailed(ctx: Ctx, ids: number[], err: unknown, retryAt: Date) {
	await ctx.db.query(
		`UPDATE notification_deliveries
		 SET claimed_until = NULL, last_error = $2, next_attempt_at = $3,
		     status = CASE WHEN attempts >= $4 THEN 'failed' ELSE 'pending' END
		 WHERE id = ANY($1::bigint[]) AND status = 'pending'`,
		[ids, errorText(err), retryAt, maxAttempts]
	);
}

export interface SendResult {
	sent: number;
	failed: number;
	skipped: number;
}

/**
 * Job `notifications.send_instant`: sends pending instant e-mails, oldest first, in batches.
 * Each row is claimed (lease + attempts + 1) in one statement with SKIP LOCKED, mailed outside
 * any transaction (PGlite would otherwise stall every request while SMTP talks), then marked
 * sent. Running it twice, or in two workers at once, sends each e-mail once. A failure leaves
 * the row pending with a later next_attempt_at. At most maxBatches × batchSize per run, so a
 * run ends before the next minute's run; the rest waits one minute.
 */
export async function sendInstantMails(ctx: Ctx, opts: { batchSize?: number; maxBatches?: number } = {}): Promise<SendResult> {
	const batchSize = opts.batchSize ?? 100;
	const maxBatches = opts.maxBatches ?? 10;
	const result: SendResult = { sent: 0, failed: 0, skipped: 0 };
	for (let batch = 0; batch < maxBatches; batch++) {
		const now = ctx.clock();
		const rows = await ctx.db.query<ClaimedRow>(
			`WITH next AS (
				SELECT id FROM notification_deliveries
				WHERE status = 'pending' AND mode = 'instant' AND next_attempt_at <= $1
				  AND (claimed_until IS NULL OR claimed_until < $1)
				ORDER BY id LIMIT $2
				FOR UPDATE SKIP LOCKED
			), c AS (
				UPDATE notification_deliveries d SET claimed_until = $3, attempts = d.attempts + 1
				FROM next WHERE d.id = next.id
				RETURNING d.id, d.attempts, d.item_id, d.account_id
			)
			SELECT ${claimedColumns}
			FROM c JOIN notification_items i ON i.id = c.item_id JOIN accounts a ON a.id = c.account_id
			ORDER BY c.id`,
			[now, batchSize, new Date(now.getTime() + leaseMs)]
		);
		if (!rows.length) break;
		const disabled = rows.filter((r) => r.disabled_at).map((r) => r.id);
		await markSkipped(ctx, disabled, 'account disabled');
		result.skipped += disabled.length;
		for (const row of rows) {
			if (row.disabled_at) continue;
			try {
				await ctx.mail.send(instantMail(ctx.publicUrl, row, row as ItemContent));
				await markSent(ctx, [row.id], ctx.clock());
				result.sent++;
			} catch (err) {
				const at = ctx.clock();
				await markFailed(ctx, [row.id], err, new Date(at.getTime() + backoffMs(row.attempts)));
				ctx.log.warn({ err, deliveryId: row.id, attempts: row.attempts }, 'notification e-mail failed; will retry');
				result.failed++;
			}
		}
		if (rows.length < batchSize) break;
	}
	if (result.sent || result.failed) ctx.log.info({ job: 'notifications.send_instant', ...result }, 'instant notifications sent');
	return result;
}

/**
 * Job `notifications.send_digests` (daily): ONE e-mail per person with all their pending digest
 * items, for every person, in one run. People are taken in batches (by account id, so the run
 * always moves forward even past failures); each batch's rows are claimed in one statement.
 * Items already read in the inbox are left out (marked skipped): the person has seen them. If
 * anyone's digest failed, their rows stay pending and the run throws at the end so pg-boss
 * retries the job; what was sent is not sent again.
 */
export async function sendDigests(ctx: Ctx, opts: { accountsPerBatch?: number } = {}): Promise<SendResult & { people: number }> {
	const accountsPerBatch = opts.accountsPerBatch ?? 200;
	const result = { sent: 0, failed: 0, skipped: 0, people: 0 };
	const start = ctx.clock();
	let after = '00000000-0000-0000-0000-000000000000';
	for (;;) {
		const now = ctx.clock();
		const rows = await ctx.db.query<ClaimedRow>(
			`WITH people AS (
				SELECT DISTINCT account_id FROM notification_deliveries
				WHERE status = 'pending' AND mode = 'digest' AND account_id > $1::uuid AND created_at <= $2
				  AND (claimed_until IS NULL OR claimed_until < $3)
				ORDER BY account_id LIMIT $4
			), next AS (
				SELECT d.id FROM notification_deliveries d JOIN people p ON p.account_id = d.account_id
				WHERE d.status = 'pending' AND d.mode = 'digest' AND d.created_at <= $2
				  AND (d.claimed_until IS NULL OR d.claimed_until < $3)
				FOR UPDATE OF d SKIP LOCKED
			), c AS (
				UPDATE notification_deliveries d SET claimed_until = $5, attempts = d.attempts + 1
				FROM next WHERE d.id = next.id
				RETURNING d.id, d.attempts, d.item_id, d.account_id
			)
			SELECT ${claimedColumns}
			FROM c JOIN notification_items i ON i.id = c.item_id JOIN accounts a ON a.id = c.account_id
			ORDER BY c.account_id, i.created_at, c.id`,
			[after, start, now, accountsPerBatch, new Date(now.getTime() + leaseMs)]
		);
		if (!rows.length) break;
		const byAccount = new Map<string, ClaimedRow[]>();
		for (const row of rows) byAccount.set(row.account_id, [...(byAccount.get(row.account_id) ?? []), row]);
		for (const [accountId, all] of byAccount) {
			after = accountId > after ? accountId : after;
			const skip = all.filter((r) => r.disabled_at || r.read_at);
			await markSkipped(ctx, skip.map((r) => r.id), all[0].disabled_at ? 'account disabled' : 'read in inbox');
			result.skipped += skip.length;
			const items = all.filter((r) => !r.disabled_at && !r.read_at);
			if (!items.length) continue;
			try {
				await ctx.mail.send(digestMail(ctx.publicUrl, items[0], items as ItemContent[]));
				await markSent(ctx, items.map((r) => r.id), ctx.clock());
				result.sent += items.length;
				result.people++;
			} catch (err) {
				// No backoff: the next try is pg-boss's retry of this run, or tomorrow's run.
				await markFailed(ctx, items.map((r) => r.id), err, ctx.clock());
				ctx.log.warn({ err, accountId, items: items.length }, 'digest e-mail failed; will retry');
				result.failed += items.length;
			}
		}
	}
	ctx.log.info({ job: 'notifications.send_digests', ...result }, 'digests sent');
	if (result.failed) throw new Error(`notifications.send_digests: ${result.failed} digest item(s) could not be mailed; they stay pending`);
	return result;
}
