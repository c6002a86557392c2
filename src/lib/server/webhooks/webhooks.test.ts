import { createServer, type IncomingMessage, type Server } from 'node:http';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBoss, startWorker } from '../shared/boss';
import { errorOf, key, note, openReportsTests, type ReportsFixture } from '../reports/test-fixtures';
import { acknowledgeReport } from '../reports';
import { openApiDocument } from '../api/openapi';
import {
	deliverWebhook,
	disableWebhookEndpoint,
	dispatchWebhookDeliveries,
	listWebhookDeliveries,
	MAX_ATTEMPTS,
	registerWebhookEndpoint,
	retryWebhookDelivery,
	verifyWebhookSignature,
	webhookJobs
} from '.';

/**
 * Webhooks against a real receiver: a local HTTP server that checks every delivery's
 * signature the way the README tells a corporation's developers to.
 */
interface Received {
	headers: IncomingMessage['headers'];
	body: string;
}
let f: ReportsFixture;
let server: Server;
let receiverUrl = '';
const received: Received[] = [];
/** Status codes the receiver answers with, in turn; 200 once they run out. */
let answers: number[] = [];

beforeAll(async () => {
	f = await openReportsTests();
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			received.push({ headers: req.headers, body });
			res.statusCode = answers.shift() ?? 200;
			res.end('ok');
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	receiverUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/noaber`;
});
afterAll(async () => {
	await new Promise((r) => server.close(r));
	await f.db.close();
});
afterEach(() => {
	received.length = 0;
	answers = [];
});

const corp = () => f.corporationId;
const register = async (eventTypes: string[], url = receiverUrl) => registerWebhookEndpoint(f.ctx, await f.actor('admin'), { corporationId: corp(), url, eventTypes });
const deliveriesOf = (endpointId: string) => listWebhookDeliveries(f.db, endpointId);
/** Runs every due delivery once, as the worker's jobs would (no retry wait). */
async function deliverAll(): Promise<void> {
	const ids: string[] = [];
	await dispatchWebhookDeliveries(f.ctx, async (_name, data) => void ids.push(String(data.deliveryId)));
	for (const id of ids) await deliverWebhook(f.ctx, id).catch(() => {});
}

describe('registering an endpoint', () => {
	it('only an admin of the corporation registers one; the secret is shown once and the audit log has it without the secret', async () => {
		expect((await errorOf(registerWebhookEndpoint(f.ctx, await f.actor('staff'), { corporationId: corp(), url: 'https://erp.example/hook', eventTypes: ['melding.created'] }))).code).toBe('webhooks.not_found');
		expect((await errorOf(registerWebhookEndpoint(f.ctx, await f.actor('otherStaff'), { corporationId: corp(), url: 'https://erp.example/hook', eventTypes: ['melding.created'] }))).code).toBe('webhooks.not_found');
		const e = await register(['melding.created']);
		expect(e.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
		const [audit] = await f.db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE action = 'webhooks.endpoint_registered' AND subject = $1`, [`webhook_endpoint:${e.id}`]);
		expect(audit.details).toEqual({ url: receiverUrl, eventTypes: ['melding.created'] });
		expect(JSON.stringify(audit)).not.toContain(e.secret);
		await disableWebhookEndpoint(f.ctx, await f.actor('admin'), { endpointId: e.id });
	});

	it('refuses plain http to another machine, credentials in the URL and no event type, storing nothing', async () => {
		const before = (await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_endpoints'))[0].n;
		expect((await errorOf(register(['melding.created'], 'http://erp.example/hook'))).fields.url).toBe('webhooks.url_https');
		expect((await errorOf(register(['melding.created'], 'https://user:pw@erp.example/hook'))).fields.url).toBe('webhooks.url_https');
		expect((await errorOf(register(['melding.created'], 'not a url'))).fields.url).toBe('webhooks.url_https');
		expect((await errorOf(register([]))).fields.eventTypes).toBe('webhooks.choose_event');
		expect((await errorOf(register(['melding.deleted']))).fields['eventTypes.0']).toBe('validation.choice');
		expect((await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_endpoints'))[0].n).toBe(before);
	});
});

describe('events and deliveries', () => {
	it('no endpoint listening: a new melding writes no event at all', async () => {
		await f.report();
		expect((await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_events'))[0].n).toBe(0);
	});

	it('a new melding and its acknowledgement reach the endpoint, signed with its secret, with ids and states only', async () => {
		const e = await register(['melding.created', 'melding.changed']);
		const reportId = await f.report();
		await acknowledgeReport(f.ctx, await f.actor('staff'), { reportId, note, idempotencyKey: key() });
		await deliverAll();
		expect(received).toHaveLength(2);
		for (const r of received) {
			expect(verifyWebhookSignature(e.secret, r.headers['noaber-signature'] as string, r.body, f.ctx.clock())).toBe(true);
			// Another secret, a changed body or an old timestamp: the receiver refuses it.
			expect(verifyWebhookSignature(`whsec_${'0'.repeat(64)}`, r.headers['noaber-signature'] as string, r.body, f.ctx.clock())).toBe(false);
			expect(verifyWebhookSignature(e.secret, r.headers['noaber-signature'] as string, r.body.replace('"new"', '"old"'), f.ctx.clock())).toBe(false);
			expect(verifyWebhookSignature(e.secret, r.headers['noaber-signature'] as string, r.body, new Date(f.ctx.clock().getTime() + 600_000))).toBe(false);
		}
		const bodies = received.map((r) => JSON.parse(r.body));
		expect(bodies.map((b) => b.type).sort()).toEqual(['melding.changed', 'melding.created']);
		const created = bodies.find((b) => b.type === 'melding.created');
		expect(created).toMatchObject({ corporationId: corp(), data: { reportId, state: 'new', buurtId: f.lindebuurt, source: 'app' } });
		expect(bodies.find((b) => b.type === 'melding.changed').data).toMatchObject({ reportId, action: 'acknowledge', from: 'new', state: 'acknowledged' });
		expect(received[0].headers['noaber-event']).toBe(bodies[0].type);
		// Least data: the description and the reporter's name never leave Noaber this way.
		expect(received.map((r) => r.body).join()).not.toMatch(/trappenhuis|Anna|@/);
		const ds = await deliveriesOf(e.id);
		expect(ds.map((d) => [d.status, d.attempts, d.last_status])).toEqual([['delivered', 1, 200], ['delivered', 1, 200]]);
		// Delivered is final: another run of the job sends nothing twice.
		await deliverWebhook(f.ctx, ds[0].id);
		expect(received).toHaveLength(2);
		await disableWebhookEndpoint(f.ctx, await f.actor('admin'), { endpointId: e.id });
	});

	it('a receiver that keeps failing is tried MAX_ATTEMPTS times, then marked failed; staff can send it again once it is fixed', async () => {
		const e = await register(['melding.created']);
		await f.report();
		answers = Array(MAX_ATTEMPTS).fill(503);
		const [d] = await deliveriesOf(e.id);
		for (let i = 1; i < MAX_ATTEMPTS; i++) await expect(deliverWebhook(f.ctx, d.id)).rejects.toThrow('HTTP 503');
		expect(await deliverWebhook(f.ctx, d.id)).toBe('failed');
		expect(received).toHaveLength(MAX_ATTEMPTS);
		let [after] = await deliveriesOf(e.id);
		expect([after.status, after.attempts, after.last_status, after.last_error]).toEqual(['failed', MAX_ATTEMPTS, 503, 'HTTP 503']);
		expect((await errorOf(retryWebhookDelivery(f.ctx, await f.actor('staff'), { endpointId: e.id, deliveryId: d.id }))).code).toBe('webhooks.not_found');
		await retryWebhookDelivery(f.ctx, await f.actor('admin'), { endpointId: e.id, deliveryId: d.id });
		await deliverAll();
		[after] = await deliveriesOf(e.id);
		expect([after.status, after.attempts]).toEqual(['delivered', 1]);
		expect((await errorOf(retryWebhookDelivery(f.ctx, await f.actor('admin'), { endpointId: e.id, deliveryId: d.id }))).code).toBe('webhooks.not_failed');
		await disableWebhookEndpoint(f.ctx, await f.actor('admin'), { endpointId: e.id });
	});

	it('a stopped endpoint gets no new events, and what was still queued for it fails without a request', async () => {
		const e = await register(['melding.created']);
		await f.report();
		await disableWebhookEndpoint(f.ctx, await f.actor('admin'), { endpointId: e.id });
		await f.report();
		const ds = await deliveriesOf(e.id);
		expect(ds).toHaveLength(1);
		await deliverAll();
		expect(received).toHaveLength(0);
		expect((await deliveriesOf(e.id))[0].status).toBe('failed');
	});

	it('pg-boss delivers through the worker and retries with backoff until the receiver answers 2xx', async () => {
		const e = await register(['melding.created']);
		answers = [500, 502];
		await f.report();
		const boss = createBoss(f.db);
		boss.on('error', () => {});
		await boss.start();
		try {
			await startWorker(boss, f.ctx, webhookJobs.filter((j) => j.name === 'webhooks.deliver'), pino({ level: 'silent' }));
			// The registry's dispatcher, with a 1 s retry delay instead of 30 s so the test is quick.
			await dispatchWebhookDeliveries(f.ctx, (name, data, o) => boss.send(name, data, { ...o, retryDelay: 1 }));
			const deadline = Date.now() + 60_000;
			while (Date.now() < deadline && (await deliveriesOf(e.id))[0].status !== 'delivered') await new Promise((r) => setTimeout(r, 250));
		} finally {
			await boss.stop({ graceful: false, wait: true, timeout: 2000 });
		}
		const [d] = await deliveriesOf(e.id);
		expect([d.status, d.attempts, d.last_status]).toEqual(['delivered', 3, 200]);
		expect(received).toHaveLength(3);
		// The same event each time: receivers deduplicate by the event id.
		expect(new Set(received.map((r) => JSON.parse(r.body).id)).size).toBe(1);
		await disableWebhookEndpoint(f.ctx, await f.actor('admin'), { endpointId: e.id });
	}, 90_000);
});

describe('the OpenAPI document', () => {
	it('describes every event a receiver can get under webhooks (OpenAPI 3.1), with the signature header', () => {
		const doc = openApiDocument('http://noaber.test') as unknown as { webhooks: Record<string, { post: { parameters: { name: string }[] } }>; components: { schemas: Record<string, unknown> } };
		expect(Object.keys(doc.webhooks).sort()).toEqual(['help_request.completed', 'melding.changed', 'melding.created', 'member.joined', 'member.left', 'payout.made', 'proposal.funded']);
		expect(doc.webhooks['melding.created'].post.parameters.map((p) => p.name)).toContain('Noaber-Signature');
		expect(doc.components.schemas.WebhookEvent).toBeDefined();
	});
});
