import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { createProposal } from './create-proposal';
import { getProposalDetail, getUploadedFile } from './queries';
import sharp from 'sharp';
import { sniffType } from '../photos';
import { openProposalTests, errorOf, jpegWithGps, pdfBytes, pngWithText, proposalInput, proposalSteps, type ProposalFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: ProposalFixture;

beforeAll(async () => {
	f = await openProposalTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

const { count } = proposalSteps(() => f);

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

	it('stores a JPEG photo without its GPS position or any other EXIF', async () => {
		const anna = await f.actor('anna');
		const jpeg = await jpegWithGps();
		expect((await sharp(jpeg).metadata()).exif).toBeDefined();
		const r = await createProposal(ctx, anna, proposalInput(f.lindebuurt), [{ field: 'photos', bytes: jpeg }]);
		const d = await getProposalDetail(db, anna, r.id, ctx.clock());
		const file = await getUploadedFile(db, anna, d.photoIds[0]);
		const m = await sharp(Buffer.from(file.bytes)).metadata();
		expect([file.contentType, m.format, m.exif, m.xmp, m.iptc, m.width]).toEqual(['image/jpeg', 'jpeg', undefined, undefined, undefined, 64]);
		expect(Buffer.from(file.bytes).includes(Buffer.from('Anna'))).toBe(false);
	});

	it('refuses wrong types, disguised files, too many and too big photos, writing nothing', async () => {
		const anna = await f.actor('anna');
		const before = await count('buurtpot_proposals');
		const html = Uint8Array.from(Buffer.from('<html><script>alert(1)</script></html>'));
		const cases: [Uint8Array[], string][] = [
			[[html], 'photos.file_type'],
			[[pdfBytes()], 'photos.file_type'],
			[[pngWithText().subarray(0, 40)], 'photos.file_broken'],
			[[pngWithText(), pngWithText(), pngWithText(), pngWithText()], 'photos.too_many_files'],
			[[new Uint8Array(5 * 1024 * 1024 + 1).fill(0xff)], 'photos.file_too_big']
		];
		for (const [files, field] of cases) {
			const e = await errorOf(createProposal(ctx, anna, proposalInput(f.lindebuurt), files.map((bytes) => ({ field: 'photos', bytes }))));
			expect(e.fields).toEqual({ photos: field });
		}
		expect(await count('buurtpot_proposals')).toBe(before);
		expect(sniffType(Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]))).toBe('image/webp');
	});
});
