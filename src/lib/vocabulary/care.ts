/**
 * The words of a care-bridge request, client-safe (no server imports), so pages and the care
 * module share one list (lib/server/care/model.ts re-exports these).
 */
/** The fixed list of needs: nothing else about the client is stored. */
export const careNeeds = ['company', 'shopping', 'walk', 'digital', 'small_jobs', 'appointment'] as const;
export const careDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const careDayparts = ['morning', 'afternoon', 'evening'] as const;
export const careFrequencies = ['once', 'weekly'] as const;
/** Who gave consent: a role, never a name. */
export const consentGivers = ['client', 'legal_representative'] as const;
export const careStates = ['open', 'matched', 'closed'] as const;
export const vettingMethods = ['vog', 'organisation'] as const;
