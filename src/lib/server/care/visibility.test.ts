import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCareRequest } from './create-care-request';
import { acceptOffer, offerHelp } from './offers';
import { postCareMessage } from './thread';
import { endHelperCheck, listHelperChecks, recordHelperCheck } from './vetting';
import { careProviderHome, getCareRequest, listCareRequests } from './queries';
import { addMonths, isoDay } from './model';
import { countRows, errorOf, openCareTests, requestInput, type CareFixture, type CarePersona } from './test-fixtures';

/**
 * Who sees what (docs/ARCHITECTURE.md, "Care bridge"): every role against an open request of the
 * Lindebuurt — its list lines (what they count), its page, and an offer. Only the care provider
 * and vetted helpers of that buurt see it; everyone else sees nothing, not an empty list: a 404.
 */
let f: CareFixture;
let open: string;
beforeAll(async () => {
	f = await openCareTests();
	open = await f.request({ need: 'digital', availabilityNote: 'Heeft een nieuwe tablet.' });
});
afterAll(() => f.db.close());

type Sees = { list: 'lines' | 'empty' | 'none'; page: 'provider' | 'open' | 'none' };
const expected: Record<CarePersona, Sees> = {
	carla: { list: 'lines', page: 'provider' }, // created it
	dana: { list: 'empty', page: 'none' }, // a colleague, not the coordinator
	noor: { list: 'lines', page: 'open' }, // vetted helper of the Lindebuurt
	piet: { list: 'empty', page: 'none' }, // vetted helper of the Beukenbuurt only
	anna: { list: 'none', page: 'none' }, // member of the Lindebuurt, no check
	fatima: { list: 'none', page: 'none' },
	wim: { list: 'none', page: 'none' }, // staff of the corporation: vet helpers, never read requests
	admin: { list: 'none', page: 'none' },
	gert: { list: 'none', page: 'none' }, // municipality partner linked to the Lindebuurt
	hanna: { list: 'none', page: 'none' }, // tenants' association linked to the Lindebuurt
	kees: { list: 'none', page: 'none' } // another corporation
};

describe('the visibility matrix', () => {
	for (const [who, sees] of Object.entries(expected) as [CarePersona, Sees][]) {
		it(`${who}: list ${sees.list}, page ${sees.page}`, async () => {
			const a = await f.actor(who);
			const now = f.ctx.clock();
			const lists = await listCareRequests(f.db, a, {}, now).catch((e) => e);
			if (sees.list === 'none') expect(lists.code).toBe('care.not_found');
			else {
				const all = [...lists.provided, ...lists.open, ...lists.mine].map((l: { id: string }) => l.id);
				expect(all.includes(open)).toBe(sees.list === 'lines');
			}
			const page = await getCareRequest(f.db, a, open, now).catch((e) => e);
			if (sees.page === 'none') expect(page.code).toBe('care.not_found');
			else {
				expect(page.viewAs).toBe(sees.page);
				// Only the provider reads the consent record and the offers.
				expect(page.consent !== null).toBe(sees.page === 'provider');
				expect(page.offers !== null).toBe(sees.page === 'provider');
				expect(page.availabilityNote).toBe('Heeft een nieuwe tablet.');
			}
			// Offering: only the vetted helper of the buurt; for everyone who cannot see it, the request does not exist.
			if (sees.page === 'none') expect((await errorOf(offerHelp(f.ctx, a, { requestId: open }))).code).toBe('care.not_found');
			// The home's counts: care partner staff only, and only their own requests.
			const home = await careProviderHome(f.db, a, now);
			expect(home === null).toBe(!['carla', 'dana'].includes(who));
			if (home) expect(home.open.some((l) => l.id === open)).toBe(who === 'carla');
		});
	}

	it('the coordinator sees every request of the organisation; a colleague’s only once they coordinate', async () => {
		const byDana = await f.request({ need: 'walk' }, 'dana');
		const carla = await f.actor('carla');
		expect((await errorOf(getCareRequest(f.db, carla, byDana, f.ctx.clock()))).code).toBe('care.not_found');
		await f.makeCoordinator('carla');
		expect((await getCareRequest(f.db, await f.actor('carla'), byDana, f.ctx.clock())).viewAs).toBe('provider');
	});

	it('a matched request: the accepted helper and the provider; other vetted helpers no longer see it', async () => {
		const id = await f.request({ need: 'company' });
		const [carla, noor, wim] = [await f.actor('carla'), await f.actor('noor'), await f.actor('wim')];
		await recordHelperCheck(f.ctx, wim, { buurtId: f.lindebuurt, email: 'fatima@demo.noaber.test', method: 'organisation', organisationId: f.organisationId, validUntil: addMonths(isoDay(f.ctx.clock()), 12) });
		const fatima = await f.actor('fatima');
		expect((await getCareRequest(f.db, fatima, id, f.ctx.clock())).viewAs).toBe('open');
		const { offerId } = await offerHelp(f.ctx, noor, { requestId: id });
		await acceptOffer(f.ctx, carla, { requestId: id, offerId });
		await postCareMessage(f.ctx, carla, { requestId: id, body: 'Het adres volgt.' });
		expect((await errorOf(getCareRequest(f.db, fatima, id, f.ctx.clock()))).code).toBe('care.not_found');
		expect((await getCareRequest(f.db, noor, id, f.ctx.clock())).messages).toHaveLength(1);
		expect((await errorOf(postCareMessage(f.ctx, fatima, { requestId: id, body: 'Ik ook?' }))).code).toBe('care.not_found');
		// Ending Fatima's check: she no longer sees any care request, not even an empty list.
		const check = (await listHelperChecks(f.db, wim, f.ctx.clock())).find((c) => c.accountId === f.ids.fatima)!;
		expect(check.method).toBe('organisation');
		await endHelperCheck(f.ctx, wim, { checkId: check.id });
		expect((await errorOf(listCareRequests(f.db, await f.actor('fatima'), {}, f.ctx.clock()))).code).toBe('care.not_found');
	});
});

describe('vetting', () => {
	it('only staff of the corporation (or the coordinator, for its own vetting) record checks, for members of the buurt; bad input stores nothing', async () => {
		const wim = await f.actor('wim');
		const before = await countRows(f.db, 'care_helpers');
		const today = isoDay(f.ctx.clock());
		const vog = { buurtId: f.lindebuurt, email: 'anna@demo.noaber.test', method: 'vog', vogSeenOn: today, validUntil: addMonths(today, 12) };
		expect((await errorOf(recordHelperCheck(f.ctx, await f.actor('noor'), vog))).code).toBe('care.forbidden');
		expect((await errorOf(recordHelperCheck(f.ctx, await f.actor('gert'), vog))).code).toBe('care.forbidden');
		expect((await errorOf(recordHelperCheck(f.ctx, await f.actor('kees'), vog))).code).toBe('care.not_found');
		expect((await errorOf(recordHelperCheck(f.ctx, wim, { ...vog, email: 'piet@demo.noaber.test' }))).fields).toEqual({ email: 'care.helper_not_member' });
		expect((await errorOf(recordHelperCheck(f.ctx, wim, { ...vog, vogSeenOn: undefined }))).fields).toEqual({ vogSeenOn: 'care.vog_date_required' });
		expect((await errorOf(recordHelperCheck(f.ctx, wim, { ...vog, validUntil: '2020-01-01' }))).fields).toEqual({ validUntil: 'care.valid_until_past' });
		expect((await errorOf(recordHelperCheck(f.ctx, wim, { ...vog, email: 'noor@demo.noaber.test' }))).code).toBe('care.check_exists');
		expect(await countRows(f.db, 'care_helpers')).toBe(before);
		// A coordinator records their organisation's own vetting (not a VOG).
		await f.makeCoordinator('carla');
		const carla = await f.actor('carla');
		expect((await errorOf(recordHelperCheck(f.ctx, carla, vog))).code).toBe('care.forbidden');
		await recordHelperCheck(f.ctx, carla, { ...vog, method: 'organisation', organisationId: f.organisationId, vogSeenOn: undefined });
		expect((await getCareRequest(f.db, await f.actor('anna'), open, f.ctx.clock())).viewAs).toBe('open');
	});

	it('a check that ran out hides everything again', async () => {
		const wim = await f.actor('wim');
		const today = isoDay(f.ctx.clock());
		const b = await createCareRequest(f.ctx, await f.actor('carla'), requestInput(f.lindebuurt, f.ctx.clock()));
		const check = (await listHelperChecks(f.db, wim, f.ctx.clock())).find((c) => c.accountId === f.ids.noor)!;
		expect(check.validUntil > today).toBe(true);
		f.ctx.setNow(new Date(`${addMonths(today, 37)}T09:00:00Z`));
		expect((await errorOf(getCareRequest(f.db, await f.actor('noor'), b.id, f.ctx.clock()))).code).toBe('care.not_found');
	});
});
