import Holidays from 'date-holidays';

/**
 * Service-level targets count working days: Monday to Friday, without Dutch public holidays
 * (Nieuwjaarsdag, Tweede Paasdag, Koningsdag, Hemelvaartsdag, Tweede Pinksterdag, both
 * Kerstdagen) as the kept library `date-holidays` knows them — its 'public' type only, so Good
 * Friday and 5 May (types 'school' there: no day off for most employers) count as working days.
 * Days are dates in Europe/Amsterdam: a report made at 23:30 on a Friday counts from that Friday.
 */
const nl = new Holidays('NL');
const cache = new Map<number, Set<string>>();

function holidaysOf(year: number): Set<string> {
	let set = cache.get(year);
	if (!set) {
		set = new Set(nl.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
		cache.set(year, set);
	}
	return set;
}

const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) of an instant in the Netherlands. */
export const dutchDate = (at: Date): string => amsterdamDay.format(at);

const parse = (day: string) => new Date(`${day}T12:00:00Z`);
const fmt = (d: Date) => d.toISOString().slice(0, 10);

export function isPublicHoliday(day: string): boolean {
	return holidaysOf(Number(day.slice(0, 4))).has(day);
}

export function isWorkingDay(day: string): boolean {
	const weekday = parse(day).getUTCDay();
	return weekday !== 0 && weekday !== 6 && !isPublicHoliday(day);
}

/**
 * The date `days` working days after `day` (the day itself does not count): a report made on a
 * Thursday with a target of 2 working days is due on Monday.
 */
export function addWorkingDays(day: string, days: number): string {
	const d = parse(day);
	let left = days;
	while (left > 0) {
		d.setUTCDate(d.getUTCDate() + 1);
		if (isWorkingDay(fmt(d))) left--;
	}
	return fmt(d);
}

/** The due date of a report made at `at` with a target of `days` working days. */
export const dueDateFor = (at: Date, days: number) => addWorkingDays(dutchDate(at), days);

/**
 * Working days from `from` to `to` (the first day does not count, the last does): positive while
 * `to` is ahead, 0 on the day itself, negative once it has passed — the queue's "due in 3
 * working days" and "2 working days late". Counts at most a year either way.
 */
export function workingDaysBetween(from: string, to: string): number {
	if (from === to) return 0;
	const sign = to > from ? 1 : -1;
	const d = parse(from);
	let n = 0;
	for (let i = 0; i < 366; i++) {
		d.setUTCDate(d.getUTCDate() + sign);
		if (isWorkingDay(fmt(d))) n += sign;
		if (fmt(d) === to) break;
	}
	return n;
}
