import type { Db, Queryable } from '../db/client';
import type { Mailer } from '../mail/mailer';
import type { Logger } from 'pino';

/** Enqueues a background job; called inside the business transaction (house style 7). */
export type Enqueue = (name: string, data: Record<string, unknown>, options?: { startAfter?: Date; singletonKey?: string }) => Promise<void>;

/** What every use case receives besides its input: no globals, so tests pass their own. */
export interface Ctx {
	db: Db;
	/**
	 * Where lists and the dashboard read (a replica at DATABASE_READ_URL); undefined: db. Only for
	 * reads that may lag a moment behind a write (never a page that must show what was just done).
	 */
	readDb?: Queryable;
	/** Injected time, so terms, deadlines and expiry are testable. */
	clock: () => Date;
	mail: Mailer;
	log: Logger;
	/** Base URL for links in mail and letters. */
	publicUrl: string;
	demo: boolean;
}

/** The database a list or dashboard reads: the replica when there is one. */
export const readerOf = (ctx: Pick<Ctx, 'db' | 'readDb'>): Queryable => ctx.readDb ?? ctx.db;
