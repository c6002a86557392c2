/**
 * The words of a Superbuurt request, client-safe (no server imports), so components and the
 * help module share one list: the module re-exports these (lib/server/help/model.ts).
 */
export const categories = ['veiligheid', 'onderhoud_woning', 'onderhoud_gedeeld', 'zorg', 'overige'] as const;
export const rewardedCategories = ['veiligheid', 'onderhoud_woning', 'onderhoud_gedeeld', 'zorg'] as const;
/** The buurt sees only one of these for a zorg request; the free text stays private. */
export const zorgLabels = ['boodschappen', 'wandelen', 'gezelschap', 'aankleden', 'steunkousen', 'digitaal', 'vervoer', 'anders'] as const;
export const urgencies = ['no_rush', 'this_week', 'soon'] as const;
export const places = ['home', 'shared', 'buurt'] as const;
export const whenKinds = ['date', 'flexible'] as const;
export const updateChannels = ['paper', 'phone', 'visit'] as const;
export const redirectKinds = ['landlord_duty', 'emergency', 'overige', 'other'] as const;
