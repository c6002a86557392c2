import { z } from 'zod';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { DomainError } from '../shared/errors';
import { parseInput } from '../shared/validate';
import { withIdempotency } from '../shared/idempotency';
import { idOf } from '../shared/text';
import { organisationsOfKind, type Actor } from '../people';
import { addDays, areaSchema, DEFAULT_DEADLINE_DAYS, dutchDay, isoDate, legalBases, text } from './listen-model';
import { listeningCorporation } from './listen-policy';
import { resolveArea } from './listen-area';
import { prepareDocuments, storeDocuments, type IncomingDocument } from './advice-documents';
import { tellAssociation } from './advice-notices';

/**
 * Advice requests (Overlegwet): staff send the tenants' association of an area the subject, the
 * decision they intend, the legal basis (the right to information, to advise, or to consent),
 * documents and a deadline (six weeks by default). The association answers (advice-answers.ts),
 * the corporation replies with reasons, and only then can the request be closed.
 */

export const sendAdviceSchema = z.object({
	organisationId: z.uuid({ error: 'listen.association_required' }),
	area: areaSchema,
	subject: text(160, 'listen.subject_required').pipe(z.string().min(3, 'validation.too_short')),
	intendedDecision: text(8000, 'listen.decision_required').pipe(z.string().min(10, 'validation.too_short')),
	legalBasis: z.enum(legalBases, 'listen.legal_basis_required'),
	deadlineOn: isoDate('listen.deadline_required'),
	idempotencyKey: z.string().regex(/^[A-Za-z0-9._:-]{8,100}$/, 'listen.idempotency_key_invalid').optional()
});

/** The deadline the form offers: six weeks from today. */
export const defaultDeadline = (now: Date) => addDays(dutchDay(now), DEFAULT_DEADLINE_DAYS);

/** The tenants' associations of the corporation, with their buurten (for the form's choice). */
export const listAssociations = (db: Queryable, actor: Actor) => organisationsOfKind(db, listeningCorporation(actor), 'tenants_association');

/**
 * Staff send an advice request with up to three PDF documents; the request and its documents
 * are written in one transaction, and the association's board is told (`advice.request`).
 * Every problem of the fields and the documents is reported at once, and nothing is written.
 * Errors: listen.forbidden (not staff), validation.invalid (organisationId →
 * listen.association_required | listen.association_not_for_area; area; subject; intendedDecision;
 * legalBasis; deadlineOn → listen.deadline_required | listen.date_invalid | listen.deadline_past |
 * listen.deadline_too_far; documents → listen.document_type | listen.document_broken |
 * listen.document_too_big | listen.too_many_documents), listen.idempotency_mismatch.
 */
export async function sendAdviceRequest(ctx: Ctx, actor: Actor, input: unknown, documents: IncomingDocument[] = []): Promise<{ id: string }> {
	const corporationId = listeningCorporation(actor);
	const fields: Record<string, string> = {};
	const details: Record<string, unknown> = {};
	let v: z.infer<typeof sendAdviceSchema> | null = null;
	try {
		v = parseInput(sendAdviceSchema, input);
	} catch (err) {
		if (!(err instanceof DomainError) || err.code !== 'validation.invalid') throw err;
		Object.assign(fields, err.fields);
		Object.assign(details, err.details);
	}
	let docs: ReturnType<typeof prepareDocuments> = [];
	try {
		docs = prepareDocuments(documents);
	} catch (err) {
		if (!(err instanceof DomainError) || err.code !== 'validation.invalid') throw err;
		Object.assign(fields, err.fields);
	}
	const today = dutchDay(ctx.clock());
	if (v && v.deadlineOn <= today) fields.deadlineOn = 'listen.deadline_past';
	else if (v && v.deadlineOn > addDays(today, 366)) fields.deadlineOn = 'listen.deadline_too_far';
	let area = null;
	if (v && !fields.area) {
		try {
			area = await resolveArea(ctx.db, corporationId, v.area);
		} catch (err) {
			if (!(err instanceof DomainError)) throw err;
			Object.assign(fields, err.fields);
		}
	}
	if (v && area && !fields.organisationId) {
		const association = (await organisationsOfKind(ctx.db, corporationId, 'tenants_association')).find((o) => o.id === v.organisationId);
		const areaBuurten = area.buurtId ? [area.buurtId] : await buurtenOfWijk(ctx.db, corporationId, area.wijkCode);
		if (!association) fields.organisationId = 'listen.association_required';
		else if (!association.buurtIds.some((b) => areaBuurten.includes(b))) fields.organisationId = 'listen.association_not_for_area';
	}
	if (Object.keys(fields).length || !v || !area) throw new DomainError('validation.invalid', details, fields);
	const input2 = v;
	const where = area;
	const at = ctx.clock();
	return ctx.db.transaction((tx) =>
		withIdempotency(tx, { actorId: actor.accountId, key: input2.idempotencyKey, operation: 'listen.advice', input: { ...input2, documents: docs.map((d) => d.sha256) }, at }, async () => {
			const [row] = await tx.query<{ id: string }>(
				`INSERT INTO voice_advice_requests (corporation_id, organisation_id, area_kind, wijk_code, buurt_id, complex_id, subject, intended_decision, legal_basis, deadline_on, sent_by, sent_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
				[corporationId, input2.organisationId, where.kind, where.wijkCode, where.buurtId, where.complexId, input2.subject, input2.intendedDecision, input2.legalBasis, input2.deadlineOn, actor.accountId, at]
			);
			await storeDocuments(tx, row.id, docs);
			await tellAssociation(tx, { id: row.id, organisationId: input2.organisationId, subject: input2.subject, areaName: where.name }, 'advice.request', at);
			return { id: row.id };
		})
	);
}

async function buurtenOfWijk(q: Queryable, corporationId: string, wijkCode: string): Promise<string[]> {
	const rows = await q.query<{ id: string }>('SELECT id FROM buurten WHERE corporation_id = $1 AND wijk_code = $2', [corporationId, wijkCode]);
	return rows.map((r) => r.id);
}

export const adviceTargetSchema = z.object({ requestId: idOf('listen.not_found') });
