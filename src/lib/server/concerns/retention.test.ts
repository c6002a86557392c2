import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { listAudit } from '../audit';
import { notify } from '../notifications';
import { openConcernTests, type ConcernsFixture } from './test-fixtures';
import { applyConcernRetention, concernOutcomes, DEFAULT_CASE_RETENTION_DAYS, DEFAULT_RETENTION_DAYS, raiseConcern, saveConcernSettings, triageConcern, type ConcernOutcome } from './index';

let f: ConcernsFixture;
beforeAll(async () => {
	f = await openConcernTests();
});

const day = 86_400_000;

/** A concern written straight into the table, aged by the test (the property needs hundreds). */
async function plant(o: { corporationId: string; unitId: string; ageDays: number; outcome: ConcernOutcome | null; outcomeAgeDays: number }): Promise<string> {
	const now = f.ctx.clock().getTime();
	const created = new Date(now - o.ageDays * day - 1000);
	const outcomeAt = o.outcome ? new Date(now - Math.min(o.outcomeAgeDays, o.ageDays) * day - 500) : null;
	const [r] = await f.db.query<{ id: string }>(
		`INSERT INTO concerns (corporation_id, unit_id, reporter_id, reporter_role, category, body, created_at, triaged_at, triaged_by, outcome, outcome_at, triage_note)
		 VALUES ($1, $2, $3, 'member', 'other', 'Geplant zorgsignaal', $4, $5, $6, $7, $5, $8) RETURNING id`,
		[o.corporationId, o.unitId, f.ids.tenant, created, outcomeAt, o.outcome ? f.ids.henk : null, o.outcome, o.outcome ? 'notitie' : null]
	);
	if (o.outcome === 'referred') {
		await f.db.query(`INSERT INTO concern_referrals (concern_id, target, reason, decided_by, decided_at) VALUES ($1, 'wijkteam', 'reden', $2, $3)`, [r.id, f.ids.henk, outcomeAt]);
	}
	return r.id;
}

describe('retention (injected clock)', () => {
	it('deletes a concern without a case after 90 days — row, referrals and notifications — and keeps only a case’s outcome after its period', async () => {
		const anna = await f.actor('tenant');
		const henk = await f.actor('henk');
		const unitId = await f.unitIn('C-100', 3);
		const untriaged = await raiseConcern(f.ctx, anna, { unitId, category: 'not_seen', body: 'Oud en nooit opgepakt.' });
		const referred = await raiseConcern(f.ctx, anna, { unitId, category: 'other', body: 'Doorverwezen zorg.' });
		const caseOpened = await raiseConcern(f.ctx, anna, { unitId, category: 'children', body: 'Een zaak.' });
		await triageConcern(f.ctx, henk, { concernId: referred.id, outcome: 'referred', referralTarget: 'wijkteam', referralReason: 'Wijkteam kent het gezin.' });
		await triageConcern(f.ctx, henk, { concernId: caseOpened.id, outcome: 'case_opened' });
		const ids = [untriaged.id, referred.id, caseOpened.id];
		const items = async () => (await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_items WHERE subject_kind = 'concern' AND subject_id = ANY($1::text[])`, [ids]))[0].n;
		expect(await items()).toBeGreaterThan(0);

		f.ctx.advance(DEFAULT_RETENTION_DAYS * day - 60_000);
		expect(await applyConcernRetention(f.ctx)).toEqual({ deleted: 0, reduced: 0 });
		f.ctx.advance(120_000);
		expect(await applyConcernRetention(f.ctx)).toEqual({ deleted: 2, reduced: 0 });
		const left = await f.db.query<{ id: string }>('SELECT id FROM concerns WHERE id = ANY($1::uuid[])', [ids]);
		expect(left.map((r) => r.id)).toEqual([caseOpened.id]);
		expect((await f.db.query(`SELECT 1 FROM concern_referrals WHERE concern_id = $1`, [referred.id])).length).toBe(0);
		expect(await f.db.query(`SELECT 1 FROM notification_items WHERE subject_kind = 'concern' AND subject_id = ANY($1::text[])`, [[untriaged.id, referred.id]])).toEqual([]);

		f.ctx.advance((DEFAULT_CASE_RETENTION_DAYS - DEFAULT_RETENTION_DAYS) * day);
		expect(await applyConcernRetention(f.ctx)).toEqual({ deleted: 0, reduced: 1 });
		const [kept] = await f.db.query<Record<string, unknown>>('SELECT * FROM concerns WHERE id = $1', [caseOpened.id]);
		expect(kept).toMatchObject({ outcome: 'case_opened', unit_id: null, reporter_id: null, category: null, body: null, triage_note: null, triaged_by: null, may_contact: false });
		expect(kept.reduced_at).not.toBeNull();
		expect(await items()).toBe(0);
		// Reduced cases are not touched again, and cannot be triaged any more.
		expect(await applyConcernRetention(f.ctx)).toEqual({ deleted: 0, reduced: 0 });
		await expect(triageConcern(f.ctx, henk, { concernId: caseOpened.id, outcome: 'no_action' })).rejects.toMatchObject({ code: 'concerns.reduced' });

		// Every run is in the audit log per corporation, with counts and no content.
		const runs = await listAudit(f.db, { action: 'concerns.retention_run', limit: 50 });
		expect(runs.some((r) => r.corporation_id === f.corporationId && r.details.deleted === 2)).toBe(true);
		expect(runs.every((r) => r.actor_id === null && Object.keys(r.details).sort().join() === 'deleted,reduced')).toBe(true);
		expect(JSON.stringify(runs)).not.toMatch(/Oud en nooit|Doorverwezen|Een zaak|C-100/);
	});

	it('uses each corporation’s own periods', async () => {
		const admin = await f.actor('admin');
		await saveConcernSettings(f.ctx, admin, { corporationId: f.corporationId, retentionDays: 10, caseRetentionDays: 30 });
		await expect(saveConcernSettings(f.ctx, await f.actor('employee'), { corporationId: f.corporationId, retentionDays: 10, caseRetentionDays: 30 })).rejects.toMatchObject({ code: 'concerns.forbidden' });
		await expect(saveConcernSettings(f.ctx, admin, { corporationId: f.corporationId, retentionDays: 3, caseRetentionDays: 30 })).rejects.toMatchObject({ fields: { retentionDays: 'validation.too_small' } });
		const lindeUnit = await f.unitIn('C-100', 4);
		const oostUnit = await f.unitIn('E-100', 1);
		const linde = await plant({ corporationId: f.corporationId, unitId: lindeUnit, ageDays: 11, outcome: null, outcomeAgeDays: 0 });
		const oost = await plant({ corporationId: f.otherCorporationId, unitId: oostUnit, ageDays: 11, outcome: null, outcomeAgeDays: 0 });
		await applyConcernRetention(f.ctx);
		const left = (await f.db.query<{ id: string }>('SELECT id FROM concerns WHERE id = ANY($1::uuid[])', [[linde, oost]])).map((r) => r.id);
		expect(left).toEqual([oost]);
		await saveConcernSettings(f.ctx, admin, { corporationId: f.corporationId, retentionDays: DEFAULT_RETENTION_DAYS, caseRetentionDays: DEFAULT_CASE_RETENTION_DAYS });
	});

	it('deletes exactly the concerns without a case past their period, reduces exactly the old cases, and nothing else (property)', async () => {
		const units = [await f.unitIn('C-100', 5), await f.unitIn('E-100', 2)];
		const corporations = [f.corporationId, f.otherCorporationId];
		const concern = fc.record({
			corp: fc.integer({ min: 0, max: 1 }),
			ageDays: fc.integer({ min: 0, max: 500 }),
			outcome: fc.constantFrom<ConcernOutcome | null>(null, ...concernOutcomes),
			outcomeAgeDays: fc.integer({ min: 0, max: 500 })
		});
		await fc.assert(
			fc.asyncProperty(
				fc.array(concern, { minLength: 1, maxLength: 12 }),
				fc.tuple(fc.integer({ min: 7, max: 365 }), fc.integer({ min: 30, max: 400 })),
				async (planned, [retentionDays, caseRetentionDays]) => {
					await f.db.query('DELETE FROM concerns');
					await saveConcernSettings(f.ctx, await f.actor('admin'), { corporationId: f.corporationId, retentionDays, caseRetentionDays });
					const rows = [];
					for (const p of planned) rows.push({ ...p, id: await plant({ ...p, corporationId: corporations[p.corp], unitId: units[p.corp] }) });
					const keepDays = (corp: number) => (corp === 0 ? retentionDays : DEFAULT_RETENTION_DAYS);
					const caseDays = (corp: number) => (corp === 0 ? caseRetentionDays : DEFAULT_CASE_RETENTION_DAYS);
					const expectDeleted = rows.filter((r) => r.outcome !== 'case_opened' && r.ageDays >= keepDays(r.corp));
					const expectReduced = rows.filter((r) => r.outcome === 'case_opened' && Math.min(r.outcomeAgeDays, r.ageDays) >= caseDays(r.corp));
					const run = await applyConcernRetention(f.ctx);
					const after = await f.db.query<{ id: string; reduced_at: Date | null; body: string | null }>('SELECT id, reduced_at, body FROM concerns');
					const byId = new Map(after.map((r) => [r.id, r]));
					expect(run).toEqual({ deleted: expectDeleted.length, reduced: expectReduced.length });
					for (const r of rows) {
						const gone = expectDeleted.includes(r);
						expect(byId.has(r.id)).toBe(!gone);
						if (!gone) expect(byId.get(r.id)!.reduced_at !== null).toBe(expectReduced.includes(r));
						if (!gone && !expectReduced.includes(r)) expect(byId.get(r.id)!.body).toBe('Geplant zorgsignaal');
					}
				}
			),
			{ numRuns: 25 }
		);
		await saveConcernSettings(f.ctx, await f.actor('admin'), { corporationId: f.corporationId, retentionDays: DEFAULT_RETENTION_DAYS, caseRetentionDays: DEFAULT_CASE_RETENTION_DAYS });
	});

	it('keeps the notifications about other subjects when it forgets a concern’s', async () => {
		const [help] = await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_items WHERE subject_kind <> 'concern'`);
		await f.db.transaction((tx) => notify(tx, { recipients: [f.ids.tenant], type: 'board.reply', subject: { kind: 'board_post', id: '00000000-0000-4000-8000-000000000001' }, params: {}, at: f.ctx.clock() }));
		f.ctx.advance(400 * day);
		await applyConcernRetention(f.ctx);
		const [after] = await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_items WHERE subject_kind <> 'concern'`);
		expect(after.n).toBe(help.n + 1);
	});
});
