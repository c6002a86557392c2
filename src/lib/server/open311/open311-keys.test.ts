import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOpen311Tests, parseXml, all, textOf, DEMO_OPEN311_KEY, type Open311Fixture } from './test-fixtures';
import { errorOf, reportReads } from '../reports/test-fixtures';
import { issueOpen311Key, listOpen311Keys, revokeOpen311Key } from '.';
import { assignReports, getReportDetail } from '../reports';

/**
 * API keys (issued and revoked by staff, stored hashed, acting as the organisation's contact)
 * and the extension for the organisation that handles a report: POST requests/{id}/updates,
 * which follows the state machine as role 'partner'.
 */
let f: Open311Fixture;
const reads = reportReads(() => f.db);
const post = { service_code: 'public_space', lat: '52.2214', long: '6.8931', 'attribute[what]': 'street_light', description: 'Lantaarnpaal kapot.' };
type Err = { code: number; description: string }[];

beforeAll(async () => {
	f = await openOpen311Tests();
});
afterAll(() => f.db.close());

describe('keys', () => {
	it('the database holds only the SHA-256 of a key, never the key', async () => {
		const rows = await f.db.query<Record<string, unknown>>('SELECT * FROM open311_keys');
		expect(rows).toHaveLength(1);
		expect(JSON.stringify(rows)).not.toContain(DEMO_OPEN311_KEY);
		expect(rows[0].key_hash).toBe(createHash('sha256').update(DEMO_OPEN311_KEY).digest('hex'));
	});

	it('staff issue one active key per organisation, shown once; revoking it stops it at once; each with an audit row', async () => {
		const staff = await f.actor('staff');
		const supplier = await f.actor('supplier');
		const organisationId = f.supplierOrg;
		expect((await errorOf(issueOpen311Key(f.ctx, supplier, { organisationId, contactId: supplier.accountId }))).code).toBe('open311.forbidden');
		// The contact must work for the organisation.
		expect((await errorOf(issueOpen311Key(f.ctx, staff, { organisationId, contactId: f.ids.municipality }))).code).toBe('open311.organisation_not_found');
		// Another corporation's staff cannot issue a key for De Linde's supplier.
		expect((await errorOf(issueOpen311Key(f.ctx, await f.actor('otherStaff'), { organisationId, contactId: supplier.accountId }))).code).toBe('open311.organisation_not_found');
		f.ctx.advance(1000);
		const issued = await issueOpen311Key(f.ctx, staff, { organisationId, contactId: supplier.accountId, label: 'Werkorders' });
		expect(issued.key).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
		expect(issued.key_prefix).toBe(issued.key.slice(0, 9));
		expect((await errorOf(issueOpen311Key(f.ctx, staff, { organisationId, contactId: supplier.accountId }))).code).toBe('open311.key_exists');
		const stored = await f.db.query<Record<string, unknown>>('SELECT * FROM open311_keys');
		expect(JSON.stringify(stored)).not.toContain(issued.key);
		const listed = await listOpen311Keys(f.db, staff, {});
		expect(listed.map((k) => [k.organisation_name, k.revoked_at])).toEqual([['Klusbedrijf Timmer (fictief)', null], ['Gemeente Noaberveen (fictief)', null]]);
		expect(JSON.stringify(listed)).not.toContain(issued.key);
		expect((await errorOf(listOpen311Keys(f.db, supplier, {}))).code).toBe('open311.forbidden');

		// The supplier's key works: its services list, and a report routed elsewhere is not its to update.
		expect((await f.call('GET', 'services.json', { api_key: issued.key })).status).toBe(200);
		await revokeOpen311Key(f.ctx, staff, { id: issued.id });
		const refused = await f.call('POST', 'requests.json', { ...post, api_key: issued.key });
		expect([refused.status, (refused.json as Err)[0].code]).toEqual([403, 403]);
		expect((await revokeOpen311Key(f.ctx, staff, { id: issued.id })).revoked_at).not.toBeNull();
		expect((await errorOf(revokeOpen311Key(f.ctx, await f.actor('otherStaff'), { id: issued.id }))).code).toBe('open311.key_not_found');
		const audit = await f.db.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'open311.%' ORDER BY id");
		expect(audit.map((a) => a.action)).toEqual(['open311.key_issued', 'open311.key_revoked']);
	});

	it('a key works in its own jurisdiction only', async () => {
		const holder = await f.call('GET', 'requests.json', { api_key: DEMO_OPEN311_KEY });
		expect(holder.status).toBe(200);
		// A key of another jurisdiction is refused there.
		const other = (await f.db.query<{ corporation_id: string }>("SELECT corporation_id FROM staff_roles WHERE account_id = $1", [f.ids.otherStaff]))[0].corporation_id;
		expect((await f.call('GET', 'services.json', { api_key: DEMO_OPEN311_KEY, jurisdiction_id: other })).status).toBe(403);
		expect((await f.call('GET', 'services.json', { jurisdiction_id: other })).status).toBe(200);
	});
});

describe('the update extension: POST requests/{id}/updates', () => {
	let id: string;
	beforeAll(async () => {
		const r = await f.call('POST', 'requests.json', { ...post, api_key: DEMO_OPEN311_KEY });
		id = (r.json as { service_request_id: string }[])[0].service_request_id;
	});

	it('acknowledge, start on a date, resolve: each a step of the state machine as partner, with the note; then closed', async () => {
		const ack = await f.call('POST', `requests/${id}/updates.json`, { api_key: DEMO_OPEN311_KEY, action: 'acknowledge', status_notes: 'Wij pakken dit op.' });
		expect(ack.status).toBe(200);
		expect((ack.json as { status: string; status_notes: string }[])[0]).toMatchObject({ status: 'open', status_notes: expect.stringContaining('Wij pakken dit op.') });
		const start = await f.call('POST', `requests/${id}/updates.xml`, { api_key: DEMO_OPEN311_KEY, action: 'start', note: 'Monteur komt langs.', scheduled_on: '2026-03-04' });
		const req = all(parseXml(start.body), 'request')[0];
		expect([textOf(req, 'status'), textOf(req, 'expected_datetime')]).toEqual(['open', '2026-03-04T17:00:00+01:00']);
		const done = await f.call('POST', `requests/${id}/updates.json`, { api_key: DEMO_OPEN311_KEY, status: 'closed', status_notes: 'De lamp brandt weer.' });
		expect((done.json as { status: string }[])[0].status).toBe('closed');
		const history = await reads.history(id);
		expect(history.map((h) => [h.action, h.to_state, h.actor_id])).toEqual([
			['create', 'new', f.ids.municipality], ['acknowledge', 'acknowledged', f.ids.municipality], ['start', 'in_progress', f.ids.municipality], ['resolve', 'resolved', f.ids.municipality]
		]);
		const roles = await f.db.query<{ actor_role: string }>('SELECT actor_role FROM report_history WHERE report_id = $1 ORDER BY seq', [id]);
		expect(roles.every((r) => r.actor_role === 'partner')).toBe(true);
		const detail = await getReportDetail(f.db, await f.actor('staff'), id, f.ctx.clock());
		expect(detail.history.at(-1)!.note).toBe('De lamp brandt weer.');
		// Closed: the public sees it closed, with the state in words only.
		const [pub] = (await f.call('GET', `requests/${id}.json`)).json as { status: string; status_notes: string }[];
		expect(pub).toEqual(expect.objectContaining({ status: 'closed', status_notes: 'Resolved.' }));
	});

	it('refuses what the state machine or the key does not allow, and writes nothing', async () => {
		const before = await reads.history(id);
		const other = await f.report({ kind: 'repairs' });
		const cases: [string, Record<string, string>, number][] = [
			[id, { api_key: DEMO_OPEN311_KEY, action: 'resolve', note: 'Nog een keer.' }, 400],
			[id, { api_key: DEMO_OPEN311_KEY, action: 'reject', note: 'Niet van ons.' }, 400],
			[id, { api_key: DEMO_OPEN311_KEY, note: 'Geen actie.' }, 400],
			[id, { action: 'acknowledge', note: 'Zonder sleutel.' }, 403],
			[id, { api_key: 'wrong', action: 'acknowledge', note: 'Foute sleutel.' }, 403],
			[other, { api_key: DEMO_OPEN311_KEY, action: 'acknowledge', note: 'Niet aan ons gegeven.' }, 404],
			['not-a-uuid', { api_key: DEMO_OPEN311_KEY, action: 'acknowledge', note: 'Onzin-id.' }, 404]
		];
		for (const [target, params, status] of cases) {
			const a = await f.call('POST', `requests/${target}/updates.json`, params);
			expect([a.status, (a.json as Err)[0].code], JSON.stringify(params)).toEqual([status, status]);
		}
		// A note is required for every step: named in the answer.
		const fresh = await f.call('POST', 'requests.json', { ...post, api_key: DEMO_OPEN311_KEY });
		const freshId = (fresh.json as { service_request_id: string }[])[0].service_request_id;
		const noNote = await f.call('POST', `requests/${freshId}/updates.json`, { api_key: DEMO_OPEN311_KEY, action: 'acknowledge' });
		expect([noNote.status, (noNote.json as Err)[0].description]).toEqual([400, expect.stringContaining('status_notes')]);
		expect(await reads.history(id)).toEqual(before);
		expect((await reads.history(other)).length).toBe(1);
		expect((await reads.history(freshId)).length).toBe(1);
	});

	it('the municipality handles a private report routed to it, and only that one', async () => {
		const nuisance = await f.report({ kind: 'nuisance', location: { kind: 'home' }, description: 'Geluidsoverlast in het trappenhuis.' });
		const denied = await f.call('POST', `requests/${nuisance}/updates.json`, { api_key: DEMO_OPEN311_KEY, action: 'acknowledge', note: 'Wij kijken ernaar.' });
		expect(denied.status).toBe(404);
		await assignReports(f.ctx, await f.actor('staff'), { reportIds: [nuisance], party: { kind: 'municipality', organisationId: f.municipalityOrg } });
		const ok = await f.call('POST', `requests/${nuisance}/updates.json`, { api_key: DEMO_OPEN311_KEY, action: 'acknowledge', note: 'Wij kijken ernaar.' });
		expect([ok.status, (ok.json as { description: string }[])[0].description]).toEqual([200, 'Geluidsoverlast in het trappenhuis.']);
		expect((await f.call('GET', `requests/${nuisance}.json`)).status).toBe(404);
	});
});

describe('a key is never more than its organisation', () => {
	it('a contact who is also staff still acts as partner only over Open311', async () => {
		await f.db.query("INSERT INTO staff_roles (account_id, corporation_id, role) VALUES ($1, $2, 'wijkconsulent')", [f.ids.municipality, f.corporationId]);
		const repairs = await f.report({ kind: 'repairs' });
		const a = await f.call('POST', `requests/${repairs}/updates.json`, { api_key: DEMO_OPEN311_KEY, action: 'acknowledge', note: 'Als medewerker?' });
		expect(a.status).toBe(404);
		// A private report of the corporation stays out of the key's reads, staff role or not.
		const nuisance = await f.report({ kind: 'nuisance', location: { kind: 'home' }, description: 'Nog meer overlast.' });
		expect((await f.call('GET', `requests/${nuisance}.json`, { api_key: DEMO_OPEN311_KEY })).status).toBe(404);
		expect((await reads.history(repairs)).length).toBe(1);
	});
});
