import type { Ctx } from '../shared/context';
import { loadActor } from '../people';
import type { ModerationTarget, ReportReason } from './model';
import { reportContent } from './report-content';

/**
 * Moderation's demo, run by the demo registry (../demo.ts), which hands in a piece of content it
 * made through its own module (a board post) and who reports it: so the review queue of the
 * Lindebuurt's ambassador (Fatima) and of staff is not empty on a first visit. Through the use
 * case, a few hours apart; skipped when the content was reported already (idempotent).
 */
export async function seedModerationDemo(ctx: Ctx, opts: { target: (reporterId: string) => Promise<ModerationTarget>; reports: { reporterId: string; reason: ReportReason; note?: string; hoursAgo: number }[] }): Promise<void> {
	const now = ctx.clock();
	for (const r of opts.reports) {
		const reporter = await loadActor(ctx.db, r.reporterId, now);
		if (!reporter) continue;
		const target = await opts.target(r.reporterId);
		const [done] = await ctx.db.query('SELECT 1 FROM moderation_reports mr JOIN moderation_items mi ON mi.id = mr.item_id WHERE mi.content_kind = $1 AND mi.content_id = $2 AND mr.reporter_id = $3', [
			target.kind,
			target.id,
			r.reporterId
		]);
		if (done) continue;
		await reportContent({ ...ctx, clock: () => new Date(now.getTime() - r.hoursAgo * 3600_000) }, reporter, target, { reason: r.reason, note: r.note ?? '' });
	}
}
