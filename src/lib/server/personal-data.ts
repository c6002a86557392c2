import type { JobDefinition } from './shared/boss';
import type { Ctx } from './shared/context';
import {
	auditData, auditRetention, consentData, deleteOwnAccount, eraseMovedOut, exportPersonalData, getRegisterOfProcessing, listConsents, outboxData, webhookEventData, outboxRetention,
	runRetention, savePrivacySettings, withdrawConsent, type ConsentEffects, type PersonalDataKind, type PrivacyActor, type RetentionKind
} from './privacy';
import { authPersonalData, authRetention } from './auth';
import { peoplePersonalData, stopShowingStreet } from './people';
import { notificationData, switchOffEmail } from './notifications';
import { helpPersonalData, idempotencyRetention, stopNamingInPot } from './help';
import { boardData } from './board';
import { reportsPersonalData, closedReportRetention } from './reports';
import { proposalsPersonalData } from './proposals';
import { eventSignupData } from './activities';
import { concernsPersonalData, concernRetention } from './concerns';
import { carePersonalData } from './care';
import { conversationNotesRetention, voicePersonalData } from './voice';
import { moderationPersonalData } from './moderation';
import { ssoPersonalData } from './sso';

/**
 * THE TABLE of personal data (docs/ARCHITECTURE.md, "Privacy"): one entry per module and kind of
 * data, each module's own `privacy.ts` exports its entries. Export, erasure, the move-out job,
 * retention and the register of processing all run over these lists, so a module that lands
 * later adds its line here (and its messages under `privacy.kinds.<kind>`) and is covered
 * everywhere. The erasure test searches every text column of every table, so a forgotten kind fails it.
 */
export const personalDataKinds: PersonalDataKind[] = [
	...peoplePersonalData,
	...authPersonalData,
	consentData,
	notificationData,
	...helpPersonalData,
	...proposalsPersonalData,
	eventSignupData,
	...reportsPersonalData,
	boardData,
	auditData,
	outboxData,
	...concernsPersonalData,
	...carePersonalData,
	...voicePersonalData,
	...moderationPersonalData,
	webhookEventData,
	...ssoPersonalData
];

/** Retention rules, one per kind of data that expires; periods per corporation (privacy_retention_periods). */
export const retentionKinds: RetentionKind[] = [...authRetention, idempotencyRetention, closedReportRetention, auditRetention, outboxRetention, concernRetention, conversationNotesRetention];

/** What withdrawing a consent does, per kind, in the module that asked for it. */
export const consentEffects: ConsentEffects = {
	name_shown: async (tx, c) => {
		if (c.scope === 'street') await stopShowingStreet(tx, c);
		if (c.scope === 'pot') await stopNamingInPot(tx, c);
	},
	email_notifications: (tx, c) => switchOffEmail(tx, c)
};

export const exportMyData = (ctx: Ctx, actor: PrivacyActor) => exportPersonalData(ctx, personalDataKinds, actor);
export const deleteMyAccount = (ctx: Ctx, actor: PrivacyActor, input: unknown) => deleteOwnAccount(ctx, personalDataKinds, actor, input);
export const listMyConsents = (ctx: Ctx, actor: PrivacyActor) => listConsents(ctx.db, actor.accountId);
export const withdrawMyConsent = (ctx: Ctx, actor: PrivacyActor, input: unknown) => withdrawConsent(ctx, actor, input, consentEffects);
export const registerOfProcessing = (ctx: Ctx, actor: Parameters<typeof getRegisterOfProcessing>[1], corporationId: string) =>
	getRegisterOfProcessing(ctx.db, actor, corporationId, personalDataKinds, retentionKinds);
export const saveRetentionSettings = (ctx: Ctx, actor: Parameters<typeof savePrivacySettings>[1], input: unknown) => savePrivacySettings(ctx, actor, retentionKinds, input);

export const privacyJobs: JobDefinition[] = [
	{ name: 'privacy.retention', cron: '41 2 * * *', handler: async (ctx) => void (await runRetention(ctx, retentionKinds)) },
	{ name: 'privacy.move_out', cron: '51 2 * * *', handler: async (ctx) => void (await eraseMovedOut(ctx, personalDataKinds)) }
];
