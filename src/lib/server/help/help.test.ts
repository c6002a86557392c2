import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { httpStatusFor } from '../shared/errors';
import { createHelpFixture, errorOf, key, askInput, type HelpFixture, type Persona } from './test-fixtures';
import { askHelpRequest, askHelpRequestOnBehalf } from './ask-help-request';
import { publishHelpRequest, redirectHelpRequest, rejectHelpRequest, returnHelpRequest } from './check-help-request';
import { cancelHelpRequest, confirmHelpRequest, disputeHelpRequest, resubmitHelpRequest } from './asker-actions';
import { markHelpRequestDone, releaseHelpRequest, takeHelpRequest } from './helper-actions';
import { settleHelpRequest } from './settle-help-request';
import { postHelpMessage, shareMyAddress } from './thread';
import { getRequestDetail, listCheckQueue, listMyRequests, listOpenRequests } from './queries';
import { appointSupervisor, endSupervisorTerm, getSupervisionStatus, signUpAsSupervisor, updateHelpSettings } from './supervisors';
import { autoConfirmDueRequests, flagWaitingRequests } from './jobs';
import { topUpBuurt } from '../pot';
import { DAY_MS, type HelpState } from './model';
import type { Actor } from '../people';

let db: Db;
let ctx: TestCtx;
let f: HelpFixture;

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	f = await createHelpFixture(db, ctx);
	// Enough money for every reward in this file.
	await topUpBuurt(ctx, await f.actor('staff'), { buurtId: f.lindebuurt, account: 'funding', amountCents: 1_000_000, note: 'Leefbaarheidsbudget test' });
});
afterAll(() => db.close());

const stateOf = async (id: string) => (await db.query<{ state: HelpState }>('SELECT state FROM help_requests WHERE id = $1', [id]))[0].state;
const historyCount = async (id: string) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM help_history WHERE request_id = $1', [id]))[0].n;
const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

type Call = (a: Actor, id: string) => Promise<unknown>;
const reason = 'Een duidelijke reden.';
const calls: Record<string, { state: HelpState; call: Call }> = {
	publish: { state: 'to_check', call: (a, id) => publishHelpRequest(ctx, a, { requestId: id, reason }) },
	return: { state: 'to_check', call: (a, id) => returnHelpRequest(ctx, a, { requestId: id, reason }) },
	redirect: { state: 'to_check', call: (a, id) => redirectHelpRequest(ctx, a, { requestId: id, reason }) },
	reject: { state: 'to_check', call: (a, id) => rejectHelpRequest(ctx, a, { requestId: id, reason }) },
	resubmit: { state: 'returned', call: (a, id) => resubmitHelpRequest(ctx, a, { requestId: id, reason: 'Dinsdag past.' }) },
	cancel: { state: 'to_check', call: (a, id) => cancelHelpRequest(ctx, a, { requestId: id }) },
	take: { state: 'published', call: (a, id) => takeHelpRequest(ctx, a, { requestId: id }) },
	release: { state: 'taken', call: (a, id) => releaseHelpRequest(ctx, a, { requestId: id }) },
	mark_done: { state: 'taken', call: (a, id) => markHelpRequestDone(ctx, a, { requestId: id }) },
	confirm: { state: 'done', call: (a, id) => confirmHelpRequest(ctx, a, { requestId: id }) },
	dispute: { state: 'done', call: (a, id) => disputeHelpRequest(ctx, a, { requestId: id, reason }) },
	settle_confirm: { state: 'disputed', call: (a, id) => settleHelpRequest(ctx, a, { requestId: id, outcome: 'confirm', reason }) },
	settle_reopen: { state: 'disputed', call: (a, id) => settleHelpRequest(ctx, a, { requestId: id, outcome: 'reopen', reason }) },
	settle_close: { state: 'disputed', call: (a, id) => settleHelpRequest(ctx, a, { requestId: id, outcome: 'close', reason }) }
};

// Expected outcome of every person action × every persona, on a request of Anna's (asker) that
// Bram (supervisor) checked and Noor (helper) took where applicable. Kees is another member,
// Olga lives in another buurt, Wim is staff. 'ok' or the error code.
const F = 'help.forbidden';
const N = 'help.not_found';
const expected: Record<string, Record<Persona, string>> = {
	publish: { asker: F, supervisor: 'ok', staff: 'ok', helper: N, member: N, outsider: N },
	return: { asker: F, supervisor: 'ok', staff: 'ok', helper: N, member: N, outsider: N },
	redirect: { asker: F, supervisor: 'ok', staff: 'ok', helper: N, member: N, outsider: N },
	reject: { asker: F, supervisor: 'ok', staff: 'ok', helper: N, member: N, outsider: N },
	resubmit: { asker: 'ok', supervisor: F, staff: F, helper: N, member: N, outsider: N },
	cancel: { asker: 'ok', supervisor: F, staff: F, helper: N, member: N, outsider: N },
	take: { asker: 'help.own_request', supervisor: 'help.own_check', staff: F, helper: 'ok', member: 'ok', outsider: N },
	release: { asker: F, supervisor: F, staff: 'ok', helper: 'ok', member: F, outsider: N },
	mark_done: { asker: F, supervisor: F, staff: F, helper: 'ok', member: F, outsider: N },
	confirm: { asker: 'ok', supervisor: F, staff: F, helper: F, member: F, outsider: N },
	dispute: { asker: 'ok', supervisor: F, staff: F, helper: F, member: F, outsider: N },
	settle_confirm: { asker: F, supervisor: F, staff: 'ok', helper: F, member: F, outsider: N },
	settle_reopen: { asker: F, supervisor: F, staff: 'ok', helper: F, member: F, outsider: N },
	settle_close: { asker: F, supervisor: F, staff: 'ok', helper: F, member: F, outsider: N }
};

describe('every transition × every role, through the use cases', () => {
	for (const [action, byPersona] of Object.entries(expected)) {
		for (const [persona, outcome] of Object.entries(byPersona) as [Persona, string][]) {
			it(`${action} by ${persona}: ${outcome}`, async () => {
				const { state, call } = calls[action];
				const id = await f.requestIn(state);
				const before = await historyCount(id);
				const a = await f.actor(persona);
				if (outcome === 'ok') {
					await call(a, id);
					expect(await stateOf(id)).not.toBe(state);
					expect(await historyCount(id)).toBe(before + 1);
				} else {
					expect((await errorOf(call(a, id))).code).toBe(outcome);
					expect(await stateOf(id)).toBe(state);
					expect(await historyCount(id)).toBe(before);
				}
			});
		}
	}
});

describe('the loop', () => {
	it('ask → check (rephrased) → take → talk → done → confirm, with history and messages', async () => {
		const anna = await f.actor('asker');
		const bram = await f.actor('supervisor');
		const noor = await f.actor('helper');
		const id = await f.ask({ title: 'heg', description: 'heg knippe' });
		expect(await stateOf(id)).toBe('to_check');
		// Bram sees it in his queue; Noor does not see it yet.
		expect((await listCheckQueue(db, bram, ctx.clock())).toCheck.map((r) => r.id)).toContain(id);
		expect((await errorOf(getRequestDetail(db, noor, id, ctx.clock()))).code).toBe('help.not_found');

		await publishHelpRequest(ctx, bram, { requestId: id, reason: 'Iets duidelijker gemaakt.', title: 'Heg knippen in de achtertuin', description: 'De heg is te hoog. Wie helpt knippen?' });
		const asAnna = await getRequestDetail(db, anna, id, ctx.clock());
		expect(asAnna.title).toBe('Heg knippen in de achtertuin');
		const publish = asAnna.history!.find((h) => h.action === 'publish')!;
		expect(publish.reason).toBe('Iets duidelijker gemaakt.');
		expect(publish.changes).toEqual(
			expect.arrayContaining([
				{ field: 'title', before: 'heg', after: 'Heg knippen in de achtertuin' },
				{ field: 'description', before: 'heg knippe', after: 'De heg is te hoog. Wie helpt knippen?' }
			])
		);
		const list = await listOpenRequests(db, noor, { buurtId: f.lindebuurt }, ctx.clock());
		expect(list.requests.map((r) => r.id)).toContain(id);
		expect((await getRequestDetail(db, noor, id, ctx.clock())).actions).toEqual(['take']);

		await takeHelpRequest(ctx, noor, { requestId: id });
		await postHelpMessage(ctx, noor, { requestId: id, body: 'Zaterdag om 10 uur?' });
		await postHelpMessage(ctx, anna, { requestId: id, body: 'Prima!' });
		await shareMyAddress(ctx, anna, { requestId: id });
		const thread = (await getRequestDetail(db, noor, id, ctx.clock())).messages!;
		expect(thread.map((m) => m.body)).toEqual(['Zaterdag om 10 uur?', 'Prima!', 'Lindehof 1, 9999 AA']);
		expect(thread.map((m) => m.authorName)).toEqual(['Noor', 'Anna', 'Anna']);
		// Kees, another neighbour, sees the request but not the thread, the history or anyone's address.
		const asKees = await getRequestDetail(db, await f.actor('member'), id, ctx.clock());
		expect(asKees.messages).toBeNull();
		expect(asKees.history).toBeNull();
		expect(asKees.actions).toEqual([]);

		await markHelpRequestDone(ctx, noor, { requestId: id });
		expect((await getRequestDetail(db, anna, id, ctx.clock())).autoConfirmOn).toBe('2026-03-09');
		const r = await confirmHelpRequest(ctx, anna, { requestId: id });
		expect(r).toEqual({ id, state: 'confirmed', reward: 'paid' });
		const history = (await getRequestDetail(db, anna, id, ctx.clock())).history!;
		expect(history.map((h) => [h.action, h.fromState, h.toState, h.role, h.actorName])).toEqual([
			['ask', null, 'to_check', 'asker', 'Anna'],
			['publish', 'to_check', 'published', 'supervisor', 'Bram'],
			['take', 'published', 'taken', 'member', 'Noor'],
			['mark_done', 'taken', 'done', 'helper', 'Noor'],
			['confirm', 'done', 'confirmed', 'asker', 'Anna']
		]);
		expect((await listMyRequests(db, noor)).helping.map((x) => x.id)).toContain(id);
	});

	it('the history and the thread are append-only in the database', async () => {
		await expect(db.query('UPDATE help_history SET reason = $1', ['x'])).rejects.toThrow(/append-only/);
		await expect(db.query('DELETE FROM help_messages')).rejects.toThrow(/append-only/);
	});

	it('a returned request comes back with the answer and the changed text', async () => {
		const id = await f.requestIn('returned');
		await resubmitHelpRequest(ctx, await f.actor('asker'), { requestId: id, reason: 'Zaterdag past het best.', title: 'Heg knippen op zaterdag' });
		const d = await getRequestDetail(db, await f.actor('supervisor'), id, ctx.clock());
		expect(d.state).toBe('to_check');
		expect(d.title).toBe('Heg knippen op zaterdag');
		expect(d.history!.map((h) => h.reason)).toEqual([null, 'Welke dag past u?', 'Zaterdag past het best.']);
	});

	it('"overige" cannot be published: it goes to the corporation; an emergency shows 112', async () => {
		const bram = await f.actor('supervisor');
		const id = await f.ask({ category: 'overige' });
		expect((await errorOf(publishHelpRequest(ctx, bram, { requestId: id, reason }))).code).toBe('help.overige_must_redirect');
		const other = await f.ask();
		expect((await errorOf(publishHelpRequest(ctx, bram, { requestId: other, reason, category: 'overige' }))).fields).toEqual({ category: 'help.overige_must_redirect' });
		await redirectHelpRequest(ctx, bram, { requestId: id, reason: 'Dit pakt de corporatie op.' });
		expect((await getRequestDetail(db, await f.actor('asker'), id, ctx.clock())).redirectKind).toBe('overige');
		const urgent = await f.ask({ category: 'veiligheid', title: 'Gaslucht in het trappenhuis' });
		await redirectHelpRequest(ctx, bram, { requestId: urgent, reason: 'Bel nu 112.', redirectKind: 'emergency' });
		expect((await getRequestDetail(db, await f.actor('asker'), urgent, ctx.clock())).redirectKind).toBe('emergency');
		// Staff see redirected requests as reports to handle.
		expect((await listCheckQueue(db, await f.actor('staff'), ctx.clock())).redirected.map((r) => r.id)).toEqual(expect.arrayContaining([id, urgent]));
	});

	it('a dispute reaches staff, who settle it; reopening frees the request for another helper', async () => {
		const id = await f.requestIn('disputed');
		const wim = await f.actor('staff');
		expect((await listCheckQueue(db, wim, ctx.clock())).disputed.map((r) => r.id)).toContain(id);
		await settleHelpRequest(ctx, wim, { requestId: id, outcome: 'reopen', reason: 'Een andere buur maakt het af.' });
		expect(await stateOf(id)).toBe('published');
		await takeHelpRequest(ctx, await f.actor('member'), { requestId: id });
		expect((await getRequestDetail(db, wim, id, ctx.clock())).helperName).toBe('Kees');
	});
});

describe('two neighbours take the same request at the same moment', () => {
	it('exactly one wins; the other hears it was already taken (409)', async () => {
		const id = await f.requestIn('published');
		const [noor, kees] = [await f.actor('helper'), await f.actor('member')];
		const results = await Promise.allSettled([takeHelpRequest(ctx, noor, { requestId: id }), takeHelpRequest(ctx, kees, { requestId: id })]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(lost.reason.code).toBe('help.already_taken');
		expect(httpStatusFor(lost.reason.code)).toBe(409);
		const [row] = await db.query<{ helper_id: string }>('SELECT helper_id FROM help_requests WHERE id = $1', [id]);
		expect([f.ids.helper, f.ids.member]).toContain(row.helper_id);
		expect((await db.query(`SELECT 1 FROM help_history WHERE request_id = $1 AND action = 'take'`, [id])).length).toBe(1);
	});

	it('ten confirmations at once pay the reward exactly once', async () => {
		const id = await f.requestIn('done');
		const anna = await f.actor('asker');
		const results = await Promise.allSettled(Array.from({ length: 10 }, () => confirmHelpRequest(ctx, anna, { requestId: id })));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(new Set(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code))).toEqual(new Set(['help.already_confirmed']));
		expect((await db.query('SELECT 1 FROM help_rewards WHERE request_id = $1', [id])).length).toBe(1);
		expect((await db.query('SELECT 1 FROM ledger_transfers WHERE id = $1', [`help.reward:${id}`])).length).toBe(1);
	});
});

describe('zorg requests: the buurt sees only the category and a short label', () => {
	it('free text for the asker, the supervisor and the helper who takes it', async () => {
		const id = await f.requestIn('published', { category: 'zorg', zorgLabel: 'steunkousen' });
		const see = async (p: Persona) => (await getRequestDetail(db, await f.actor(p), id, ctx.clock())).title;
		expect(await see('asker')).toBe('Hulp bij de heg');
		expect(await see('supervisor')).toBe('Hulp bij de heg');
		expect(await see('member')).toBeNull();
		expect(await see('helper')).toBeNull();
		// Staff do not read it while the buurt has a supervisor.
		expect(await see('staff')).toBeNull();
		const listed = (await listOpenRequests(db, await f.actor('member'), { buurtId: f.lindebuurt }, ctx.clock())).requests.find((r) => r.id === id)!;
		expect(listed).toMatchObject({ category: 'zorg', zorgLabel: 'steunkousen', title: null, askerName: null });
		const d = await getRequestDetail(db, await f.actor('member'), id, ctx.clock());
		expect(d.description).toBeNull();
		expect(d.text).toBeNull();
		await takeHelpRequest(ctx, await f.actor('helper'), { requestId: id });
		expect(await see('helper')).toBe('Hulp bij de heg');
		expect(await see('member')).toBeNull();
	});

	it('notifications and mail name a zorg request by its label, never its text', async () => {
		const id = await f.requestIn('taken', { category: 'zorg', zorgLabel: 'boodschappen' });
		const params = await db.query<{ params: { title: string } }>('SELECT params FROM notification_items WHERE subject_id = $1', [id]);
		expect(params.length).toBeGreaterThan(0);
		for (const p of params) expect(p.params.title).toBe('Zorg: boodschappen');
	});
});

describe('supervisors', () => {
	it('a member signs up for a term; at most N per buurt; staff appoint and end terms', async () => {
		const kees = await f.actor('member');
		const wim = await f.actor('staff');
		const status = await getSupervisionStatus(db, kees, f.lindebuurt, ctx.clock());
		expect(status).toMatchObject({ canSignUp: true, full: false, settings: { termMonths: 3, maxSupervisors: 2 } });
		const term = await signUpAsSupervisor(ctx, kees, { buurtId: f.lindebuurt, idempotencyKey: key() });
		expect(term.endsOn).toBe('2026-06-02');
		expect((await errorOf(signUpAsSupervisor(ctx, await f.actor('member'), { buurtId: f.lindebuurt }))).code).toBe('supervise.already_supervisor');
		// Two supervisors now (Bram and Kees): full.
		const noorStatus = await getSupervisionStatus(db, await f.actor('helper'), f.lindebuurt, ctx.clock());
		expect(noorStatus).toMatchObject({ canSignUp: false, full: true });
		expect((await errorOf(signUpAsSupervisor(ctx, await f.actor('helper'), { buurtId: f.lindebuurt }))).code).toBe('supervise.full');
		expect((await errorOf(appointSupervisor(ctx, wim, { buurtId: f.lindebuurt, accountId: f.ids.helper }))).code).toBe('supervise.full');
		// Not a member of that buurt.
		expect((await errorOf(signUpAsSupervisor(ctx, await f.actor('outsider'), { buurtId: f.lindebuurt }))).code).toBe('supervise.forbidden');
		expect((await errorOf(appointSupervisor(ctx, await f.actor('member'), { buurtId: f.lindebuurt, accountId: f.ids.helper }))).code).toBe('supervise.forbidden');
		// Kees steps down; Wim appoints Noor; an outsider cannot be appointed.
		await endSupervisorTerm(ctx, await f.actor('member'), { termId: term.termId });
		expect((await errorOf(endSupervisorTerm(ctx, wim, { termId: term.termId }))).code).toBe('supervise.already_ended');
		expect((await errorOf(appointSupervisor(ctx, wim, { buurtId: f.lindebuurt, accountId: f.ids.outsider }))).fields).toEqual({ accountId: 'supervise.not_member' });
		const noorTerm = await appointSupervisor(ctx, wim, { buurtId: f.lindebuurt, accountId: f.ids.helper });
		expect((await f.actor('helper')).supervisorBuurtIds).toContain(f.lindebuurt);
		await endSupervisorTerm(ctx, wim, { termId: noorTerm.termId });
		expect((await f.actor('helper')).supervisorBuurtIds).not.toContain(f.lindebuurt);
	});

	it('two sign-ups for the last place: one gets it', async () => {
		const wim = await f.actor('staff');
		await updateHelpSettings(ctx, wim, { buurtId: f.beukenbuurt, termMonths: 6, maxSupervisors: 1, autoConfirmDays: 7, waitingDays: 5 });
		const [a, b] = await Promise.all(['Piet', 'Marie'].map(async (name) => {
			const [acc] = await db.query<{ id: string }>('INSERT INTO accounts (email, name) VALUES ($1, $2) RETURNING id', [`${name}-${key()}@example.test`, name]);
			const [unit] = await db.query<{ id: string }>(`SELECT u.id FROM units u JOIN complexes c ON c.id = u.complex_id WHERE c.code = 'C-300' AND u.house_number = $1`, [name === 'Piet' ? 7 : 8]);
			await db.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', '2024-01-01')`, [acc.id, unit.id]);
			return (await f.ctx.db.query('SELECT 1')) && acc.id;
		}));
		const { loadActor } = await import('../people');
		const results = await Promise.allSettled([a, b].map(async (id) => signUpAsSupervisor(ctx, (await loadActor(db, id, ctx.clock()))!, { buurtId: f.beukenbuurt })));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code).toBe('supervise.full');
		const ok = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ endsOn: string }>;
		expect(ok.value.endsOn).toBe('2026-09-02');
	});

	it('without an active supervisor, staff check — a request never waits unseen', async () => {
		// Beukenbuurt's only supervisor (from the test above) steps down.
		const wim = await f.actor('staff');
		const [term] = await db.query<{ id: string }>('SELECT id FROM supervisor_terms WHERE buurt_id = $1 AND ended_early_on IS NULL', [f.beukenbuurt]);
		await endSupervisorTerm(ctx, wim, { termId: term.id });
		const olga = await f.actor('outsider');
		const { id } = await askHelpRequest(ctx, olga, askInput(f.beukenbuurt, { category: 'zorg', zorgLabel: 'gezelschap' }));
		const queue = await listCheckQueue(db, wim, ctx.clock());
		const item = queue.toCheck.find((r) => r.id === id)!;
		expect(item.staffTurn).toBe(true);
		expect(item.title).toBe('Hulp bij de heg'); // staff may read zorg text while it is theirs to check
		expect(queue.unsupervised.map((b) => b.id)).toContain(f.beukenbuurt);
		expect((await getRequestDetail(db, wim, id, ctx.clock())).description).toContain('heg');
		const notified = await db.query<{ account_id: string }>(`SELECT account_id FROM notification_items WHERE subject_id = $1 AND type = 'help.to_check'`, [id]);
		expect(notified.map((n) => n.account_id).sort()).toEqual([f.ids.staff, f.ids.admin].sort());
		await publishHelpRequest(ctx, wim, { requestId: id, reason: 'Goed zo.' });
		const [row] = await db.query<{ checked_as: string }>('SELECT checked_as FROM help_requests WHERE id = $1', [id]);
		expect(row.checked_as).toBe('staff');
		// A staff read of zorg text is audited.
		const audits = await db.query(`SELECT 1 FROM audit_log WHERE action = 'help.zorg_text_read' AND subject = $1`, [`help_request:${id}`]);
		expect(audits.length).toBeGreaterThan(0);
	});
});

describe('namens: asking on behalf of a neighbour without a phone', () => {
	it('the proxy asks with consent, acts for the asker, and cannot check it', async () => {
		const bram = await f.actor('supervisor');
		const input = { ...askInput(f.lindebuurt), neighbourName: 'Mevrouw Jansen', consent: true, consentNote: 'Mondeling gevraagd op 1 maart, bij haar thuis.', updateChannel: 'phone' };
		const { id } = await askHelpRequestOnBehalf(ctx, bram, input);
		expect((await errorOf(publishHelpRequest(ctx, bram, { requestId: id, reason }))).code).toBe('help.own_request');
		await publishHelpRequest(ctx, await f.actor('staff'), { requestId: id, reason: 'Dank voor het doorgeven.' });
		await takeHelpRequest(ctx, await f.actor('helper'), { requestId: id });
		await markHelpRequestDone(ctx, await f.actor('helper'), { requestId: id });
		expect(await confirmHelpRequest(ctx, bram, { requestId: id })).toMatchObject({ state: 'confirmed', reward: 'paid' });
		const d = await getRequestDetail(db, bram, id, ctx.clock());
		expect(d).toMatchObject({ onBehalfName: 'Mevrouw Jansen', updateChannel: 'phone', viaName: 'Bram', isMine: true });
		// The neighbour's reward leg is in the buurtpot, attributed to nobody; the staff checker earns none.
		const [legs] = await db.query<{ codes: string[]; people: (string | null)[] }>(
			`SELECT array_agg(l.code ORDER BY l.leg_no) AS codes, array_agg(l.attributed_to ORDER BY l.leg_no) AS people
			 FROM ledger_legs l JOIN ledger_transfers t ON t.seq = l.transfer_seq WHERE t.id = $1`,
			[`help.reward:${id}`]
		);
		expect(legs).toEqual({ codes: ['asker', 'helper'], people: [null, f.ids.helper] });
	});

	it('only supervisors of the buurt and staff may ask on behalf, and consent is required', async () => {
		const input = { ...askInput(f.lindebuurt), neighbourName: 'Meneer Pieters', consent: true, consentNote: 'Telefonisch.', updateChannel: 'paper' };
		expect((await errorOf(askHelpRequestOnBehalf(ctx, await f.actor('helper'), input))).code).toBe('help.forbidden');
		const e = await errorOf(askHelpRequestOnBehalf(ctx, await f.actor('staff'), { ...input, consent: undefined, consentNote: '' }));
		expect(e.fields).toMatchObject({ consent: 'help.consent_required', consentNote: 'help.consent_note_required' });
	});
});

describe('jobs', () => {
	it('confirms automatically after N days unless disputed, and pays the rewards', async () => {
		const local = testCtx(db, ctx.clock());
		const done = await f.requestIn('done');
		const disputed = await f.requestIn('disputed');
		local.advance(6 * DAY_MS);
		await autoConfirmDueRequests(local);
		expect(await stateOf(done)).toBe('done');
		local.advance(1 * DAY_MS + 1000);
		await autoConfirmDueRequests(local);
		expect(await stateOf(done)).toBe('confirmed');
		expect(await stateOf(disputed)).toBe('disputed');
		const [h] = await db.query<{ actor_id: string | null; actor_role: string }>(`SELECT actor_id, actor_role FROM help_history WHERE request_id = $1 AND action = 'auto_confirm'`, [done]);
		expect(h).toEqual({ actor_id: null, actor_role: 'system' });
		expect((await db.query(`SELECT 1 FROM help_rewards WHERE request_id = $1 AND status = 'paid'`, [done])).length).toBe(1);
		// Running again does nothing more.
		expect(await autoConfirmDueRequests(local)).toBe(0);
	});

	it('flags published requests nobody took as waiting, tells the asker, supervisors and staff', async () => {
		const local = testCtx(db, ctx.clock());
		const id = await f.requestIn('published');
		local.advance(5 * DAY_MS + 1000);
		expect(await flagWaitingRequests(local)).toBeGreaterThanOrEqual(1);
		expect(await flagWaitingRequests(local)).toBe(0);
		const queue = await listCheckQueue(db, await f.actor('supervisor'), local.clock());
		expect(queue.waiting.map((r) => r.id)).toContain(id);
		const told = await db.query<{ account_id: string }>(`SELECT account_id FROM notification_items WHERE subject_id = $1 AND type = 'help.waiting'`, [id]);
		expect(told.map((t) => t.account_id)).toEqual(expect.arrayContaining([f.ids.asker, f.ids.supervisor, f.ids.staff]));
		const list = await listOpenRequests(db, await f.actor('member'), { buurtId: f.lindebuurt, sort: 'oldest' }, local.clock());
		expect(list.waiting).toBeGreaterThanOrEqual(1);
		// Taking it clears the flag.
		await takeHelpRequest(local, await f.actor('helper'), { requestId: id });
		const [row] = await db.query<{ waiting_since: Date | null }>('SELECT waiting_since FROM help_requests WHERE id = $1', [id]);
		expect(row.waiting_since).toBeNull();
	});
});

describe('bad input: a clear message, a 4xx, nothing half-written', () => {
	it('unknown category, empty or huge text, bad dates', async () => {
		const anna = await f.actor('asker');
		const before = await count('help_requests');
		const fields = async (over: Record<string, unknown>) => (await errorOf(askHelpRequest(ctx, anna, askInput(f.lindebuurt, over)))).fields;
		expect(await fields({ category: 'tuinfeest' })).toEqual({ category: 'help.unknown_category' });
		expect(await fields({ title: '   ' })).toEqual({ title: 'validation.required' });
		expect(await fields({ title: 'ab' })).toEqual({ title: 'help.title_too_short' });
		expect(await fields({ description: '' })).toEqual({ description: 'validation.required' });
		expect(await fields({ description: 'x'.repeat(4001) })).toEqual({ description: 'validation.too_long' });
		expect(await fields({ title: 'x'.repeat(121) })).toEqual({ title: 'validation.too_long' });
		expect(await fields({ category: 'zorg' })).toEqual({ zorgLabel: 'help.zorg_label_required' });
		expect(await fields({ when: 'date' })).toEqual({ whenDate: 'help.date_required' });
		expect(await fields({ when: 'date', whenDate: '2026-02-30' })).toEqual({ whenDate: 'help.date_invalid' });
		expect(await fields({ when: 'date', whenDate: '2026-03-01' })).toEqual({ whenDate: 'help.date_in_past' });
		expect(await fields({ urgency: 'nu!' })).toEqual({ urgency: 'validation.choice' });
		expect(await fields({ idempotencyKey: 'kort' })).toEqual({ idempotencyKey: 'help.idempotency_key_invalid' });
		expect(httpStatusFor('validation.invalid')).toBe(400);
		expect(await count('help_requests')).toBe(before);
	});

	it('a double submit makes exactly one request; the same key with other content is refused', async () => {
		const anna = await f.actor('asker');
		const k = key();
		const before = await count('help_requests');
		const [a, b] = await Promise.all([askHelpRequest(ctx, anna, askInput(f.lindebuurt, { idempotencyKey: k })), askHelpRequest(ctx, anna, askInput(f.lindebuurt, { idempotencyKey: k }))]);
		expect(a).toEqual(b);
		expect(await count('help_requests')).toBe(before + 1);
		const e = await errorOf(askHelpRequest(ctx, anna, askInput(f.lindebuurt, { idempotencyKey: k, title: 'Iets anders' })));
		expect(e.code).toBe('help.idempotency_mismatch');
		expect(httpStatusFor(e.code)).toBe(409);
		// Another person may use the same key for their own request.
		await askHelpRequest(ctx, await f.actor('member'), askInput(f.lindebuurt, { idempotencyKey: k }));
	});

	it('confirming twice: the same submit replays, a new one is a 409', async () => {
		const id = await f.requestIn('done');
		const anna = await f.actor('asker');
		const k = key();
		const first = await confirmHelpRequest(ctx, anna, { requestId: id, idempotencyKey: k });
		expect(await confirmHelpRequest(ctx, anna, { requestId: id, idempotencyKey: k })).toEqual(first);
		const again = await errorOf(confirmHelpRequest(ctx, anna, { requestId: id }));
		expect(again.code).toBe('help.already_confirmed');
		expect(httpStatusFor(again.code)).toBe(409);
		expect((await db.query('SELECT 1 FROM help_rewards WHERE request_id = $1', [id])).length).toBe(1);
	});

	it('taking or checking one’s own request, acting on another buurt’s request', async () => {
		const id = await f.requestIn('published');
		expect((await errorOf(takeHelpRequest(ctx, await f.actor('asker'), { requestId: id }))).code).toBe('help.own_request');
		const own = await askHelpRequest(ctx, await f.actor('supervisor'), askInput(f.lindebuurt));
		expect((await errorOf(publishHelpRequest(ctx, await f.actor('supervisor'), { requestId: own.id, reason }))).code).toBe('help.own_request');
		const olga = await f.actor('outsider');
		for (const call of [() => takeHelpRequest(ctx, olga, { requestId: id }), () => getRequestDetail(db, olga, id, ctx.clock()), () => postHelpMessage(ctx, olga, { requestId: id, body: 'Hoi' })]) {
			const e = await errorOf(call());
			expect(e.code).toBe('help.not_found');
			expect(httpStatusFor(e.code)).toBe(404);
		}
		expect((await errorOf(listOpenRequests(db, olga, { buurtId: f.lindebuurt }, ctx.clock()))).code).toBe('help.not_found');
		expect((await errorOf(askHelpRequest(ctx, olga, askInput(f.lindebuurt)))).code).toBe('help.forbidden');
		expect((await errorOf(getRequestDetail(db, olga, 'not-a-uuid', ctx.clock()))).code).toBe('help.not_found');
		expect((await errorOf(takeHelpRequest(ctx, olga, { requestId: 'not-a-uuid' }))).fields).toEqual({ requestId: 'help.not_found' });
	});

	it('a reason is required where the asker must read one; messages need text and a thread', async () => {
		const id = await f.requestIn('to_check');
		expect((await errorOf(publishHelpRequest(ctx, await f.actor('supervisor'), { requestId: id, reason: ' ' }))).fields).toEqual({ reason: 'help.reason_required' });
		expect((await errorOf(postHelpMessage(ctx, await f.actor('asker'), { requestId: id, body: 'Hallo?' }))).code).toBe('help.thread_closed');
		const taken = await f.requestIn('taken');
		expect((await errorOf(postHelpMessage(ctx, await f.actor('helper'), { requestId: taken, body: '' }))).fields).toEqual({ body: 'validation.required' });
		expect((await errorOf(postHelpMessage(ctx, await f.actor('helper'), { requestId: taken, body: 'x'.repeat(2001) }))).fields).toEqual({ body: 'validation.too_long' });
		expect((await errorOf(postHelpMessage(ctx, await f.actor('staff'), { requestId: taken, body: 'Hallo' }))).code).toBe('help.forbidden');
	});
});
