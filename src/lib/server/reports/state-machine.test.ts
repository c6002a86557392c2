import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openReportsTests, reportReads, type Persona, type ReportsFixture } from './test-fixtures';
import { DomainError } from '../shared/errors';
import type { Actor } from '../people';
import {
	decide, replay, transitionActions, transitions, reportStates, rolesOf, acknowledgeReport, startReport, resolveReport, rejectReport, forwardReport,
	recordReply, mergeReport, reopenReport, withdrawReport, type ReportRole, type ReportState, type TransitionAction
} from '.';

/**
 * The table itself (every action × state × role decides as the table says), and random
 * sequences of steps by random people through the real use cases: a refused step writes
 * nothing, an allowed one exactly one history row, and replaying the history gives the state.
 */
let f: ReportsFixture;
const reads = reportReads(() => f.db);
const people: Persona[] = ['reporter', 'member', 'staff', 'supplier', 'outsider'];
const actors = {} as Record<Persona, Actor>;
let mergeTarget: string;
beforeAll(async () => {
	f = await openReportsTests();
	for (const p of people) actors[p] = await f.actor(p);
	mergeTarget = await f.report({ who: 'member' });
});
afterAll(() => f.db.close());

describe('the transition table', () => {
	it('every action × state × role: allowed exactly when the table lists both', () => {
		const roles: ReportRole[] = ['reporter', 'staff', 'partner', 'system'];
		for (const action of Object.keys(transitions) as (keyof typeof transitions)[])
			for (const state of reportStates)
				for (const role of roles) {
					const t = transitions[action];
					const d = decide(action, state, new Set([role]));
					expect(d.ok, `${action} from ${state} as ${role}`).toBe((t.roles as readonly string[]).includes(role) && (t.from as readonly string[]).includes(state));
					if (!d.ok) expect(d.code).toMatch(/^reports\./);
				}
	});
});

const run = (a: TransitionAction, who: Persona, id: string): Promise<unknown> => {
	const actor = actors[who];
	const note = 'Een notitie voor de melder.';
	switch (a) {
		case 'acknowledge': return acknowledgeReport(f.ctx, actor, { reportId: id, note });
		case 'start': return startReport(f.ctx, actor, { reportId: id, note });
		case 'resolve': return resolveReport(f.ctx, actor, { reportId: id, note });
		case 'reject': return rejectReport(f.ctx, actor, { reportId: id, note });
		case 'forward': return forwardReport(f.ctx, actor, { reportId: id, note, forwardedTo: 'Waterschap' });
		case 'record_reply': return recordReply(f.ctx, actor, { reportId: id, note });
		case 'merge': return mergeReport(f.ctx, actor, { reportId: id, note, intoId: mergeTarget });
		case 'reopen': return reopenReport(f.ctx, actor, { reportId: id, note });
		case 'withdraw': return withdrawReport(f.ctx, actor, { reportId: id });
	}
};

describe('random sequences through the use cases', () => {
	it('history is append-only, one row per allowed step, and replays to the state', async () => {
		const step = fc.record({ action: fc.constantFrom(...transitionActions), who: fc.constantFrom(...people) });
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), fc.boolean(), async (steps, toSupplier) => {
				const id = await f.report();
				if (toSupplier) await f.db.query(`UPDATE reports SET party_kind = 'supplier', organisation_id = $2 WHERE id = $1`, [id, f.supplierOrg]);
				let state: ReportState = 'new';
				let rows = (await reads.history(id)).length;
				for (const s of steps) {
					const r = (await f.db.query<{ corporation_id: string; buurt_id: string; visibility: 'public'; reporter_id: string; organisation_id: string | null; party_kind: 'supplier' }>('SELECT corporation_id, buurt_id, visibility, reporter_id, organisation_id, party_kind FROM reports WHERE id = $1', [id]))[0];
					const expected = decide(s.action, state, rolesOf(actors[s.who], r));
					let ok = true;
					try {
						await run(s.action, s.who, id);
					} catch (e) {
						if (!(e instanceof DomainError)) throw e;
						ok = false;
					}
					if (ok) {
						expect(expected.ok).toBe(true);
						if (expected.ok) state = expected.to;
						rows++;
					}
					const history = await reads.history(id);
					expect(history.length).toBe(rows);
					expect(replay(history)).toBe(state);
					expect(await reads.stateOf(id)).toBe(state);
				}
			}),
			{ numRuns: 25 }
		);
	});
});
