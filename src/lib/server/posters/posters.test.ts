import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { PDFDocument, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { httpStatusFor } from '../shared/errors';
import { saveMyConsultantCard, setBuurtConsultant } from '../people';
import { createEvent } from '../activities';
import { DAY_MS } from '../proposals';
import { openProposalTests, errorOf, proposalSteps, type ProposalFixture } from '../proposals/test-fixtures';
import { posterPdf } from '../web/poster-pdf';
import { composePoster, type Poster } from '.';

let db: Db;
let ctx: TestCtx;
let f: ProposalFixture;
const publicUrl = 'https://noaber.example.nl';

beforeAll(async () => {
	f = await openProposalTests();
	({ db, ctx } = f);
	const wim = await f.actor('wim');
	await saveMyConsultantCard(ctx, wim, { displayName: 'Wim Bakker', about: 'Uw wijkconsulent.', officeHours: 'Dinsdag 9.00–12.00 uur', officePlace: 'Buurthuis De Linde', phone: '0599 000 000' });
	await setBuurtConsultant(ctx, wim, { buurtId: f.lindebuurt, accountId: wim.accountId });
});
afterAll(() => db.close());

/** Reads a QR matrix the way a phone does: drawn as pixels (with its quiet zone), then decoded. */
function decode(qr: boolean[][]): string | null {
	const scale = 4;
	const quiet = 4;
	const side = (qr.length + 2 * quiet) * scale;
	const px = new Uint8ClampedArray(side * side * 4).fill(255);
	qr.forEach((row, y) =>
		row.forEach((dark, x) => {
			if (!dark) return;
			for (let dy = 0; dy < scale; dy++)
				for (let dx = 0; dx < scale; dx++) {
					const i = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4;
					px[i] = px[i + 1] = px[i + 2] = 0;
				}
		})
	);
	return jsQR(px, side, side)?.data ?? null;
}

/** The text a PDF's pages draw (pdf-lib writes standard-font text as hex strings). */
async function pdfText(bytes: Uint8Array): Promise<string> {
	const doc = await PDFDocument.load(bytes);
	let out = '';
	for (const [, obj] of doc.context.enumerateIndirectObjects()) {
		if (!(obj instanceof PDFRawStream)) continue;
		const content = Buffer.from(decodePDFRawStream(obj).decode()).toString('latin1');
		for (const m of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) out += Buffer.from(m[1], 'hex').toString('latin1') + '\n';
	}
	return out;
}

describe('the stairwell poster', () => {
	let poster: Poster;

	it('names the supervisors by first name, the wijkconsulent, the next activity, and leads to sign-up by a QR code that decodes', async () => {
		const { proposalIn } = proposalSteps(() => f);
		const id = await proposalIn('won');
		const inTwoWeeks = new Date(ctx.clock().getTime() + 14 * DAY_MS).toISOString().slice(0, 10);
		await createEvent(ctx, await f.actor('anna'), { proposalId: id, kind: 'activity', title: 'Bankje onthullen', place: 'Speeltuin Lindehof', date: inTwoWeeks, startTime: '15:00', endTime: '16:00' });

		poster = await composePoster(db, await f.actor('wim'), { buurtId: f.lindebuurt }, ctx.clock(), publicUrl);
		expect(poster.supervisors).toEqual(['Bram']);
		expect(poster.consultant).toMatchObject({ displayName: 'Wim Bakker', phone: '0599 000 000' });
		expect(poster.nextActivity).toMatchObject({ title: 'Bankje onthullen', place: 'Speeltuin Lindehof' });
		expect(poster.signupUrl).toBe(`${publicUrl}/signup?buurt=BU99990101`);
		expect(decode(poster.qr)).toBe(poster.signupUrl);
		expect(poster.languages).toEqual(['nl']);
	});

	it('is an A4 PDF in Dutch and the chosen second language, with the same people on it', async () => {
		const complex = poster.complexes[0];
		const two = await composePoster(db, await f.actor('bram'), { buurtId: f.lindebuurt, complexId: complex.id, second: 'en' }, ctx.clock(), publicUrl);
		expect(two.complex).toEqual(complex);
		const bytes = await posterPdf(two);
		const doc = await PDFDocument.load(bytes);
		expect(doc.getPageCount()).toBe(1);
		const { width, height } = doc.getPage(0).getSize();
		expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
		const text = await pdfText(bytes);
		expect(text).toContain(`Noaber in ${complex.name}, Lindebuurt`);
		expect(text).toContain('Uw supervisor');
		expect(text).toContain('Your supervisor');
		expect(text).toContain('Bram');
		expect(text).not.toContain('Jansen'); // first names only: the poster hangs in a public hall
		expect(text).toContain('Wim Bakker');
		expect(text).toContain('Bankje onthullen');
		expect(text).toContain('/signup?buurt=BU99990101');
	});

	it('a typed character the PDF font cannot draw does not break the poster', async () => {
		const bytes = await posterPdf({ ...poster, consultant: { ...poster.consultant!, officePlace: 'Buurthuis 🏠 Łąka' } });
		expect(await pdfText(bytes)).toContain('Buurthuis ? ?');
	});

	it('is made by staff and the buurt’s supervisors; other members 403, everyone else 404; bad choices are named', async () => {
		expect(httpStatusFor((await errorOf(composePoster(db, await f.actor('anna'), { buurtId: f.lindebuurt }, ctx.clock(), publicUrl))).code)).toBe(403);
		expect(httpStatusFor((await errorOf(composePoster(db, await f.actor('olga'), { buurtId: f.lindebuurt }, ctx.clock(), publicUrl))).code)).toBe(404);
		expect(httpStatusFor((await errorOf(composePoster(db, await f.actor('carla'), { buurtId: f.lindebuurt }, ctx.clock(), publicUrl))).code)).toBe(404);
		expect((await errorOf(composePoster(db, await f.actor('wim'), { buurtId: 'geen-buurt' }, ctx.clock(), publicUrl))).code).toBe('posters.not_found');
		const [other] = await db.query<{ id: string }>('SELECT id FROM complexes WHERE buurt_id = $1 LIMIT 1', [f.beukenbuurt]);
		expect((await errorOf(composePoster(db, await f.actor('wim'), { buurtId: f.lindebuurt, complexId: other.id }, ctx.clock(), publicUrl))).code).toBe('posters.complex_not_found');
		expect((await errorOf(composePoster(db, await f.actor('wim'), { buurtId: f.lindebuurt, second: 'xx' }, ctx.clock(), publicUrl))).fields).toEqual({ second: 'validation.choice' });
	});
});
