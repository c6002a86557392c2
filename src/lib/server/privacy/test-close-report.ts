import { createReport, ensureDefaultCategories } from '../reports';
import type { HelpFixture } from '../help/test-fixtures';
import { key } from '../help/test-fixtures';
import { validAnswers } from '../reports/test-fixtures';

/** A report of Anna's, closed (withdrawn) at `closedAt`, for the retention test. */
export async function closeReport(f: HelpFixture, closedAt: Date): Promise<string> {
	const [{ corporation_id }] = await f.db.query<{ corporation_id: string }>('SELECT corporation_id FROM buurten WHERE id = $1', [f.lindebuurt]);
	await f.db.transaction((tx) => ensureDefaultCategories(tx, corporation_id, f.ctx.clock()));
	const [cat] = await f.db.query<{ id: string }>(`SELECT id FROM report_categories WHERE corporation_id = $1 AND kind = 'repairs' AND parent_id IS NULL`, [corporation_id]);
	const r = await createReport(f.ctx, await f.actor('asker'), { categoryId: cat.id, location: { kind: 'complex' }, description: 'Oude melding over de lamp.', answers: validAnswers.repairs, hideName: false, idempotencyKey: key() });
	await f.db.query(`UPDATE reports SET state = 'withdrawn', closed_at = $2 WHERE id = $1`, [r.id, closedAt]);
	return r.id;
}
