import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	adviceWaiting,
	answerAdviceRequest,
	closeAdviceRequest,
	defaultDeadline,
	flagOverdueAdvice,
	getAdviceDocument,
	getAdviceRequest,
	listAdviceRequests,
	listPublishedAdvice,
	replyToAdvice,
	sendAdviceRequest,
	setAdvicePublication
} from '.';
import { isDomainError } from '../shared/errors';
import { openListenTests, pdfFile, type ListenFixture } from './listen-fixtures';

let f: ListenFixture;
beforeAll(async () => {
	f = await openListenTests();
});
afterAll(() => f?.db.close());

const DAY = 24 * 3600 * 1000;
const count = async (table: string) => (await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
const items = async (accountId: string, type: string) =>
	(await f.db.query<{ subject_id: string; params: Record<string, string> }>('SELECT subject_id, params FROM notification_items WHERE account_id = $1 AND type = $2 ORDER BY created_at', [accountId, type]));
const refusal = async (p: Promise<unknown>) => {
	try {
		await p;
	} catch (err) {
		if (isDomainError(err)) return err;
		throw err;
	}
	throw new Error('expected a refusal');
};

async function send(extra: Record<string, unknown> = {}, docs?: Awaited<ReturnType<typeof pdfFile>>[]) {
	const wim = await f.actor('employee');
	return sendAdviceRequest(
		f.ctx,
		wim,
		{ organisationId: f.associationL, area: `buurt:${f.linde}`, subject: 'Tuinonderhoud', intendedDecision: 'Wij willen een hovenier inhuren.', legalBasis: 'advice', deadlineOn: defaultDeadline(f.ctx.clock()), ...extra },
		docs ?? [await pdfFile()]
	);
}

describe('advice requests (Overlegwet)', () => {
	it('the form offers a deadline six weeks out; sending stores the request and its PDF and tells the association', async () => {
		expect(defaultDeadline(new Date('2026-03-02T09:00:00Z'))).toBe('2026-04-13');
		const { id } = await send();
		const hanna = await f.actor('tenants_association');
		const view = await getAdviceRequest(f.db, hanna, id, f.ctx.clock());
		expect(view).toMatchObject({ subject: 'Tuinonderhoud', legalBasis: 'advice', status: 'waiting_answer', areaName: 'Lindebuurt', deadlineOn: '2026-04-13', can: { answer: true, reply: false, close: false } });
		expect(view.documents).toHaveLength(1);
		const doc = await getAdviceDocument(f.db, hanna, view.documents[0].id);
		expect(Buffer.from(doc.bytes).subarray(0, 5).toString()).toBe('%PDF-');
		expect((await items(f.ids.tenants_association, 'advice.request')).map((i) => [i.subject_id, i.params.side])).toEqual([[id, 'association']]);
	});

	it('bad input writes nothing: no deadline, a file that is not a PDF, a truncated PDF, a wrong association', async () => {
		const before = [await count('voice_advice_requests'), await count('voice_advice_documents'), await count('notification_items')];
		const noDeadline = await refusal(send({ deadlineOn: '' }));
		expect(noDeadline.fields).toEqual({ deadlineOn: 'listen.deadline_required' });
		const png = await refusal(send({}, [{ field: 'documents', name: 'foto.pdf', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) }]));
		expect(png.fields).toEqual({ documents: 'listen.document_type' });
		const good = await pdfFile();
		const truncated = await refusal(send({}, [{ ...good, bytes: good.bytes.subarray(0, good.bytes.length - 200) }]));
		expect(truncated.fields).toEqual({ documents: 'listen.document_broken' });
		// Both at once: the field and the file are named together.
		const both = await refusal(send({ deadlineOn: undefined, subject: '' }, [{ field: 'documents', name: 'x.txt', bytes: new TextEncoder().encode('hallo') }]));
		expect(both.fields).toMatchObject({ deadlineOn: 'listen.deadline_required', subject: 'listen.subject_required', documents: 'listen.document_type' });
		const past = await refusal(send({ deadlineOn: '2026-03-01' }));
		expect(past.fields).toEqual({ deadlineOn: 'listen.deadline_past' });
		const wrongArea = await refusal(send({ area: `buurt:${f.beuken}` }));
		expect(wrongArea.fields).toEqual({ organisationId: 'listen.association_not_for_area' });
		const tooMany = await refusal(send({}, [good, good, good, good]));
		expect(tooMany.fields).toEqual({ documents: 'listen.too_many_documents' });
		expect([await count('voice_advice_requests'), await count('voice_advice_documents'), await count('notification_items')]).toEqual(before);
		await expect(send({}, [])).resolves.toMatchObject({ id: expect.any(String) });
	});

	it('the reasoned reply: no reply before an answer, no close before a reply — also in the database', async () => {
		const { id } = await send();
		const [wim, hanna] = [await f.actor('employee'), await f.actor('tenants_association')];
		expect((await refusal(replyToAdvice(f.ctx, wim, { requestId: id, outcome: 'follows', reasons: 'Wij volgen het advies.' }))).code).toBe('listen.not_answered');
		expect((await refusal(closeAdviceRequest(f.ctx, wim, { requestId: id }))).code).toBe('listen.reply_required');
		await expect(f.db.query('UPDATE voice_advice_requests SET closed_at = now(), closed_by = sent_by WHERE id = $1', [id])).rejects.toThrow();
		expect((await refusal(answerAdviceRequest(f.ctx, wim, { requestId: id, position: 'positive', advice: 'Goed.', reasons: 'Prima.' }))).code).toBe('listen.forbidden');

		await answerAdviceRequest(f.ctx, hanna, { requestId: id, position: 'conditional', advice: 'Ja, als bewoners mogen meekijken.', reasons: 'Het gaat om hun tuin.', publishReply: 'on' });
		expect((await refusal(answerAdviceRequest(f.ctx, hanna, { requestId: id, position: 'positive', advice: 'x', reasons: 'y' }))).code).toBe('listen.already_answered');
		expect((await items(f.ids.employee, 'advice.answered')).map((i) => i.subject_id)).toContain(id);
		expect((await refusal(closeAdviceRequest(f.ctx, wim, { requestId: id }))).code).toBe('listen.reply_required');
		expect((await refusal(replyToAdvice(f.ctx, wim, { requestId: id, outcome: 'partly' }))).fields).toEqual({ reasons: 'listen.reasons_required' });
		expect((await refusal(replyToAdvice(f.ctx, hanna, { requestId: id, outcome: 'partly', reasons: 'Wij doen het half.' }))).code).toBe('listen.forbidden');

		await replyToAdvice(f.ctx, wim, { requestId: id, outcome: 'partly', reasons: 'Bewoners kijken mee bij de keuze van de hovenier.' });
		expect((await items(f.ids.tenants_association, 'advice.replied')).map((i) => i.subject_id)).toContain(id);
		const seen = await getAdviceRequest(f.db, hanna, id, f.ctx.clock());
		expect(seen).toMatchObject({ status: 'replied', reply: { outcome: 'partly' }, publishReply: true });
		await closeAdviceRequest(f.ctx, wim, { requestId: id });
		expect((await getAdviceRequest(f.db, wim, id, f.ctx.clock())).status).toBe('closed');
		expect((await refusal(closeAdviceRequest(f.ctx, wim, { requestId: id }))).code).toBe('listen.already_closed');
	});

	it('the reply is shown to the members of the area only when the association agreed', async () => {
		const { id } = await send({ subject: 'Publiek of niet' });
		const [wim, hanna, anna, piet] = await Promise.all(['employee', 'tenants_association', 'tenant', 'piet'].map((k) => f.actor(k)));
		await answerAdviceRequest(f.ctx, hanna, { requestId: id, position: 'negative', advice: 'Niet doen.', reasons: 'Te duur.' });
		await replyToAdvice(f.ctx, wim, { requestId: id, outcome: 'not', reasons: 'Wij doen het toch, omdat de tuinen nu verwilderen.' });
		const shown = async () => (await listPublishedAdvice(f.db, anna, f.linde)).items.map((i) => i.subject);
		expect(await shown()).not.toContain('Publiek of niet');
		await setAdvicePublication(f.ctx, hanna, { requestId: id, publishReply: 'on' });
		expect(await shown()).toContain('Publiek of niet');
		expect((await listPublishedAdvice(f.db, anna, f.linde)).items.find((i) => i.id === id)).toMatchObject({ reply: { outcome: 'not' }, answer: { position: 'negative' } });
		await expect(listPublishedAdvice(f.db, piet, f.linde)).rejects.toMatchObject({ code: 'listen.not_found' });
		expect((await listPublishedAdvice(f.db, piet, f.beuken)).items.map((i) => i.id)).not.toContain(id);
		expect((await refusal(setAdvicePublication(f.ctx, wim, { requestId: id, publishReply: 'on' }))).code).toBe('listen.forbidden');
	});

	it('scope: the association of buurt A does not see buurt B’s requests; another corporation sees nothing', async () => {
		const wim = await f.actor('employee');
		const forB = await sendAdviceRequest(f.ctx, wim, { organisationId: f.associationB, area: `buurt:${f.beuken}`, subject: 'Fietsenstalling Beukenhof', intendedDecision: 'Wij willen de stalling vervangen.', legalBasis: 'information', deadlineOn: defaultDeadline(f.ctx.clock()) }, [await pdfFile()]);
		const forA = await send({ subject: 'Alleen voor de Linde' });
		const [hanna, bert, olga, anna] = [await f.actor('tenants_association'), await f.actor(f.boardB), await f.actor('olga'), await f.actor('tenant')];
		await expect(getAdviceRequest(f.db, hanna, forB.id, f.ctx.clock())).rejects.toMatchObject({ code: 'listen.not_found' });
		await expect(getAdviceRequest(f.db, bert, forA.id, f.ctx.clock())).rejects.toMatchObject({ code: 'listen.not_found' });
		await expect(getAdviceRequest(f.db, olga, forA.id, f.ctx.clock())).rejects.toMatchObject({ code: 'listen.not_found' });
		await expect(getAdviceRequest(f.db, anna, forA.id, f.ctx.clock())).rejects.toMatchObject({ code: 'listen.not_found' });
		expect((await listAdviceRequests(f.db, hanna, f.ctx.clock())).map((r) => r.id)).not.toContain(forB.id);
		expect((await listAdviceRequests(f.db, bert, f.ctx.clock())).map((r) => r.id)).toEqual([forB.id]);
		expect(await listAdviceRequests(f.db, olga, f.ctx.clock())).toEqual([]);
		const docB = (await getAdviceRequest(f.db, bert, forB.id, f.ctx.clock())).documents[0].id;
		await expect(getAdviceDocument(f.db, hanna, docB)).rejects.toMatchObject({ code: 'listen.not_found' });
		expect((await refusal(answerAdviceRequest(f.ctx, hanna, { requestId: forB.id, position: 'positive', advice: 'x', reasons: 'y' }))).code).toBe('listen.not_found');
	});
});

describe('deadlines with an injected clock', () => {
	it('flags a late answer and a late reply once, to both sides, and the homes show what waits', async () => {
		const start = new Date('2026-06-01T10:00:00Z');
		f.ctx.setNow(start);
		const { id } = await send({ subject: 'Deadline test', deadlineOn: '2026-06-15' });
		const [wim, hanna] = [await f.actor('employee'), await f.actor('tenants_association')];
		expect((await adviceWaiting(f.db, hanna, f.ctx.clock(), { shown: 100 })).items.map((i) => i.id)).toContain(id);
		expect((await adviceWaiting(f.db, wim, f.ctx.clock(), { shown: 100 })).items.map((i) => i.id)).not.toContain(id);

		// The deadline's own day (Dutch time) is not late yet.
		f.ctx.setNow(new Date('2026-06-15T21:30:00Z'));
		await flagOverdueAdvice(f.ctx);
		expect((await getAdviceRequest(f.db, wim, id, f.ctx.clock())).answerOverdue).toBe(false);
		// 22:30 UTC is already 16 June in Amsterdam.
		f.ctx.setNow(new Date('2026-06-15T22:30:00Z'));
		const flagged = await flagOverdueAdvice(f.ctx);
		expect(flagged.answers).toBeGreaterThanOrEqual(1);
		await flagOverdueAdvice(f.ctx);
		const overdue = (who: string) => items(who, 'advice.overdue').then((xs) => xs.filter((x) => x.subject_id === id).map((x) => [x.params.side, x.params.step]));
		expect(await overdue(f.ids.tenants_association)).toEqual([['association', 'answer']]);
		expect(await overdue(f.ids.employee)).toEqual([['staff', 'answer']]);
		expect((await getAdviceRequest(f.db, wim, id, f.ctx.clock())).answerOverdue).toBe(true);
		// Staff see the late answer on their home too.
		expect((await adviceWaiting(f.db, wim, f.ctx.clock(), { shown: 100 })).items.find((i) => i.id === id)).toMatchObject({ answerOverdue: true });

		// A late answer is still taken; the reply is due four weeks later.
		f.ctx.setNow(new Date('2026-06-20T10:00:00Z'));
		await answerAdviceRequest(f.ctx, hanna, { requestId: id, position: 'positive', advice: 'Prima.', reasons: 'Goed plan.' });
		const answered = await getAdviceRequest(f.db, wim, id, f.ctx.clock());
		expect(answered).toMatchObject({ replyDueOn: '2026-07-18', answerOverdue: false, replyOverdue: false, status: 'waiting_reply' });
		expect((await adviceWaiting(f.db, wim, f.ctx.clock(), { shown: 100 })).items.map((i) => i.id)).toContain(id);
		expect((await adviceWaiting(f.db, hanna, f.ctx.clock(), { shown: 100 })).items.map((i) => i.id)).not.toContain(id);
		f.ctx.setNow(new Date(new Date('2026-07-19T10:00:00Z').getTime()));
		await flagOverdueAdvice(f.ctx);
		await flagOverdueAdvice(f.ctx);
		expect(await overdue(f.ids.employee)).toEqual([['staff', 'answer'], ['staff', 'reply']]);
		expect(await overdue(f.ids.tenants_association)).toEqual([['association', 'answer'], ['association', 'reply']]);
		expect((await getAdviceRequest(f.db, hanna, id, f.ctx.clock())).replyOverdue).toBe(true);
		// Replied: nothing more is flagged or waits.
		await replyToAdvice(f.ctx, wim, { requestId: id, outcome: 'follows', reasons: 'Wij volgen uw advies helemaal.' });
		f.ctx.advance(30 * DAY);
		await flagOverdueAdvice(f.ctx);
		expect(await overdue(f.ids.employee)).toHaveLength(2);
		expect((await adviceWaiting(f.db, wim, f.ctx.clock(), { shown: 100 })).items.map((i) => i.id)).not.toContain(id);
	});
});
