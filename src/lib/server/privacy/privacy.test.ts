import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { checkLedger } from '../ledger';
import { loadActor } from '../people';
import { listAudit } from '../audit';
import { deleteMyAccount, exportMyData, personalDataKinds } from '../personal-data';
import { FORMER_NEIGHBOUR, REMOVED_TEXT } from '.';
import { errorOf } from '../help/test-fixtures';
import { findEverywhere, seedMemberWithEverything, type SeededMember } from './test-fixtures';

let m: SeededMember;
beforeAll(async () => {
	m = await seedMemberWithEverything();
}, 120_000);
afterAll(() => m.f.db.close());

describe('export (art. 15/20)', () => {
	it('is a ZIP with a manifest, one JSON file per kind holding every kind of data the member has, and a summary in their language', async () => {
		const { fileName, bytes } = await exportMyData(m.f.ctx, await m.actor());
		expect(fileName).toMatch(/^noaber-\d{4}-\d{2}-\d{2}\.zip$/);
		const files = unzipSync(bytes);
		const json = (name: string) => JSON.parse(strFromU8(files[name]));
		const manifest = json('manifest.json');
		expect(manifest.schemaVersion).toBe(1);
		expect(manifest.notIncluded).toEqual(['ballots']);
		expect(manifest.files.map((x: { kind: string }) => x.kind).sort()).toEqual(personalDataKinds.map((k) => k.kind).sort());
		for (const k of personalDataKinds) expect(files[`${k.kind}.json`], k.kind).toBeDefined();
		const rows = (kind: string) => json(`${kind}.json`).rows as Record<string, unknown>[];
		// One of each that the seed made.
		expect(rows('account')).toEqual([expect.objectContaining({ name: m.name, email: m.email, showStreet: true })]);
		expect(rows('memberships')).toEqual(expect.arrayContaining([expect.objectContaining({ what: 'membership', street: m.address.replace(/ \d.*$/, '') })]));
		expect(rows('sessions')).toHaveLength(1);
		expect(rows('consents').map((c) => `${c.kind}:${c.scope ?? ''}`).sort()).toEqual(['email_notifications:', 'name_shown:pot', 'name_shown:street']);
		expect(rows('help_requests').map((r) => r.title).sort()).toEqual(['Hulp met de kliko', 'Wie leent mij een ladder']);
		const messages = rows('help_messages');
		expect(messages.filter((x) => x.byYou)).toHaveLength(2);
		expect(messages.some((x) => x.kind === 'shared_address' && String(x.body).includes(m.address))).toBe(true);
		expect(messages.some((x) => !x.byYou && x.body === 'Ik kom donderdag om zeven uur.')).toBe(true);
		expect(rows('wallet')).toEqual(expect.arrayContaining([expect.objectContaining({ what: 'earned_for_buurtpot', cents: 500 }), expect.objectContaining({ what: 'name_shown_in_pot' })]));
		expect(rows('proposals')).toEqual([expect.objectContaining({ what: 'proposal', title: 'Een bloembak bij de ingang' })]);
		expect(rows('proposal_support').length).toBeGreaterThanOrEqual(2);
		expect(rows('proposal_comments')).toEqual([expect.objectContaining({ body: 'Goed plan, ik help mee.' })]);
		expect(rows('board_posts').map((p) => `${p.what}:${p.body}`).sort()).toEqual(['post:Wie wil er stekjes? Ik heb er veel.', 'reply:Die op de hoek is goed.']);
		expect(rows('reports')).toEqual(expect.arrayContaining([expect.objectContaining({ what: 'report', description: 'De kraan in de keuken lekt.', locationKind: 'home' })]));
		expect(rows('notifications').some((n) => n.what === 'setting' && n.type === 'help.taken')).toBe(true);
		expect(rows('notifications').some((n) => n.what === 'inbox_item')).toBe(true);
		// The modules that landed later: his own concern (never the one about his home), care, the
		// survey his household answered (never the answer), moderation both ways, the webhook event.
		expect(rows('concerns')).toEqual([expect.objectContaining({ category: 'not_seen', body: 'Ik zie mijn buurvrouw al een week niet.', mayContact: true, pickedUp: false })]);
		expect(JSON.stringify(rows('concerns'))).not.toContain('verwaarloosd');
		expect(rows('care').map((c) => c.what).sort()).toEqual(['helper_check', 'message', 'offer']);
		expect(rows('care')).toEqual(expect.arrayContaining([expect.objectContaining({ what: 'offer', state: 'accepted' }), expect.objectContaining({ what: 'message', body: expect.stringContaining('ik woon zelf op') })]));
		expect(rows('survey_participation')).toEqual([expect.objectContaining({ survey: 'Hoe woont u hier?', via: 'online' })]);
		expect(JSON.stringify(rows('survey_participation'))).not.toMatch(/"8"|grade/);
		expect(rows('moderation').map((x) => `${x.what}:${x.kind ?? x.reason}`).sort()).toEqual(['decision:warn', 'report_made:privacy']);
		expect(rows('webhook_events')).toEqual([expect.objectContaining({ type: 'member.joined', data: expect.objectContaining({ accountId: m.id }) })]);
		expect(rows('sso_identities')).toEqual([]);
		expect(rows('audit_entries').map((a) => a.action)).toEqual(expect.arrayContaining(['people.show_street_set', 'pot.name_opt_in']));
		// The readable summary, in Dutch (his language), says why ballots are not in it.
		const html = strFromU8(files['overzicht.html']);
		expect(html).toContain('<html lang="nl">');
		expect(html).toContain('Wat Noaber over u bewaart');
		expect(html).toContain('een stem is geheim en aan niemand gekoppeld');
		expect(html).toContain('Hulp met de kliko');
		expect(html).not.toMatch(/<script/i);
		// Downloading is audited with counts, never the content.
		const [audit] = await listAudit(m.f.db, { action: 'privacy.exported', limit: 1 });
		expect(audit.details.counts).toMatchObject({ help_requests: 2 });
		expect(JSON.stringify(audit.details)).not.toContain(m.email);
	});

	it('is in English for a member who reads English', async () => {
		await m.f.db.query(`UPDATE accounts SET locale = 'en' WHERE id = $1`, [m.id]);
		const files = unzipSync((await exportMyData(m.f.ctx, await m.actor())).bytes);
		const html = strFromU8(files['summary.html']);
		expect(html).toContain('What Noaber keeps about you');
		expect(html).toContain('a vote is secret and linked to nobody');
		await m.f.db.query(`UPDATE accounts SET locale = 'nl' WHERE id = $1`, [m.id]);
	});
});

describe('deletion (art. 17)', () => {
	it('needs the confirm step, and is refused for a staff account', async () => {
		expect((await errorOf(deleteMyAccount(m.f.ctx, await m.actor(), {}))).fields).toEqual({ confirm: 'privacy.confirm_required' });
		expect((await errorOf(deleteMyAccount(m.f.ctx, await m.f.actor('staff'), { confirm: 'yes' }))).code).toBe('privacy.managed_account');
		expect((await loadActor(m.f.db, m.id, m.f.ctx.clock()))?.name).toBe(m.name);
	});

	it('leaves no name, e-mail or address in any text or JSON column of any table, while others keep what they need and the ledger stays whole', async () => {
		const before = await findEverywhere(m.f.db, [m.name, m.email, m.address]);
		// The search finds him before (so it can find him at all) …
		expect(before.map((h) => h.table)).toEqual(expect.arrayContaining(['public.accounts', 'public.help_messages']));
		const legsBefore = await m.f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_legs WHERE attributed_to = $1', [m.id]);
		expect(legsBefore[0].n).toBeGreaterThan(0);

		// A member can be referenced by voice's staff and partner columns too (a former board member
		// who answered an advice request, a resident who once recorded a conversation): the account
		// row stays, so those references stay valid and the erasure does not trip over them.
		const b = [m.id, m.f.lindebuurt, m.f.ctx.clock()];
		await m.f.db.query(
			`INSERT INTO voice_conversations (corporation_id, held_on, area_kind, wijk_code, buurt_id, format, consent_notes, consent_quotes, consent_name, notes, recorded_by, created_at)
			 SELECT corporation_id, $3::date, 'buurt', wijk_code, id, 'kitchen_table', true, false, false, 'Over de speeltuin.', $1, $3 FROM buurten WHERE id = $2`,
			b
		);
		await m.f.db.query(
			`INSERT INTO voice_advice_requests (corporation_id, organisation_id, area_kind, wijk_code, buurt_id, subject, intended_decision, legal_basis, deadline_on, sent_by, sent_at,
			   answer_position, answer_advice, answer_reasons, answered_by, answered_at, reply_due_on)
			 SELECT b.corporation_id, (SELECT id FROM organisations ORDER BY id LIMIT 1), 'buurt', b.wijk_code, b.id, 'Nieuwe kozijnen', 'Wij willen de kozijnen vervangen.', 'advice', $3::date + 30, $4, $3,
			   'positive', 'Goed plan.', 'Het tocht nu.', $1, $3, $3::date + 30 FROM buurten b WHERE b.id = $2`,
			[...b, m.f.ids.staff]
		);
		const countOf = async (sql: string) => (await m.f.db.query<{ n: number }>(sql, [m.id]))[0].n;
		expect(await countOf('SELECT count(*)::int AS n FROM voice_conversations WHERE recorded_by = $1')).toBe(1);
		// A staff sign-in link left from an earlier job at the corporation goes too.
		await m.f.db.query(
			`INSERT INTO sso_identities (issuer, subject, account_id, corporation_id, last_login_at) SELECT 'https://login.example.test', 'sub-teun', $1, corporation_id, $3 FROM buurten WHERE id = $2`,
			b
		);
		const webhookEvents = `SELECT count(*)::int AS n FROM webhook_events WHERE data->>'accountId' = $1::text`;
		expect(await countOf(webhookEvents)).toBe(1);

		const { counts } = await deleteMyAccount(m.f.ctx, await m.actor(), { confirm: 'yes' });
		expect(counts.account).toBe(1);

		// … and nowhere after.
		expect(await findEverywhere(m.f.db, [m.name, m.email, m.address])).toEqual([]);
		expect(await loadActor(m.f.db, m.id, m.f.ctx.clock())).toBeNull();
		const [acc] = await m.f.db.query<{ name: string; email: string; password_hash: string | null; anonymised_at: Date | null }>('SELECT name, email, password_hash, anonymised_at FROM accounts WHERE id = $1', [m.id]);
		expect(acc).toMatchObject({ name: FORMER_NEIGHBOUR, email: `erased-${m.id}@invalid`, password_hash: null });
		expect(acc.anonymised_at).not.toBeNull();
		for (const t of ['sessions', 'memberships', 'notification_items', 'notification_preferences', 'help_name_optins']) {
			const col = t === 'help_name_optins' || t === 'sessions' || t === 'memberships' || t.startsWith('notification') ? 'account_id' : 'id';
			expect((await m.f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE ${col} = $1`, [m.id]))[0].n, t).toBe(0);
		}

		// What others need stays: the helper's message in the thread, Anna's reply under his post.
		const [noorMsg] = await m.f.db.query<{ body: string }>('SELECT body FROM help_messages WHERE id = $1', [m.kept.helperMessageId]);
		expect(noorMsg.body).toBe('Ik kom donderdag om zeven uur.');
		const own = await m.f.db.query<{ body: string }>('SELECT body FROM help_messages WHERE author_id = $1', [m.id]);
		expect(own.map((x) => x.body)).toEqual([REMOVED_TEXT, REMOVED_TEXT]);
		const [reply] = await m.f.db.query<{ body: string; deleted_at: Date | null }>('SELECT body, deleted_at FROM board_replies WHERE id = $1', [m.kept.annaReplyId]);
		expect(reply).toMatchObject({ body: 'Ik graag, dank je!', deleted_at: null });
		// Care: the provider's message stays, his is removed; his check ended, the request opens again.
		const careMsgs = await m.f.db.query<{ id: number; body: string }>('SELECT id, body FROM care_messages WHERE request_id = $1 ORDER BY id', [m.kept.careRequestId]);
		expect(careMsgs.map((x) => x.body)).toEqual([REMOVED_TEXT, 'Fijn, dinsdag om tien uur dan.']);
		expect(careMsgs[1].id).toBe(m.kept.careProviderMessageId);
		expect(await countOf('SELECT count(*)::int AS n FROM care_helpers WHERE account_id = $1 AND ended_at IS NULL')).toBe(0);
		expect((await m.f.db.query<{ state: string }>('SELECT state FROM care_requests WHERE id = $1', [m.kept.careRequestId]))[0].state).toBe('open');
		// Concerns: his stays for the social team without him; the one about his home stays, its words naming him gone.
		expect(await countOf('SELECT count(*)::int AS n FROM concerns WHERE reporter_id = $1')).toBe(0);
		expect((await m.f.db.query<{ body: string }>('SELECT body FROM concerns WHERE id = $1', [m.kept.concernAboutHimId]))[0].body).toBe(REMOVED_TEXT);
		// Moderation: his report still counts, without his note; the warning stays on record.
		expect(await countOf(`SELECT count(*)::int AS n FROM moderation_reports WHERE reporter_id = $1 AND note = ''`)).toBe(1);
		expect(await countOf(`SELECT count(*)::int AS n FROM moderation_decisions WHERE account_id = $1 AND kind = 'warn'`)).toBe(1);
		expect((await m.f.db.query<{ excerpt: string }>('SELECT excerpt FROM moderation_items WHERE author_id = $1', [m.id])).map((x) => x.excerpt)).toEqual([REMOVED_TEXT]);
		expect(await countOf('SELECT count(*)::int AS n FROM sso_identities WHERE account_id = $1')).toBe(0);
		// Webhooks: the event naming him is gone with its deliveries; voice's references still point at the (anonymised) row.
		expect(await countOf(webhookEvents)).toBe(0);
		expect(await countOf('SELECT count(*)::int AS n FROM voice_conversations WHERE recorded_by = $1')).toBe(1);
		expect(await countOf('SELECT count(*)::int AS n FROM voice_advice_requests WHERE answered_by = $1')).toBe(1);

		// The confirmed request stays confirmed (Noor helped); the open one ended.
		const states = await m.f.db.query<{ id: string; state: string }>('SELECT id, state FROM help_requests WHERE id = ANY($1::uuid[])', [[m.kept.confirmedRequestId, m.kept.openRequestId]]);
		expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({ [m.kept.confirmedRequestId]: 'confirmed', [m.kept.openRequestId]: 'cancelled' });

		// The ledger: nothing deleted, attribution now names "een oud-buur", every ledger sums to zero.
		const legsAfter = await m.f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_legs WHERE attributed_to = $1', [m.id]);
		expect(legsAfter[0].n).toBe(legsBefore[0].n);
		const check = await checkLedger(m.f.db);
		expect(check.ok).toBe(true);
		expect(check.ledgersSumZero).toBe(true);
		for (const l of check.ledgers) expect(l.sum).toBe(0);

		// Audited once, with counts; a second erasure does nothing.
		const [audit] = await listAudit(m.f.db, { action: 'privacy.account_erased', limit: 1 });
		expect(audit).toMatchObject({ actor_id: m.id, subject: `account:${m.id}` });
		expect(audit.details).toMatchObject({ reason: 'request' });
	});
});
