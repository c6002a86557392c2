import { z } from 'zod';
import { locales } from '$lib/i18n';
import { plainText } from '../shared/text';

/**
 * The stairwell poster (issue 13): for neighbours who are not online, one A4 per complex that
 * says what Noaber is, who the buurt's supervisors are this term, who the wijkconsulent is, what
 * the next activity is, and where to sign up (a QR code). Dutch always; a second language chosen
 * by who prints it.
 */
export const posterSchema = z.object({
	/** Not a uuid check: an unknown or malformed buurt is the same 404 (checked in the use case). */
	buurtId: plainText(),
	/** Empty: a poster for the buurt as a whole (no complex named). */
	complexId: z.union([z.literal(''), z.uuid('posters.complex_not_found')]).default(''),
	/** Empty: Dutch only. */
	second: z.enum(['', ...locales.filter((l) => l !== 'nl')], 'validation.choice').default('')
});
export type PosterInput = z.input<typeof posterSchema>;

export interface Poster {
	buurt: { id: string; name: string; code: string };
	complex: { id: string; name: string } | null;
	corporation: string;
	/** The buurt's supervisors this term, by first name only: the poster hangs in a public hall. */
	supervisors: string[];
	consultant: { displayName: string; officeHours: string | null; officePlace: string | null; phone: string | null; email: string | null } | null;
	nextActivity: { title: string; place: string; startsAt: Date } | null;
	/** Where the QR code leads: the sign-up page, naming the buurt. */
	signupUrl: string;
	/** The QR code of signupUrl as a square of dark (true) and light modules. */
	qr: boolean[][];
	/** Dutch, and the second language when one was chosen. */
	languages: string[];
	/** The complexes of the buurt, for choosing which one the poster is for. */
	complexes: { id: string; name: string }[];
}
