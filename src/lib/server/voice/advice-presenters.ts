import type { AdviceSummary, AdviceView } from './advice-queries';

/** JSON shapes of advice requests for /api/v1/voice/advice (never raw rows). */

export const presentAdviceSummary = (r: AdviceSummary) => ({
	id: r.id,
	subject: r.subject,
	legalBasis: r.legalBasis,
	area: { kind: r.areaKind, name: r.areaName },
	association: r.organisation,
	sentAt: r.sentAt.toISOString(),
	deadlineOn: r.deadlineOn,
	replyDueOn: r.replyDueOn,
	status: r.status,
	answerOverdue: r.answerOverdue,
	replyOverdue: r.replyOverdue
});

export const presentAdvice = (r: AdviceView) => ({
	...presentAdviceSummary(r),
	intendedDecision: r.intendedDecision,
	sentBy: r.sentBy,
	documents: r.documents.map((d) => ({ id: d.id, fileName: d.fileName, size: d.size, url: `/uploads/advice/${d.id}` })),
	answer: r.answer ? { position: r.answer.position, advice: r.answer.advice, reasons: r.answer.reasons, at: r.answer.at.toISOString(), by: r.answer.by } : null,
	publishReply: r.publishReply,
	reply: r.reply ? { outcome: r.reply.outcome, reasons: r.reply.reasons, at: r.reply.at.toISOString(), by: r.reply.by } : null,
	closedAt: r.closedAt?.toISOString() ?? null,
	can: r.can
});
