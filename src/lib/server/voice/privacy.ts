import { type PersonalDataKind, type RetentionKind } from '../privacy';

/**
 * Stem van de buurt's personal data (privacy's table): that the person's household answered a
 * survey (survey, day, online / invitation / paper) — never what: answers carry no account, unit
 * or time, and are shuffled and re-keyed at the close (survey-answers.ts), so nothing can be
 * exported or erased per person. Only the participation rows of homes while the person lived there.
 *
 * Erasure changes nothing here: the participation row is the household's (it stops the home
 * answering twice and counts the response), it names the home, not the person, and once the
 * erasure has deleted their memberships nothing links it to them. Conversations, quotes, personas
 * and advice requests are staff's and the tenants' association's work: they point at staff and
 * partner accounts (recorded_by, sent_by, answered_by, …), and the account row is never deleted,
 * so those references stay valid — a former board member shows as "een oud-buur".
 */
export const surveyParticipationData: PersonalDataKind = {
	kind: 'survey_participation',
	module: 'voice',
	messageKey: 'privacy.kinds.survey_participation',
	export: async (q, accountId) =>
		(
			await q.query<{ survey_id: string; title: string; answered_on: string; via: string }>(
				`SELECT DISTINCT s.id AS survey_id, s.title, to_char(r.answered_on, 'YYYY-MM-DD') AS answered_on, r.via
				 FROM memberships m JOIN voice_survey_respondents r ON r.unit_id = m.unit_id JOIN voice_surveys s ON s.id = r.survey_id
				 WHERE m.account_id = $1 AND r.answered_on >= m.starts_on AND (m.ends_on IS NULL OR r.answered_on <= m.ends_on)
				 ORDER BY answered_on, s.id`,
				[accountId]
			)
		).map((r) => ({ surveyId: r.survey_id, survey: r.title, answeredOn: r.answered_on, via: r.via })),
	erase: async () => 0
};

/**
 * Wijkgesprekken: the notes of a conversation (kept only with the resident's consent) are
 * removed a period after the conversation (default two years; per corporation on the privacy
 * page). The conversation itself, its consented quotes and their themes stay: they are the
 * anonymous evidence personas and actions point at.
 */
export const conversationNotesRetention: RetentionKind = {
	kind: 'conversation_notes',
	module: 'voice',
	messageKey: 'privacy.retention.conversation_notes',
	defaultDays: 730,
	run: async (tx, { now, kind, defaultDays }) =>
		(
			await tx.query(
				`UPDATE voice_conversations SET notes = NULL
				 WHERE notes IS NOT NULL AND held_on < ($1::timestamptz - make_interval(days => privacy_period_days(corporation_id, $2, $3)))::date
				 RETURNING id`,
				[now, kind, defaultDays]
			)
		).length
};

export const voicePersonalData = [surveyParticipationData];
