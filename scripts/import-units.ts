// npm run import-units -- FILE.csv --as staff@example.nl [--incremental] : the CSV import from the
// command line; --incremental takes the nightly changes file (column mutatie), for a cron job.
import { readFileSync } from 'node:fs';
import { startRuntime } from '../src/lib/server/runtime';
import { importUnits, loadActor, staffCorporationIds, syncUnits } from '../src/lib/server/people';
import { DomainError } from '../src/lib/server/shared/errors';

const [file, flag, email, mode] = process.argv.slice(2);
if (!file || flag !== '--as' || !email || (mode !== undefined && mode !== '--incremental')) {
	console.error('usage: npm run import-units -- FILE.csv --as STAFF_EMAIL [--incremental]');
	process.exit(2);
}
const runtime = await startRuntime({ web: false, worker: false });
try {
	const [account] = await runtime.ctx.db.query<{ id: string }>('SELECT id FROM accounts WHERE lower(email) = lower($1)', [email]);
	const actor = account && (await loadActor(runtime.ctx.db, account.id, new Date()));
	if (!actor || !staffCorporationIds(actor).length) throw new Error(`${email} is not a staff account`);
	const input = { corporationId: staffCorporationIds(actor)[0], csv: readFileSync(file, 'utf8'), fileName: file };
	if (mode === '--incremental') {
		const r = await syncUnits(runtime.ctx, actor, input);
		console.log(`Applied ${r.newTenancies} new, ${r.changedTenancies} changed and ${r.endedTenancies} ended tenancies, ${r.newUnits} new units; ${r.membershipsEnded} memberships ended.`);
	} else {
		const summary = await importUnits(runtime.ctx, actor, input);
		console.log(`Imported ${summary.units} units, ${summary.complexes} new complexes, ${summary.tenancies} tenancies.`);
	}
} catch (err) {
	if (err instanceof DomainError && err.code === 'people.import_already_done') {
		console.error('This file was imported before; nothing changed.');
	} else if (err instanceof DomainError && err.code === 'people.import_invalid') {
		for (const p of (err.details.problems as { line: number; column: string; code: string }[])) console.error(`line ${p.line}: ${p.column}: ${p.code}`);
		console.error('Nothing was imported.');
		process.exitCode = 1;
	} else throw err;
} finally {
	await runtime.stop();
}
