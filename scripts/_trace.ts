// Logs each statement a page sends and its time, against the large seed (in-process, no server).
import { connectPostgres } from '../src/lib/server/db/client';
import { loadActor } from '../src/lib/server/people';
const db = await connectPostgres(process.argv[2], 2);
const orig = db.query.bind(db);
const log: [number, string][] = [];
(db as { query: typeof db.query }).query = async (sql: string, params?: unknown[], o?: { name?: string }) => { const t = performance.now(); const r = await orig(sql, params, o); log.push([performance.now() - t, sql.replace(/\s+/g, ' ').slice(0, 150)]); return r; };
const origTx = db.transaction.bind(db);
(db as { transaction: typeof db.transaction }).transaction = (fn) => origTx(async (tx) => { const q = tx.query.bind(tx); (tx as { query: typeof tx.query }).query = async (sql: string, params?: unknown[]) => { const t = performance.now(); const r = await q(sql, params); log.push([performance.now() - t, sql.replace(/\s+/g, ' ').slice(0, 150)]); return r; }; return fn(tx); });
const who = process.argv[3];
const [a] = await orig<{ id: string }>(`SELECT id FROM accounts WHERE email = $1`, [`${who}@demo.noaber.test`]);
const actor = (await loadActor(db, a.id, new Date()))!;
const [b] = await orig<{ id: string; round: string }>(`SELECT b.id, (SELECT id FROM buurtpot_rounds WHERE buurt_id = b.id AND closed_at IS NOT NULL AND NOT is_test ORDER BY closed_at DESC LIMIT 1) AS round FROM buurten b WHERE name = 'Lindebuurt'`);
const page = process.argv[4];
const ctx = { db, clock: () => new Date() };
const run = async () => {
	if (page === 'pot') return (await import('../src/lib/server/pot')).getPotOverview(db, actor, { buurtId: b.id });
	if (page === 'results') return (await import('../src/lib/server/rounds')).getRoundResults(db, actor, b.round, new Date());
	if (page === 'queue') return (await import('../src/lib/server/reports')).listStaffQueue(db, actor, {} as never, new Date());
};
await run();
log.length = 0;
await run();
for (const [ms, sql] of log) console.log(ms.toFixed(1).padStart(7), sql);
await db.close();
void ctx;
