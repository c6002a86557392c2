import { getContext, setContext } from 'svelte';
import { translator, type Locale, type Translate } from './index';

const key = Symbol('i18n');

export function provideI18n(locale: Locale) {
	setContext(key, { locale, t: translator(locale) });
}

/** t() and the locale for the component tree of the current request. */
export function useI18n(): { locale: Locale; t: Translate } {
	return getContext(key);
}
