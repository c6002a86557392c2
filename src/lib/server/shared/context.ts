import type { Db } from '../db/client';
import type { Mailer } from '../mail/mailer';
import type { Logger } from 'pino';

/** Enqueues a background job; called inside the business transaction (house style 7). */
export type Enqueue = (name: string, data: Record<string, unknown>, options?: { startAfter?: Date; singletonKey?: string }) => Promise<void>;

/** What every use case receives besides its input: no globals, so tests pass their own. */
export interface Ctx {
	db: Db;
	/** Injected time, so terms, deadlines and expiry are testable. */
	clock: () => Date;
	mail: Mailer;
	log: Logger;
	/** Base URL for links in mail and letters. */
	publicUrl: string;
	demo: boolean;
}
