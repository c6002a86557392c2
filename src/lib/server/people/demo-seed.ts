import type { Db, Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { hashPassword } from '../auth';
import { createBuurt, createComplex, createCorporation, createUnit } from '../places';
import { recordAudit } from '../audit';

/** The one demo password, for every demo account; demo mode only (never in production). */
export const demoPassword = 'noaber-demo-2026';

export const demoAccounts = [
	{ key: 'tenant', email: 'anna@demo.noaber.test', name: 'Anna de Vries' },
	{ key: 'supervisor', email: 'bram@demo.noaber.test', name: 'Bram Jansen' },
	{ key: 'helper', email: 'noor@demo.noaber.test', name: 'Noor El Amrani' },
	{ key: 'care', email: 'carla@demo.noaber.test', name: 'Carla Visser' },
	{ key: 'employee', email: 'wim@demo.noaber.test', name: 'Wim Bakker' },
	{ key: 'tenants_association', email: 'hanna@demo.noaber.test', name: 'Hanna Smit' },
	{ key: 'municipality', email: 'gert@demo.noaber.test', name: 'Gert Mulder' },
	{ key: 'supplier', email: 'sander@demo.noaber.test', name: 'Sander de Boer' },
	{ key: 'admin', email: 'admin@demo.noaber.test', name: 'Ayla Demir' },
	{ key: 'piet', email: 'piet@demo.noaber.test', name: 'Piet Kok' },
	{ key: 'fatima', email: 'fatima@demo.noaber.test', name: 'Fatima Yilmaz' },
	{ key: 'henk', email: 'henk@demo.noaber.test', name: 'Henk de Groot' },
	{ key: 'olga', email: 'olga@demo.noaber.test', name: 'Olga Peters' },
	{ key: 'kees', email: 'kees@demo.noaber.test', name: 'Kees Bos' }
] as const;

export type DemoKey = (typeof demoAccounts)[number]['key'];

export async function isSeeded(db: Db): Promise<boolean> {
	const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM corporations');
	return row.n > 0;
}

const streets = [
	{ complex: 'C-100', name: 'Lindehof', street: 'Lindehof', postcode: '9999 AA', units: 16, buurt: 0 },
	{ complex: 'C-200', name: 'Eikenlaan', street: 'Eikenlaan', postcode: '9999 AB', units: 12, buurt: 0 },
	{ complex: 'C-300', name: 'Beukenhof', street: 'Beukenhof', postcode: '9999 BA', units: 12, buurt: 1 }
];

/**
 * The demo neighbourhood: a clearly fictional corporation in the fictional gemeente Noaberveen
 * (CBS-format codes that no real place uses), two buurten, three complexes, 40 units and one
 * account per persona. One transaction: a failed seed leaves nothing behind.
 */
/**
 * A second, clearly fictional corporation in its own fictional gemeente, with its own admin
 * (Olga) and one tenant (Kees): what one corporation sees must never show the other's.
 */
async function seedSecondCorporation(tx: Queryable, ids: Record<DemoKey, string>, now: Date) {
	const corporationId = await createCorporation(tx, { name: 'Woonbron Oost (fictief)', allowOwnerOccupiers: false });
	const buurtId = await createBuurt(tx, {
		corporationId,
		gemeente: { code: 'GM9998', name: 'Oostveen (fictief)' },
		wijk: { code: 'WK999801', name: 'Oost' },
		code: 'BU99980101',
		cbsYear: 2025,
		name: 'Esdoornbuurt'
	});
	const complexId = await createComplex(tx, { corporationId, buurtId, code: 'E-100', name: 'Esdoornhof' });
	const units: string[] = [];
	for (let n = 1; n <= 8; n++) {
		units.push(await createUnit(tx, complexId, { eenheid: `E-100-${String(n).padStart(3, '0')}`, street: 'Esdoornhof', houseNumber: n, addition: '', postcode: '9998 AA', place: 'Oostveen' }));
	}
	await tx.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', '2024-01-01')`, [ids.kees, units[0]]);
	await tx.query('INSERT INTO staff_roles (account_id, corporation_id, role) VALUES ($1, $2, $3)', [ids.olga, corporationId, 'admin']);
	await recordAudit(tx, { at: now, actorId: null, action: 'demo.seeded', subject: `corporation:${corporationId}` });
}

export async function seedDemo(ctx: Pick<Ctx, 'db' | 'clock'>): Promise<Record<DemoKey, string>> {
	const now = ctx.clock();
	const today = now.toISOString().slice(0, 10);
	const hash = await hashPassword(demoPassword);
	return ctx.db.transaction(async (tx) => {
		const corporationId = await createCorporation(tx, { name: 'Woonstichting De Linde (fictief)', allowOwnerOccupiers: true });
		const gemeente = { code: 'GM9999', name: 'Noaberveen (fictief)' };
		const wijk = { code: 'WK999901', name: 'Centrum' };
		const buurtIds = [
			await createBuurt(tx, { corporationId, gemeente, wijk, code: 'BU99990101', cbsYear: 2025, name: 'Lindebuurt' }),
			await createBuurt(tx, { corporationId, gemeente, wijk, code: 'BU999901AB', cbsYear: 2025, name: 'Beukenbuurt' })
		];
		const unitIds: string[][] = [[], []];
		for (const s of streets) {
			const complexId = await createComplex(tx, { corporationId, buurtId: buurtIds[s.buurt], code: s.complex, name: s.name });
			for (let n = 1; n <= s.units; n++) {
				const id = await createUnit(tx, complexId, {
					eenheid: `${s.complex}-${String(n).padStart(3, '0')}`,
					street: s.street,
					houseNumber: n,
					addition: '',
					postcode: s.postcode,
					place: 'Noaberveen'
				});
				unitIds[s.buurt].push(id);
			}
		}
		const orgs: Record<string, string> = {};
		for (const [kind, name] of [
			['care', 'Zorggroep Noaberveen (fictief)'],
			['municipality', 'Gemeente Noaberveen (fictief)'],
			['supplier', 'Klusbedrijf Timmer (fictief)'],
			['tenants_association', 'Huurdersvereniging De Linde (fictief)']
		]) {
			const [row] = await tx.query<{ id: string }>('INSERT INTO organisations (corporation_id, kind, name) VALUES ($1, $2, $3) RETURNING id', [
				corporationId,
				kind,
				name
			]);
			orgs[kind] = row.id;
		}
		const ids = {} as Record<DemoKey, string>;
		for (const a of demoAccounts) {
			const [row] = await tx.query<{ id: string }>(
				'INSERT INTO accounts (email, name, password_hash, locale, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
				[a.email, a.name, hash, 'nl', now]
			);
			ids[a.key] = row.id;
		}
		const member = (key: DemoKey, unit: string) =>
			tx.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', '2024-01-01')`, [ids[key], unit]);
		await member('tenant', unitIds[0][0]);
		await member('supervisor', unitIds[0][4]);
		await member('helper', unitIds[0][9]);
		await member('fatima', unitIds[0][12]);
		await member('piet', unitIds[1][2]);
		await tx.query('INSERT INTO ambassadors (account_id, buurt_id) VALUES ($1, $2)', [ids.fatima, buurtIds[0]]);
		// The supervisor's term: 3 months from today, approved by the wijkconsulent.
		const end = new Date(now);
		end.setUTCMonth(end.getUTCMonth() + 3);
		await tx.query(
			'INSERT INTO supervisor_terms (account_id, buurt_id, starts_on, ends_on, appointed_by, approved_at, approved_by) VALUES ($1, $2, $3, $4, $5, $6, $5)',
			[ids.supervisor, buurtIds[0], today, end.toISOString().slice(0, 10), ids.employee, now]
		);
		await tx.query('INSERT INTO staff_roles (account_id, corporation_id, role) VALUES ($1, $2, $3)', [ids.employee, corporationId, 'wijkconsulent']);
		await tx.query('INSERT INTO staff_roles (account_id, corporation_id, role) VALUES ($1, $2, $3)', [ids.admin, corporationId, 'admin']);
		await tx.query('INSERT INTO staff_roles (account_id, corporation_id, role) VALUES ($1, $2, $3)', [ids.henk, corporationId, 'huismeester']);
		for (const kind of ['care', 'municipality', 'supplier', 'tenants_association'] as const) {
			await tx.query('INSERT INTO partner_staff (account_id, organisation_id) VALUES ($1, $2)', [ids[kind], orgs[kind]]);
			// Every demo partner serves Lindebuurt only: its staff see nothing of Beukenbuurt.
			await tx.query('INSERT INTO organisation_buurten (organisation_id, buurt_id) VALUES ($1, $2)', [orgs[kind], buurtIds[0]]);
		}
		await seedSecondCorporation(tx, ids, now);
		await recordAudit(tx, { at: now, actorId: null, action: 'demo.seeded', subject: `corporation:${corporationId}` });
		return ids;
	});
}
