import pino from 'pino';
import type { Db } from '../db/client';
import type { MailMessage } from '../mail/mailer';
import type { Ctx } from './context';

export interface TestCtx extends Ctx {
	mailbox: MailMessage[];
	/** Moves the injected clock forward. */
	advance(ms: number): void;
	setNow(date: Date): void;
}

/** A context for use-case tests: a real database, a clock the test controls, mail kept in memory. */
export function testCtx(db: Db, start = new Date('2026-03-02T09:00:00Z')): TestCtx {
	let now = start.getTime();
	const mailbox: MailMessage[] = [];
	return {
		db,
		clock: () => new Date(now),
		mail: { kind: 'outbox', send: async (m) => void mailbox.push(m) },
		log: pino({ level: 'silent' }),
		publicUrl: 'http://noaber.test',
		demo: true,
		mailbox,
		advance: (ms) => void (now += ms),
		setNow: (d) => void (now = d.getTime())
	};
}
