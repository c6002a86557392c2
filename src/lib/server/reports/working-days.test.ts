import { describe, expect, it } from 'vitest';
import { addWorkingDays, dueDateFor, dutchDate, isWorkingDay, workingDaysBetween } from './working-days';

describe('working days (Dutch public holidays from date-holidays)', () => {
	it('skips the weekend: Thursday + 2 working days is Monday', () => {
		expect(addWorkingDays('2026-03-05', 2)).toBe('2026-03-09');
		expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
	});
	it('skips Koningsdag (Monday 27 April 2026)', () => {
		expect(isWorkingDay('2026-04-27')).toBe(false);
		expect(addWorkingDays('2026-04-24', 1)).toBe('2026-04-28');
	});
	it('skips Easter Monday (6 April 2026) but counts Good Friday', () => {
		expect(isWorkingDay('2026-04-03')).toBe(true);
		expect(addWorkingDays('2026-04-02', 2)).toBe('2026-04-07');
	});
	it('skips both Christmas days and New Year across the turn of the year', () => {
		// Thu 24 Dec 2026 + 3: Fri 25 and Sat 26 are holidays/weekend, Sun 27; Mon 28, Tue 29, Wed 30.
		expect(addWorkingDays('2026-12-24', 3)).toBe('2026-12-30');
		expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
	});
	it('counts from the Dutch date: 23:30 UTC on a Sunday is already Monday in Amsterdam', () => {
		expect(dutchDate(new Date('2026-03-08T23:30:00Z'))).toBe('2026-03-09');
		expect(dueDateFor(new Date('2026-03-08T23:30:00Z'), 1)).toBe('2026-03-10');
	});
});

describe('working days between two dates', () => {
	it('counts forward and backward, skipping weekends and Koningsdag', () => {
		expect(workingDaysBetween('2026-03-02', '2026-03-09')).toBe(5);
		expect(workingDaysBetween('2026-03-09', '2026-03-02')).toBe(-5);
		expect(workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
		expect(workingDaysBetween('2026-04-24', '2026-04-28')).toBe(1);
	});
});
