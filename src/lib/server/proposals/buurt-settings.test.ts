import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { loadActor, type Actor } from '../people';
import { createBuurt, createCorporation } from '../places';
import { getSupervisionStatus, getRewardScheme } from '../help';
import { createProposalFixture, errorOf, proposalInput, type ProposalFixture } from './test-fixtures';
import { getBuurtSettings, updateBuurtSettings } from './buurt-settings';
import { createProposal } from './create-proposal';
import { getProposalDetail } from './queries';

/**
 * The buurt's settings document (/api/v1/buurten/{id}/settings) through its use cases, on the
 * real database: who sees which part, and that a change of several parts is all or nothing.
 */

let db: Db;
let ctx: TestCtx;
let f: ProposalFixture;
let otherStaff: Actor;

const defaults = {
	buurtpot: { supportHouseholds: 5, supportDays: 30, associationChecks: false },
	reward: { askerCents: 500, supervisorCents: 500, helperCents: 500 },
	help: { termMonths: 3, maxSupervisors: 2, autoConfirmDays: 7, waitingDays: 5 }
};

const auditCount = async (action: string) =>
	(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action]))[0].n;

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	f = await createProposalFixture(db, ctx);
	// A second corporation with its own buurt and wijkconsulent.
	const corporation = await createCorporation(db, { name: 'Woonstichting Elders' });
	await createBuurt(db, { corporationId: corporation, gemeente: { code: 'GM9998', name: 'Elders' }, wijk: { code: 'WK999801', name: 'Oost' }, code: 'BU99980101', cbsYear: 2025, name: 'Eikenbuurt' });
	const [staff] = await db.query<{ id: string }>(`INSERT INTO accounts (email, name) VALUES ('els@elders.test', 'Els Elders') RETURNING id`);
	await db.query(`INSERT INTO staff_roles (account_id, corporation_id, role) VALUES ($1, $2, 'wijkconsulent')`, [staff.id, corporation]);
	otherStaff = (await loadActor(db, staff.id, ctx.clock()))!;
});
afterAll(() => db.close());

describe('reading a buurt’s settings', () => {
	it('gives staff every part, with the defaults before anything was set, and says they may change it', async () => {
		const s = await getBuurtSettings(db, await f.actor('wim'), f.lindebuurt);
		expect(s).toEqual({
			buurtId: f.lindebuurt,
			canEdit: true,
			buurtpot: defaults.buurtpot,
			rewardScheme: { veiligheid: defaults.reward, onderhoud_woning: defaults.reward, onderhoud_gedeeld: defaults.reward, zorg: defaults.reward },
			help: defaults.help
		});
	});

	it('shows the buurt’s supervisor the rewards and the Superbuurt settings, read only', async () => {
		const s = await getBuurtSettings(db, await f.actor('bram'), f.lindebuurt);
		expect(s).toMatchObject({ canEdit: false, buurtpot: null, help: defaults.help });
		expect(s.rewardScheme.zorg).toEqual(defaults.reward);
	});

	it('refuses other members of the buurt (403): they read what concerns them on their own pages', async () => {
		expect((await errorOf(getBuurtSettings(db, await f.actor('anna'), f.lindebuurt))).code).toBe('settings.forbidden');
		// What Anna's pages show her still comes from the same settings.
		expect((await getSupervisionStatus(db, await f.actor('anna'), f.lindebuurt, ctx.clock())).settings).toMatchObject({ termMonths: 3, maxSupervisors: 2 });
	});

	it('is not found for partners, also for the buurt they are linked to', async () => {
		for (const who of ['hanna', 'carla'] as const) expect((await errorOf(getBuurtSettings(db, await f.actor(who), f.lindebuurt))).code).toBe('settings.not_found');
	});

	it('is not found for another buurt’s member, another corporation’s staff, an unknown or malformed id', async () => {
		expect((await errorOf(getBuurtSettings(db, await f.actor('olga'), f.lindebuurt))).code).toBe('settings.not_found');
		expect((await errorOf(getBuurtSettings(db, otherStaff, f.lindebuurt))).code).toBe('settings.not_found');
		expect((await errorOf(getBuurtSettings(db, await f.actor('wim'), '00000000-0000-4000-8000-000000000000'))).code).toBe('settings.not_found');
		expect((await errorOf(getBuurtSettings(db, await f.actor('wim'), 'lindebuurt'))).code).toBe('settings.not_found');
	});
});

describe('changing a buurt’s settings', () => {
	// Beukenbuurt for most changes; the first test changes Lindebuurt (what members there see).
	const buurt = () => f.beukenbuurt;

	it('changes several parts at once, keeps the fields left out, and the app follows the new values', async () => {
		const wim = await f.actor('wim');
		const s = await updateBuurtSettings(ctx, wim, {
			buurtId: f.lindebuurt,
			buurtpot: { supportHouseholds: 3, associationChecks: true },
			rewardScheme: { zorg: { helperCents: 750 }, veiligheid: { askerCents: 0, supervisorCents: 0, helperCents: 0 } },
			help: { termMonths: 6, maxSupervisors: 4 }
		});
		expect(s.buurtpot).toEqual({ supportHouseholds: 3, supportDays: 30, associationChecks: true });
		expect(s.rewardScheme.zorg).toEqual({ askerCents: 500, supervisorCents: 500, helperCents: 750 });
		expect(s.rewardScheme.veiligheid).toEqual({ askerCents: 0, supervisorCents: 0, helperCents: 0 });
		expect(s.rewardScheme.onderhoud_woning).toEqual(defaults.reward);
		expect(s.help).toEqual({ termMonths: 6, maxSupervisors: 4, autoConfirmDays: 7, waitingDays: 5 });
		// What people meet: a new proposal needs 3 households; the supervise page offers 6 months.
		const { id } = await createProposal(ctx, await f.actor('anna'), proposalInput(f.lindebuurt));
		expect((await getProposalDetail(db, await f.actor('anna'), id, ctx.clock())).supportNeeded).toBe(3);
		const status = await getSupervisionStatus(db, await f.actor('anna'), f.lindebuurt, ctx.clock());
		expect(status.settings).toMatchObject({ termMonths: 6, maxSupervisors: 4 });
		expect((await getRewardScheme(db, f.lindebuurt)).zorg.helperCents).toBe(750);
		// The supervisor now reads the new values too.
		expect((await getBuurtSettings(db, await f.actor('bram'), f.lindebuurt)).help).toMatchObject({ termMonths: 6, maxSupervisors: 4 });
	});

	it('audits each changed part as its own use case does, and nothing for values that stay the same', async () => {
		const wim = await f.actor('wim');
		const before = { buurtpot: await auditCount('buurtpot.settings_changed'), help: await auditCount('help.settings_changed'), reward: await auditCount('pot.reward_scheme_set') };
		await updateBuurtSettings(ctx, wim, { buurtId: buurt(), buurtpot: { supportDays: 45 }, rewardScheme: { zorg: { askerCents: 100 }, onderhoud_gedeeld: { askerCents: 500 } }, help: { waitingDays: 5 } });
		expect(await auditCount('buurtpot.settings_changed')).toBe(before.buurtpot + 1);
		expect(await auditCount('pot.reward_scheme_set')).toBe(before.reward + 1); // onderhoud_gedeeld stays 500
		expect(await auditCount('help.settings_changed')).toBe(before.help); // waitingDays stays 5
		const [row] = await db.query<{ actor_id: string; details: { supportDays: number } }>(
			`SELECT actor_id, details FROM audit_log WHERE action = 'buurtpot.settings_changed' AND subject = $1 ORDER BY id DESC LIMIT 1`,
			[`buurt:${buurt()}`]
		);
		expect(row).toMatchObject({ actor_id: f.ids.wim, details: { supportDays: 45 } });
	});

	it('changes nothing at all when one value is wrong, and names every wrong field by its place in the body', async () => {
		const wim = await f.actor('wim');
		const before = await getBuurtSettings(db, wim, buurt());
		const audits = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
		const e = await errorOf(
			updateBuurtSettings(ctx, wim, {
				buurtId: buurt(),
				buurtpot: { supportHouseholds: 8, supportDays: 0 },
				rewardScheme: { zorg: { helperCents: 12.5 }, onderhoud_woning: { askerCents: 200 } },
				help: { termMonths: 6, maxSupervisors: 99 }
			})
		);
		expect(e).toEqual({
			code: 'validation.invalid',
			details: {},
			fields: { 'buurtpot.supportDays': 'proposals.settings_number', 'rewardScheme.zorg.helperCents': 'pot.amount_whole_cents', 'help.maxSupervisors': 'validation.too_big' }
		});
		expect(await getBuurtSettings(db, wim, buurt())).toEqual(before);
		expect(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).toEqual(audits);
	});

	it('refuses fields and categories that do not exist, and parts that are not objects', async () => {
		const wim = await f.actor('wim');
		expect((await errorOf(updateBuurtSettings(ctx, wim, { buurtId: buurt(), buurtpot: { supportHousehold: 3, rotateFeedToken: true } }))).fields).toEqual({
			'buurtpot.supportHousehold': 'settings.unknown_field',
			'buurtpot.rotateFeedToken': 'settings.unknown_field'
		});
		expect((await errorOf(updateBuurtSettings(ctx, wim, { buurtId: buurt(), rewardScheme: { overige: { askerCents: 100 }, zorg: { bonusCents: 1 } } }))).fields).toEqual({
			'rewardScheme.overige': 'pot.category_not_rewarded',
			'rewardScheme.zorg.bonusCents': 'settings.unknown_field'
		});
		expect((await errorOf(updateBuurtSettings(ctx, wim, { buurtId: buurt(), supervisors: { max: 3 }, help: [4] }))).fields).toEqual({
			supervisors: 'settings.unknown_field',
			help: 'validation.type'
		});
		expect((await errorOf(updateBuurtSettings(ctx, wim, { buurtId: buurt(), buurtpot: { associationChecks: 'yes' } }))).fields).toEqual({ 'buurtpot.associationChecks': 'validation.type' });
	});

	it('answers an empty change with the settings as they are', async () => {
		const wim = await f.actor('wim');
		expect(await updateBuurtSettings(ctx, wim, { buurtId: buurt() })).toEqual(await getBuurtSettings(db, wim, buurt()));
	});

	it('is forbidden for members and supervisors of the buurt, and not found for everyone else (partners too)', async () => {
		const patch = { buurtId: f.lindebuurt, help: { maxSupervisors: 9 } };
		for (const who of ['anna', 'bram'] as const) expect((await errorOf(updateBuurtSettings(ctx, await f.actor(who), patch))).code).toBe('settings.forbidden');
		expect((await errorOf(updateBuurtSettings(ctx, await f.actor('hanna'), patch))).code).toBe('settings.not_found');
		expect((await errorOf(updateBuurtSettings(ctx, await f.actor('olga'), patch))).code).toBe('settings.not_found');
		expect((await errorOf(updateBuurtSettings(ctx, otherStaff, patch))).code).toBe('settings.not_found');
		// Authorisation comes before validation: a non-staff member learns nothing from a bad body.
		expect((await errorOf(updateBuurtSettings(ctx, await f.actor('anna'), { buurtId: f.lindebuurt, help: { nope: 1 } }))).code).toBe('settings.forbidden');
		expect((await getBuurtSettings(db, await f.actor('wim'), f.lindebuurt)).help?.maxSupervisors).not.toBe(9);
	});

	it('serialises concurrent changes of different fields of one part: neither is lost', async () => {
		const wim = await f.actor('wim');
		await Promise.all([
			updateBuurtSettings(ctx, wim, { buurtId: buurt(), help: { autoConfirmDays: 11 } }),
			updateBuurtSettings(ctx, wim, { buurtId: buurt(), help: { waitingDays: 12 } })
		]);
		expect((await getBuurtSettings(db, wim, buurt())).help).toMatchObject({ autoConfirmDays: 11, waitingDays: 12 });
	});
});
