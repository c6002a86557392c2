import { strToU8, zipSync } from 'fflate';
import type { Ctx } from '../shared/context';
import { recordAudit } from '../audit';
import { translator, type Locale, isLocale } from '$lib/i18n';
import type { PersonalDataKind } from './model';
import { summaryHtml } from './summary-html';

/** The export's format version, in manifest.json (docs/ARCHITECTURE.md, "The export's schema"). */
export const EXPORT_SCHEMA_VERSION = 1;

export interface PersonalExport {
	exportedAt: string;
	accountId: string;
	kinds: { kind: string; module: string; rows: Record<string, unknown>[] }[];
}

/** Reads every kind of data held about the person (one query or a few per kind, each indexed by person). */
export async function collectPersonalData(ctx: Ctx, kinds: readonly PersonalDataKind[], accountId: string): Promise<PersonalExport> {
	const out: PersonalExport = { exportedAt: ctx.clock().toISOString(), accountId, kinds: [] };
	for (const k of kinds) out.kinds.push({ kind: k.kind, module: k.module, rows: await k.export(ctx.db, accountId) });
	return out;
}

/**
 * The person's own export (art. 15 and 20) as a ZIP: `manifest.json`, one `<kind>.json` per kind
 * and `overzicht.html` (`summary.html` in English), a readable summary in their language. The
 * download is audited (`privacy.exported`, with the counts, never the content).
 */
export async function exportPersonalData(ctx: Ctx, kinds: readonly PersonalDataKind[], actor: { accountId: string; locale: string }): Promise<{ fileName: string; bytes: Uint8Array }> {
	const data = await collectPersonalData(ctx, kinds, actor.accountId);
	const locale: Locale = isLocale(actor.locale) ? actor.locale : 'nl';
	const t = translator(locale);
	const files: Record<string, Uint8Array> = {};
	const manifest = {
		schemaVersion: EXPORT_SCHEMA_VERSION,
		exportedAt: data.exportedAt,
		accountId: data.accountId,
		notIncluded: ['ballots'],
		files: data.kinds.map((k) => ({ file: `${k.kind}.json`, kind: k.kind, module: k.module, count: k.rows.length, title: t(`${kinds.find((x) => x.kind === k.kind)!.messageKey}.title`) }))
	};
	files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
	for (const k of data.kinds) files[`${k.kind}.json`] = strToU8(JSON.stringify({ kind: k.kind, module: k.module, exportedAt: data.exportedAt, rows: k.rows }, null, 2));
	const summaryName = locale === 'nl' ? 'overzicht.html' : 'summary.html';
	files[summaryName] = strToU8(summaryHtml(data, kinds, t, locale));
	const bytes = zipSync(files, { level: 6, mtime: new Date(data.exportedAt) });
	await ctx.db.transaction((tx) =>
		recordAudit(tx, { at: ctx.clock(), actorId: actor.accountId, action: 'privacy.exported', subject: `account:${actor.accountId}`, details: { counts: Object.fromEntries(data.kinds.map((k) => [k.kind, k.rows.length])) } })
	);
	return { fileName: `noaber-${data.exportedAt.slice(0, 10)}.zip`, bytes };
}
