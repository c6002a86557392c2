// The request vocabulary for components (client-safe: no server imports).
export const categories = ['veiligheid', 'onderhoud_woning', 'onderhoud_gedeeld', 'zorg', 'overige'] as const;
export const rewardedCategories = ['veiligheid', 'onderhoud_woning', 'onderhoud_gedeeld', 'zorg'] as const;
export const zorgLabels = ['boodschappen', 'wandelen', 'gezelschap', 'aankleden', 'steunkousen', 'digitaal', 'vervoer', 'anders'] as const;
export const urgencies = ['no_rush', 'this_week', 'soon'] as const;
export const places = ['home', 'shared', 'buurt'] as const;
export const updateChannels = ['paper', 'phone', 'visit'] as const;
export const redirectKinds = ['landlord_duty', 'emergency', 'overige', 'other'] as const;

export const formatDate = (d: Date | string | null | undefined, locale: string) =>
	d ? new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' }).format(new Date(d)) : '';
export const formatDateTime = (d: Date | string | null | undefined, locale: string) =>
	d ? new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(d)) : '';
