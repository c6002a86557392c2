import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { createProposal } from './create-proposal';
import { getProposalDetail, getUploadedFile } from './queries';
import { sniffType, stripMetadata } from './uploads';
import { openProposalTests, errorOf, jpegWithExif, pdfBytes, pngWithText, proposalInput, proposalSteps, type ProposalFixture } from './test-fixtures';

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
