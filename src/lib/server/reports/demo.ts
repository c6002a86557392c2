import type { Ctx } from '../shared/context';
import type { DemoKey } from '../people';
import { loadActor } from '../people';
import { ensureDefaultCategories } from './categories';
import { saveRoutingRules } from './routing';
import { createReport } from './create-report';
import { acknowledgeReport, resolveReport, startReport } from './handle-report';
import { answerSatisfaction } from './reporter-actions';
import { followReport } from './follow';
import { addWorkingDays, dutchDate } from './working-days';

/**
 * Meldingen demo data, run by the demo registry (../demo.ts): the default categories of De Linde
 * (public space goes to the municipality), one routing rule (repairs in the Lindebuurt → the
 * supplier Klusbedrijf Timmer), and reports in the Lindebuurt in several states: a supplier's
 * work order that is planned, a resolved one with its satisfaction answer and a follower, a
 * private nuisance report, and a report for the municipality. Through the use cases (own
 * transactions, fixed idempotency keys); call it once, when seedDemo ran.
 */
export async function seedReportsDemo(ctx: Ctx, ids: Record<DemoKey, string>): Promise<void> {
	const now = ctx.clock();
	const actor = async (key: DemoKey) => (await loadActor(ctx.db, ids[key], now))!;
	const [anna, noor, fatima, bram, wim, sander] = await Promise.all(['tenant', 'helper', 'fatima', 'supervisor', 'employee', 'supplier'].map((k) => actor(k as DemoKey)));
	const corporationId = wim.staff[0].corporationId;
	const lindebuurt = anna.memberBuurtIds[0];
	await ctx.db.transaction((tx) => ensureDefaultCategories(tx, corporationId, now));
	const cats = await ctx.db.query<{ id: string; kind: string }>('SELECT id, kind FROM report_categories WHERE corporation_id = $1 AND parent_id IS NULL', [corporationId]);
	const cat = (kind: string) => cats.find((c) => c.kind === kind)!.id;
	const supplier = sander.partners[0].organisationId;
	await saveRoutingRules(ctx, wim, { corporationId, rules: [{ categoryId: cat('repairs'), buurtId: lindebuurt, party: { kind: 'supplier', organisationId: supplier } }] });

	const door = await createReport(ctx, anna, {
		categoryId: cat('repairs'), location: { kind: 'complex' }, hideName: false, idempotencyKey: 'demo-report-door',
		description: 'De deur van de fietsenberging valt niet meer in het slot. Iedereen kan zo naar binnen.',
		answers: { where: 'Fietsenberging achter Lindehof 1-8', dangerous: 'no' }
	});
	await acknowledgeReport(ctx, sander, { reportId: door.id, note: 'Wij hebben de opdracht aangenomen.' });
	await startReport(ctx, sander, { reportId: door.id, note: 'Onze monteur komt het slot vervangen.', scheduledOn: addWorkingDays(dutchDate(now), 2) });

	const litter = await createReport(ctx, noor, {
		categoryId: cat('cleanliness'), location: { kind: 'pin', lat: 52.2216, lon: 6.8938 }, hideName: true, idempotencyKey: 'demo-report-litter',
		description: 'Er ligt veel zwerfvuil bij het speeltuintje achter de Lindehof.', answers: { what: 'rubbish' }
	});
	await followReport(ctx, anna, { reportId: litter.id, support: true });
	await acknowledgeReport(ctx, wim, { reportId: litter.id, note: 'Dank u. De huismeester kijkt ernaar.' });
	await resolveReport(ctx, wim, { reportId: litter.id, note: 'Het zwerfvuil is opgeruimd. Er komt een extra afvalbak.' });
	await answerSatisfaction(ctx, noor, { reportId: litter.id, score: 4, comment: 'Snel opgelost, dank u.' });

	await createReport(ctx, fatima, {
		categoryId: cat('nuisance'), location: { kind: 'home' }, hideName: true, idempotencyKey: 'demo-report-nuisance',
		description: 'Bij de buren is er bijna elke nacht harde muziek tot 3 uur.', answers: { how_often: 'weekly', talked: 'yes' }
	});

	await createReport(ctx, bram, {
		categoryId: cat('public_space'), hideName: false, idempotencyKey: 'demo-report-streetlight',
		location: { kind: 'address', label: 'Lindehof 5, Noaberveen', buurtCode: 'BU99990101', lat: 52.2214, lon: 6.8931 },
		description: 'De lantaarnpaal voor Lindehof 5 is al een week kapot. Het is daar nu erg donker.', answers: { what: 'street_light' }
	});
}
