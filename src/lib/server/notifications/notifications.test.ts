import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { seedDemo, type DemoKey, loadActor } from '../people';
import { DomainError } from '../shared/errors';
import { jobs } from '../job-registry';
import { openApiDocument } from '../api/openapi';
import { translator } from '$lib/i18n';
import {
	getPreferences,
	listInbox,
	markRead,
	notificationTypes,
	notify,
	sendDigests,
	sendInstantMails,
	setPreferences,
	unreadCount,
	type NotificationType
} from './index';
import { maxAttempts } from './send';

let db: Db;
let ctx: TestCtx;
let ids: Record<DemoKey, string>;
const actor = async (key: DemoKey) => (await loadActor(db, ids[key], ctx.clock()))!;

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	ids = await seedDemo(ctx);
});
afterAll(() => db.close());
beforeEach(async () => {
	await db.exec('DELETE FROM notification_deliveries; DELETE FROM notification_items; DELETE FROM notification_preferences');
	ctx.mailbox.length = 0;
	ctx.setNow(new Date('2026-03-02T09:00:00Z'));
});

const requestId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** notify() in its own transaction, as the help module would call it. */
const send = (type: NotificationType, recipients: DemoKey[], n = 1, params: Record<string, string | number> = {}) =>
	db.transaction((tx) =>
		notify(tx, {
			recipients: recipients.map((k) => ids[k]),
			type,
			subject: { kind: 'help_request', id: requestId(n) },
			params: { title: `Boodschappen ${n}`, buurt: 'Lindebuurt', ...params },
			at: ctx.clock()
		})
	);

const count = async (table: string, where = 'true', params: unknown[] = []) =>
	(await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0].n;

const deliveries = () =>
	db.query<{ account_id: string; mode: string; status: string; attempts: number; next_attempt_at: Date }>(
		'SELECT account_id, mode, status, attempts, next_attempt_at FROM notification_deliveries ORDER BY id'
	);

const failure = async (p: Promise<unknown>) => {
	const err = await p.then(
		() => null,
		(e: unknown) => e
	);
	if (!(err instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(err)}`);
	return { code: err.code, fields: err.fields };
};

describe('notify', () => {
	it('writes nothing when the business transaction rolls back', async () => {
		await expect(
			db.transaction(async (tx) => {
				await notify(tx, { recipients: [ids.tenant], type: 'help.taken', subject: { kind: 'help_request', id: requestId(1) }, params: { title: 'x' }, at: ctx.clock() });
				throw new Error('business rule failed');
			})
		).rejects.toThrow('business rule failed');
		expect(await count('notification_items')).toBe(0);
		expect(await count('notification_deliveries')).toBe(0);
		await sendInstantMails(ctx);
		expect(ctx.mailbox).toHaveLength(0);
	});

	it('dedupes recipients, skips disabled accounts, and only writes rows (no mail yet)', async () => {
		await db.query('UPDATE accounts SET disabled_at = $2 WHERE id = $1', [ids.municipality, ctx.clock()]);
		try {
			await send('help.taken', ['tenant', 'tenant', 'helper', 'municipality']);
		} finally {
			await db.query('UPDATE accounts SET disabled_at = NULL WHERE id = $1', [ids.municipality]);
		}
		expect(await count('notification_items')).toBe(2);
		expect((await deliveries()).map((d) => [d.mode, d.status])).toEqual([
			['instant', 'pending'],
			['instant', 'pending']
		]);
		expect(ctx.mailbox).toHaveLength(0);
		await send('help.taken', []);
		expect(await count('notification_items')).toBe(2);
	});
});

describe('preferences honoured', () => {
	it('instant: one e-mail per item, in Dutch, with a link to the request', async () => {
		await send('help.taken', ['tenant'], 7, { who: 'Noor' });
		const result = await sendInstantMails(ctx);
		expect(result).toMatchObject({ sent: 1, failed: 0 });
		expect(ctx.mailbox).toHaveLength(1);
		const [mail] = ctx.mailbox;
		expect(mail.to).toBe('anna@demo.noaber.test');
		expect(mail.subject).toBe('Noaber: Noor helpt u: Boodschappen 7');
		expect(mail.text).toContain('Hallo Anna,');
		expect(mail.text).toContain(`http://noaber.test/help/${requestId(7)}`);
		expect(mail.text).toContain('http://noaber.test/settings/notifications');
		expect((await deliveries())[0].status).toBe('sent');
	});

	it("writes in the recipient's language (accounts.locale)", async () => {
		await db.query("UPDATE accounts SET locale = 'en' WHERE id = $1", [ids.helper]);
		try {
			await send('help.confirmed', ['helper'], 3);
			await send('help.returned', ['helper'], 4, { reason: 'Te laat' });
			await sendInstantMails(ctx);
		} finally {
			await db.query("UPDATE accounts SET locale = 'nl' WHERE id = $1", [ids.helper]);
		}
		expect(ctx.mailbox.map((m) => m.subject)).toEqual(['Noaber: Confirmed: Boodschappen 3', 'Noaber: Handed back: Boodschappen 4']);
		expect(ctx.mailbox[0].text).toContain('Hello Noor,');
		expect(ctx.mailbox[1].text).toContain('The reason: Te laat');
	});

	it('digest: no instant mail, then ONE mail per person with all their items', async () => {
		for (const key of ['tenant', 'helper'] as const) {
			await setPreferences(ctx, await actor(key), { 'help.taken': 'digest', 'help.done': 'digest' });
		}
		await send('help.taken', ['tenant'], 1);
		await send('help.done', ['tenant'], 2);
		await send('help.taken', ['tenant', 'helper'], 3);
		await send('help.confirmed', ['helper'], 4); // still instant
		await sendInstantMails(ctx);
		expect(ctx.mailbox.map((m) => m.to)).toEqual(['noor@demo.noaber.test']);
		ctx.mailbox.length = 0;

		ctx.advance(3600_000);
		const result = await sendDigests(ctx);
		expect(result).toMatchObject({ people: 2, sent: 4, failed: 0 });
		expect(ctx.mailbox).toHaveLength(2);
		const anna = ctx.mailbox.find((m) => m.to === 'anna@demo.noaber.test')!;
		expect(anna.subject).toBe('Noaber: 3 nieuwe berichten');
		for (const n of [1, 2, 3]) expect(anna.text).toContain(`http://noaber.test/help/${requestId(n)}`);
		expect(anna.text).toContain('http://noaber.test/inbox');
		const noor = ctx.mailbox.find((m) => m.to === 'noor@demo.noaber.test')!;
		expect(noor.subject).toBe('Noaber: 1 nieuw bericht');

		// Idempotent: the next run has nothing left.
		await sendDigests(ctx);
		expect(ctx.mailbox).toHaveLength(2);
	});

	it('digest: leaves out items already read in the inbox, and gathers people in batches', async () => {
		await setPreferences(ctx, await actor('tenant'), { 'help.taken': 'digest' });
		await setPreferences(ctx, await actor('helper'), { 'help.taken': 'digest' });
		await setPreferences(ctx, await actor('supervisor'), { 'help.taken': 'digest' });
		await send('help.taken', ['tenant', 'helper', 'supervisor'], 1);
		await send('help.taken', ['tenant'], 2);
		const tenant = await actor('tenant');
		const first = (await listInbox(ctx, tenant)).items.find((i) => i.subject_id === requestId(2))!;
		await markRead(ctx, tenant, { ids: [first.id] });
		const result = await sendDigests(ctx, { accountsPerBatch: 1 });
		expect(result).toMatchObject({ people: 3, sent: 3, skipped: 1 });
		const anna = ctx.mailbox.find((m) => m.to === 'anna@demo.noaber.test')!;
		expect(anna.text).toContain(requestId(1));
		expect(anna.text).not.toContain(requestId(2));
	});

	it("off: an inbox item but no e-mail; the opt-in broadcast 'published' writes nothing unless chosen", async () => {
		await setPreferences(ctx, await actor('tenant'), { 'help.taken': 'off' });
		await send('help.taken', ['tenant'], 1);
		expect(await count('notification_items')).toBe(1);
		expect(await count('notification_deliveries')).toBe(0);

		// help.published is off by default: members who did not opt in get nothing at all.
		await setPreferences(ctx, await actor('helper'), { 'help.published': 'instant' });
		await send('help.published', ['tenant', 'helper', 'supervisor'], 2);
		expect(await count('notification_items', 'type = $1', ['help.published'])).toBe(1);
		await sendInstantMails(ctx);
		await sendDigests(ctx);
		expect(ctx.mailbox.map((m) => [m.to, m.subject])).toEqual([['noor@demo.noaber.test', 'Noaber: Nieuwe hulpvraag in Lindebuurt: Boodschappen 2']]);
	});

	it('a changed preference re-routes e-mails not yet sent', async () => {
		const tenant = await actor('tenant');
		await setPreferences(ctx, tenant, { 'help.done': 'digest', 'help.waiting': 'digest' });
		await send('help.done', ['tenant'], 1);
		await send('help.waiting', ['tenant'], 2);
		await setPreferences(ctx, tenant, { 'help.done': 'instant', 'help.waiting': 'off' });
		await sendInstantMails(ctx);
		await sendDigests(ctx);
		expect(ctx.mailbox.map((m) => m.subject)).toEqual(['Noaber: Klaar: Boodschappen 1']);
		expect((await deliveries()).map((d) => d.status)).toEqual(['sent', 'skipped']);
		expect(await count('notification_items')).toBe(2);
	});

	it('shows each person the types their roles can receive, with defaults', async () => {
		const tenant = await getPreferences(ctx, await actor('tenant'));
		expect(tenant.filter((p) => p.relevant).map((p) => p.type)).not.toContain('help.to_check');
		expect(tenant.find((p) => p.type === 'help.published')).toMatchObject({ mode: 'off', default: 'off', relevant: true });
		expect(tenant.find((p) => p.type === 'help.taken')).toMatchObject({ mode: 'instant', relevant: true });
		const supervisor = await getPreferences(ctx, await actor('supervisor'));
		expect(supervisor.find((p) => p.type === 'help.to_check')?.relevant).toBe(true);
		expect(supervisor.find((p) => p.type === 'help.pending_reward')?.relevant).toBe(false);
		const admin = await getPreferences(ctx, await actor('admin'));
		// Not a member: no 'published'; not on the social team: no concern.new / concern.flagged; not a helper or care provider: none of the four care.* types;
		// not on a tenants' association's board: no new advice requests or replies to their advice.
		expect(admin.filter((p) => !p.relevant).map((p) => p.type).sort()).toEqual(['advice.replied', 'advice.request', 'care.accepted', 'care.ended', 'care.message', 'care.offer', 'concern.flagged', 'concern.new', 'help.published']);
		const hanna = await getPreferences(ctx, await actor('tenants_association'));
		expect(hanna.filter((p) => p.relevant && p.type.startsWith('advice.')).map((p) => p.type)).toEqual(['advice.request', 'advice.replied', 'advice.overdue']);
	});
});

describe('sending jobs', () => {
	it('is idempotent: running twice, or twice at once, sends each e-mail once', async () => {
		for (let n = 1; n <= 5; n++) await send('help.taken', ['tenant', 'helper'], n);
		await sendInstantMails(ctx, { batchSize: 3 });
		await sendInstantMails(ctx, { batchSize: 3 });
		expect(ctx.mailbox).toHaveLength(10);
		for (let n = 6; n <= 10; n++) await send('help.done', ['tenant', 'helper'], n);
		await Promise.all([sendInstantMails(ctx, { batchSize: 2 }), sendInstantMails(ctx, { batchSize: 2 }), sendInstantMails(ctx, { batchSize: 2 })]);
		expect(ctx.mailbox).toHaveLength(20);
		expect(new Set(ctx.mailbox.map((m) => m.to + m.subject)).size).toBe(20);
	});

	it('leaves a failed e-mail pending and retries it later; gives up after max attempts', async () => {
		await send('help.taken', ['tenant'], 1);
		const working = ctx.mail;
		let down = true;
		ctx.mail = { kind: 'smtp', send: async (m) => (down ? Promise.reject(new Error('connection refused')) : working.send(m)) };
		try {
			expect(await sendInstantMails(ctx)).toMatchObject({ sent: 0, failed: 1 });
			let [d] = await deliveries();
			expect(d).toMatchObject({ status: 'pending', attempts: 1 });
			expect(d.next_attempt_at.getTime()).toBeGreaterThan(ctx.clock().getTime());
			expect(await sendInstantMails(ctx)).toMatchObject({ sent: 0, failed: 0 }); // not yet due
			ctx.advance(61_000);
			down = false;
			expect(await sendInstantMails(ctx)).toMatchObject({ sent: 1 });
			expect(ctx.mailbox).toHaveLength(1);

			// A permanent failure stops after maxAttempts; the inbox item stays.
			down = true;
			await send('help.done', ['tenant'], 2);
			for (let i = 0; i < maxAttempts + 2; i++) {
				await sendInstantMails(ctx);
				ctx.advance(7 * 3600_000);
			}
			[, d] = await deliveries();
			expect(d).toMatchObject({ status: 'failed', attempts: maxAttempts });
		} finally {
			ctx.mail = working;
		}
	});

	it('a failed digest stays pending, the run fails so pg-boss retries it, and the retry sends once', async () => {
		await setPreferences(ctx, await actor('tenant'), { 'help.taken': 'digest' });
		await setPreferences(ctx, await actor('helper'), { 'help.taken': 'digest' });
		await send('help.taken', ['tenant', 'helper'], 1);
		const working = ctx.mail;
		ctx.mail = { kind: 'smtp', send: async (m) => (m.to.startsWith('anna') ? Promise.reject(new Error('mailbox full')) : working.send(m)) };
		try {
			await expect(sendDigests(ctx)).rejects.toThrow(/could not be mailed/);
		} finally {
			ctx.mail = working;
		}
		expect(ctx.mailbox.map((m) => m.to)).toEqual(['noor@demo.noaber.test']);
		await sendDigests(ctx);
		expect(ctx.mailbox.map((m) => m.to).sort()).toEqual(['anna@demo.noaber.test', 'noor@demo.noaber.test']);
	});

	it('are registered as batched cron jobs', () => {
		expect(jobs.find((j) => j.name === 'notifications.send_instant')?.cron).toBe('* * * * *');
		expect(jobs.find((j) => j.name === 'notifications.send_digests')?.cron).toBe('0 7 * * *');
	});

	it('the job handlers send (called directly, as pg-boss would)', async () => {
		await send('help.waiting', ['employee'], 1);
		await jobs.find((j) => j.name === 'notifications.send_instant')!.handler(ctx, {});
		expect(ctx.mailbox.map((m) => m.to)).toEqual(['wim@demo.noaber.test']);
	});
});

describe('inbox', () => {
	it('lists newest first in pages, and counts unread', async () => {
		for (let n = 1; n <= 5; n++) {
			await send('help.taken', ['tenant'], n);
			ctx.advance(60_000);
		}
		const tenant = await actor('tenant');
		const first = await listInbox(ctx, tenant, { limit: 2 });
		expect(first.items.map((i) => i.subject_id)).toEqual([requestId(5), requestId(4)]);
		const second = await listInbox(ctx, tenant, { limit: 2, before: first.nextBefore });
		expect(second.items.map((i) => i.subject_id)).toEqual([requestId(3), requestId(2)]);
		const last = await listInbox(ctx, tenant, { limit: 2, before: second.nextBefore });
		expect(last.items.map((i) => i.subject_id)).toEqual([requestId(1)]);
		expect(last.nextBefore).toBeNull();
		expect(await unreadCount(db, ids.tenant)).toBe(5);
		expect((await failure(listInbox(ctx, tenant, { limit: 1000 }))).fields).toEqual({ limit: 'validation.too_big' });
	});

	it('markRead touches only your own items', async () => {
		await send('help.taken', ['tenant', 'helper'], 1);
		await send('help.done', ['tenant', 'helper'], 2);
		const tenant = await actor('tenant');
		const helper = await actor('helper');
		const helperItems = (await listInbox(ctx, helper)).items.map((i) => i.id);
		expect(await markRead(ctx, tenant, { ids: helperItems })).toEqual({ marked: 0 });
		expect(await unreadCount(db, ids.helper)).toBe(2);
		expect(await markRead(ctx, tenant, { all: true })).toEqual({ marked: 2 });
		expect(await unreadCount(db, ids.tenant)).toBe(0);
		expect(await unreadCount(db, ids.helper)).toBe(2);
		expect(await markRead(ctx, helper, { ids: [helperItems[0]] })).toEqual({ marked: 1 });
		expect(await unreadCount(db, ids.helper)).toBe(1);
	});
});

describe('validation', () => {
	it('refuses a bad preference with the field it belongs to', async () => {
		const tenant = await actor('tenant');
		expect(await failure(setPreferences(ctx, tenant, { 'help.taken': 'sometimes', 'help.done': 'digest' }))).toEqual({
			code: 'validation.invalid',
			fields: { 'help.taken': 'validation.choice' }
		});
		expect((await failure(setPreferences(ctx, tenant, { 'help.everything': 'instant' }))).fields).toEqual({ _: 'notifications.unknown_type' });
		expect((await failure(setPreferences(ctx, tenant, 'instant'))).code).toBe('validation.invalid');
		// Nothing was saved by the failed attempts.
		expect(await count('notification_preferences')).toBe(0);
	});

	it('refuses markRead without ids or all, and malformed ids', async () => {
		const tenant = await actor('tenant');
		expect((await failure(markRead(ctx, tenant, {}))).fields).toEqual({ ids: 'notifications.nothing_to_mark' });
		expect((await failure(markRead(ctx, tenant, { ids: ['nope'] }))).fields).toEqual({ 'ids.0': 'notifications.unknown_item' });
	});
});

describe('texts', () => {
	it('has every message in Dutch and English, and renders with and without the optional values', () => {
		for (const locale of ['nl', 'en'] as const) {
			const t = translator(locale);
			for (const type of notificationTypes) {
				for (const part of ['title', 'body', 'setting', 'setting_hint']) {
					const key = `notifications.types.${type}.${part}`;
					for (const values of [
						{ title: 'T', buurt: 'B', who: '', reason: '', hasWho: 'no', hasReason: 'no', step: '', outcome: '', amount: 0, snippet: '' },
						{ title: 'T', buurt: 'B', who: 'Noor', reason: 'R', hasWho: 'yes', hasReason: 'yes', step: 'close', outcome: 'accept', amount: 12.5, snippet: 'S' }
					]) {
						const text = t(key, values);
						expect(text, `${locale} ${key}`).not.toBe(key);
						expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
					}
				}
			}
			for (const key of ['errors.notifications.unknown_type', 'errors.notifications.nothing_to_mark', 'errors.notifications.unknown_item'])
				expect(t(key)).not.toBe(key);
		}
	});

	it('describes its API in a valid OpenAPI document', async () => {
		const doc = openApiDocument('http://noaber.test');
		expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/notifications', '/notifications/read', '/notifications/preferences']));
		const result = await new Validator().validate(doc as never);
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
	});
});
