import type { Translate } from '$lib/i18n';

/** What the report pages need of a category (a row of the module's tree). */
export interface FormCategory {
	id: string;
	parent_id: string | null;
	kind: string;
	name_nl: string;
	name_en: string;
	visibility: 'public' | 'private';
	party_kind: string;
	sla_working_days: number;
	questions: { code: string; kind: string; label_nl: string; label_en: string; required: boolean; choices: { key: string; nl: string; en: string }[] }[];
}

export const categoryName = (c: Pick<FormCategory, 'name_nl' | 'name_en'>, locale: string) => (locale === 'en' ? c.name_en : c.name_nl);

/** "Seen by the buurt · handled by … · within N working days", in the reader's words. */
export function categoryHint(c: FormCategory, t: Translate): string {
	const seen = t(`reportPages.visibility_short.${c.kind === 'nuisance' ? 'nuisance' : c.visibility}`);
	const party = t(`reportPages.party.${['supplier', 'municipality'].includes(c.party_kind) ? c.party_kind : 'corporation'}`);
	return t('reportPages.new.category_what', { seen, party, days: c.sla_working_days });
}
