import type { Db } from '../db/client';

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
}

export interface Mailer {
	readonly kind: 'smtp' | 'outbox';
	send(message: MailMessage): Promise<void>;
}

/** Real SMTP through nodemailer (SMTP_URL, e.g. smtp://user:pass@host:587). */
export async function smtpMailer(url: string, from: string): Promise<Mailer> {
	const nodemailer = (await import('nodemailer')).default;
	const transport = nodemailer.createTransport(url);
	return {
		kind: 'smtp',
		async send(m) {
			await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
		}
	};
}

/** Without SMTP, mail lands in a table shown at /dev/mailbox (never in production mode). */
export function outboxMailer(db: Db): Mailer {
	return {
		kind: 'outbox',
		async send(m) {
			await db.query('INSERT INTO mail_outbox (to_address, subject, body) VALUES ($1, $2, $3)', [
				m.to,
				m.subject,
				m.text
			]);
		}
	};
}

export interface OutboxMail {
	id: number;
	created_at: Date;
	to_address: string;
	subject: string;
	body: string;
}

export async function listOutbox(db: Db, to?: string): Promise<OutboxMail[]> {
	return db.query<OutboxMail>(
		`SELECT id, created_at, to_address, subject, body FROM mail_outbox
		 WHERE ($1::text IS NULL OR lower(to_address) = lower($1)) ORDER BY id DESC LIMIT 50`,
		[to ?? null]
	);
}
