import QRCode from 'qrcode';

/**
 * A QR code as its module matrix (error correction M: still readable with a smudge or a pin
 * hole), so the HTML poster draws it as SVG and the PDF as rectangles — crisp at any size,
 * no image to embed.
 */
export function qrMatrix(text: string): boolean[][] {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const size = modules.size;
	return Array.from({ length: size }, (_, y) => Array.from({ length: size }, (_, x) => modules.get(y, x) === 1));
}

/** The matrix as an SVG path (one rectangle per dark module) with a 4-module quiet zone. */
export function qrSvgPath(m: boolean[][]): { path: string; size: number } {
	const quiet = 4;
	let path = '';
	m.forEach((row, y) => row.forEach((dark, x) => dark && (path += `M${x + quiet} ${y + quiet}h1v1h-1z`)));
	return { path, size: m.length + 2 * quiet };
}
