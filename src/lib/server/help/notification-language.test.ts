import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx } from '../shared/test-ctx';
import { translator } from '$lib/i18n';
import { listInbox, presentInboxItem } from '../notifications';
import { createHelpFixture, type HelpFixture } from './test-fixtures';

let db: Db;
let f: HelpFixture;
beforeAll(async () => {
	db = await createTestDb();
	f = await createHelpFixture(db, testCtx(db));
});
afterAll(() => db.close());

describe('notifications about a zorg request', () => {
	it('name the care label in the reader’s language, never frozen Dutch, and never the free text', async () => {
		await f.ask({ category: 'zorg', zorgLabel: 'boodschappen', title: 'Boodschappen voor mevrouw', description: 'Elke week.' });
		const bram = await f.actor('supervisor');
		const { items } = await listInbox(f.ctx, bram);
		const item = items.find((i) => i.type === 'help.to_check')!;
		const en = presentInboxItem(translator('en'), 'http://x', item);
		const nl = presentInboxItem(translator('nl'), 'http://x', item);
		expect(en.title).toContain('Care: shopping');
		expect(nl.title).toContain('boodschappen');
		expect(en.title + en.body + nl.title + nl.body).not.toContain('mevrouw');
		expect(JSON.stringify(item.params)).not.toMatch(/Zorg:|voor mevrouw/);
	});
});
