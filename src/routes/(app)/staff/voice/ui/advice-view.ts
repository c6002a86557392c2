/**
 * The shapes the advice pages render (what voice's getAdviceRequest and listAdviceRequests
 * return), restated here because a component may not import from $lib/server.
 */
export interface AdviceSummaryView {
	id: string;
	subject: string;
	legalBasis: string;
	areaName: string;
	organisation: { id: string; name: string };
	sentAt: Date;
	deadlineOn: string;
	replyDueOn: string | null;
	status: string;
	answerOverdue: boolean;
	replyOverdue: boolean;
}

export interface AdviceDetailView extends AdviceSummaryView {
	intendedDecision: string;
	sentBy: string;
	documents: { id: string; fileName: string; size: number }[];
	answer: { position: string; advice: string; reasons: string; at: Date; by: string } | null;
	publishReply: boolean;
	reply: { outcome: string; reasons: string; at: Date; by: string } | null;
}
