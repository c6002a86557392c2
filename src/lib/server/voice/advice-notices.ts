import type { Queryable } from '../db/client';
import { notify, type NotificationType } from '../notifications';
import { partnerStaffIds, staffAccountIds } from '../people';

/**
 * Who is told what about an advice request. Each side gets its own item, so the link opens that
 * side's page (`params.side`: /association/advice/<id> or /staff/voice/advice/<id>):
 * - advice.request — the association's board: a new request;
 * - advice.answered — staff: the association answered;
 * - advice.replied — the association's board: the corporation replied;
 * - advice.overdue — both sides: the answer or the reply is late (`params.step`: answer | reply).
 * The staff side is the person who sent it, or every staff member of the corporation when that
 * person no longer works there.
 */

export interface AdviceNoticeFacts {
	id: string;
	organisationId: string;
	subject: string;
	areaName: string;
}

export async function tellAssociation(tx: Queryable, r: AdviceNoticeFacts, type: NotificationType, at: Date, step = ''): Promise<void> {
	await notify(tx, { recipients: await partnerStaffIds(tx, r.organisationId), type, subject: { kind: 'advice_request', id: r.id }, params: { title: r.subject, buurt: r.areaName, side: 'association', step }, at });
}

export async function tellStaff(tx: Queryable, r: AdviceNoticeFacts & { corporationId: string; sentBy: string }, type: NotificationType, at: Date, step = ''): Promise<void> {
	const staff = await staffAccountIds(tx, r.corporationId);
	const recipients = staff.includes(r.sentBy) ? [r.sentBy] : staff;
	await notify(tx, { recipients, type, subject: { kind: 'advice_request', id: r.id }, params: { title: r.subject, buurt: r.areaName, side: 'staff', step }, at });
}
