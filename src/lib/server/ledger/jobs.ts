import { recordAudit } from '../audit';
import type { JobDefinition } from '../shared/boss';
import type { Ctx } from '../shared/context';
import { checkLedger, recordLedgerCheck, type LedgerCheckRecord, type LedgerMismatch } from './check-ledger';

export const LEDGER_CHECK_JOB = 'ledger.check';

/** How many mismatches the log line and the audit row carry (all of them are in ledger_checks). */
const SAMPLE = 20;

/**
 * Runs checkLedger and records the outcome in ledger_checks (getLatestLedgerCheck shows it).
 * When an invariant is broken it also logs at error level and writes an audit row
 * ('ledger.check_failed', subject `ledger_check:<id>`) in the same transaction as the record.
 * It does not throw on a broken ledger: the outcome is recorded, and a retry would only check
 * again. Read-only on the ledger itself; one REPEATABLE READ snapshot (see checkLedger).
 *
 * Runs hourly (ledgerJobs) and once after every start: the runtime calls it after the worker
 * started, without waiting for it —
 *   void runLedgerCheck(ctx).catch((err) => log.error({ err }, 'ledger check could not run'));
 */
export async function runLedgerCheck(ctx: Pick<Ctx, 'db' | 'clock' | 'log'>): Promise<LedgerCheckRecord & { id: number }> {
	const check = await checkLedger(ctx.db);
	const checkedAt = ctx.clock();
	const id = await ctx.db.transaction(async (tx) => {
		const checkId = await recordLedgerCheck(tx, checkedAt, check);
		if (!check.ok)
			await recordAudit(tx, {
				at: checkedAt,
				actorId: null,
				action: 'ledger.check_failed',
				subject: `ledger_check:${checkId}`,
				details: { checkId, mismatchCount: check.mismatches.length, byKind: countByKind(check.mismatches), mismatches: check.mismatches.slice(0, SAMPLE) }
			});
		return checkId;
	});
	if (check.ok) ctx.log.info({ checkId: id, ledgers: check.ledgers }, 'ledger check ok');
	else
		ctx.log.error(
			{ checkId: id, mismatchCount: check.mismatches.length, byKind: countByKind(check.mismatches), mismatches: check.mismatches.slice(0, SAMPLE) },
			'ledger check failed: an invariant of the ledger is broken'
		);
	return { id, checkedAt, ok: check.ok, mismatches: check.mismatches };
}

function countByKind(mismatches: LedgerMismatch[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const m of mismatches) counts[m.kind] = (counts[m.kind] ?? 0) + 1;
	return counts;
}

/** The ledger module's background jobs, listed by the job registry (../job-registry.ts). Crons are UTC. */
export const ledgerJobs: JobDefinition[] = [
	{
		name: LEDGER_CHECK_JOB,
		cron: '41 * * * *',
		async handler(ctx) {
			await runLedgerCheck(ctx);
		}
	}
];
