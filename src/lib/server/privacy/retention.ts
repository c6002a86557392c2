import type { Ctx } from '../shared/context';
import { recordAudit } from '../audit';
import type { RetentionKind } from './model';

/**
 * Runs every retention rule once (the daily job `privacy.retention`, or a test with its clock):
 * each rule in its own transaction, which may rewrite append-only tables and delete old audit
 * rows, and ONE audit row for the run with the count per kind (`privacy.retention_run`). A rule
 * that fails is logged and counted as failed; the others still run.
 */
export async function runRetention(ctx: Ctx, kinds: readonly RetentionKind[]): Promise<Record<string, number>> {
	const now = ctx.clock();
	const counts: Record<string, number> = {};
	const failed: string[] = [];
	for (const k of kinds) {
		try {
			counts[k.kind] = await ctx.db.transaction(async (tx) => {
				await tx.query("SELECT set_config('noaber.privacy_erasure', 'on', true), set_config('noaber.privacy_retention', 'on', true)");
				return k.run(tx, { now, kind: k.kind, defaultDays: k.defaultDays });
			});
		} catch (err) {
			failed.push(k.kind);
			ctx.log.error({ err, kind: k.kind }, 'retention rule failed');
		}
	}
	await ctx.db.transaction((tx) => recordAudit(tx, { at: now, actorId: null, action: 'privacy.retention_run', subject: null, details: { counts, failed } }));
	return counts;
}
