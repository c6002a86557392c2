/** The words of a buurtpot proposal, client-safe; the proposals module re-exports them. */
export const proposalStatuses = ['support', 'feasibility', 'needs_changes', 'accepted', 'declined', 'withdrawn', 'expired', 'in_vote', 'won', 'lost', 'in_progress', 'done'] as const;
/** Cost lines shown on the proposal form without JavaScript. */
export const LINE_ROWS = 5;
