/**
 * Posters (module posters): the stairwell poster per complex — what Noaber is, the buurt's
 * supervisors, the wijkconsulent, the next activity and a QR code to sign up — as the data a
 * printable page and a PDF (web/poster-pdf.ts) draw. Routes use only what is exported here.
 */
export * from './model';
export { composePoster } from './compose-poster';
export { mayPrintPoster } from './policy';
export { qrMatrix, qrSvgPath } from './qr';
