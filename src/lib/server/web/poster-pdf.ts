import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatDateTime, translator, type Locale } from '$lib/i18n';
import type { Poster } from '$lib/server/posters';

/**
 * The stairwell poster as one A4 PDF page (pdf-lib): Dutch first, the second language beneath
 * each part in grey, and the QR code drawn as squares (sharp at any print size). The standard
 * Helvetica covers Dutch and English (WinAnsi); a character it cannot draw — from a name or a
 * place someone typed — is printed as "?" rather than failing the poster. Languages beyond
 * WinAnsi (Turkish, Polish, Arabic) need an embedded font, which comes with those languages.
 */

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const INK = rgb(0.1, 0.1, 0.1);
const GREY = rgb(0.35, 0.35, 0.35);
const GREEN = rgb(0.12, 0.33, 0.24);

export async function posterPdf(poster: Poster): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	doc.setTitle(translator('nl')('posters.title', { place: placeOf(poster) }));
	doc.setCreator('Noaber');
	doc.setProducer('Noaber');
	const page = doc.addPage([A4.width, A4.height]);
	const regular = await doc.embedFont(StandardFonts.Helvetica);
	const bold = await doc.embedFont(StandardFonts.HelveticaBold);
	const w = new Writer(page, regular, bold);
	const [nl, second] = poster.languages.map((l) => translator(l as Locale));
	const both = (key: string, values: Record<string, unknown>, size: number, font: 'regular' | 'bold' = 'regular', width = w.width) => {
		w.text(nl(key, values), size, font, INK, width);
		if (second) w.text(second(key, values), size * 0.85, font, GREY, width);
	};
	const values = { place: placeOf(poster), corporation: poster.corporation, url: poster.signupUrl };

	w.text(nl('posters.title', values), 30, 'bold', GREEN);
	if (second && second('posters.title', values) !== nl('posters.title', values)) w.text(second('posters.title', values), 22, 'bold', GREY);
	w.gap(10);
	both('posters.lead', values, 14);
	w.gap(18);

	both('posters.supervisors', { count: Math.max(1, poster.supervisors.length) }, 16, 'bold');
	if (poster.supervisors.length) {
		w.text(poster.supervisors.join(', '), 18, 'bold', INK);
		both('posters.supervisors_body', values, 12);
	} else both('posters.supervisors_none', values, 12);
	w.gap(18);

	both('posters.consultant', values, 16, 'bold');
	const c = poster.consultant;
	if (c) {
		w.text(c.displayName, 18, 'bold', INK);
		if (c.officeHours) both('posters.office_hours', { hours: c.officeHours }, 12);
		if (c.officePlace) both('posters.office_place', { place: c.officePlace }, 12);
		if (c.phone) w.text(nl('posters.phone', { phone: c.phone }), 14, 'bold', INK);
		if (c.email) w.text(nl('posters.email', { email: c.email }), 12, 'regular', INK);
	} else both('posters.consultant_none', values, 12);
	w.gap(18);

	if (poster.nextActivity) {
		both('posters.next', values, 16, 'bold');
		w.text(poster.nextActivity.title, 14, 'bold', INK);
		for (const t of [nl, second].filter(Boolean)) {
			const locale = t === nl ? 'nl' : poster.languages[1];
			w.text(t!('posters.next_when', { when: formatDateTime(poster.nextActivity.startsAt, locale), place: poster.nextActivity.place }), t === nl ? 12 : 10.2, 'regular', t === nl ? INK : GREY);
		}
		w.gap(18);
	}

	// The QR code bottom right; what to do with it beside it.
	const qrSide = 150;
	const quiet = 4;
	const cell = qrSide / (poster.qr.length + 2 * quiet);
	const qrX = A4.width - MARGIN - qrSide;
	const qrY = MARGIN;
	page.drawRectangle({ x: qrX, y: qrY, width: qrSide, height: qrSide, color: rgb(1, 1, 1) });
	poster.qr.forEach((row, y) =>
		row.forEach((dark, x) => {
			if (dark) page.drawRectangle({ x: qrX + (x + quiet) * cell, y: qrY + qrSide - (y + quiet + 1) * cell, width: cell + 0.05, height: cell + 0.05, color: rgb(0, 0, 0) });
		})
	);
	const textWidth = qrX - MARGIN - 16;
	w.moveTo(MARGIN + qrSide - 6);
	both('posters.join', values, 18, 'bold', textWidth);
	both('posters.join_body', values, 11, 'regular', textWidth);
	both('posters.join_code', values, 11, 'regular', textWidth);
	return doc.save();
}

const placeOf = (p: Poster) => (p.complex ? `${p.complex.name}, ${p.buurt.name}` : p.buurt.name);

/** Writes wrapped lines from the top of the page down. */
class Writer {
	private y = A4.height - MARGIN;
	readonly width = A4.width - 2 * MARGIN;
	constructor(
		private page: PDFPage,
		private regular: PDFFont,
		private bold: PDFFont
	) {}

	gap(points: number) {
		this.y -= points;
	}

	/** Jumps to a height (for the block beside the QR code), never upwards past what is written. */
	moveTo(y: number) {
		this.y = Math.min(this.y, y);
	}

	text(text: string, size: number, font: 'regular' | 'bold', color: ReturnType<typeof rgb>, width = this.width) {
		const f = font === 'bold' ? this.bold : this.regular;
		for (const line of wrap(drawable(text, f), f, size, width)) {
			this.y -= size * 1.25;
			this.page.drawText(line, { x: MARGIN, y: this.y, size, font: f, color });
		}
		this.y -= size * 0.3;
	}
}

/** Characters the font cannot encode become "?": a poster never fails on a typed name. */
function drawable(text: string, font: PDFFont): string {
	const known = new Set(font.getCharacterSet());
	return [...text.replace(/\s+/g, ' ')].map((ch) => (known.has(ch.codePointAt(0)!) ? ch : '?')).join('');
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		const next = line ? `${line} ${word}` : word;
		if (line && font.widthOfTextAtSize(next, size) > width) {
			lines.push(line);
			line = word;
		} else line = next;
	}
	if (line) lines.push(line);
	return lines;
}
