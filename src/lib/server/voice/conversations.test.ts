import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDomainError } from '../shared/errors';
import { addQuote, conversationNotesRetention, deleteConversation, getConversation, listConversations, listQuotes, listThemes, recordConversation, saveTheme, archiveTheme } from '.';
import { openListenTests, type ListenFixture } from './listen-fixtures';

let f: ListenFixture;
beforeAll(async () => {
	f = await openListenTests();
});
afterAll(() => f?.db.close());

const fieldsOf = async (p: Promise<unknown>) => {
	try {
		await p;
	} catch (err) {
		if (isDomainError(err)) return { code: err.code, fields: err.fields };
		throw err;
	}
	throw new Error('expected a refusal');
};
const count = async (table: string) => (await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

describe('wijkgesprekken and consent', () => {
	it('stores a conversation with notes, a first name and themed quotes when the resident agreed', async () => {
		const wim = await f.actor('employee');
		const theme = await saveTheme(f.ctx, wim, { name: 'Veiligheid' });
		const { id } = await recordConversation(f.ctx, wim, {
			heldOn: '2026-02-20',
			area: `complex:${f.lindehof}`,
			format: 'kitchen_table',
			consentNotes: 'on',
			consentQuotes: 'on',
			consentName: 'on',
			firstName: 'Mieke',
			notes: 'Woont er al lang.',
			quotes: [{ body: 'Het pad is donker.', themeIds: [theme.id] }]
		});
		const c = await getConversation(f.db, wim, id);
		expect(c).toMatchObject({ firstName: 'Mieke', notes: 'Woont er al lang.', areaKind: 'complex', format: 'kitchen_table', consent: { notes: true, quotes: true, name: true } });
		expect(c.quotes).toHaveLength(1);
		expect(c.quotes[0].themes.map((t) => t.name)).toEqual(['Veiligheid']);
		expect((await listQuotes(f.db, wim, { themeId: theme.id })).map((q) => q.id)).toEqual([c.quotes[0].id]);
		expect((await listThemes(f.db, wim))[0]).toMatchObject({ name: 'Veiligheid', quoteCount: 1 });
	});

	it('refuses notes, a name or quotes without consent, with the message next to the field, and stores nothing', async () => {
		const wim = await f.actor('employee');
		const before = [await count('voice_conversations'), await count('voice_quotes')];
		const r = await fieldsOf(
			recordConversation(f.ctx, wim, { heldOn: '2026-02-20', area: `buurt:${f.linde}`, format: 'phone', firstName: 'Mieke', notes: 'Iets', quotes: [{ body: 'Een citaat.' }] })
		);
		expect(r.fields).toEqual({ firstName: 'listen.name_without_consent', notes: 'listen.notes_without_consent', quotes: 'listen.quotes_without_consent' });
		expect([await count('voice_conversations'), await count('voice_quotes')]).toEqual(before);
	});

	it('keeps only a first name: a full name is refused', async () => {
		const wim = await f.actor('employee');
		const r = await fieldsOf(recordConversation(f.ctx, wim, { heldOn: '2026-02-20', area: `buurt:${f.linde}`, format: 'phone', consentName: 'on', firstName: 'Mieke de Jong' }));
		expect(r.fields.firstName).toBe('listen.first_name_only');
	});

	it('the database itself refuses notes, a name or a quote without consent', async () => {
		const wim = await f.actor('employee');
		const { id } = await recordConversation(f.ctx, wim, { heldOn: '2026-02-21', area: `wijk:${f.wijk}`, format: 'group' });
		const c = await getConversation(f.db, wim, id);
		expect(c).toMatchObject({ notes: null, firstName: null, quotes: [] });
		await expect(f.db.query("UPDATE voice_conversations SET notes = 'x' WHERE id = $1", [id])).rejects.toThrow();
		await expect(f.db.query("UPDATE voice_conversations SET resident_first_name = 'Jan' WHERE id = $1", [id])).rejects.toThrow();
		const [{ corporation_id }] = await f.db.query<{ corporation_id: string }>('SELECT corporation_id FROM voice_conversations WHERE id = $1', [id]);
		await expect(f.db.query("INSERT INTO voice_quotes (conversation_id, corporation_id, body, created_at) VALUES ($1, $2, 'x', now())", [id, corporation_id])).rejects.toThrow();
		await expect(addQuote(f.ctx, wim, { conversationId: id, body: 'Een citaat.' })).rejects.toMatchObject({ code: 'listen.quotes_not_allowed' });
	});

	it('for any consent choices, what is stored never goes beyond them (property)', async () => {
		const wim = await f.actor('employee');
		await fc.assert(
			fc.asyncProperty(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), async (cn, cq, cname, withNotes, withQuote, withName) => {
				const input = {
					heldOn: '2026-02-22',
					area: `buurt:${f.linde}`,
					format: 'door_to_door',
					consentNotes: cn,
					consentQuotes: cq,
					consentName: cname,
					...(withNotes ? { notes: 'Aantekening' } : {}),
					...(withName ? { firstName: 'Fenna' } : {}),
					...(withQuote ? { quotes: [{ body: 'Citaat' }] } : {})
				};
				const allowed = (!withNotes || cn) && (!withQuote || cq) && (!withName || cname);
				try {
					const { id } = await recordConversation(f.ctx, wim, input);
					expect(allowed).toBe(true);
					const [row] = await f.db.query<{ notes: string | null; resident_first_name: string | null; quotes: number }>(
						'SELECT notes, resident_first_name, (SELECT count(*)::int FROM voice_quotes q WHERE q.conversation_id = c.id) AS quotes FROM voice_conversations c WHERE id = $1',
						[id]
					);
					if (!cn) expect(row.notes).toBeNull();
					if (!cname) expect(row.resident_first_name).toBeNull();
					if (!cq) expect(row.quotes).toBe(0);
				} catch (err) {
					if (!isDomainError(err)) throw err;
					expect(allowed).toBe(false);
				}
			}),
			{ numRuns: 25 }
		);
	});

	it('bad input: no date, a date in the future, an unknown area or theme', async () => {
		const wim = await f.actor('employee');
		const r = await fieldsOf(recordConversation(f.ctx, wim, { area: 'buurt:00000000-0000-4000-8000-000000000000', format: 'x' }));
		expect(r.fields).toMatchObject({ heldOn: 'listen.held_on_required', format: 'listen.format_required' });
		const future = await fieldsOf(recordConversation(f.ctx, wim, { heldOn: '2027-01-01', area: `buurt:${f.linde}`, format: 'phone' }));
		expect(future.fields.heldOn).toBe('listen.held_on_future');
		const area = await fieldsOf(recordConversation(f.ctx, wim, { heldOn: '2026-01-01', area: 'buurt:00000000-0000-4000-8000-000000000000', format: 'phone' }));
		expect(area.fields.area).toBe('listen.area_required');
		const olga = await f.actor('olga');
		const foreign = (await saveTheme(f.ctx, olga, { name: 'Oost' })).id;
		const theme = await fieldsOf(recordConversation(f.ctx, wim, { heldOn: '2026-01-01', area: `buurt:${f.linde}`, format: 'phone', consentQuotes: true, quotes: [{ body: 'x', themeIds: [foreign] }] }));
		expect(theme.fields['quotes.0.themeIds']).toBe('listen.theme_unknown');
	});

	it('is the corporation’s alone: another corporation’s staff get 404, a tenant 403', async () => {
		const wim = await f.actor('employee');
		const { id } = await recordConversation(f.ctx, wim, { heldOn: '2026-02-20', area: `buurt:${f.linde}`, format: 'phone' });
		await expect(getConversation(f.db, await f.actor('olga'), id)).rejects.toMatchObject({ code: 'listen.not_found' });
		await expect(getConversation(f.db, await f.actor('tenant'), id)).rejects.toMatchObject({ code: 'listen.forbidden' });
		expect((await listConversations(f.db, await f.actor('olga'))).map((c) => c.id)).not.toContain(id);
	});

	it('themes: unique per corporation, archived ones are not offered but stay on quotes; deleting a conversation takes its quotes', async () => {
		const wim = await f.actor('employee');
		await expect(saveTheme(f.ctx, wim, { name: 'veiligheid' })).rejects.toMatchObject({ code: 'listen.theme_exists' });
		const t = await saveTheme(f.ctx, wim, { name: 'Groen' });
		const { id } = await recordConversation(f.ctx, wim, { heldOn: '2026-02-20', area: `buurt:${f.linde}`, format: 'phone', consentQuotes: true, quotes: [{ body: 'Meer groen graag.', themeIds: [t.id] }] });
		await archiveTheme(f.ctx, wim, { themeId: t.id, archived: true });
		expect((await listThemes(f.db, wim)).map((x) => x.name)).not.toContain('Groen');
		expect((await getConversation(f.db, wim, id)).quotes[0].themes.map((x) => x.name)).toEqual(['Groen']);
		await deleteConversation(f.ctx, wim, { conversationId: id });
		await expect(getConversation(f.db, wim, id)).rejects.toMatchObject({ code: 'listen.not_found' });
		expect((await listQuotes(f.db, wim, { themeId: t.id })).length).toBe(0);
	});
});

describe('retention of conversation notes', () => {
	it('removes notes two years after the conversation (or the corporation’s own period), and keeps the conversation and its quotes', async () => {
		const wim = await f.actor('employee');
		const base = { area: `buurt:${f.linde}`, format: 'phone', consentNotes: 'on', consentQuotes: 'on', quotes: [{ body: 'Bewaard citaat.' }] };
		const old = await recordConversation(f.ctx, wim, { ...base, heldOn: '2023-01-10', notes: 'Oude notitie.' });
		const recent = await recordConversation(f.ctx, wim, { ...base, heldOn: '2026-01-10', notes: 'Nieuwe notitie.' });
		const notesOf = async (id: string) => (await f.db.query<{ notes: string | null }>('SELECT notes FROM voice_conversations WHERE id = $1', [id]))[0].notes;
		const quotesOf = async (id: string) => (await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM voice_quotes WHERE conversation_id = $1', [id]))[0].n;
		const changed = await f.db.transaction((tx) => conversationNotesRetention.run(tx, { now: f.ctx.clock(), kind: 'conversation_notes', defaultDays: conversationNotesRetention.defaultDays }));
		expect(changed).toBeGreaterThanOrEqual(1);
		expect(await notesOf(old.id)).toBeNull();
		expect(await notesOf(recent.id)).toBe('Nieuwe notitie.');
		expect(await quotesOf(old.id)).toBe(1);
		// A corporation that keeps notes for 30 days only: the recent one goes too.
		await f.db.query(`INSERT INTO privacy_retention_periods (corporation_id, kind, days, updated_at) SELECT corporation_id, 'conversation_notes', 30, now() FROM voice_conversations WHERE id = $1`, [recent.id]);
		await f.db.transaction((tx) => conversationNotesRetention.run(tx, { now: f.ctx.clock(), kind: 'conversation_notes', defaultDays: conversationNotesRetention.defaultDays }));
		expect(await notesOf(recent.id)).toBeNull();
	});
});
