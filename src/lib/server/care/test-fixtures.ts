import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { createTestDb } from '../db/test-db';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { DomainError } from '../shared/errors';
import { loadActor, type Actor } from '../people';
import { topUpBuurt } from '../pot';
import { demoNeighbourhood } from '../people/test-fixtures';
import { createCareRequest } from './create-care-request';
import { recordHelperCheck } from './vetting';
import { setCareCoordinator } from './organisations';
import { addMonths, isoDay } from './model';

/**
 * The demo neighbourhood for the care tests: Carla (care provider of Zorggroep Noaberveen, which
 * serves the Lindebuurt) and Dana (a colleague there, not the coordinator); Noor, a vetted
 * helper of the Lindebuurt; Anna and Fatima, members there without a check; Piet, a member of
 * the Beukenbuurt with a check there; Wim (wijkconsulent), Ayla (admin), Gert (municipality),
 * Hanna (tenants' association); Kees of another corporation. Carla becomes coordinator only when
 * a test says so.
 */
export type CarePersona = 'carla' | 'dana' | 'noor' | 'anna' | 'fatima' | 'piet' | 'wim' | 'admin' | 'gert' | 'hanna' | 'kees';

export interface CareFixture {
	db: Db;
	ctx: TestCtx;
	ids: Record<CarePersona, string>;
	organisationId: string;
	lindebuurt: string;
	beukenbuurt: string;
	actor(p: CarePersona): Promise<Actor>;
	/** A new request by Carla (or `by`) in the Lindebuurt, consent given today by the client. */
	request(over?: Record<string, unknown>, by?: CarePersona): Promise<string>;
	makeCoordinator(p: CarePersona): Promise<void>;
}

export const key = () => `k-${randomUUID()}`;
export const requestInput = (buurtId: string, today: Date, over: Record<string, unknown> = {}) => ({
	buurtId,
	need: 'shopping',
	days: ['mon', 'wed'],
	dayparts: ['morning'],
	frequency: 'weekly',
	weeks: 4,
	consentGivenOn: isoDay(today),
	consentGivenBy: 'client',
	consentStatement: true,
	...over
});

export async function openCareTests(): Promise<CareFixture> {
	const db = await createTestDb();
	const ctx = testCtx(db);
	const { demo, linde, beuken, unitIn, person } = await demoNeighbourhood(db, ctx);
	const [org] = await db.query<{ id: string }>(`SELECT id FROM organisations WHERE kind = 'care'`);
	const [dana] = await db.query<{ id: string }>(`INSERT INTO accounts (email, name) VALUES ('dana@example.test', 'Dana Wever') RETURNING id`);
	await db.query('INSERT INTO partner_staff (account_id, organisation_id) VALUES ($1, $2)', [dana.id, org.id]);
	const ids: Record<CarePersona, string> = {
		carla: demo.care,
		dana: dana.id,
		noor: demo.helper,
		anna: demo.tenant,
		fatima: demo.fatima,
		piet: demo.piet,
		wim: demo.employee,
		admin: demo.admin,
		gert: demo.municipality,
		hanna: demo.tenants_association,
		kees: demo.kees
	};
	void unitIn;
	void person;
	const actor = async (p: CarePersona) => (await loadActor(db, ids[p], ctx.clock()))!;
	const wim = await actor('wim');
	const today = isoDay(ctx.clock());
	await recordHelperCheck(ctx, wim, { buurtId: linde.id, email: 'noor@demo.noaber.test', method: 'vog', vogSeenOn: today, validUntil: addMonths(today, 36) });
	await recordHelperCheck(ctx, wim, { buurtId: beuken.id, email: 'piet@demo.noaber.test', method: 'vog', vogSeenOn: today, validUntil: addMonths(today, 36) });
	await topUpBuurt(ctx, wim, { buurtId: linde.id, account: 'funding', amountCents: 100_000, note: 'Leefbaarheidsbudget test', idempotencyKey: key() });
	return {
		db,
		ctx,
		ids,
		organisationId: org.id,
		lindebuurt: linde.id,
		beukenbuurt: beuken.id,
		actor,
		request: async (over = {}, by = 'carla') => (await createCareRequest(ctx, await actor(by), requestInput(linde.id, ctx.clock(), over))).id,
		makeCoordinator: async (p) => void (await setCareCoordinator(ctx, wim, { organisationId: org.id, accountId: ids[p], coordinator: true }))
	};
}

/** Awaits a rejection and returns its DomainError code and field codes. */
export async function errorOf(p: Promise<unknown>): Promise<{ code: string; fields: Record<string, string> }> {
	try {
		await p;
	} catch (e) {
		if (e instanceof DomainError) return { code: e.code, fields: e.fields };
		throw e;
	}
	throw new Error('expected a DomainError');
}

export const countRows = async (db: Db, table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
