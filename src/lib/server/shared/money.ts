/**
 * Euros as typed in a form ("12", "12,50", "€ 12.5") to cents. More than two decimals gives a
 * fraction of a cent (refused as "not whole cents"); anything unreadable is returned as is and
 * refused as "not an amount".
 */
export function eurosToCents(typed: string | undefined): unknown {
	if (typed === undefined) return undefined;
	const s = typed.replace(/[€\s]/g, '');
	if (s === '') return undefined;
	const m = /^(-?)(\d{1,9})(?:[.,](\d+))?$/.exec(s);
	if (!m) return typed;
	const [, sign, whole, fraction = ''] = m;
	const cents = Number(whole) * 100 + (fraction ? Number(fraction) / 10 ** (fraction.length - 2) : 0);
	return sign ? -cents : cents;
}
