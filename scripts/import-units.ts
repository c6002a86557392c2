// npm run import-units -- FILE.csv --as staff@example.nl : the CSV import from the command line.
import { readFileSync } from 'node:fs';
import { startRuntime } from '../src/lib/server/runtime';
import { importUnits, loadActor, staffCorporationIds } from '../src/lib/server/people';
import { DomainError } from '../src/lib/server/shared/errors';

const [file, flag, email] = process.argv.slice(2);
if (!file || flag !== '--as' || !email) {
	console.error('usage: npm run import-units -- FILE.csv --as STAFF_EMAIL');
	process.exit(2);
}
const runtime = await startRuntime({ web: false, worker: false });
try {
	const [account] = await runtime.ctx.db.query<{ id: string }>('SELECT id FROM accounts WHERE lower(email) = lower($1)', [email]);
	const actor = account && (await loadActor(runtime.ctx.db, account.id, new Date()));
	if (!actor || !staffCorporationIds(actor).length) throw new Error(`${email} is not a staff account`);
	const summary = await importUnits(runtime.ctx, actor, { corporationId: staffCorporationIds(actor)[0], csv: readFileSync(file, 'utf8'), fileName: file });
	console.log(`Imported ${summary.units} units, ${summary.complexes} new complexes, ${summary.tenancies} tenancies.`);
} catch (err) {
	if (err instanceof DomainError && err.code === 'people.import_invalid') {
		for (const p of (err.details.problems as { line: number; column: string; code: string }[])) console.error(`line ${p.line}: ${p.column}: ${p.code}`);
		console.error('Nothing was imported.');
		process.exitCode = 1;
	} else throw err;
} finally {
	await runtime.stop();
}
