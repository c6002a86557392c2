import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { listAudit } from '../audit';
import { DomainError, httpStatusFor } from '../shared/errors';
import { getConsultantPhoto, getMyConsultantCard, loadActor, myConsultantCards, removeMyConsultantPhoto, saveMyConsultantCard, saveMyConsultantPhoto, seedDemo, setBuurtConsultant, type DemoKey } from '.';

let db: Db;
let ctx: TestCtx;
let ids: Record<DemoKey, string>;
let linde: string;
beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	ids = await seedDemo(ctx);
	[{ id: linde }] = await db.query<{ id: string }>("SELECT id FROM buurten WHERE code = 'BU99990101'");
});
afterAll(() => db.close());

const actor = async (key: DemoKey) => (await loadActor(db, ids[key], ctx.clock()))!;
async function errorOf(p: Promise<unknown>): Promise<DomainError> {
	try {
		await p;
	} catch (e) {
		if (e instanceof DomainError) return e;
		throw e;
	}
	throw new Error('expected a DomainError');
}

/** A phone photo: the GPS position where it was taken and the owner's name in its EXIF. */
async function phonePhoto(): Promise<Uint8Array> {
	const out = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 120, b: 80 } } })
		.jpeg()
		.withExifMerge({
			IFD0: { Copyright: 'Wim Bakker', Make: 'Phone' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 13/1 18/1', GPSLongitudeRef: 'E', GPSLongitude: '6/1 53/1 38/1' }
		})
		.toBuffer();
	return new Uint8Array(out);
}

describe('the photo on the wijkconsulent’s card', () => {
	it('needs a card first; a file that is not a photo is refused next to the field and nothing is stored', async () => {
		const wim = await actor('employee');
		expect((await errorOf(saveMyConsultantPhoto(ctx, wim, [{ field: 'photo', bytes: await phonePhoto() }]))).code).toBe('people.card_needed');
		await saveMyConsultantCard(ctx, wim, { displayName: 'Wim Bakker', about: 'Uw wijkconsulent.', phone: '0599 000 000' });
		expect((await errorOf(saveMyConsultantPhoto(ctx, wim, [{ field: 'photo', bytes: new TextEncoder().encode('%PDF-1.4 not a photo') }]))).fields).toEqual({ photo: 'photos.file_type' });
		expect((await errorOf(saveMyConsultantPhoto(ctx, wim, []))).fields).toEqual({ photo: 'validation.required' });
		expect((await getMyConsultantCard(db, wim))!.photo).toBeNull();
		// A tenant has no card to put a photo on.
		expect((await errorOf(saveMyConsultantPhoto(ctx, await actor('tenant'), [{ field: 'photo', bytes: await phonePhoto() }]))).code).toBe('people.forbidden');
	});

	it('is stored without the GPS position or any other metadata, shows on the card, and is audited', async () => {
		const wim = await actor('employee');
		const { sha256 } = await saveMyConsultantPhoto(ctx, wim, [{ field: 'photo', bytes: await phonePhoto() }]);
		expect((await getMyConsultantCard(db, wim))!.photo).toBe(sha256);
		const photo = await getConsultantPhoto(db, wim, wim.accountId);
		expect(photo.contentType).toBe('image/jpeg');
		const meta = await sharp(Buffer.from(photo.bytes)).metadata();
		expect([meta.exif, meta.xmp, meta.iptc]).toEqual([undefined, undefined, undefined]);
		expect(Buffer.from(photo.bytes).includes('Wim Bakker')).toBe(false);
		expect((await listAudit(db, { action: 'people.consultant_photo_saved' }))[0]).toMatchObject({ actor_id: ids.employee });
	});

	it('is seen by who sees the card: the buurt’s members once linked, staff; nobody else (404)', async () => {
		const wim = await actor('employee');
		const anna = await actor('tenant');
		// Not linked to a buurt yet: a tenant cannot fetch it, staff of the corporation can.
		expect(httpStatusFor((await errorOf(getConsultantPhoto(db, anna, wim.accountId))).code)).toBe(404);
		expect((await getConsultantPhoto(db, await actor('admin'), wim.accountId)).sha256).toMatch(/^[0-9a-f]{64}$/);
		await setBuurtConsultant(ctx, wim, { buurtId: linde, accountId: wim.accountId });
		expect((await getConsultantPhoto(db, anna, wim.accountId)).bytes.length).toBeGreaterThan(0);
		expect((await myConsultantCards(db, anna))[0].photo).toMatch(/^[0-9a-f]{64}$/);
		const other = await actor('olga'); // staff of another corporation
		expect(httpStatusFor((await errorOf(getConsultantPhoto(db, other, wim.accountId))).code)).toBe(404);
		expect((await errorOf(getConsultantPhoto(db, anna, 'not-an-id'))).code).toBe('people.photo_not_found');
	});

	it('can be removed again: the card shows initials, the bytes are gone', async () => {
		const wim = await actor('employee');
		expect(await removeMyConsultantPhoto(ctx, wim)).toEqual({ removed: true });
		expect((await getMyConsultantCard(db, wim))!.photo).toBeNull();
		expect((await db.query('SELECT 1 FROM consultant_photos')).length).toBe(0);
		expect(await removeMyConsultantPhoto(ctx, wim)).toEqual({ removed: false });
	});
});
