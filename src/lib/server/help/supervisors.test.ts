import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { askHelpRequest } from './ask-help-request';
import { publishHelpRequest } from './check-help-request';
import { getRequestDetail, listCheckQueue } from './queries';
import { appointSupervisor, approveSupervisorTerm, endSupervisorTerm, getSupervisionStatus, signUpAsSupervisor, updateHelpSettings } from './supervisors';
import { readZorgDetails } from './read-zorg-details';
import { openHelpTests, askInput, errorOf, key, type HelpFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: HelpFixture;

beforeAll(async () => {
	f = await openHelpTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

describe('supervisors', () => {
	it('a member signs up for a term; at most N per buurt; staff appoint and end terms', async () => {
		const kees = await f.actor('member');
		const wim = await f.actor('staff');
		const status = await getSupervisionStatus(db, kees, f.lindebuurt, ctx.clock());
		expect(status).toMatchObject({ canSignUp: true, full: false, settings: { termMonths: 3, maxSupervisors: 2 } });
		const term = await signUpAsSupervisor(ctx, kees, { buurtId: f.lindebuurt, idempotencyKey: key() });
		expect(term).toMatchObject({ endsOn: '2026-06-02', approved: false });
		// An application is not a term: no supervisor rights until staff approve it.
		expect((await f.actor('member')).supervisorBuurtIds).toEqual([]);
		expect((await errorOf(signUpAsSupervisor(ctx, await f.actor('member'), { buurtId: f.lindebuurt }))).code).toBe('supervise.already_applied');
		// A member sees the buurt's terms but may not approve one (403), whatever the dates say.
		expect((await errorOf(approveSupervisorTerm(ctx, kees, { termId: term.termId, startsOn: '2026-03-02', endsOn: '2026-06-02' }))).code).toBe('supervise.forbidden');
		expect((await errorOf(approveSupervisorTerm(ctx, kees, { termId: term.termId, startsOn: 'x' }))).code).toBe('supervise.forbidden');
		expect(await approveSupervisorTerm(ctx, wim, { termId: term.termId, startsOn: '2026-03-02', endsOn: '2026-06-02', idempotencyKey: key() })).toMatchObject({ endsOn: '2026-06-02' });
		expect((await f.actor('member')).supervisorBuurtIds).toEqual([f.lindebuurt]);
		expect((await errorOf(signUpAsSupervisor(ctx, await f.actor('member'), { buurtId: f.lindebuurt }))).code).toBe('supervise.already_supervisor');
		// Two supervisors now (Bram and Kees): full.
		const noorStatus = await getSupervisionStatus(db, await f.actor('helper'), f.lindebuurt, ctx.clock());
		expect(noorStatus).toMatchObject({ canSignUp: false, full: true });
		expect((await errorOf(signUpAsSupervisor(ctx, await f.actor('helper'), { buurtId: f.lindebuurt }))).code).toBe('supervise.full');
		expect((await errorOf(appointSupervisor(ctx, wim, { buurtId: f.lindebuurt, accountId: f.ids.helper }))).code).toBe('supervise.full');
		// Not a member of that buurt: it is outside their scope, so not found (scope before role).
		expect((await errorOf(signUpAsSupervisor(ctx, await f.actor('outsider'), { buurtId: f.lindebuurt }))).code).toBe('supervise.not_found');
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
		// Both may apply; staff approving both at once fills the one place once.
		const applied = await Promise.all([a, b].map(async (id) => signUpAsSupervisor(ctx, (await loadActor(db, id, ctx.clock()))!, { buurtId: f.beukenbuurt })));
		expect(applied.map((t) => t.endsOn)).toEqual(['2026-09-02', '2026-09-02']);
		const results = await Promise.allSettled(applied.map((t) => approveSupervisorTerm(ctx, wim, { termId: t.termId, startsOn: '2026-03-02', endsOn: '2026-09-02', idempotencyKey: key() })));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code).toBe('supervise.full');
	});

	it('without an active supervisor, staff check — a request never waits unseen', async () => {
		// Beukenbuurt's only supervisor (from the test above) steps down.
		const wim = await f.actor('staff');
		const [term] = await db.query<{ id: string }>('SELECT id FROM supervisor_terms WHERE buurt_id = $1 AND ended_early_on IS NULL AND approved_at IS NOT NULL', [f.beukenbuurt]);
		await endSupervisorTerm(ctx, wim, { termId: term.id });
		const olga = await f.actor('outsider');
		const { id } = await askHelpRequest(ctx, olga, askInput(f.beukenbuurt, { category: 'zorg', zorgLabel: 'gezelschap' }));
		const queue = await listCheckQueue(db, wim, ctx.clock());
		const item = queue.toCheck.find((r) => r.id === id)!;
		expect(item.staffTurn).toBe(true);
		expect(queue.unsupervised.map((b) => b.id)).toContain(f.beukenbuurt);
		// Staff read zorg text only after recording a reason, even while it is theirs to check.
		expect(item.title).toBeNull();
		expect((await getRequestDetail(db, wim, id, ctx.clock())).description).toBeNull();
		await readZorgDetails(ctx, wim, { requestId: id, reason: 'Geen supervisor, ik kijk de vraag na.' });
		expect((await listCheckQueue(db, wim, ctx.clock())).toCheck.find((r) => r.id === id)!.title).toBe('Hulp bij de heg');
		expect((await getRequestDetail(db, wim, id, ctx.clock())).description).toContain('heg');
		const notified = await db.query<{ account_id: string }>(`SELECT account_id FROM notification_items WHERE subject_id = $1 AND type = 'help.to_check'`, [id]);
		const [henk] = await db.query<{ id: string }>(`SELECT id FROM accounts WHERE email = 'henk@demo.noaber.test'`);
		expect(notified.map((n) => n.account_id).sort()).toEqual([f.ids.staff, f.ids.admin, henk.id].sort());
		await publishHelpRequest(ctx, wim, { requestId: id, reason: 'Goed zo.' });
		const [row] = await db.query<{ checked_as: string }>('SELECT checked_as FROM help_requests WHERE id = $1', [id]);
		expect(row.checked_as).toBe('staff');
		// A staff read of zorg text is audited.
		const audits = await db.query(`SELECT 1 FROM audit_log WHERE action = 'help.zorg_text_read' AND subject = $1`, [`help_request:${id}`]);
		expect(audits.length).toBeGreaterThan(0);
	});
});
