import type { JobDefinition } from '../shared/boss';
import type { Ctx } from '../shared/context';
import { dutchDay } from './listen-model';
import { areaNameSql } from './listen-area';
import { tellAssociation, tellStaff } from './advice-notices';

const BATCH = 200;

/**
 * Flags advice requests whose answer or reply is late, once each, and tells both sides
 * (`advice.overdue`, step answer | reply): a request not answered after its deadline, an answer
 * not replied to after the reply's due date. Idempotent: the flag is set in the same
 * transaction as the notices, and a flagged row is skipped (SKIP LOCKED lets two workers share).
 * Days are Dutch days: late means the deadline's day has passed in the Netherlands.
 */
export async function flagOverdueAdvice(ctx: Pick<Ctx, 'db' | 'clock'>): Promise<{ answers: number; replies: number }> {
	const now = ctx.clock();
	const today = dutchDay(now);
	const out = { answers: 0, replies: 0 };
	for (const step of ['answer', 'reply'] as const) {
		const [flag, due, pending] =
			step === 'answer' ? ['answer_overdue_at', 'deadline_on', 'answered_at IS NULL'] : ['reply_overdue_at', 'reply_due_on', 'answered_at IS NOT NULL AND replied_at IS NULL'];
		await ctx.db.transaction(async (tx) => {
			const rows = await tx.query<{ id: string; corporation_id: string; organisation_id: string; subject: string; sent_by: string; area_name: string }>(
				`SELECT r.id, r.corporation_id, r.organisation_id, r.subject, r.sent_by, ${areaNameSql('r')} AS area_name FROM voice_advice_requests r
				 WHERE r.${pending} AND r.closed_at IS NULL AND r.${flag} IS NULL AND r.${due} < $1::date
				 ORDER BY r.${due}, r.id LIMIT $2 FOR UPDATE OF r SKIP LOCKED`,
				[today, BATCH]
			);
			for (const r of rows) {
				await tx.query(`UPDATE voice_advice_requests SET ${flag} = $2 WHERE id = $1`, [r.id, now]);
				const facts = { id: r.id, organisationId: r.organisation_id, subject: r.subject, areaName: r.area_name, corporationId: r.corporation_id, sentBy: r.sent_by };
				await tellAssociation(tx, facts, 'advice.overdue', now, step);
				await tellStaff(tx, facts, 'advice.overdue', now, step);
			}
			out[step === 'answer' ? 'answers' : 'replies'] = rows.length;
		});
	}
	return out;
}

export const adviceJobs: JobDefinition[] = [
	{
		name: 'voice.flag_overdue_advice',
		// Every hour at :41; a deadline passes at midnight Dutch time, so the flag comes within the hour.
		cron: '41 * * * *',
		async handler(ctx) {
			await flagOverdueAdvice(ctx);
		}
	}
];
