/**
 * The buurtpot's money as the buurt sees it (module pot): staff top-ups (which pay pending
 * rewards), and the pot page with balances and movements. Rewards themselves are help's
 * (help/rewards.ts); payouts for proposals are in proposals/pay-proposal.ts.
 */
export * from './top-up';
export * from './overview';
export * from './presenters';
export { seedPotDemo } from './demo';
