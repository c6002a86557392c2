import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { DomainError } from '../shared/errors';
import { MAX_PHOTO_BYTES, cleanPhoto, cleanPhotos, filesFromForm, sniffType, type IncomingFile } from '.';

const solid = (width: number, height: number, channels: 3 | 4 = 3) => sharp({ create: { width, height, channels, background: { r: 200, g: 120, b: 40, alpha: 1 } } });

/** A camera-like JPEG: GPS position in its EXIF, a copyright line, an orientation, a colour profile. */
async function jpegWithGps(width = 300, height = 200): Promise<Uint8Array> {
	const out = await solid(width, height)
		.jpeg()
		.withMetadata({ orientation: 6 })
		.withExifMerge({
			IFD0: { Copyright: 'Anna de Vries', Make: 'Phone' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '5/1 7/1 15/1', GPSMapDatum: 'WGS-84' }
		})
		.withIccProfile('p3')
		.toBuffer();
	return new Uint8Array(out);
}

const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Anna</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';

async function fieldOf(p: Promise<unknown>): Promise<[string, Record<string, string>]> {
	const e = await p.then(() => null, (err: unknown) => err);
	if (!(e instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(e)}`);
	return [e.code, e.fields];
}

const photo = (bytes: Uint8Array): IncomingFile => ({ field: 'photos', bytes });

describe('the photo pipeline', () => {
	it('drops the GPS position and every other piece of metadata, and turns the photo upright', async () => {
		const input = await jpegWithGps();
		const before = await sharp(input).metadata();
		expect(before.exif && Buffer.from(before.exif).includes(Buffer.from('WGS-84'))).toBe(true);
		expect(before.icc).toBeDefined();
		expect(before.orientation).toBe(6);

		const out = await cleanPhoto(photo(input));
		const after = await sharp(out.bytes).metadata();
		expect(out.contentType).toBe('image/jpeg');
		expect(after.format).toBe('jpeg');
		expect([after.exif, after.xmp, after.iptc, after.icc, after.orientation]).toEqual([undefined, undefined, undefined, undefined, undefined]);
		expect(Buffer.from(out.bytes).includes(Buffer.from('Anna'))).toBe(false);
		// Orientation 6 (turned a quarter) is applied to the pixels before the tag goes.
		expect([after.width, after.height, out.width, out.height]).toEqual([200, 300, 200, 300]);
		expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
	});

	it('cleans WebP (EXIF and XMP) and PNG (EXIF) the same way, keeping their format', async () => {
		const webp = new Uint8Array(await solid(40, 30).webp().withExif({ IFD3: { GPSMapDatum: 'WGS-84' } }).withXmp(xmp).toBuffer());
		const png = new Uint8Array(await solid(40, 30, 4).png().withExif({ IFD3: { GPSMapDatum: 'WGS-84' } }).toBuffer());
		const inWebp = await sharp(webp).metadata();
		expect([!!inWebp.exif, !!inWebp.xmp]).toEqual([true, true]);
		expect(!!(await sharp(png).metadata()).exif).toBe(true);
		for (const [bytes, type, format] of [[webp, 'image/webp', 'webp'], [png, 'image/png', 'png']] as const) {
			const out = await cleanPhoto(photo(bytes));
			const m = await sharp(out.bytes).metadata();
			expect([out.contentType, m.format, m.exif, m.xmp, m.iptc]).toEqual([type, format, undefined, undefined, undefined]);
		}
	});

	it('scales a large photo down to 1600 px on its longest side, and never scales a small one up', async () => {
		const big = new Uint8Array(await solid(4000, 3000).jpeg({ quality: 60 }).toBuffer());
		const out = await cleanPhoto(photo(big));
		const m = await sharp(out.bytes).metadata();
		expect([m.width, m.height]).toEqual([1600, 1200]);
		const tall = await cleanPhoto(photo(new Uint8Array(await solid(900, 2400).png().toBuffer())));
		expect([tall.width, tall.height]).toEqual([600, 1600]);
		const small = await cleanPhoto(photo(new Uint8Array(await solid(320, 240).webp().toBuffer())));
		expect([small.width, small.height]).toEqual([320, 240]);
	});

	it('decides the type by content and refuses HEIC, other types, broken, empty, too big and too many files', async () => {
		const heic = Uint8Array.from([0, 0, 0, 0x18, ...Buffer.from('ftypheic'), 0, 0, 0, 0, ...Buffer.from('mif1heic')]);
		const gif = Uint8Array.from(Buffer.from('GIF89a\x01\x00\x01\x00'));
		const html = Uint8Array.from(Buffer.from('<html><script>alert(1)</script></html>'));
		const pdf = Uint8Array.from(Buffer.from('%PDF-1.4\n%%EOF\n'));
		const jpeg = await jpegWithGps();
		const disguised = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Buffer.from('not a png at all')]);
		expect(sniffType(heic)).toBe('image/heic');
		const cases: [Uint8Array, string][] = [
			[heic, 'photos.heic'],
			[gif, 'photos.file_type'],
			[html, 'photos.file_type'],
			[pdf, 'photos.file_type'],
			[jpeg.subarray(0, 200), 'photos.file_broken'],
			[disguised, 'photos.file_broken'],
			[new Uint8Array(0), 'photos.file_broken'],
			[new Uint8Array(MAX_PHOTO_BYTES + 1).fill(0xff), 'photos.file_too_big']
		];
		for (const [bytes, key] of cases) expect(await fieldOf(cleanPhoto(photo(bytes)))).toEqual(['validation.invalid', { photos: key }]);
		expect(await fieldOf(cleanPhotos([photo(jpeg), photo(jpeg), photo(jpeg), photo(jpeg)], { max: 3 }))).toEqual(['validation.invalid', { photos: 'photos.too_many_files' }]);
		expect(await cleanPhotos([photo(jpeg), photo(jpeg)], { max: 3 })).toHaveLength(2);
	});

	it('refuses a decompression bomb (more than 50 million pixels) as broken, before decoding it', async () => {
		const bomb = new Uint8Array(await sharp({ create: { width: 8000, height: 7000, channels: 3, background: 'white' } }).png({ compressionLevel: 9 }).toBuffer());
		expect(bomb.length).toBeLessThan(MAX_PHOTO_BYTES);
		expect(await fieldOf(cleanPhoto(photo(bomb)))).toEqual(['validation.invalid', { photos: 'photos.file_broken' }]);
	});

	it('reads a form: empty file inputs are skipped, an oversized file is refused before it is read', async () => {
		const data = new FormData();
		data.append('photos', new File([], ''));
		data.append('photos', new File([Buffer.from('abc')], 'a.jpg'));
		data.append('photos', 'not a file');
		expect((await filesFromForm(data, 'photos')).map((f) => f.bytes.length)).toEqual([3]);
		data.append('photos', new File([new Uint8Array(MAX_PHOTO_BYTES + 1)], 'big.jpg'));
		expect(await fieldOf(filesFromForm(data, 'photos'))).toEqual(['validation.invalid', { photos: 'photos.file_too_big' }]);
	});
});
