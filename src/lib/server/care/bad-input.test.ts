import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCareRequest } from './create-care-request';
import { acceptOffer, offerHelp } from './offers';
import { postCareMessage } from './thread';
import { countRows, errorOf, openCareTests, requestInput, type CareFixture } from './test-fixtures';

/**
 * Bad input: expired or missing consent (consent.test.ts), an unvetted helper offering, free
 * text with a BSN or a date of birth, a buurt the organisation does not serve — a clear message
 * (a field code, or the request's 404) and nothing stored.
 */
let f: CareFixture;
beforeAll(async () => {
	f = await openCareTests();
});
afterAll(() => f.db.close());

const tables = ['care_requests', 'care_offers', 'care_messages', 'care_sessions', 'help_requests'];
const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await countRows(f.db, t)])));

describe('refused, and nothing stored', () => {
	it('a note with a BSN (11-test) or a date of birth', async () => {
		const carla = await f.actor('carla');
		const before = await counts();
		for (const [note, code] of [
			['BSN 111222333, graag bellen', 'care.text_has_bsn'],
			['nummer 1234.56.782', 'care.text_has_bsn'],
			['Mevrouw is geboren op 3-4-1948', 'care.text_has_birth_date'],
			['12 maart 1939', 'care.text_has_birth_date']
		]) expect((await errorOf(createCareRequest(f.ctx, carla, requestInput(f.lindebuurt, f.ctx.clock(), { availabilityNote: note })))).fields, note).toEqual({ availabilityNote: code });
		// Nine digits that fail the 11-test, and an appointment date, are fine.
		await createCareRequest(f.ctx, carla, requestInput(f.lindebuurt, f.ctx.clock(), { availabilityNote: 'Pasnummer 123456789; afspraak 10-03-2026' }));
		expect((await counts()).care_requests).toBe(before.care_requests + 1);
	});

	it('a message with a BSN or a date of birth in the thread', async () => {
		const [carla, noor] = [await f.actor('carla'), await f.actor('noor')];
		const id = await f.request();
		const { offerId } = await offerHelp(f.ctx, noor, { requestId: id });
		await acceptOffer(f.ctx, carla, { requestId: id, offerId });
		const before = await counts();
		expect((await errorOf(postCareMessage(f.ctx, carla, { requestId: id, body: 'Haar BSN is 111 222 333' }))).fields).toEqual({ body: 'care.text_has_bsn' });
		expect((await errorOf(postCareMessage(f.ctx, noor, { requestId: id, body: 'Is zij geboren 01/05/1950?' }))).fields).toEqual({ body: 'care.text_has_birth_date' });
		expect(await counts()).toEqual(before);
	});

	it('an unvetted member offering: for them the request does not exist', async () => {
		const id = await f.request();
		const before = await counts();
		for (const p of ['anna', 'fatima', 'piet', 'wim', 'gert'] as const) expect((await errorOf(offerHelp(f.ctx, await f.actor(p), { requestId: id }))).code, p).toBe('care.not_found');
		expect((await errorOf(offerHelp(f.ctx, await f.actor('carla'), { requestId: id }))).code).toBe('care.forbidden');
		expect((await errorOf(offerHelp(f.ctx, await f.actor('noor'), { requestId: 'not-a-uuid' }))).code).toBe('care.not_found');
		expect(await counts()).toEqual(before);
	});

	it('a buurt the organisation does not serve, a non-care partner, and a complex of another buurt', async () => {
		const before = await counts();
		const carla = await f.actor('carla');
		expect((await errorOf(createCareRequest(f.ctx, carla, requestInput(f.beukenbuurt, f.ctx.clock())))).code).toBe('care.not_found');
		// Scope before the body: an invalid body for an unserved buurt is still a 404.
		expect((await errorOf(createCareRequest(f.ctx, carla, { buurtId: f.beukenbuurt }))).code).toBe('care.not_found');
		expect((await errorOf(createCareRequest(f.ctx, await f.actor('gert'), requestInput(f.lindebuurt, f.ctx.clock())))).code).toBe('care.not_found');
		const [otherComplex] = await f.db.query<{ id: string }>('SELECT id FROM complexes WHERE buurt_id = $1 LIMIT 1', [f.beukenbuurt]);
		expect((await errorOf(createCareRequest(f.ctx, carla, requestInput(f.lindebuurt, f.ctx.clock(), { complexId: otherComplex.id })))).fields).toEqual({ complexId: 'care.complex_not_in_buurt' });
		expect((await errorOf(createCareRequest(f.ctx, carla, requestInput(f.lindebuurt, f.ctx.clock(), { need: 'diagnosis', consentGivenBy: 'Mevrouw Jansen' })))).fields).toEqual({ need: 'care.need_required', consentGivenBy: 'care.consent_by_required' });
		expect(await counts()).toEqual(before);
	});

	it('the same form sent twice makes one request', async () => {
		const carla = await f.actor('carla');
		const input = requestInput(f.lindebuurt, f.ctx.clock(), { idempotencyKey: 'k-care-twice-1' });
		const a = await createCareRequest(f.ctx, carla, input);
		const b = await createCareRequest(f.ctx, carla, input);
		expect(b.id).toBe(a.id);
	});
});
