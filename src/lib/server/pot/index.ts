/**
 * The buurtpot's money as the buurt sees it (module pot): staff top-ups (which pay pending
 * rewards), reversals of top-ups and payouts booked wrongly, and the pot page with balances and
 * movements. Transfer ids come from the request's idempotency key (keys.ts), so a retry never
 * pays twice. Rewards themselves are help's (help/rewards.ts); payouts for proposals, and the
 * reversal use case (which also corrects a proposal's payments), are in
 * proposals/pay-proposal.ts.
 */
export * from './keys';
export * from './top-up';
export * from './reversal';
export * from './overview';
export * from './presenters';
export { seedPotDemo } from './demo';
/** This module's part of the OpenAPI document (api/openapi.ts assembles them). */
export * as openapi from './openapi';
