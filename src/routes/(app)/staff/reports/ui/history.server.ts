import type { ReportDetail } from '$lib/server/reports';

/**
 * A report's history and answers as the handling pages show them (staff and partners): each step
 * with who did it, the note the reporter reads, and what it named (a date, a party, a photo).
 * Plain data, so the page needs no server types.
 */
export function historyLines(d: ReportDetail) {
	return d.history.map((h, i) => {
		const det = h.details ?? {};
		const party = det.party as { kind?: string; teamId?: string; staffId?: string; organisationId?: string } | undefined;
		return {
			seq: i + 1,
			at: h.at.toISOString(),
			action: h.action,
			toState: h.toState,
			role: h.role,
			actorName: h.actorName,
			note: h.note,
			scheduledOn: typeof det.scheduledOn === 'string' ? det.scheduledOn : null,
			partyId: party ? (party.teamId ?? party.staffId ?? party.organisationId ?? null) : null,
			partyKind: party?.kind ?? null,
			forwardedTo: typeof det.forwardedTo === 'string' ? det.forwardedTo : null,
			forwardedToId: typeof det.organisationId === 'string' ? det.organisationId : null,
			intoId: typeof det.intoId === 'string' ? det.intoId : null,
			photoIds: Array.isArray(det.photoIds) ? (det.photoIds as string[]) : []
		};
	});
}
export type HistoryLine = ReturnType<typeof historyLines>[number];

/** The answers with their questions' words (a switched-off question still names its old answer). */
export function answerLines(d: ReportDetail) {
	return Object.entries(d.answers ?? {}).map(([code, value]) => {
		const q = d.questions.find((x) => x.code === code);
		const choice = q?.kind === 'choice' ? q.choices.find((c) => c.key === value) : undefined;
		return {
			code,
			label: q ? { nl: q.label_nl, en: q.label_en } : { nl: code, en: code },
			kind: q?.kind ?? 'text',
			value: choice ? null : String(value),
			yesNo: typeof value === 'boolean' ? value : null,
			choice: choice ? { nl: choice.nl, en: choice.en } : null
		};
	});
}
