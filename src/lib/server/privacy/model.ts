import type { Queryable } from '../db/client';

/**
 * The privacy module's vocabulary. Every module that holds personal data contributes entries of
 * these shapes from its own `privacy.ts`; the registry (`../personal-data.ts`) lists them, and the
 * export, the erasure, the retention jobs and the register of processing (art. 30) are all
 * generated from that one table (docs/ARCHITECTURE.md, "Privacy").
 */

/** What an erased person's name becomes in every table: neighbours read "een oud-buur". */
export const FORMER_NEIGHBOUR = 'een oud-buur';
/** What a removed text becomes where the row must stay (a thread, a history): fits every length check. */
export const REMOVED_TEXT = '[verwijderd]';

/** The person being erased, as every eraser needs them. */
export interface ErasureSubject {
	accountId: string;
	/** Full name and e-mail as they were: erasers look for them in free text and JSON. */
	name: string;
	email: string;
	/** The person's home addresses written out ("Lindehof 12", "Lindehof 12A"), to find in free text. */
	addresses: string[];
	at: Date;
	reason: 'request' | 'move_out';
}

/** Strings that identify the person in free text: name, e-mail, addresses. */
export const needlesOf = (s: ErasureSubject) => [s.name, s.email, ...s.addresses].filter((n) => n.trim().length >= 3);

/**
 * One kind of personal data (one JSON file in the export, one line of the register).
 * Message keys under `messageKey`: `.title`, `.data` (what is kept), `.purpose`, `.readers`
 * (who reads it), `.after` (what erasure does to it).
 */
export interface PersonalDataKind {
	/** snake_case, unique: the export's file name (`<kind>.json`). */
	kind: string;
	/** The module that owns the tables. */
	module: string;
	messageKey: string;
	/** Rows about the person, as plain JSON (dates as ISO strings); never other people's secrets. */
	export: (q: Queryable, accountId: string) => Promise<Record<string, unknown>[]>;
	/**
	 * Removes or anonymises the person's data inside the erasure's transaction; returns the number
	 * of rows changed. Runs in ascending `order` (the account row itself last).
	 */
	erase: (tx: Queryable, subject: ErasureSubject) => Promise<number>;
	order?: number;
}

/** One retention rule: data of this kind older than its period is deleted or anonymised. */
export interface RetentionKind {
	kind: string;
	module: string;
	/** `.title`, `.what` (what happens when the period is over). */
	messageKey: string;
	/** Days kept when the corporation set nothing (`privacy_retention_periods`). */
	defaultDays: number;
	/**
	 * Where the period is set elsewhere (reports keep theirs in months on their own settings),
	 * this reads it for the register instead of `privacy_retention_periods`.
	 */
	periodOf?: (q: Queryable, corporationId: string) => Promise<{ days: number; setAt: string }>;
	/**
	 * Applies the rule once, inside a transaction that may rewrite append-only tables; returns
	 * the rows changed. SQL reads each corporation's period with
	 * `privacy_period_days(<corporation>, '<kind>', <default>)`.
	 */
	run: (tx: Queryable, opts: { now: Date; kind: string; defaultDays: number }) => Promise<number>;
}

/** Consents recorded in `consent_records`; modules that land later add their kind here. */
export const consentKinds = ['care', 'conversations', 'name_shown', 'email_notifications', 'photos'] as const;
export type ConsentKind = (typeof consentKinds)[number];
export type ConsentHow = 'web' | 'api' | 'paper' | 'staff' | 'on_behalf';

export interface ConsentRecord {
	id: string;
	kind: string;
	scope: string | null;
	givenAt: string;
	givenHow: ConsentHow;
	givenByOther: boolean;
	withdrawnAt: string | null;
	withdrawnHow: string | null;
}

/** The Actor fields privacy needs (people's Actor has them); privacy sits below people. */
export interface PrivacyActor {
	accountId: string;
	locale: string;
	staff: readonly unknown[];
	partners: readonly unknown[];
}

export const iso = (d: Date | string | null | undefined) => (d == null ? null : d instanceof Date ? d.toISOString() : String(d));
