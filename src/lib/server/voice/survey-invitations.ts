import { createHash, createHmac } from 'node:crypto';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import type { Actor } from '../people';
import { inAreaSql } from './survey-area';
import { phaseOf, type SurveyRow } from './survey-model';
import { canManageSurvey } from './survey-policy';
import { loadSurvey } from './survey-store';

/**
 * Personal invitation links, for a paper or QR round: one letter per household of the area with
 * a link (and its QR code) that opens the survey for that household without logging in — for
 * neighbours who are not members yet or not online often. The token is HMAC(survey secret,
 * "invite:" survey:unit), so the letters can be printed again while the survey runs; only its
 * SHA-256 is stored, for the lookup. With the secret, the tokens die at the close.
 */

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function invitationToken(secret: Uint8Array, surveyId: string, unitId: string): string {
	return createHmac('sha256', secret).update(`invite:${surveyId}:${unitId}`).digest('base64url').slice(0, 32);
}

async function secretOf(q: Queryable, surveyId: string): Promise<Uint8Array | null> {
	const [row] = await q.query<{ secret: Uint8Array }>('SELECT secret FROM voice_survey_secrets WHERE survey_id = $1', [surveyId]);
	return row?.secret ?? null;
}

interface AreaUnit {
	id: string;
	street: string;
	house_number: number;
	addition: string;
	postcode: string;
	place: string;
}

const areaUnits = (q: Queryable, s: SurveyRow) =>
	q.query<AreaUnit>(
		`SELECT u.id, u.street, u.house_number, u.addition, u.postcode, u.place
		 FROM units u JOIN complexes c ON c.id = u.complex_id JOIN buurten b ON b.id = c.buurt_id, voice_surveys s
		 WHERE s.id = $1 AND b.corporation_id = s.corporation_id AND ${inAreaSql('s', 'b', 'c')}
		 ORDER BY u.postcode, u.street, u.house_number, u.addition`,
		[s.id]
	);

/** At publishing (inside its transaction, after the secret was made): one invitation per household of the area. */
export async function createInvitations(tx: Queryable, s: SurveyRow): Promise<number> {
	const secret = await secretOf(tx, s.id);
	if (!secret) return 0;
	const units = await areaUnits(tx, s);
	if (!units.length) return 0;
	await tx.query(
		`INSERT INTO voice_survey_invitations (survey_id, unit_id, token_hash) SELECT $1, u, h FROM unnest($2::uuid[], $3::text[]) AS t(u, h) ON CONFLICT DO NOTHING`,
		[s.id, units.map((u) => u.id), units.map((u) => hashToken(invitationToken(secret, s.id, u.id)))]
	);
	return units.length;
}

export interface InvitationLetter {
	address: string;
	postcode: string;
	place: string;
	/** The path of the personal link (the page adds the site's address). */
	path: string;
}

/**
 * The letters to print, one per household of the area, for staff of the corporation while the
 * survey has not closed. Errors: voice.survey_not_found, voice.survey_closed (the links no
 * longer work), voice.invitations_off (409: the survey has no letters).
 */
export async function listInvitationLetters(q: Queryable, actor: Actor, surveyId: string, now: Date): Promise<{ survey: SurveyRow; letters: InvitationLetter[] }> {
	const s = await loadSurvey(q, surveyId);
	if (!s || !canManageSurvey(actor, s)) throw new DomainError('voice.survey_not_found');
	if (!s.invitations || !s.published_at) throw new DomainError('voice.invitations_off');
	if (phaseOf(s, now) === 'closed') throw new DomainError('voice.survey_closed');
	const secret = await secretOf(q, s.id);
	if (!secret) throw new DomainError('voice.survey_closed');
	const units = await q.query<AreaUnit>(
		`SELECT u.id, u.street, u.house_number, u.addition, u.postcode, u.place FROM voice_survey_invitations i JOIN units u ON u.id = i.unit_id
		 WHERE i.survey_id = $1 ORDER BY u.postcode, u.street, u.house_number, u.addition`,
		[s.id]
	);
	return {
		survey: s,
		letters: units.map((u) => ({
			address: `${u.street} ${u.house_number}${u.addition ? `-${u.addition}` : ''}`,
			postcode: u.postcode,
			place: u.place,
			path: `/surveys/invite/${invitationToken(secret, s.id, u.id)}`
		}))
	};
}

/** The survey and household a personal link is for, or null (unknown token, or the survey closed). */
export async function invitationByToken(q: Queryable, token: string): Promise<{ survey: SurveyRow; unitId: string } | null> {
	if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null;
	const [row] = await q.query<{ survey_id: string; unit_id: string }>('SELECT survey_id, unit_id FROM voice_survey_invitations WHERE token_hash = $1', [hashToken(token)]);
	if (!row) return null;
	const survey = await loadSurvey(q, row.survey_id);
	return survey ? { survey, unitId: row.unit_id } : null;
}

/** What the invitation page shows: the survey and whether its household answered (no address: the link may be shared). */
export async function getInvitationSurvey(q: Queryable, token: string, now: Date) {
	const inv = await invitationByToken(q, token);
	if (!inv) throw new DomainError('voice.invitation_invalid');
	const s = inv.survey;
	const [answered] = await q.query<{ via: string }>('SELECT via FROM voice_survey_respondents WHERE survey_id = $1 AND unit_id = $2', [s.id, inv.unitId]);
	const questions = await q.query<import('./survey-model').QuestionRow>(
		`SELECT id, survey_id, position, kind, text_nl, text_en, required, options, template_key, theme, source, open_published_at FROM voice_survey_questions WHERE survey_id = $1 ORDER BY position`,
		[s.id]
	);
	return { survey: { id: s.id, title: s.title, intro: s.intro, phase: phaseOf(s, now), closesAt: new Date(s.closes_at) }, questions, answeredVia: (answered?.via ?? null) as 'online' | 'invitation' | 'paper' | null };
}
