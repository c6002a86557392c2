/**
 * The one error type for rule violations and bad input. The code is stable and namespaced
 * (`ledger.limit_exceeded`); it is also the message key for the user's text (`errors.<code>`),
 * and it decides the HTTP status through statusByCode below.
 */
export class DomainError extends Error {
	constructor(
		readonly code: string,
		readonly details: Record<string, unknown> = {},
		/** Per-field message codes, shown next to the field. */
		readonly fields: Record<string, string> = {}
	) {
		super(code);
		this.name = 'DomainError';
	}
}

/**
 * 400 bad input or a rule the request breaks (also: not enough money, not on your own request);
 * 401 not logged in; 403 logged in but not allowed; 404 does not exist or is out of the actor's
 * scope (another buurt or corporation is "not found", so existence does not leak); 409 conflicts
 * with the current state (already done, closed, full, taken, idempotency key reused with other
 * content); 413 too large; 429 rate limited; 503 a service outside Noaber (the PDOK address
 * search) did not answer or answered nonsense — never a 500.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503;

/**
 * The HTTP status of every DomainError code thrown in src/. One row per code, grouped by module;
 * errors.test.ts scans the source and fails on a thrown code without a row, a row nothing throws,
 * and a code without a Dutch and an English message.
 */
export const statusByCode = {
	'validation.invalid': 400,
	'api.invalid_json': 400,

	'auth.unauthenticated': 401,
	'auth.invalid_credentials': 400,
	'auth.code_invalid': 400,
	'auth.link_invalid': 400,
	'auth.link_expired': 400,
	'auth.email_taken': 409,
	'auth.rate_limited': 429,
	'auth.login_rate_limited': 429,

	'places.buurt_not_found': 404,
	'places.complex_not_found': 404,
	'places.wijk_not_in_gemeente': 400,
	'places.buurt_not_in_gemeente': 400,
	'places.address_not_found': 404,
	'places.address_search_unavailable': 503,

	'people.forbidden': 403,
	'people.unit_not_found': 404,
	'people.organisation_not_found': 404,
	'people.ambassador_not_found': 404,
	'people.owners_not_allowed': 400,
	'people.not_a_member': 400,
	'people.import_invalid': 400,
	'people.import_no_file': 400,
	'people.already_ambassador': 409,
	'people.staff_not_member': 409,
	'people.invitation_not_found': 404,
	'people.photo_not_found': 404,
	'posters.not_found': 404,
	'posters.forbidden': 403,
	'posters.complex_not_found': 404,
	'people.card_needed': 409,

	'ledger.account_not_found': 404,
	'ledger.actor_not_found': 404,
	'ledger.person_not_found': 404,
	'ledger.buurt_not_found': 404,
	'ledger.transfer_not_found': 404,
	'ledger.mixed_ledgers': 400,
	'ledger.top_up_not_allowed': 400,
	'ledger.reversal_not_reversible': 400,
	'ledger.limit_exceeded': 400,
	'ledger.already_reversed': 409,
	'ledger.idempotency_mismatch': 409,
	'ledger.concurrent_conflict': 409,

	'help.not_found': 404,
	'help.forbidden': 403,
	'help.own_request': 400,
	'help.own_check': 400,
	'help.overige_must_redirect': 400,
	'help.no_address': 400,
	'help.already_taken': 409,
	'help.already_confirmed': 409,
	'help.already_done': 409,
	'help.already_checked': 409,
	'help.already_cancelled': 409,
	'help.state.conflict': 409,
	'help.thread_closed': 409,
	'help.idempotency_mismatch': 409,
	'help.not_redirected': 409,
	'help.follow_up_closed': 409,

	'supervise.not_found': 404,
	'supervise.forbidden': 403,
	'supervise.not_member': 400,
	'supervise.already_supervisor': 409,
	'supervise.already_ended': 409,
	'supervise.full': 409,
	'supervise.idempotency_mismatch': 409,
	'supervise.already_applied': 409,
	'supervise.already_approved': 409,

	'pot.not_found': 404,
	'pot.transfer_not_found': 404,
	'pot.forbidden': 403,
	'pot.insufficient': 400,
	'pot.reversal_insufficient': 400,
	'pot.not_reversible': 400,
	'pot.reversal_not_reversible': 400,
	'pot.already_reversed': 409,
	'pot.idempotency_mismatch': 409,

	'proposals.not_found': 404,
	'proposals.comment_not_found': 404,
	'proposals.forbidden': 403,
	'proposals.own_proposal': 400,
	'proposals.payment_exceeds_cost': 400,
	'proposals.body_invalid': 400,
	'proposals.body_too_large': 413,
	'proposals.status_conflict': 409,
	'proposals.edit_closed': 409,
	'proposals.withdraw_closed': 409,
	'proposals.support_closed': 409,
	'proposals.not_ready_for_check': 409,
	'proposals.not_payable': 409,
	'proposals.already_withdrawn': 409,
	'proposals.already_supported': 409,
	'proposals.already_supported_by_household': 409,
	'proposals.not_supported': 409,
	'proposals.author_support': 409,
	'proposals.comment_already_hidden': 409,
	'proposals.already_checked': 409,
	'proposals.idempotency_mismatch': 409,
	'board.not_found': 404,
	'board.forbidden': 403,
	'board.already_in_group': 409,
	'board.not_in_group': 409,
	'board.owner_cannot_leave': 409,
	'board.no_request': 409,
	'board.idempotency_mismatch': 409,

	'concerns.not_found': 404,
	'concerns.forbidden': 403,
	'concerns.reduced': 409,
	'concerns.idempotency_mismatch': 409,
	'moderation.not_found': 404,
	'moderation.forbidden': 403,
	'moderation.suspended': 403,
	'moderation.already_reported': 409,
	'moderation.removed': 409,
	'voice.not_found': 404,
	'voice.survey_not_found': 404,
	'voice.results_not_found': 404,
	'voice.action_not_found': 404,
	'voice.invitation_invalid': 404,
	'voice.forbidden': 403,
	'voice.survey_published': 409,
	'voice.survey_no_questions': 400,
	'voice.survey_closed': 409,
	'voice.survey_not_open': 409,
	'voice.survey_not_closed': 409,
	'voice.too_many_questions': 400,
	'voice.response_empty': 400,
	'voice.answered_on_paper': 409,
	'voice.household_already_answered': 409,
	'voice.invitations_off': 409,
	'voice.open_published': 409,
	'voice.too_few_open_answers': 409,
	'voice.review_incomplete': 409,
	'voice.input_already_linked': 409,
	'voice.idempotency_mismatch': 409,
	'listen.forbidden': 403,
	'listen.not_found': 404,
	'listen.theme_exists': 409,
	'listen.quotes_not_allowed': 409,
	'listen.evidence_exists': 409,
	'listen.already_answered': 409,
	'listen.already_replied': 409,
	'listen.not_answered': 409,
	'listen.reply_required': 409,
	'listen.already_closed': 409,
	'listen.idempotency_mismatch': 409,

	'settings.not_found': 404,
	'settings.forbidden': 403,

	'activities.not_found': 404,
	'activities.forbidden': 403,
	'activities.cancelled': 409,
	'activities.past': 409,
	'activities.full': 409,
	'activities.already_signed_up': 409,
	'activities.not_signed_up': 409,

	'rounds.not_found': 404,
	'rounds.results_not_found': 404,
	'rounds.forbidden': 403,
	'rounds.voting.forbidden': 403,
	'rounds.budget_empty': 400,
	'rounds.ballot_empty': 400,
	'rounds.ballot_too_many': 400,
	'rounds.ballot_over_budget': 400,
	'rounds.ballot_duplicate': 400,
	'rounds.ballot_unknown_proposal': 400,
	'rounds.pb_invalid': 400,
	'rounds.pb_no_projects': 400,
	'rounds.pb_budget_too_big': 400,
	'rounds.pb_project_id': 400,
	'rounds.cancelled': 409,
	'rounds.closes_later': 409,
	'rounds.already_closed': 409,
	'rounds.not_open': 409,
	'rounds.already_has_ballots': 409,
	'rounds.already_voted_paper': 409,
	'rounds.household_already_voted': 409,
	'rounds.idempotency_mismatch': 409,

	'reports.not_found': 404,
	'reports.buurt_not_found': 404,
	'reports.team_not_found': 404,
	'reports.unknown_category': 404,
	'reports.forbidden': 403,
	'reports.own_report': 400,
	'reports.too_many_photos': 400,
	'reports.not_new': 409,
	'reports.not_resolved': 409,
	'reports.closed': 409,
	'reports.withdrawn': 409,
	'reports.state_conflict': 409,
	'reports.reopen_too_late': 409,
	'reports.already_answered': 409,
	'reports.not_following': 409,
	'reports.idempotency_mismatch': 409,

	'open311.forbidden': 403,
	'open311.organisation_not_found': 404,
	'open311.key_not_found': 404,
	'open311.key_exists': 409,

	'people.import_already_done': 409,

	'webhooks.not_found': 404,
	'webhooks.not_failed': 409,

	'sso.not_found': 404,
	'sso.provider_unreachable': 503,
	'sso.login_expired': 400,
	'sso.login_failed': 401,
	'sso.no_staff_role': 403,
	'sso.member_refused': 403,

	'privacy.not_found': 404,
	'privacy.forbidden': 403,
	'privacy.managed_account': 403,
	'privacy.consent_withdrawn': 409,

	'dashboard.not_found': 404,

	'dashboard.invalid_period': 400,

	'dashboard.invalid_level': 400,

	'care.not_found': 404,
	'care.forbidden': 403,
	'care.closed': 409,
	'care.thread_closed': 409,
	'care.already_offered': 409,
	'care.offer_not_found': 404,
	'care.sessions_full': 409,
	'care.session_exists': 409,
	'care.check_exists': 409,
	'care.check_not_found': 404,
	'care.organisation_not_found': 404,
	'care.token_exists': 409,
	'care.token_not_found': 404,
	'care.idempotency_mismatch': 409
} as const satisfies Record<string, ErrorStatus>;

export type ErrorCode = keyof typeof statusByCode;

const statuses: Readonly<Record<string, ErrorStatus>> = statusByCode;

/**
 * The HTTP status for a DomainError code, from statusByCode. A code without a row cannot reach
 * production (errors.test.ts fails on it); should one slip through, it is treated as bad input.
 */
export function httpStatusFor(code: string): ErrorStatus {
	return Object.hasOwn(statuses, code) ? statuses[code] : 400;
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
