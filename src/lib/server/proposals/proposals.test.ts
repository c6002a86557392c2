import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { httpStatusFor } from '../shared/errors';
import { topUpBuurt } from '../pot';
import { createProposalFixture, errorOf, key, pdfBytes, pngWithText, jpegWithExif, proposalInput, type ProposalFixture, type Who } from './test-fixtures';
import {
	createProposal,
	editProposal,
	findSimilarProposals,
	listProposals,
	markProposalsForRound,
	significantWords,
	updateBuurtpotSettings,
	withdrawProposal,
	DAY_MS,
	type ProposalStatus
} from './proposals';
import { expireSupportPhases, supportProposal } from './support-proposal';
import { answerFeasibility } from './answer-feasibility';
import { addComment, deleteComment } from './comments';
import { payProposal } from './pay-proposal';
import { finishProposal, postProgressUpdate } from './follow-up';
import { cancelEvent, cancelSignUp, createEvent, listBuurtActivities, localToUtc, signUpForEvent, buildCalendar, escapeText, foldLine, getCalendarFeed } from '../activities';
import { getProposalDetail, getUploadedFile, listFeasibilityQueue } from './queries';
import { sniffType, stripMetadata } from './uploads';

let db: Db;
let ctx: TestCtx;
let f: ProposalFixture;

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	f = await createProposalFixture(db, ctx);
});
afterAll(() => db.close());

const statusOf = async (id: string) => (await db.query<{ status: ProposalStatus }>('SELECT status FROM buurtpot_proposals WHERE id = $1', [id]))[0].status;
const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;
const propose = async (who: Who = 'anna', over: Record<string, unknown> = {}) => (await createProposal(ctx, await f.actor(who), proposalInput(f.lindebuurt, over))).id;
const supporters: Who[] = ['bram', 'noor', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
/** Supports by `n` other households (Anna's counts already). */
const gatherSupport = async (id: string, n = 4) => {
	for (const who of supporters.slice(0, n)) await supportProposal(ctx, await f.actor(who), { proposalId: id });
};
const reason = 'Past binnen het budget en de regels.';
/** A proposal of Anna's driven to a status by the use cases. */
async function proposalIn(status: ProposalStatus, over: Record<string, unknown> = {}): Promise<string> {
	const id = await propose('anna', over);
	if (status === 'support') return id;
	await gatherSupport(id);
	if (status === 'feasibility') return id;
	const wim = await f.actor('wim');
	if (status === 'needs_changes' || status === 'declined') {
		await answerFeasibility(ctx, wim, { proposalId: id, outcome: status === 'declined' ? 'decline' : 'needs_changes', reason });
		return id;
	}
	await answerFeasibility(ctx, wim, { proposalId: id, outcome: 'accept', reason });
	if (status === 'accepted') return id;
	await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [id], status: 'in_vote', at: ctx.clock() }));
	if (status === 'in_vote') return id;
	await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [id], status: status === 'lost' ? 'lost' : 'won', at: ctx.clock() }));
	return id;
}

describe('proposing', () => {
	it('starts the support phase with the author’s household as the first supporter', async () => {
		const anna = await f.actor('anna');
		const r = await createProposal(ctx, anna, proposalInput(f.lindebuurt, { idempotencyKey: key() }));
		expect(r.status).toBe('support');
		const d = await getProposalDetail(db, anna, r.id, ctx.clock());
		expect(d).toMatchObject({ supportCount: 1, supportNeeded: 5, supportedByMyHousehold: true, supportedByMe: true, isMine: true, authorName: 'Anna' });
		expect(new Date(d.supportDeadline).getTime() - ctx.clock().getTime()).toBe(30 * DAY_MS);
		expect(d.can).toMatchObject({ edit: true, withdraw: true, support: false, check: false });
		expect(d.history.map((h) => h.action)).toEqual(['propose']);
	});

	it('takes the cost from a breakdown, or checks that cost and breakdown agree', async () => {
		const anna = await f.actor('anna');
		const lines = [
			{ label: 'Bankje', cents: 30_000 },
			{ label: 'Tegels en zand', cents: 4_550 }
		];
		const r = await createProposal(ctx, anna, proposalInput(f.lindebuurt, { costCents: undefined, costLines: lines }));
		const d = await getProposalDetail(db, anna, r.id, ctx.clock());
		expect(d.costCents).toBe(34_550);
		expect(d.costLines).toEqual(lines);
		expect((await errorOf(createProposal(ctx, anna, proposalInput(f.lindebuurt, { costCents: 40_000, costLines: lines })))).fields).toEqual({ costCents: 'proposals.cost_lines_mismatch' });
	});

	it('refuses bad input with a message per field, and writes nothing', async () => {
		const anna = await f.actor('anna');
		const before = await count('buurtpot_proposals');
		const cases: [Record<string, unknown>, Record<string, string>][] = [
			[{ costCents: 0 }, { costCents: 'proposals.cost_positive' }],
			[{ costCents: -500 }, { costCents: 'proposals.cost_positive' }],
			[{ costCents: 1234.5 }, { costCents: 'proposals.cost_whole_cents' }],
			[{ costCents: 'veel' }, { costCents: 'proposals.cost_invalid' }],
			[{ costCents: 500_000_000 }, { costCents: 'proposals.cost_too_big' }],
			[{ costCents: undefined }, { costCents: 'proposals.cost_required' }],
			[{ title: 'ab' }, { title: 'proposals.title_too_short' }],
			[{ title: 'x'.repeat(121) }, { title: 'validation.too_long' }],
			[{ description: '' }, { description: 'validation.required' }],
			[{ description: 'x'.repeat(4001) }, { description: 'validation.too_long' }],
			[{ place: 'x'.repeat(201) }, { place: 'validation.too_long' }],
			[{ volunteers: 'x'.repeat(1001) }, { volunteers: 'validation.too_long' }],
			[{ costCents: undefined, costLines: [{ label: '', cents: 100 }] }, { 'costLines.0.label': 'proposals.line_label_required' }]
		];
		for (const [over, fields] of cases) {
			const e = await errorOf(createProposal(ctx, anna, proposalInput(f.lindebuurt, over)));
			expect(e.code, JSON.stringify(over)).toBe('validation.invalid');
			expect(e.fields, JSON.stringify(over)).toEqual(fields);
			expect(httpStatusFor(e.code)).toBe(400);
		}
		expect(await count('buurtpot_proposals')).toBe(before);
	});

	it('lets only members of the buurt propose; another buurt is refused', async () => {
		for (const who of ['olga', 'wim', 'hanna'] as Who[]) {
			const e = await errorOf(createProposal(ctx, await f.actor(who), proposalInput(f.lindebuurt)));
			expect(e.code).toBe('proposals.forbidden');
			expect(e.fields).toEqual({ buurtId: 'proposals.not_your_buurt' });
		}
	});

	it('makes one proposal from a double submit, and refuses a key reused for other content', async () => {
		const anna = await f.actor('anna');
		const k = key();
		const before = await count('buurtpot_proposals');
		const [a, b] = await Promise.all([
			createProposal(ctx, anna, proposalInput(f.lindebuurt, { idempotencyKey: k })),
			createProposal(ctx, anna, proposalInput(f.lindebuurt, { idempotencyKey: k }))
		]);
		expect(a.id).toBe(b.id);
		expect(await count('buurtpot_proposals')).toBe(before + 1);
		const e = await errorOf(createProposal(ctx, anna, proposalInput(f.lindebuurt, { idempotencyKey: k, costCents: 1 })));
		expect(e.code).toBe('proposals.idempotency_mismatch');
		expect(httpStatusFor(e.code)).toBe(409);
	});

	it('shows similar live proposals of the buurt before proposing', async () => {
		const noor = await f.actor('noor');
		const id = await propose('anna', { title: 'Nieuwe bankjes bij de speeltuin Lindehof' });
		const withdrawn = await propose('anna', { title: 'Bankjes voor het plein' });
		await withdrawProposal(ctx, await f.actor('anna'), { proposalId: withdrawn });
		const similar = await findSimilarProposals(db, noor, { buurtId: f.lindebuurt, title: 'Een bankje in de speeltuin' }, ctx.clock());
		expect(similar.map((s) => s.id)).toContain(id);
		expect(similar.map((s) => s.id)).not.toContain(withdrawn);
		expect(similar.length).toBeLessThanOrEqual(5);
		expect(await findSimilarProposals(db, noor, { buurtId: f.lindebuurt, title: 'Zonnepanelen op het dak' }, ctx.clock())).toEqual([]);
		expect((await errorOf(findSimilarProposals(db, await f.actor('olga'), { buurtId: f.lindebuurt, title: 'bankje' }))).code).toBe('proposals.not_found');
		expect(significantWords('De bánkjes, en het Speelveld!')).toEqual(['bankjes', 'speelveld']);
	});
});

describe('photos', () => {
	it('stores PNG photos without their metadata and serves them to the buurt only', async () => {
		const anna = await f.actor('anna');
		const png = pngWithText();
		expect(Buffer.from(png).includes(Buffer.from('Anna'))).toBe(true);
		const r = await createProposal(ctx, anna, proposalInput(f.lindebuurt), [{ field: 'photos', bytes: png }]);
		const d = await getProposalDetail(db, anna, r.id, ctx.clock());
		expect(d.photoIds).toHaveLength(1);
		const file = await getUploadedFile(db, await f.actor('noor'), d.photoIds[0]);
		expect(file.contentType).toBe('image/png');
		const stored = Buffer.from(file.bytes);
		expect(stored.subarray(0, 8)).toEqual(Buffer.from(png.subarray(0, 8)));
		expect(stored.includes(Buffer.from('tEXt'))).toBe(false);
		expect(stored.includes(Buffer.from('Anna'))).toBe(false);
		expect((await errorOf(getUploadedFile(db, await f.actor('olga'), d.photoIds[0]))).code).toBe('proposals.not_found');
	});

	it('strips EXIF and comments from JPEG structure', () => {
		const jpeg = jpegWithExif();
		const out = Buffer.from(stripMetadata(jpeg, 'image/jpeg')!);
		expect(out.includes(Buffer.from('Exif'))).toBe(false);
		expect(out.includes(Buffer.from('GPS'))).toBe(false);
		expect(out.includes(Buffer.from('secret'))).toBe(false);
		expect(out.includes(Buffer.from('JFIF'))).toBe(true);
		expect(out.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
		// Truncated: refused rather than stored half.
		expect(stripMetadata(jpeg.subarray(0, 30), 'image/jpeg')).toBeNull();
	});

	it('refuses wrong types, disguised files, too many and too big photos, writing nothing', async () => {
		const anna = await f.actor('anna');
		const before = await count('buurtpot_proposals');
		const html = Uint8Array.from(Buffer.from('<html><script>alert(1)</script></html>'));
		const cases: [Uint8Array[], string][] = [
			[[html], 'proposals.file_type'],
			[[pdfBytes()], 'proposals.file_type'],
			[[pngWithText().subarray(0, 40)], 'proposals.file_broken'],
			[[pngWithText(), pngWithText(), pngWithText(), pngWithText()], 'proposals.too_many_files'],
			[[new Uint8Array(5 * 1024 * 1024 + 1).fill(0xff)], 'proposals.file_too_big']
		];
		for (const [files, field] of cases) {
			const e = await errorOf(createProposal(ctx, anna, proposalInput(f.lindebuurt), files.map((bytes) => ({ field: 'photos', bytes }))));
			expect(e.fields).toEqual({ photos: field });
		}
		expect(await count('buurtpot_proposals')).toBe(before);
		expect(sniffType(Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]))).toBe('image/webp');
	});
});

describe('support phase', () => {
	it('counts households, not persons, and goes on to feasibility at N', async () => {
		const id = await propose();
		const sanne = await f.actor('sanne');
		let e = await errorOf(supportProposal(ctx, sanne, { proposalId: id }));
		expect(e.code).toBe('proposals.already_supported_by_household');
		expect(httpStatusFor(e.code)).toBe(409);
		e = await errorOf(supportProposal(ctx, await f.actor('anna'), { proposalId: id }));
		expect(e.code).toBe('proposals.already_supported');
		await supportProposal(ctx, await f.actor('bram'), { proposalId: id });
		e = await errorOf(supportProposal(ctx, await f.actor('bram'), { proposalId: id }));
		expect(e.code).toBe('proposals.already_supported');
		for (const who of ['noor', 'h1'] as Who[]) await supportProposal(ctx, await f.actor(who), { proposalId: id });
		expect(await statusOf(id)).toBe('support');
		const last = await supportProposal(ctx, await f.actor('h2'), { proposalId: id });
		expect(last).toMatchObject({ status: 'feasibility', supportCount: 5, supportNeeded: 5 });
		expect(await count('buurtpot_supports WHERE proposal_id = $1', [id])).toBe(5);
		// Over: no more supports needed or taken.
		expect((await errorOf(supportProposal(ctx, await f.actor('h3'), { proposalId: id }))).code).toBe('proposals.support_closed');
	});

	it('is for members of the buurt only: another buurt gets a 404, staff a 403', async () => {
		const id = await propose();
		const e = await errorOf(supportProposal(ctx, await f.actor('olga'), { proposalId: id }));
		expect(e.code).toBe('proposals.not_found');
		expect(httpStatusFor(e.code)).toBe(404);
		expect((await errorOf(supportProposal(ctx, await f.actor('wim'), { proposalId: id }))).code).toBe('proposals.forbidden');
		expect((await errorOf(supportProposal(ctx, await f.actor('carla'), { proposalId: id }))).code).toBe('proposals.not_found');
		expect((await errorOf(supportProposal(ctx, await f.actor('bram'), { proposalId: 'not-a-uuid' }))).code).toBe('validation.invalid');
	});

	it('keeps the count right under concurrent supports', async () => {
		const id = await propose();
		const results = await Promise.allSettled(supporters.map(async (who) => supportProposal(ctx, await f.actor(who), { proposalId: id })));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
		const [row] = await db.query<{ support_count: number; status: string }>('SELECT support_count, status FROM buurtpot_proposals WHERE id = $1', [id]);
		expect(row).toEqual({ support_count: 5, status: 'feasibility' });
		expect(await count('buurtpot_supports WHERE proposal_id = $1', [id])).toBe(5);
		expect(await count(`buurtpot_proposal_history WHERE proposal_id = $1 AND action = 'support_reached'`, [id])).toBe(1);
	});

	it('expires when the deadline passes without enough households', async () => {
		const id = await propose();
		await supportProposal(ctx, await f.actor('bram'), { proposalId: id });
		ctx.advance(30 * DAY_MS + 1000);
		try {
			const e = await errorOf(supportProposal(ctx, await f.actor('noor'), { proposalId: id }));
			expect(e.code).toBe('proposals.support_closed');
			const [listed] = (await listProposals(db, await f.actor('noor'), { buurtId: f.lindebuurt }, ctx.clock())).filter((p) => p.id === id);
			expect(listed.status).toBe('expired');
			expect(await expireSupportPhases(ctx)).toBeGreaterThanOrEqual(1);
			expect(await statusOf(id)).toBe('expired');
			expect(await expireSupportPhases(ctx)).toBe(0);
		} finally {
			ctx.advance(-(30 * DAY_MS + 1000));
		}
	});

	it('uses the buurt’s own N and period, set by staff', async () => {
		const wim = await f.actor('wim');
		expect((await errorOf(updateBuurtpotSettings(ctx, await f.actor('anna'), { buurtId: f.lindebuurt, supportHouseholds: 2, supportDays: 10 }))).code).toBe('proposals.forbidden');
		expect((await errorOf(updateBuurtpotSettings(ctx, wim, { buurtId: f.lindebuurt, supportHouseholds: 0, supportDays: 10 }))).fields).toEqual({ supportHouseholds: 'proposals.settings_number' });
		await updateBuurtpotSettings(ctx, wim, { buurtId: f.lindebuurt, supportHouseholds: 2, supportDays: 10 });
		try {
			const id = await propose();
			const d = await getProposalDetail(db, wim, id, ctx.clock());
			expect(d.supportNeeded).toBe(2);
			expect(new Date(d.supportDeadline).getTime() - ctx.clock().getTime()).toBe(10 * DAY_MS);
			expect((await supportProposal(ctx, await f.actor('noor'), { proposalId: id })).status).toBe('feasibility');
		} finally {
			await updateBuurtpotSettings(ctx, wim, { buurtId: f.lindebuurt, supportHouseholds: 5, supportDays: 30 });
		}
	});
});

describe('editing and withdrawing', () => {
	it('lets the author edit within 24 hours and before another household supports', async () => {
		const anna = await f.actor('anna');
		const id = await propose();
		await editProposal(ctx, anna, proposalInput(f.lindebuurt, { proposalId: id, buurtId: undefined, title: 'Twee bankjes bij de speeltuin', costCents: 90_000 }));
		const d = await getProposalDetail(db, anna, id, ctx.clock());
		expect(d).toMatchObject({ title: 'Twee bankjes bij de speeltuin', costCents: 90_000 });
		expect(d.history.map((h) => h.action)).toEqual(['propose', 'edit']);
		expect((await errorOf(editProposal(ctx, await f.actor('noor'), proposalInput(f.lindebuurt, { proposalId: id })))).code).toBe('proposals.forbidden');
		await supportProposal(ctx, await f.actor('noor'), { proposalId: id });
		const e = await errorOf(editProposal(ctx, anna, proposalInput(f.lindebuurt, { proposalId: id })));
		expect(e.code).toBe('proposals.edit_closed');
		const later = await propose();
		ctx.advance(25 * 3600 * 1000);
		try {
			expect((await errorOf(editProposal(ctx, anna, proposalInput(f.lindebuurt, { proposalId: later })))).code).toBe('proposals.edit_closed');
		} finally {
			ctx.advance(-25 * 3600 * 1000);
		}
	});

	it('lets the author withdraw until the vote, not after', async () => {
		const anna = await f.actor('anna');
		for (const status of ['support', 'feasibility', 'needs_changes', 'accepted'] as const) {
			const id = await proposalIn(status);
			expect((await errorOf(withdrawProposal(ctx, await f.actor('noor'), { proposalId: id }))).code).toBe('proposals.forbidden');
			expect(await withdrawProposal(ctx, anna, { proposalId: id, reason: 'We doen het anders.' })).toEqual({ id, status: 'withdrawn' });
			expect((await errorOf(withdrawProposal(ctx, anna, { proposalId: id }))).code).toBe('proposals.already_withdrawn');
		}
		for (const status of ['in_vote', 'won', 'lost', 'declined'] as const) {
			const id = await proposalIn(status);
			const e = await errorOf(withdrawProposal(ctx, anna, { proposalId: id }));
			expect(e.code, status).toBe('proposals.withdraw_closed');
			expect(await statusOf(id)).toBe(status);
		}
	});
});

describe('feasibility', () => {
	it('is answered by staff with a reason everyone sees; the cost may be adjusted', async () => {
		const id = await proposalIn('feasibility');
		const wim = await f.actor('wim');
		expect((await listFeasibilityQueue(db, wim)).map((q) => q.id)).toContain(id);
		const e = await errorOf(answerFeasibility(ctx, wim, { proposalId: id, outcome: 'accept', reason: 'ok' }));
		expect(e.fields).toEqual({ reason: 'proposals.reason_required' });
		await answerFeasibility(ctx, wim, { proposalId: id, outcome: 'accept', reason: 'Een bankje kost bij onze leverancier € 400.', costCents: 40_000 });
		const d = await getProposalDetail(db, await f.actor('noor'), id, ctx.clock());
		expect(d).toMatchObject({ status: 'accepted', costCents: 40_000, requestedCostCents: 45_000 });
		expect(d.decision).toMatchObject({ outcome: 'accept', reason: 'Een bankje kost bij onze leverancier € 400.', byName: 'Wim' });
		expect(d.history.at(-1)).toMatchObject({ action: 'feasibility.accept', toStatus: 'accepted', actorName: 'Wim' });
		expect((await errorOf(answerFeasibility(ctx, wim, { proposalId: id, outcome: 'decline', reason }))).code).toBe('proposals.already_checked');
		expect(await count(`audit_log WHERE action = 'buurtpot.feasibility' AND subject = $1`, [`buurtpot_proposal:${id}`])).toBe(1);
	});

	it('sends a proposal back for changes; the author’s edit returns it to the check', async () => {
		const id = await proposalIn('needs_changes');
		const anna = await f.actor('anna');
		expect((await getProposalDetail(db, anna, id, ctx.clock())).can.edit).toBe(true);
		const r = await editProposal(ctx, anna, proposalInput(f.lindebuurt, { proposalId: id, description: 'Nu met een offerte van de leverancier erbij.' }));
		expect(r.status).toBe('feasibility');
		expect(await statusOf(id)).toBe('feasibility');
		await answerFeasibility(ctx, await f.actor('admin'), { proposalId: id, outcome: 'decline', reason: 'Op die plek mag geen bankje staan.' });
		expect(await statusOf(id)).toBe('declined');
	});

	it('is not for members; the tenants’ association only where the buurt allows it; never for one’s own', async () => {
		const id = await proposalIn('feasibility');
		expect((await errorOf(answerFeasibility(ctx, await f.actor('bram'), { proposalId: id, outcome: 'accept', reason }))).code).toBe('proposals.forbidden');
		const hanna = await f.actor('hanna');
		expect((await errorOf(answerFeasibility(ctx, hanna, { proposalId: id, outcome: 'accept', reason }))).code).toBe('proposals.forbidden');
		expect((await errorOf(answerFeasibility(ctx, await f.actor('olga'), { proposalId: id, outcome: 'accept', reason }))).code).toBe('proposals.not_found');
		const wim = await f.actor('wim');
		await updateBuurtpotSettings(ctx, wim, { buurtId: f.lindebuurt, supportHouseholds: 5, supportDays: 30, associationChecks: true });
		try {
			expect((await listFeasibilityQueue(db, hanna)).map((q) => q.id)).toContain(id);
			expect((await errorOf(answerFeasibility(ctx, hanna, { proposalId: id, outcome: 'decline', reason, costCents: 100 }))).fields).toEqual({ costCents: 'proposals.cost_only_when_accepting' });
			await answerFeasibility(ctx, hanna, { proposalId: id, outcome: 'accept', reason });
			expect(await statusOf(id)).toBe('accepted');
		} finally {
			await updateBuurtpotSettings(ctx, wim, { buurtId: f.lindebuurt, supportHouseholds: 5, supportDays: 30, associationChecks: false });
		}
		// Wim lives in the buurt too (in this test): he may not check his own proposal.
		const unit = (await db.query<{ unit_id: string }>('SELECT unit_id FROM memberships WHERE account_id = $1', [f.ids.h6]))[0].unit_id;
		await db.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', '2024-01-01')`, [f.ids.wim, unit]);
		try {
			const own = (await createProposal(ctx, await f.actor('wim'), proposalInput(f.lindebuurt))).id;
			await gatherSupport(own, 4);
			expect((await errorOf(answerFeasibility(ctx, await f.actor('wim'), { proposalId: own, outcome: 'accept', reason }))).code).toBe('proposals.own_proposal');
		} finally {
			await db.query('DELETE FROM memberships WHERE account_id = $1', [f.ids.wim]);
		}
	});

	it('cannot be answered during the support phase', async () => {
		const id = await propose();
		const e = await errorOf(answerFeasibility(ctx, await f.actor('wim'), { proposalId: id, outcome: 'accept', reason }));
		expect(e.code).toBe('proposals.not_ready_for_check');
	});
});

describe('the contract with the voting part', () => {
	it('lists accepted proposals and moves them through a round', async () => {
		const a = await proposalIn('accepted');
		const b = await proposalIn('accepted');
		const wim = await f.actor('wim');
		const accepted = (await listProposals(db, wim, { buurtId: f.lindebuurt, status: 'accepted' })).map((p) => p.id);
		expect(accepted).toEqual(expect.arrayContaining([a, b]));
		await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [a, b], status: 'in_vote', at: ctx.clock(), actorId: f.ids.wim, roundId: 'r-1' }));
		// Idempotent.
		expect((await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [a, b], status: 'in_vote', at: ctx.clock() }))).changed).toEqual([]);
		await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [a], status: 'won', at: ctx.clock() }));
		await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [b], status: 'lost', at: ctx.clock() }));
		expect([await statusOf(a), await statusOf(b)]).toEqual(['won', 'lost']);
		expect((await listProposals(db, wim, { buurtId: f.lindebuurt, status: ['won', 'lost'] })).map((p) => p.id)).toEqual(expect.arrayContaining([a, b]));
	});

	it('moves all or nothing, refusing a proposal that is not ready', async () => {
		const ok = await proposalIn('accepted');
		const notReady = await propose();
		const e = await errorOf(db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [ok, notReady], status: 'in_vote', at: ctx.clock() })));
		expect(e).toMatchObject({ code: 'proposals.status_conflict', details: { proposalId: notReady, status: 'support' } });
		expect(await statusOf(ok)).toBe('accepted');
		expect((await errorOf(db.transaction((tx) => markProposalsForRound(tx, { proposalIds: ['00000000-0000-4000-8000-000000000000'], status: 'in_vote', at: ctx.clock() })))).code).toBe('proposals.not_found');
		// A cancelled round puts them back.
		await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [ok], status: 'in_vote', at: ctx.clock() }));
		await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [ok], status: 'accepted', at: ctx.clock() }));
		expect(await statusOf(ok)).toBe('accepted');
	});

	it('hides another buurt’s proposals (404)', async () => {
		expect((await errorOf(listProposals(db, await f.actor('olga'), { buurtId: f.lindebuurt }))).code).toBe('proposals.not_found');
		expect((await errorOf(getProposalDetail(db, await f.actor('olga'), await propose(), ctx.clock()))).code).toBe('proposals.not_found');
		// The tenants' association sees them (and may be asked to check).
		expect((await listProposals(db, await f.actor('hanna'), { buurtId: f.lindebuurt })).length).toBeGreaterThan(0);
	});
});

describe('comments', () => {
	it('are for members of the buurt and staff; authors remove their own', async () => {
		const id = await propose();
		const noor = await f.actor('noor');
		const c = await addComment(ctx, noor, { proposalId: id, body: 'Goed idee! Ik help mee.' });
		await addComment(ctx, await f.actor('wim'), { proposalId: id, body: 'Vraag: waar precies bij de speeltuin?' });
		expect((await errorOf(addComment(ctx, noor, { proposalId: id, body: 'x'.repeat(1001) }))).fields).toEqual({ body: 'validation.too_long' });
		expect((await errorOf(addComment(ctx, noor, { proposalId: id, body: '   ' }))).fields).toEqual({ body: 'proposals.comment_required' });
		expect((await errorOf(addComment(ctx, await f.actor('olga'), { proposalId: id, body: 'Hallo' }))).code).toBe('proposals.not_found');
		expect((await errorOf(addComment(ctx, await f.actor('hanna'), { proposalId: id, body: 'Hallo' }))).code).toBe('proposals.forbidden');
		expect((await errorOf(deleteComment(ctx, await f.actor('anna'), { proposalId: id, commentId: c.id }))).code).toBe('proposals.forbidden');
		await deleteComment(ctx, noor, { proposalId: id, commentId: c.id });
		expect((await errorOf(deleteComment(ctx, noor, { proposalId: id, commentId: c.id }))).code).toBe('proposals.comment_not_found');
		const d = await getProposalDetail(db, await f.actor('anna'), id, ctx.clock());
		expect(d.comments.map((x) => [x.authorName, x.body, x.isStaff])).toEqual([
			['Noor', null, false],
			['Wim', 'Vraag: waar precies bij de speeltuin?', true]
		]);
	});
});

describe('spending', () => {
	const receipt = (bytes: Uint8Array = pdfBytes()) => ({ field: 'receipt', bytes });
	const potBalance = async () => Number((await db.query<{ balance: number }>(`SELECT balance FROM ledger_accounts WHERE kind = 'buurtpot' AND buurt_id = $1`, [f.lindebuurt]))[0]?.balance ?? 0);

	it('never pays more than the buurtpot holds, and writes nothing when it cannot', async () => {
		const id = await proposalIn('won');
		const wim = await f.actor('wim');
		const payments = await count('buurtpot_payments');
		const files = await count('buurtpot_files');
		const e = await errorOf(payProposal(ctx, wim, { proposalId: id, amountCents: 20_000, payee: 'Bouwmarkt Noaberveen' }, receipt()));
		expect(e.code).toBe('pot.insufficient');
		expect(e.details).toMatchObject({ neededCents: 20_000 });
		expect(httpStatusFor(e.code)).toBe(400);
		expect([await count('buurtpot_payments'), await count('buurtpot_files'), await statusOf(id)]).toEqual([payments, files, 'won']);
	});

	it('pays in parts from the buurtpot with a receipt, visible to the buurt and audited', async () => {
		const id = await proposalIn('won');
		const wim = await f.actor('wim');
		await topUpBuurt(ctx, wim, { buurtId: f.lindebuurt, account: 'buurtpot', amountCents: 100_000, note: 'Startbedrag buurtpot' });
		const start = await potBalance();
		const first = await payProposal(ctx, wim, { proposalId: id, amountCents: 30_000, payee: 'Bouwmarkt Noaberveen', note: 'Bankje', idempotencyKey: key() }, receipt());
		expect(first).toMatchObject({ status: 'in_progress', paidCents: 30_000, remainingCents: 15_000 });
		expect(await potBalance()).toBe(start - 30_000);
		const e = await errorOf(payProposal(ctx, wim, { proposalId: id, amountCents: 15_001, payee: 'Bouwmarkt' }, receipt()));
		expect(e).toMatchObject({ code: 'proposals.payment_exceeds_cost', details: { remainingCents: 15_000 } });
		await payProposal(ctx, wim, { proposalId: id, amountCents: 15_000, payee: 'Tegelhandel', note: 'Tegels' }, receipt(pngWithText()));
		const d = await getProposalDetail(db, await f.actor('noor'), id, ctx.clock());
		expect(d.payments.map((p) => [p.amountCents, p.payee])).toEqual([
			[30_000, 'Bouwmarkt Noaberveen'],
			[15_000, 'Tegelhandel']
		]);
		expect(d).toMatchObject({ paidCents: 45_000, remainingCents: 0, status: 'in_progress', buurtpotCents: null });
		const rec = await getUploadedFile(db, await f.actor('noor'), d.payments[0].receiptId!);
		expect(rec.contentType).toBe('application/pdf');
		expect(await count(`audit_log WHERE action = 'buurtpot.payment' AND subject = $1`, [`buurtpot_proposal:${id}`])).toBe(2);
		expect(await count(`audit_log WHERE action = 'ledger.transfer' AND details->>'code' = 'buurtpot.payout' AND subject = $1`, [`ledger_transfer:${first.transferId}`])).toBe(1);
		const [entry] = await db.query<{ amount: number }>(
			`SELECT e.amount FROM ledger_entries e JOIN ledger_transfers t ON t.seq = e.transfer_seq JOIN ledger_accounts a ON a.id = e.account_id WHERE t.id = $1 AND a.kind = 'expense'`,
			[first.transferId]
		);
		expect(Number(entry.amount)).toBe(30_000);
	});

	it('refuses bad payments with clear messages', async () => {
		const id = await proposalIn('won');
		const wim = await f.actor('wim');
		const cases: [Record<string, unknown>, ReturnType<typeof receipt> | null, string, Record<string, string>][] = [
			[{ amountCents: 0, payee: 'Winkel' }, receipt(), 'validation.invalid', { amountCents: 'proposals.amount_positive' }],
			[{ amountCents: 10.5, payee: 'Winkel' }, receipt(), 'validation.invalid', { amountCents: 'proposals.amount_whole_cents' }],
			[{ amountCents: 100, payee: '' }, receipt(), 'validation.invalid', { payee: 'proposals.payee_required' }],
			[{ amountCents: 100, payee: 'Winkel' }, null, 'validation.invalid', { receipt: 'proposals.receipt_required' }],
			[{ amountCents: 100, payee: 'Winkel' }, receipt(Uint8Array.from(Buffer.from('hello'))), 'validation.invalid', { receipt: 'proposals.receipt_type' }]
		];
		for (const [input, file, code, fields] of cases) {
			const e = await errorOf(payProposal(ctx, wim, { proposalId: id, ...input }, file));
			expect([e.code, e.fields], JSON.stringify(input)).toEqual([code, fields]);
		}
		expect((await errorOf(payProposal(ctx, await f.actor('anna'), { proposalId: id, amountCents: 100, payee: 'Winkel' }, receipt()))).code).toBe('proposals.forbidden');
		expect((await errorOf(payProposal(ctx, await f.actor('olga'), { proposalId: id, amountCents: 100, payee: 'Winkel' }, receipt()))).code).toBe('proposals.not_found');
		const notWon = await proposalIn('accepted');
		expect((await errorOf(payProposal(ctx, wim, { proposalId: notWon, amountCents: 100, payee: 'Winkel' }, receipt()))).code).toBe('proposals.not_payable');
	});

	it('cannot overdraw the buurtpot with payments at the same moment', async () => {
		const wim = await f.actor('wim');
		const a = await proposalIn('won', { costCents: 500_000 });
		const b = await proposalIn('won', { costCents: 500_000 });
		const balance = await potBalance();
		const part = Math.floor(balance / 2) + 1;
		const results = await Promise.allSettled([a, b].map((proposalId) => payProposal(ctx, wim, { proposalId, amountCents: part, payee: 'Winkel' }, receipt())));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(failed.reason.code).toBe('pot.insufficient');
		expect(await potBalance()).toBe(balance - part);
	});
});

describe('follow-up: updates, shifts, activities, calendar, report', () => {
	const nextWeek = () => new Date(ctx.clock().getTime() + 7 * DAY_MS).toISOString().slice(0, 10);

	it('posts progress updates with photos (author and staff only)', async () => {
		const id = await proposalIn('won');
		const u = await postProgressUpdate(ctx, await f.actor('anna'), { proposalId: id, body: 'Het bankje is besteld!' }, [{ field: 'photos', bytes: pngWithText() }]);
		expect((await errorOf(postProgressUpdate(ctx, await f.actor('noor'), { proposalId: id, body: 'Hoi' }))).code).toBe('proposals.forbidden');
		const d = await getProposalDetail(db, await f.actor('noor'), id, ctx.clock());
		expect(d.updates).toEqual([expect.objectContaining({ id: u.id, body: 'Het bankje is besteld!', authorName: 'Anna', photoIds: [expect.any(String)] })]);
		const notWon = await proposalIn('accepted');
		expect((await errorOf(postProgressUpdate(ctx, await f.actor('anna'), { proposalId: notWon, body: 'Hoi' }))).code).toBe('proposals.forbidden');
	});

	it('holds a shift’s capacity when many sign up at once', async () => {
		const id = await proposalIn('won');
		const shift = await createEvent(ctx, await f.actor('anna'), { proposalId: id, kind: 'shift', title: 'Bankje plaatsen', place: 'Speeltuin Lindehof', date: nextWeek(), startTime: '10:00', endTime: '12:00', capacity: 3 });
		const people: Who[] = ['bram', 'noor', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'sanne'];
		const results = await Promise.allSettled(people.map(async (who) => signUpForEvent(ctx, await f.actor(who), { eventId: shift.id })));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
		for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('activities.full');
		const [row] = await db.query<{ taken: number }>('SELECT taken FROM buurtpot_events WHERE id = $1', [shift.id]);
		expect(row.taken).toBe(3);
		expect(await count('buurtpot_event_signups WHERE event_id = $1', [shift.id])).toBe(3);
		// Cancelling frees a place for someone else.
		const signed = (await db.query<{ account_id: string }>('SELECT account_id FROM buurtpot_event_signups WHERE event_id = $1 LIMIT 1', [shift.id]))[0].account_id;
		const who = (Object.entries(f.ids).find(([, v]) => v === signed)![0]) as Who;
		await cancelSignUp(ctx, await f.actor(who), { eventId: shift.id });
		expect((await errorOf(cancelSignUp(ctx, await f.actor(who), { eventId: shift.id }))).code).toBe('activities.not_signed_up');
		const waiting = people[results.findIndex((r) => r.status === 'rejected')];
		expect((await signUpForEvent(ctx, await f.actor(waiting), { eventId: shift.id })).taken).toBe(3);
	});

	it('refuses bad events and bad sign-ups', async () => {
		const id = await proposalIn('won');
		const anna = await f.actor('anna');
		const base = { proposalId: id, kind: 'activity', title: 'Buurtborrel bij het bankje', place: 'Speeltuin', date: nextWeek(), startTime: '16:00', endTime: '18:00' };
		const cases: [Record<string, unknown>, Record<string, string>][] = [
			[{ endTime: '15:00' }, { endTime: 'activities.end_before_start' }],
			[{ date: '2020-01-01' }, { date: 'activities.in_past' }],
			[{ date: '2026-02-30' }, { date: 'activities.date_invalid' }],
			[{ startTime: '25:00' }, { date: 'activities.date_invalid' }],
			[{ kind: 'shift' }, { capacity: 'activities.capacity_required' }],
			[{ capacity: 0 }, { capacity: 'activities.capacity_invalid' }],
			[{ place: '' }, { place: 'activities.place_required' }]
		];
		for (const [over, fields] of cases) expect((await errorOf(createEvent(ctx, anna, { ...base, ...over }))).fields, JSON.stringify(over)).toEqual(fields);
		expect((await errorOf(createEvent(ctx, await f.actor('noor'), base))).code).toBe('proposals.forbidden');
		const ev = await createEvent(ctx, anna, base);
		const noor = await f.actor('noor');
		await signUpForEvent(ctx, noor, { eventId: ev.id });
		expect((await errorOf(signUpForEvent(ctx, noor, { eventId: ev.id }))).code).toBe('activities.already_signed_up');
		expect((await errorOf(signUpForEvent(ctx, await f.actor('olga'), { eventId: ev.id }))).code).toBe('activities.not_found');
		expect((await errorOf(signUpForEvent(ctx, await f.actor('wim'), { eventId: ev.id }))).code).toBe('activities.forbidden');
		expect((await errorOf(cancelEvent(ctx, noor, { eventId: ev.id }))).code).toBe('activities.forbidden');
		await cancelEvent(ctx, anna, { eventId: ev.id });
		expect((await errorOf(signUpForEvent(ctx, await f.actor('bram'), { eventId: ev.id }))).code).toBe('activities.cancelled');
		ctx.advance(8 * DAY_MS);
		try {
			const ev2 = await db.query<{ id: string }>('SELECT id FROM buurtpot_events WHERE cancelled_at IS NULL AND starts_at < $1 LIMIT 1', [ctx.clock()]);
			if (ev2[0]) expect((await errorOf(signUpForEvent(ctx, await f.actor('h6'), { eventId: ev2[0].id }))).code).toMatch(/activities\.(past|already_signed_up)/);
		} finally {
			ctx.advance(-8 * DAY_MS);
		}
	});

	it('publishes shifts and activities in an iCalendar feed with a secret token', async () => {
		const id = await proposalIn('won', { title: 'Moestuin; voor iedereen, ook kinderen' });
		const anna = await f.actor('anna');
		const long = 'Neem handschoenen mee; we werken in de moestuin, ook als het regent.\nKoffie staat klaar. ' + 'Één keer per maand werken we samen in de tuin en daarna eten we wat. '.repeat(3);
		await createEvent(ctx, anna, { proposalId: id, kind: 'shift', title: 'Moestuin aanleggen, deel 1', description: long, place: 'Lindehof 12, achter; bij de schuur', date: '2026-03-28', startTime: '10:00', endTime: '12:30', capacity: 6 });
		await createEvent(ctx, anna, { proposalId: id, kind: 'activity', title: 'Oogstfeest', place: 'Moestuin Lindehof', date: '2026-07-04', startTime: '15:00', endTime: '18:00' });
		const acts = await listBuurtActivities(db, await f.actor('noor'), f.lindebuurt, ctx.clock());
		const [, , buurtId, file] = acts.feedPath.split('/');
		const token = file.replace(/\.ics$/, '');
		expect(buurtId).toBe(f.lindebuurt);
		expect(token).toMatch(/^[0-9a-f]{64}$/);
		expect(await getCalendarFeed(db, f.lindebuurt, token.replace(/.$/, (c) => (c === '0' ? '1' : '0')), ctx.clock())).toBeNull();
		expect(await getCalendarFeed(db, f.beukenbuurt, token, ctx.clock())).toBeNull();
		const feed = (await getCalendarFeed(db, f.lindebuurt, token, ctx.clock()))!;
		const text = buildCalendar(feed.events, {
			now: ctx.clock(),
			host: 'noaber.test',
			publicUrl: 'http://noaber.test',
			labels: { calendarName: `Buurtpot ${feed.buurtName}`, shiftPrefix: 'Vrijwilligers:', proposalLine: (t) => `Voorstel: ${t}` }
		});
		// CRLF everywhere, no bare LF, and no line over 75 octets.
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
		const cal = new ICAL.Component(ICAL.parse(text));
		const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		const garden = events.find((e) => e.summary === 'Vrijwilligers: Moestuin aanleggen, deel 1')!;
		expect(garden).toBeDefined();
		expect(garden.location).toBe('Lindehof 12, achter; bij de schuur');
		expect(garden.description).toBe(`${long.trim()}\n\nVoorstel: Moestuin; voor iedereen, ook kinderen`);
		expect(garden.startDate.toJSDate().toISOString()).toBe('2026-03-28T09:00:00.000Z'); // 10:00 in Amsterdam (winter time)
		expect(garden.endDate.toJSDate().toISOString()).toBe('2026-03-28T11:30:00.000Z');
		expect(garden.startDate.zone?.tzid).toBe('UTC');
		expect(garden.uid).toMatch(/@noaber\.test$/);
		const feast = events.find((e) => e.summary === 'Oogstfeest')!;
		expect(feast.startDate.toJSDate().toISOString()).toBe('2026-07-04T13:00:00.000Z'); // summer time
		for (const v of cal.getAllSubcomponents('vevent')) expect(v.getFirstPropertyValue('dtstamp')).toBeTruthy();
	});

	it('escapes and folds per RFC 5545', () => {
		expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
		const folded = foldLine('SUMMARY:' + 'é'.repeat(60));
		for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
		expect(folded.split('\r\n').slice(1).every((l) => l.startsWith(' '))).toBe(true);
		expect(folded.replace(/\r\n /g, '')).toBe('SUMMARY:' + 'é'.repeat(60));
		expect(localToUtc('2026-10-25', '02:30')?.toISOString()).toMatch(/^2026-10-25T0[01]:30:00.000Z$/);
	});

	it('closes with a final report: what was done and what it cost', async () => {
		const wim = await f.actor('wim');
		const id = await proposalIn('won', { costCents: 2_000 });
		await topUpBuurt(ctx, wim, { buurtId: f.lindebuurt, account: 'buurtpot', amountCents: 10_000, note: 'Aanvulling buurtpot' });
		await payProposal(ctx, wim, { proposalId: id, amountCents: 1_800, payee: 'Winkel' }, { field: 'receipt', bytes: pdfBytes() });
		expect((await errorOf(finishProposal(ctx, await f.actor('anna'), { proposalId: id, report: 'Klaar.' }))).fields).toEqual({ report: 'proposals.report_required' });
		expect((await errorOf(finishProposal(ctx, await f.actor('noor'), { proposalId: id, report: 'Het bankje staat er.' }))).code).toBe('proposals.forbidden');
		const r = await finishProposal(ctx, await f.actor('anna'), { proposalId: id, report: 'Het bankje staat er, en wordt veel gebruikt.' });
		expect(r).toEqual({ id, status: 'done', spentCents: 1_800 });
		const d = await getProposalDetail(db, await f.actor('noor'), id, ctx.clock());
		expect(d).toMatchObject({ status: 'done', report: 'Het bankje staat er, en wordt veel gebruikt.', paidCents: 1_800 });
		expect((await errorOf(payProposal(ctx, wim, { proposalId: id, amountCents: 100, payee: 'Winkel' }, { field: 'receipt', bytes: pdfBytes() }))).code).toBe('proposals.not_payable');
	});
});
