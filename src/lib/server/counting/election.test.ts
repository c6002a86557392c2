import { describe, it, expect } from 'vitest';
import { compareIds } from './election';

describe('compareIds', () => {
	it('orders numeric ids by value and others by code point', () => {
		expect(['10', '9', '010', 'b', 'a', '2'].sort(compareIds)).toEqual(['2', '9', '010', '10', 'a', 'b']);
	});
});
