import { connectPostgres } from '../src/lib/server/db/client';
import { loadActor, homeOverviewPart, consultantCardsPart } from '../src/lib/server/people';
import { readPart } from '../src/lib/server/db/parts';
import { waitingParts } from '../src/routes/(app)/home/waiting.server';
const db = await connectPostgres(process.argv[2], 2);
const [a] = await db.query<{ id: string }>(`SELECT id FROM accounts WHERE email = $1`, [process.argv[3] ?? 'anna@demo.noaber.test']);
const now = new Date();
const actor = (await loadActor(db, a.id, now))!;
const parts = { overview: homeOverviewPart(actor, now), consultants: consultantCardsPart(actor.memberBuurtIds), ...waitingParts(actor, now) };
for (const [k, p] of Object.entries(parts)) {
	if (p.sql === null) continue;
	await readPart(db, p as never);
	const t = performance.now();
	for (let i = 0; i < 5; i++) await readPart(db, p as never);
	console.log(k.padEnd(12), ((performance.now() - t) / 5).toFixed(1), 'ms');
}
await db.close();
const db2 = await connectPostgres(process.argv[2], 2);
for (const k of (process.argv[4] ?? 'mine,open').split(',')) {
	const p = (parts as Record<string, { sql: string; params: unknown[] }>)[k];
	const rows = await db2.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) SELECT ${p.sql}`, p.params);
	console.log('=== ' + k + '\n' + rows.map((r) => r['QUERY PLAN']).join('\n'));
}
await db2.close();
