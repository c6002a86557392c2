import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('configuration', () => {
	it('has working defaults: port 3000, ./data, demo mode outside production', () => {
		const c = parseConfig({});
		expect(c.PORT).toBe(3000);
		expect(c.dataDir).toMatch(/data$/);
		expect(c.demo).toBe(true);
		expect(c.publicUrl).toBe('http://localhost:3000');
	});

	it('never runs demo data or demo passwords in production mode', () => {
		expect(parseConfig({ NODE_ENV: 'production', DEMO: 'true' }).demo).toBe(false);
	});

	it('treats an empty variable as unset', () => {
		expect(parseConfig({ DATABASE_URL: '', PORT: '' }).DATABASE_URL).toBeUndefined();
	});

	it('lists every bad setting at once', () => {
		expect(() => parseConfig({ PORT: 'abc', DATABASE_URL: 'not a url' })).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
	});
});
