import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { createTestDb } from '../db/test-db';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { loadActor, type Actor } from '../people';
import { topUpBuurt } from '../pot';
import { DomainError } from '../shared/errors';
import { askHelpRequest } from './ask-help-request';
import { publishHelpRequest, redirectHelpRequest, rejectHelpRequest, returnHelpRequest } from './check-help-request';
import { cancelHelpRequest, confirmHelpRequest, disputeHelpRequest } from './asker-actions';
import { markHelpRequestDone, takeHelpRequest } from './helper-actions';
import { settleHelpRequest } from './settle-help-request';
import type { HelpState } from './model';
import { demoNeighbourhood } from '../people/test-fixtures';

/**
 * The demo neighbourhood plus two more people, for the help tests: in Lindebuurt Anna (asker),
 * Bram (supervisor), Noor (helper), Kees (another member); Olga lives in Beukenbuurt (outsider);
 * Wim is wijkconsulent (staff).
 */
export type Persona = 'asker' | 'supervisor' | 'staff' | 'helper' | 'member' | 'outsider';

export interface HelpFixture {
	db: Db;
	ctx: TestCtx;
	ids: Record<Persona | 'admin', string>;
	lindebuurt: string;
	beukenbuurt: string;
	actor(p: Persona | 'admin'): Promise<Actor>;
	/** A new request of Anna's driven to the given state by the use cases. */
	requestIn(state: HelpState, opts?: { category?: string; zorgLabel?: string; checker?: Persona }): Promise<string>;
	ask(opts?: Record<string, unknown>): Promise<string>;
}

export const key = () => `k-${randomUUID()}`;

/** A reason good enough for every action that needs one. */
export const reason = 'Een duidelijke reden.';

export const askInput = (buurtId: string, over: Record<string, unknown> = {}) => ({
	buurtId,
	category: 'onderhoud_woning',
	title: 'Hulp bij de heg',
	description: 'Mijn heg is te hoog geworden. Wie helpt mij knippen?',
	when: 'flexible',
	urgency: 'this_week',
	place: 'home',
	...over
});

export async function createHelpFixture(db: Db, ctx: TestCtx): Promise<HelpFixture> {
	const { demo, linde, beuken, unitIn, person } = await demoNeighbourhood(db, ctx);
	const ids = {
		asker: demo.tenant,
		supervisor: demo.supervisor,
		helper: demo.helper,
		staff: demo.employee,
		admin: demo.admin,
		member: await person('Kees Hendriks', await unitIn('C-200', 2)),
		outsider: await person('Olga Nowak', await unitIn('C-300', 3))
	};
	const actor = async (p: Persona | 'admin') => (await loadActor(db, ids[p], ctx.clock()))!;
	const ask = async (over: Record<string, unknown> = {}) => (await askHelpRequest(ctx, await actor('asker'), askInput(linde.id, over))).id;
	const requestIn = async (state: HelpState, opts: { category?: string; zorgLabel?: string; checker?: Persona } = {}) => {
		const id = await ask({ ...(opts.category ? { category: opts.category } : {}), ...(opts.zorgLabel ? { zorgLabel: opts.zorgLabel } : {}) });
		const checker = await actor(opts.checker ?? 'supervisor');
		const asker = await actor('asker');
		const helper = await actor('helper');
		const staff = await actor('staff');
		const reason = 'Duidelijke vraag, dank u.';
		if (state === 'to_check') return id;
		if (state === 'returned') return (await returnHelpRequest(ctx, checker, { requestId: id, reason: 'Welke dag past u?' })).id;
		if (state === 'redirected') return (await redirectHelpRequest(ctx, checker, { requestId: id, reason: 'Dit doet de corporatie.', redirectKind: 'landlord_duty' })).id;
		if (state === 'rejected') return (await rejectHelpRequest(ctx, checker, { requestId: id, reason: 'Dit past niet bij Noaber.' })).id;
		if (state === 'cancelled') return (await cancelHelpRequest(ctx, asker, { requestId: id })).id;
		await publishHelpRequest(ctx, checker, { requestId: id, reason });
		if (state === 'published') return id;
		await takeHelpRequest(ctx, helper, { requestId: id });
		if (state === 'taken') return id;
		await markHelpRequestDone(ctx, helper, { requestId: id });
		if (state === 'done') return id;
		if (state === 'confirmed') return (await confirmHelpRequest(ctx, asker, { requestId: id })).id;
		await disputeHelpRequest(ctx, asker, { requestId: id, reason: 'De heg is maar half geknipt.' });
		if (state === 'disputed') return id;
		if (state === 'closed') return (await settleHelpRequest(ctx, staff, { requestId: id, outcome: 'close', reason: 'Samen besproken.' })).id;
		throw new Error(`no path to ${state}`);
	};
	return { db, ctx, ids, lindebuurt: linde.id, beukenbuurt: beuken.id, actor, requestIn, ask };
}

/**
 * The set-up of a help test file: a fresh database with the demo neighbourhood and the people
 * above, and enough money in Lindebuurt's funding account for every reward the file pays.
 */
export async function openHelpTests(): Promise<HelpFixture> {
	const db = await createTestDb();
	const ctx = testCtx(db);
	const f = await createHelpFixture(db, ctx);
	await topUpBuurt(ctx, await f.actor('staff'), { buurtId: f.lindebuurt, account: 'funding', amountCents: 1_000_000, note: 'Leefbaarheidsbudget test', idempotencyKey: key() });
	return f;
}

/** Reads the help tests check against; `db` is asked for at each call (beforeAll sets it). */
export function helpReads(db: () => Db) {
	return {
		stateOf: async (id: string) => (await db().query<{ state: HelpState }>('SELECT state FROM help_requests WHERE id = $1', [id]))[0].state,
		historyCount: async (id: string) => (await db().query<{ n: number }>('SELECT count(*)::int AS n FROM help_history WHERE request_id = $1', [id]))[0].n,
		count: async (table: string) => (await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n
	};
}

/** Awaits a rejection and returns its DomainError code (and field codes). */
export async function errorOf(p: Promise<unknown>): Promise<{ code: string; fields: Record<string, string>; details: Record<string, unknown> }> {
	try {
		await p;
	} catch (e) {
		if (e instanceof DomainError) return { code: e.code, fields: e.fields, details: e.details };
		throw e;
	}
	throw new Error('expected a DomainError');
}
