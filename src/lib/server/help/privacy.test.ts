import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import type { TestCtx } from '../shared/test-ctx';
import { translator } from '$lib/i18n';
import { renderItem, type NotificationType } from '../notifications';
import { takeHelpRequest } from './helper-actions';
import { getRequestDetail, listOpenRequests } from './queries';
import { openHelpTests, type Persona, type HelpFixture } from './test-fixtures';

let db: Db;
let ctx: TestCtx;
let f: HelpFixture;

beforeAll(async () => {
	f = await openHelpTests();
	({ db, ctx } = f);
});
afterAll(() => db.close());

describe('zorg requests: the buurt sees only the category and a short label', () => {
	it('free text for the asker, the supervisor and the helper who takes it', async () => {
		const id = await f.requestIn('published', { category: 'zorg', zorgLabel: 'steunkousen' });
		const see = async (p: Persona) => (await getRequestDetail(db, await f.actor(p), id, ctx.clock())).title;
		expect(await see('asker')).toBe('Hulp bij de heg');
		expect(await see('supervisor')).toBe('Hulp bij de heg');
		expect(await see('member')).toBeNull();
		expect(await see('helper')).toBeNull();
		// Staff do not read it while the buurt has a supervisor.
		expect(await see('staff')).toBeNull();
		const listed = (await listOpenRequests(db, await f.actor('member'), { buurtId: f.lindebuurt }, ctx.clock())).requests.find((r) => r.id === id)!;
		expect(listed).toMatchObject({ category: 'zorg', zorgLabel: 'steunkousen', title: null, askerName: null });
		const d = await getRequestDetail(db, await f.actor('member'), id, ctx.clock());
		expect(d.description).toBeNull();
		expect(d.text).toBeNull();
		await takeHelpRequest(ctx, await f.actor('helper'), { requestId: id });
		expect(await see('helper')).toBe('Hulp bij de heg');
		expect(await see('member')).toBeNull();
	});

	it('notifications and mail name a zorg request by its label, never its text', async () => {
		const id = await f.requestIn('taken', { category: 'zorg', zorgLabel: 'boodschappen' });
		const items = await db.query<{ type: NotificationType; subject_kind: string; subject_id: string; params: Record<string, string> }>('SELECT type, subject_kind, subject_id, params FROM notification_items WHERE subject_id = $1', [id]);
		expect(items.length).toBeGreaterThan(0);
		// Stored as message keys and rendered for each reader: Dutch readers read the label in Dutch.
		for (const item of items) expect(renderItem(translator('nl'), item).title).toContain('Zorg: boodschappen');
	});
});
