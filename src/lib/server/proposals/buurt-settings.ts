import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Queryable } from '../db/client';
import type { Ctx } from '../shared/context';
import { DomainError } from '../shared/errors';
import { messageKeyFor } from '../shared/validate';
import { buurtInScope, isStaffOf, type Actor } from '../people';
import type { BuurtRef } from '../places';
import {
	defaultHelpSettings,
	defaultRewardAmounts,
	getHelpSettings,
	getRewardScheme,
	lockBuurtFunding,
	rewardedCategories,
	saveHelpSettings,
	saveRewardAmounts,
	updateHelpSettingsSchema,
	updateRewardSchemeSchema,
	type HelpSettings,
	type RewardScheme,
	type RewardedCategory
} from '../help';
import { defaultBuurtpotSettings } from './model';
import { ensureSettingsRow, getBuurtpotSettings, type BuurtpotSettings } from './store';
import { saveBuurtpotSettings, updateBuurtpotSettingsSchema } from './settings';

/**
 * One buurt's settings in one document, for /api/v1/buurten/{id}/settings: the buurtpot's
 * support rules (this module), the reward per category and the Superbuurt settings (help). Reads
 * show each person what the web pages show them; a change of several parts is one transaction.
 *
 * Who sees what (people/scope.ts: scope first, then role):
 * - staff of the buurt's corporation: everything, and may change it (the proposals page, the
 *   pot page and the supervisors page);
 * - the buurt's approved supervisors: the reward scheme and the Superbuurt settings (read only);
 * - other members of the buurt: settings.forbidden (403) — the settings are management's; members
 *   read what concerns them on the pot page and the "become supervisor" page;
 * - anyone else, partners included: settings.not_found (404), as if the buurt did not exist.
 */

export interface BuurtSettings {
	buurtId: string;
	/** Whether the actor may change these settings (PATCH). */
	canEdit: boolean;
	/** Staff only; null for others. */
	buurtpot: BuurtpotSettings | null;
	rewardScheme: RewardScheme;
	/** Staff and the buurt's supervisors. */
	help: HelpSettings;
}

type View = 'staff' | 'supervisor';

/**
 * The buurt and how the actor sees its settings: scope first (members and staff see the buurt's
 * settings area, anyone else gets settings.not_found), then the role (staff, or a supervisor of
 * the buurt; other members settings.forbidden).
 */
async function settingsBuurt(q: Queryable, actor: Actor, buurtId: unknown): Promise<{ buurt: BuurtRef; view: View }> {
	const buurt = await buurtInScope(q, actor, typeof buurtId === 'string' ? buurtId : '', 'help', 'settings.not_found');
	if (isStaffOf(actor, buurt.corporation_id)) return { buurt, view: 'staff' };
	if (actor.supervisorBuurtIds.includes(buurt.id)) return { buurt, view: 'supervisor' };
	throw new DomainError('settings.forbidden');
}

async function readSettings(q: Queryable, buurtId: string, view: View): Promise<BuurtSettings> {
	return {
		buurtId,
		canEdit: view === 'staff',
		buurtpot: view === 'staff' ? await getBuurtpotSettings(q, buurtId) : null,
		rewardScheme: await getRewardScheme(q, buurtId),
		help: await getHelpSettings(q, buurtId)
	};
}

/** The buurt's settings as the actor may see them. Errors: settings.not_found, settings.forbidden. */
export async function getBuurtSettings(db: Queryable, actor: Actor, buurtId: string): Promise<BuurtSettings> {
	const { buurt, view } = await settingsBuurt(db, actor, buurtId);
	return readSettings(db, buurt.id, view);
}

// ---------------------------------------------------------------------------------------------
// Changing

const buurtpotFields = Object.keys(defaultBuurtpotSettings) as (keyof BuurtpotSettings)[];
const helpFields = Object.keys(defaultHelpSettings) as (keyof HelpSettings)[];
const rewardFields = Object.keys(defaultRewardAmounts) as (keyof typeof defaultRewardAmounts)[];

const group = z.record(plainText(), z.unknown(), { error: 'validation.type' });

/**
 * The shape of a change: any of the three parts, each with any of its fields (the rest keep
 * their value). The values are checked by each part's own schema (updateBuurtpotSettingsSchema,
 * updateRewardSchemeSchema, updateHelpSettingsSchema). PATCH sets values, so a retry does the
 * same; an idempotency key is accepted and not needed.
 */
export const updateBuurtSettingsSchema = z.object({
	buurtId: plainText(),
	buurtpot: group.optional(),
	rewardScheme: z.record(plainText(), group, { error: 'validation.type' }).optional(),
	help: group.optional(),
	idempotencyKey: plainText().optional()
});

type Fields = Record<string, string>;

/** Field message keys of a failed parse, named by their place in the PATCH body. */
function fieldsOf(issues: z.core.$ZodIssue[], prefix: string[] = []): Fields {
	const out: Fields = {};
	for (const issue of issues) out[[...prefix, ...issue.path.map(String)].join('.') || '_'] ??= messageKeyFor(issue);
	return out;
}

/** Fields the body or a part does not have: each is named, so a typo is not silently ignored. */
function unknownFields(patch: Record<string, unknown>, known: readonly string[], prefix?: string): Fields {
	return Object.fromEntries(Object.keys(patch).filter((k) => !known.includes(k)).map((k) => [prefix ? `${prefix}.${k}` : k, 'settings.unknown_field']));
}

/** Validates `{ ...current, ...patch }` with a part's schema; returns the values or the fields in error. */
function merged<S extends z.ZodType>(schema: S, value: Record<string, unknown>, prefix: string[]): { ok: true; v: z.infer<S> } | { ok: false; fields: Fields } {
	const r = schema.safeParse(value, { reportInput: true }); // with the input: a wrong type is not "required"
	return r.success ? { ok: true, v: r.data } : { ok: false, fields: fieldsOf(r.error.issues, prefix) };
}

const pick = <T extends object, K extends keyof T>(o: T, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
const same = <T extends object>(a: T, b: T, keys: readonly (keyof T)[]) => keys.every((k) => a[k] === b[k]);

/**
 * Staff change any of the buurt's settings in one go — all or nothing: if one value is wrong,
 * nothing changes and every wrong field is named (`buurtpot.supportDays`,
 * `rewardScheme.zorg.helperCents`, `help.termMonths`). Each changed part is audited as its own
 * use case does. Locks, in this order: the buurtpot_settings row, then the help_settings row
 * (which also serialises reward payment, so no reward is paid half under the old scheme).
 * Errors: settings.not_found (unknown, or a buurt the actor cannot see), settings.forbidden (may
 * see but not change), validation.invalid (fields → the parts' own message keys, or
 * settings.unknown_field, pot.category_not_rewarded).
 */
export async function updateBuurtSettings(ctx: Ctx, actor: Actor, input: unknown): Promise<BuurtSettings> {
	const at = ctx.clock();
	const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
	return ctx.db.transaction(async (tx) => {
		const { buurt, view } = await settingsBuurt(tx, actor, raw.buurtId);
		if (view !== 'staff') throw new DomainError('settings.forbidden');
		const fields: Fields = unknownFields(raw, Object.keys(updateBuurtSettingsSchema.shape));
		const shape = updateBuurtSettingsSchema.safeParse(input, { reportInput: true });
		if (!shape.success) throw new DomainError('validation.invalid', {}, { ...fields, ...fieldsOf(shape.error.issues) });
		const patch = shape.data;
		const buurtId = buurt.id;
		const change = { actorId: actor.accountId, at };

		if (patch.buurtpot) await ensureSettingsRow(tx, buurtId, { lock: true });
		if (patch.help || patch.rewardScheme) await lockBuurtFunding(tx, buurtId);

		const writes: (() => Promise<unknown>)[] = [];

		if (patch.buurtpot) {
			Object.assign(fields, unknownFields(patch.buurtpot, buurtpotFields, 'buurtpot'));
			const current = await getBuurtpotSettings(tx, buurtId);
			const r = merged(updateBuurtpotSettingsSchema, { ...current, ...patch.buurtpot, buurtId }, ['buurtpot']);
			if (!r.ok) Object.assign(fields, r.fields);
			else if (!same(pick(r.v, buurtpotFields), current, buurtpotFields)) writes.push(() => saveBuurtpotSettings(tx, buurtId, pick(r.v, buurtpotFields), change));
		}

		if (patch.rewardScheme) {
			const scheme = await getRewardScheme(tx, buurtId);
			for (const [category, amounts] of Object.entries(patch.rewardScheme)) {
				const prefix = `rewardScheme.${category}`;
				if (!(rewardedCategories as readonly string[]).includes(category)) {
					fields[prefix] = 'pot.category_not_rewarded';
					continue;
				}
				Object.assign(fields, unknownFields(amounts, rewardFields, prefix));
				const current = scheme[category as RewardedCategory];
				const r = merged(updateRewardSchemeSchema, { ...current, ...amounts, buurtId, category }, ['rewardScheme', category]);
				if (!r.ok) Object.assign(fields, r.fields);
				else if (!same(pick(r.v, rewardFields), current, rewardFields)) writes.push(() => saveRewardAmounts(tx, buurtId, r.v.category, pick(r.v, rewardFields), change));
			}
		}

		if (patch.help) {
			Object.assign(fields, unknownFields(patch.help, helpFields, 'help'));
			const current = await getHelpSettings(tx, buurtId);
			const r = merged(updateHelpSettingsSchema, { ...current, ...patch.help, buurtId }, ['help']);
			if (!r.ok) Object.assign(fields, r.fields);
			else if (!same(pick(r.v, helpFields), current, helpFields)) writes.push(() => saveHelpSettings(tx, buurtId, pick(r.v, helpFields), change));
		}

		if (Object.keys(fields).length) throw new DomainError('validation.invalid', {}, fields);
		for (const write of writes) await write();
		return readSettings(tx, buurtId, view);
	});
}

/**
 * Writes the buurtpot's support rules and their audit row (the same row and audit as
 * updateBuurtpotSettings), in the caller's transaction, with the row locked (ensureSettingsRow).
 */
