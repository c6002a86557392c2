import { afterAll, beforeAll, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db/client';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { seedDemo, type DemoKey, loadActor } from '../people';
import { smtpMailer } from '../mail/mailer';
import { notify, sendDigests, setPreferences } from './index';

interface Received {
	from: string;
	to: string[];
	raw: string;
}

let db: Db;
let ctx: TestCtx;
let ids: Record<DemoKey, string>;
let server: SMTPServer;
let port: number;
const received: Received[] = [];

beforeAll(async () => {
	db = await createTestDb();
	ctx = testCtx(db);
	ids = await seedDemo(ctx);
	// A real SMTP server on a random local port. It offers STARTTLS (with its own self-signed
	// certificate), as many servers do; the mailer URL says ?ignoreTLS=true to stay in plain text.
	server = new SMTPServer({
		authOptional: true,
		logger: false,
		onData(stream, session, done) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				received.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw: Buffer.concat(chunks).toString('utf8')
				});
				done();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
	await db.close();
});

/** Headers and decoded text body of a simple nodemailer text message. */
function parse(raw: string) {
	const [head, ...rest] = raw.split('\r\n\r\n');
	const headers = head.replace(/\r\n[ \t]+/g, ' ');
	const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(headers)?.[1] ?? '';
	let body = rest.join('\r\n\r\n');
	if (/quoted-printable/i.test(header('Content-Transfer-Encoding'))) {
		body = Buffer.from(
			body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
			'latin1'
		).toString('utf8');
	} else if (/base64/i.test(header('Content-Transfer-Encoding'))) {
		body = Buffer.from(body, 'base64').toString('utf8');
	}
	return { subject: header('Subject'), to: header('To'), body: body.replace(/\r\n/g, '\n') };
}

it('delivers the daily digest through real SMTP, with the right subject and links', async () => {
	ctx.mail = await smtpMailer(`smtp://127.0.0.1:${port}?ignoreTLS=true`, 'Noaber <noreply@noaber.test>');
	const tenant = (await loadActor(db, ids.tenant, ctx.clock()))!;
	await setPreferences(ctx, tenant, { 'help.taken': 'digest', 'help.done': 'digest' });
	const requests = ['3f1e0c1a-5b7d-4c1e-9a51-0d2b7f3c9e11', '7a2d9e44-0c3b-4f6a-8e2d-5b1c0f9a7d22'];
	await db.transaction(async (tx) => {
		await notify(tx, { recipients: [ids.tenant], type: 'help.taken', subject: { kind: 'help_request', id: requests[0] }, params: { title: 'Lamp ophangen', buurt: 'Lindebuurt', who: 'Noor' }, at: ctx.clock() });
		await notify(tx, { recipients: [ids.tenant], type: 'help.done', subject: { kind: 'help_request', id: requests[1] }, params: { title: 'Boodschappen', buurt: 'Lindebuurt' }, at: ctx.clock() });
	});
	ctx.advance(60_000);
	const result = await sendDigests(ctx);
	expect(result).toMatchObject({ people: 1, sent: 2, failed: 0 });

	expect(received).toHaveLength(1);
	const [mail] = received;
	expect(mail.from).toBe('noreply@noaber.test');
	expect(mail.to).toEqual(['anna@demo.noaber.test']);
	const parsed = parse(mail.raw);
	expect(parsed.subject).toBe('Noaber: 2 nieuwe berichten');
	expect(parsed.body).toContain('Hallo Anna,');
	expect(parsed.body).toContain('Noor helpt u: Lamp ophangen');
	expect(parsed.body).toContain(`http://noaber.test/help/${requests[0]}`);
	expect(parsed.body).toContain(`http://noaber.test/help/${requests[1]}`);

	// Sent is sent: a second run mails nothing.
	await sendDigests(ctx);
	expect(received).toHaveLength(1);
});
