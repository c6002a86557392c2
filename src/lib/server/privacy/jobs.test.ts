import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../ledger';
import { importUnits, loadActor } from '../people';
import { listAudit } from '../audit';
import { closeReport } from './test-close-report';
import { listMyConsents, personalDataKinds, privacyJobs, registerOfProcessing, retentionKinds, saveRetentionSettings, withdrawMyConsent } from '../personal-data';
import { eraseMovedOut, movedOutAccounts, runRetention } from '.';
import { errorOf } from '../help/test-fixtures';
import { findEverywhere, seedMemberWithEverything, type SeededMember } from './test-fixtures';

const DAY = 24 * 3600 * 1000;
let m: SeededMember;
let corporationId: string;
beforeAll(async () => {
	m = await seedMemberWithEverything();
	[{ corporation_id: corporationId }] = await m.f.db.query<{ corporation_id: string }>('SELECT corporation_id FROM buurten WHERE id = $1', [m.f.lindebuurt]);
}, 120_000);
afterAll(() => m.f.db.close());

describe('consent records', () => {
	it('lists every consent with what, when and how, and withdrawing one switches off what it allowed', async () => {
		const teun = await m.actor();
		const list = await listMyConsents(m.f.ctx, teun);
		expect(list.map((c) => `${c.kind}:${c.scope ?? ''}:${c.givenHow}`).sort()).toEqual(['email_notifications::web', 'name_shown:pot:web', 'name_shown:street:web']);
		const street = list.find((c) => c.scope === 'street')!;
		m.f.ctx.advance(60_000);
		const done = await withdrawMyConsent(m.f.ctx, teun, { consentId: street.id });
		expect(done).toMatchObject({ withdrawnHow: 'web' });
		expect(done.withdrawnAt).not.toBeNull();
		expect((await m.f.db.query<{ show_street: boolean }>('SELECT show_street FROM accounts WHERE id = $1', [m.id]))[0].show_street).toBe(false);
		// The row stays, as a record of what was allowed when.
		expect((await listMyConsents(m.f.ctx, teun)).find((c) => c.id === street.id)?.givenAt).toBe(street.givenAt);
		expect((await errorOf(withdrawMyConsent(m.f.ctx, teun, { consentId: street.id }))).code).toBe('privacy.consent_withdrawn');
		// Someone else's consent is not found; a malformed id too.
		expect((await errorOf(withdrawMyConsent(m.f.ctx, await m.f.actor('asker'), { consentId: list[0].id }))).code).toBe('privacy.not_found');
		expect((await errorOf(withdrawMyConsent(m.f.ctx, teun, { consentId: 'x' }))).code).toBe('privacy.not_found');
		// E-mail: every type off; the pot: no longer named.
		const mail = list.find((c) => c.kind === 'email_notifications')!;
		await withdrawMyConsent(m.f.ctx, teun, { consentId: mail.id });
		const modes = await m.f.db.query<{ mode: string }>('SELECT DISTINCT mode FROM notification_preferences WHERE account_id = $1', [m.id]);
		expect(modes.map((r) => r.mode)).toEqual(['off']);
		await withdrawMyConsent(m.f.ctx, teun, { consentId: list.find((c) => c.scope === 'pot')!.id });
		expect((await m.f.db.query('SELECT 1 FROM help_name_optins WHERE account_id = $1', [m.id])).length).toBe(0);
		expect((await listAudit(m.f.db, { action: 'privacy.consent_withdrawn', limit: 10 })).length).toBe(3);
	});
});

describe('retention per kind, with periods per corporation', () => {
	it('deletes what is older than its period, keeps the rest, and records the run with counts', async () => {
		const { db, ctx } = m.f;
		const now = ctx.clock();
		const ago = (days: number) => new Date(now.getTime() - days * DAY);
		const anna = m.f.ids.asker;
		// Sessions: expired 2 days ago (gone with the default 0 days), one still valid.
		await db.query(`INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ('old-s', $1, $2, $3), ('new-s', $1, $2, $4)`, [anna, ago(40), ago(2), ago(-5)]);
		await db.query(`INSERT INTO one_time_tokens (token_hash, purpose, account_id, expires_at) VALUES ('old-t', 'login', $1, $2), ('new-t', 'login', $1, $3)`, [anna, ago(10), ago(1)]);
		await db.query(`INSERT INTO rate_limits (key, window_start, hits) VALUES ('login:x@example.test', $1, 1), ('login:y@example.test', $2, 1)`, [ago(3), now]);
		await db.query(`INSERT INTO help_idempotency (actor_id, key, operation, fingerprint, created_at) VALUES ($1, 'old-key-1', 'x', 'f', $2), ($1, 'new-key-1', 'x', 'f', $3)`, [anna, ago(8), ago(1)]);
		await db.transaction(async (tx) => {
			await tx.query("SELECT set_config('noaber.privacy_erasure', 'on', true)");
			await tx.query(`INSERT INTO audit_log (at, actor_id, action, corporation_id) VALUES ($1, NULL, 'auth.login', $2), ($3, NULL, 'auth.login', $2)`, [ago(800), corporationId, ago(100)]);
		});
		await db.query(`INSERT INTO mail_outbox (created_at, to_address, subject, body) VALUES ($1, 'a@example.test', 'oud', 'x'), ($2, 'a@example.test', 'nieuw', 'x')`, [ago(31), ago(1)]);
		const reportId = await closeReport(m.f, ago(400));
		// Concerns keep their own periods (concern_settings, default 90 days): one raised 91 days ago goes, a recent one stays.
		const [oldConcern] = await db.query<{ id: string }>(
			`INSERT INTO concerns (corporation_id, unit_id, reporter_id, reporter_role, category, body, created_at)
			 SELECT $1, u.id, $2, 'member', 'other', 'Lang geleden.', $3 FROM units u JOIN complexes c ON c.id = u.complex_id WHERE c.corporation_id = $1 ORDER BY u.id LIMIT 1 RETURNING id`,
			[corporationId, anna, ago(91)]
		);

		const counts = await runRetention(ctx, retentionKinds);
		expect(counts).toMatchObject({ sessions: 1, login_links: 1, rate_limits: 1, idempotency_keys: 1, audit_log: 1, outbox_mail: 1, closed_reports: 1, concerns: 1 });
		const left = async (sql: string) => (await db.query<{ n: number }>(sql))[0].n;
		expect(await left(`SELECT count(*)::int AS n FROM concerns WHERE id = '${oldConcern.id}'`)).toBe(0);
		expect(await left(`SELECT count(*)::int AS n FROM concerns WHERE body = 'Ik zie mijn buurvrouw al een week niet.'`)).toBe(1);
		expect(await left(`SELECT count(*)::int AS n FROM sessions WHERE token_hash IN ('old-s', 'new-s')`)).toBe(1);
		expect(await left(`SELECT count(*)::int AS n FROM one_time_tokens WHERE token_hash IN ('old-t', 'new-t')`)).toBe(1);
		expect(await left(`SELECT count(*)::int AS n FROM help_idempotency WHERE key IN ('old-key-1', 'new-key-1')`)).toBe(1);
		expect(await left(`SELECT count(*)::int AS n FROM mail_outbox WHERE subject IN ('oud', 'nieuw')`)).toBe(1);
		expect((await db.query<{ anonymised_at: Date | null; reporter_id: string | null }>('SELECT anonymised_at, reporter_id FROM reports WHERE id = $1', [reportId]))[0]).toMatchObject({ reporter_id: null });
		const [run] = await listAudit(db, { action: 'privacy.retention_run', limit: 1 });
		expect(run.details).toMatchObject({ counts, failed: [] });
		// The audit log stays append-only outside a retention run.
		await expect(db.query('DELETE FROM audit_log WHERE id = $1', [run.id])).rejects.toThrow(/append-only/);

		// A corporation that keeps expired sessions 30 days: a session expired 2 days ago stays.
		const admin = await m.f.actor('admin');
		const periods = Object.fromEntries(retentionKinds.filter((k) => !k.periodOf).map((k) => [k.kind, String(k.defaultDays)]));
		expect((await errorOf(saveRetentionSettings(ctx, admin, { corporationId, moveOutGraceDays: '400', period: periods }))).fields).toEqual({ moveOutGraceDays: 'validation.too_big' });
		expect((await errorOf(saveRetentionSettings(ctx, await m.f.actor('staff'), { corporationId, moveOutGraceDays: '10', period: periods }))).code).toBe('privacy.forbidden');
		await saveRetentionSettings(ctx, admin, { corporationId, moveOutGraceDays: '10', period: { ...periods, sessions: '30' } });
		await db.query(`INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ('kept-s', $1, $2, $3)`, [anna, ago(40), ago(2)]);
		expect((await runRetention(ctx, retentionKinds)).sessions).toBe(0);
		expect(await left(`SELECT count(*)::int AS n FROM sessions WHERE token_hash = 'kept-s'`)).toBe(1);
	});
});

describe('the register of processing (art. 30)', () => {
	it('lists every kind and retention rule with the corporation\'s periods, for its admins only', async () => {
		const r = await registerOfProcessing(m.f.ctx, await m.f.actor('admin'), corporationId);
		expect(r.kinds.map((k) => k.kind)).toEqual(personalDataKinds.map((k) => k.kind));
		expect(r.retention.find((k) => k.kind === 'sessions')).toMatchObject({ days: 30, custom: true });
		expect(r.retention.find((k) => k.kind === 'closed_reports')).toMatchObject({ setElsewhere: true });
		expect(r.retention.find((k) => k.kind === 'concerns')).toMatchObject({ setElsewhere: true, days: 90 });
		expect(r.settings.moveOutGraceDays).toBe(10);
		expect(r.runs.length).toBeGreaterThan(0);
		expect((await errorOf(registerOfProcessing(m.f.ctx, await m.f.actor('staff'), corporationId))).code).toBe('privacy.forbidden');
		expect((await errorOf(registerOfProcessing(m.f.ctx, await m.actor(), corporationId))).code).toBe('privacy.not_found');
	});
});

describe('move-out', () => {
	it('an ended tenancy (import) ends the membership; after the grace period the job anonymises the member exactly as a deletion does', async () => {
		const { db, ctx } = m.f;
		const [u] = await db.query<Record<string, string>>(
			`SELECT u.eenheid, c.code AS complex, b.code AS buurtcode, u.street, u.house_number::text AS nr, u.addition, u.postcode, u.place
			 FROM memberships m JOIN units u ON u.id = m.unit_id JOIN complexes c ON c.id = u.complex_id JOIN buurten b ON b.id = c.buurt_id WHERE m.account_id = $1`,
			[m.id]
		);
		const today = ctx.clock().toISOString().slice(0, 10);
		const csv = ['eenheid;complex;buurtcode;straat;huisnummer;toevoeging;postcode;plaats;contract;ingangsdatum;einddatum', [u.eenheid, u.complex, u.buurtcode, u.street, u.nr, u.addition, u.postcode, u.place, 'HC-TEUN', '2024-01-01', today].join(';')].join('\n');
		const summary = await importUnits(ctx, await m.f.actor('staff'), { corporationId, csv });
		expect(summary.endedMemberships).toBe(1);
		expect((await loadActor(db, m.id, ctx.clock()))?.memberships).toEqual([]);

		// Grace is 10 days (saved above): not yet on day 9, then on day 10 by the job itself.
		ctx.advance(9 * DAY);
		expect(await movedOutAccounts(ctx)).not.toContain(m.id);
		ctx.advance(1 * DAY);
		expect(await movedOutAccounts(ctx)).toEqual([m.id]);
		await privacyJobs.find((j) => j.name === 'privacy.move_out')!.handler(ctx, {});
		expect(await findEverywhere(db, [m.name, m.email, m.address])).toEqual([]);
		expect((await checkLedger(db)).ok).toBe(true);
		const [audit] = await listAudit(db, { action: 'privacy.account_erased', limit: 1 });
		expect(audit).toMatchObject({ actor_id: null, details: expect.objectContaining({ reason: 'move_out' }) });
		expect(await eraseMovedOut(ctx, personalDataKinds)).toBe(0);
	});
});
