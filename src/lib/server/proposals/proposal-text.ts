import { createHash } from 'node:crypto';
import { z } from 'zod';
import { plainText } from '../shared/text';
import { centsSchema, MAX_COST_LINES } from './model';
import type { IncomingFile } from './uploads';

/** What an author writes, checked the same way when proposing and when editing. */

const lineSchema = z.object({
	label: plainText({ error: 'proposals.line_label_required' }).trim().min(1, 'proposals.line_label_required').max(80, 'validation.too_long'),
	cents: centsSchema('amount')
});

export const proposalText = {
	title: plainText({ error: 'validation.required' }).trim().min(1, 'validation.required').min(3, 'proposals.title_too_short').max(120, 'validation.too_long'),
	description: plainText({ error: 'validation.required' }).trim().min(1, 'validation.required').max(4000, 'validation.too_long'),
	costCents: centsSchema('cost').optional(),
	costLines: z.array(lineSchema).max(MAX_COST_LINES, 'proposals.too_many_lines').default([]),
	place: plainText().trim().max(200, 'validation.too_long').default(''),
	volunteers: plainText().trim().max(1000, 'validation.too_long').default('')
};

/** The cost comes from the lines when only they are given; when both are, they must agree. */
export const costRule = (v: { costCents?: number; costLines: { cents: number }[] }, ctx: z.RefinementCtx) => {
	const sum = v.costLines.reduce((s, l) => s + l.cents, 0);
	if (v.costCents === undefined && v.costLines.length === 0) ctx.addIssue({ code: 'custom', path: ['costCents'], message: 'proposals.cost_required' });
	else if (v.costCents !== undefined && v.costLines.length > 0 && sum !== v.costCents) ctx.addIssue({ code: 'custom', path: ['costCents'], message: 'proposals.cost_lines_mismatch' });
	else if (v.costCents === undefined && sum > 100_000_000) ctx.addIssue({ code: 'custom', path: ['costCents'], message: 'proposals.cost_too_big' });
};
export const withCost = <T extends { costCents?: number; costLines: { cents: number }[] }>(v: T) => ({ ...v, costCents: v.costCents ?? v.costLines.reduce((s, l) => s + l.cents, 0) });

/** The photos' content, for the idempotency check: the same submit, the same files. */
export const fileFingerprint = (files: IncomingFile[]) => files.map((f) => createHash('sha256').update(f.bytes).digest('hex'));
