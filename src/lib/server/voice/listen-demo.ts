import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Ctx } from '../shared/context';
import { loadActor, type DemoKey } from '../people';
import { listeningCorporation } from './listen-policy';
import { saveTheme } from './themes';
import { recordConversation } from './conversations';
import { listPersonas } from './personas';
import { addPersonaEvidence } from './persona-evidence';
import { listQuotes } from './conversations';
import { listAssociations, sendAdviceRequest } from './advice-requests';
import { answerAdviceRequest, closeAdviceRequest, replyToAdvice } from './advice-answers';

const DAY_MS = 24 * 3600 * 1000;

/** A small real PDF (one A4 page of text), as an advice request's document. */
export async function demoPdf(title: string, lines: string[]): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	doc.setTitle(title);
	const font = await doc.embedFont(StandardFonts.Helvetica);
	const page = doc.addPage([595, 842]);
	page.drawText(title, { x: 56, y: 770, size: 18, font });
	lines.forEach((l, i) => page.drawText(l, { x: 56, y: 730 - i * 20, size: 11, font }));
	return doc.save();
}

/**
 * The listening part as a first visit finds it (run by ../demo.ts, through the use cases, each
 * at its own moment in the past): five themes, three conversations with quotes (one with a
 * first name, one without notes, one with the wijk), the seed's four personas with evidence (a
 * quote, a figure and a live count), an advice request waiting for the association and one that
 * was answered, replied to, published and closed. Skipped when the corporation has themes.
 */
export async function seedListenDemo(ctx: Ctx, ids: Record<DemoKey, string>): Promise<void> {
	const now = ctx.clock();
	const wim = (await loadActor(ctx.db, ids.employee, now))!;
	const hanna = (await loadActor(ctx.db, ids.tenants_association, now))!;
	const corporationId = listeningCorporation(wim);
	const [{ n }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM voice_themes WHERE corporation_id = $1', [corporationId]);
	if (n > 0) return;
	const at = (days: number): Ctx => ({ ...ctx, clock: () => new Date(now.getTime() - days * DAY_MS) });
	const day = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);

	const theme: Record<string, string> = {};
	for (const [key, name] of [['safety', 'Veiligheid'], ['upkeep', 'Schoon en heel'], ['together', 'Samen in de buurt'], ['contact', 'Contact met de corporatie'], ['lonely', 'Eenzaamheid']])
		theme[key] = (await saveTheme(at(40), wim, { name })).id;

	const [{ buurt_id: linde, wijk_code: wijk, complex_id: lindehof }] = await ctx.db.query<{ buurt_id: string; wijk_code: string; complex_id: string }>(
		`SELECT b.id AS buurt_id, b.wijk_code, c.id AS complex_id FROM buurten b JOIN complexes c ON c.buurt_id = b.id WHERE b.corporation_id = $1 AND b.name = 'Lindebuurt' ORDER BY c.code LIMIT 1`,
		[corporationId]
	);
	await recordConversation(at(30), wim, {
		heldOn: day(30),
		area: `complex:${lindehof}`,
		format: 'kitchen_table',
		consentNotes: true,
		consentQuotes: true,
		consentName: true,
		firstName: 'Mieke',
		notes: 'Woont 22 jaar in de Lindehof. Kent veel buren, maar de nieuwe bewoners niet. Vraagt zelf nooit om hulp: "anderen hebben het drukker".',
		quotes: [
			{ body: 'Gelijkwaardig is voor mij: dat ze niet alleen komen als er iets kapot is, maar ook gewoon vragen hoe het gaat.', themeIds: [theme.contact] },
			{ body: 'Ik help graag, maar zelf iets vragen? Dat doe ik niet zo snel.', themeIds: [theme.together] }
		],
		idempotencyKey: 'demo-listen-conv-1'
	});
	await recordConversation(at(21), wim, {
		heldOn: day(21),
		area: `buurt:${linde}`,
		format: 'door_to_door',
		consentQuotes: true,
		quotes: [
			{ body: 'Het pad achter de Eikenlaan is ’s avonds zo donker, daar loop ik niet meer alleen.', themeIds: [theme.safety] },
			{ body: 'Als je iets meldt, hoor je daarna niks meer. Dan meld je de volgende keer niet.', themeIds: [theme.contact, theme.upkeep] }
		],
		idempotencyKey: 'demo-listen-conv-2'
	});
	await recordConversation(at(12), wim, {
		heldOn: day(12),
		area: `wijk:${wijk}`,
		format: 'group',
		consentNotes: true,
		consentQuotes: true,
		notes: 'Groepsgesprek in het buurthuis met zes bewoners en een wijkverpleegkundige. Veel over eenzaamheid bij ouderen en over wie de gedeelde tuin bijhoudt.',
		quotes: [
			{ body: 'Mijn buurvrouw komt de deur bijna niet meer uit. Ik weet niet bij wie ik dat kwijt kan.', themeIds: [theme.lonely] },
			{ body: 'Met de buurtpot konden we zelf de bankjes kiezen. Dat voelde als onze buurt.', themeIds: [theme.together] }
		],
		idempotencyKey: 'demo-listen-conv-3'
	});

	const personas = await listPersonas(at(10), wim);
	const quotes = await listQuotes(ctx.db, wim, { limit: 20 });
	const quote = (start: string) => quotes.find((q) => q.body.startsWith(start))!.id;
	const persona = (key: string) => personas.find((p) => p.seedKey === key)!.id;
	const link = (days: number, key: string, evidence: Record<string, unknown>) => addPersonaEvidence(at(days), wim, { personaId: persona(key), ...evidence });
	await link(10, 'tenant', { kind: 'quote', quoteId: quote('Ik help graag'), note: 'Vraagverlegenheid: helpen wel, vragen niet.' });
	await link(9, 'tenant', { kind: 'platform', metric: 'help.first_time_askers' });
	await link(8, 'tenant', { kind: 'figure', label: 'Rapportcijfer voor de buurt', value: '7,1', source: 'Bewonersenquête Lindebuurt 2025 (112 antwoorden)' });
	await link(9, 'involved_citizen', { kind: 'quote', quoteId: quote('Met de buurtpot') });
	await link(7, 'involved_citizen', { kind: 'platform', metric: 'help.active_helpers' });
	await link(8, 'care_provider', { kind: 'quote', quoteId: quote('Mijn buurvrouw'), note: 'Zorgen achter de voordeur komen eerst bij buren terecht.' });
	await link(6, 'care_provider', { kind: 'platform', metric: 'help.on_behalf' });
	await link(5, 'employee', { kind: 'quote', quoteId: quote('Als je iets meldt') });
	await link(5, 'employee', { kind: 'figure', label: 'Meldingen binnen de termijn afgehandeld', value: '68%', source: 'Jaarverslag De Linde 2025' });

	const association = (await listAssociations(ctx.db, wim)).find((o) => o.buurtIds.includes(linde));
	if (!association) return;
	const pdf = async (name: string, title: string, lines: string[]) => ({ field: 'documents', name, bytes: await demoPdf(title, lines) });
	const done = await sendAdviceRequest(
		at(60),
		wim,
		{
			organisationId: association.id,
			area: `complex:${lindehof}`,
			subject: 'Renovatie Lindehof: planning en overlast',
			intendedDecision: 'Wij willen de daken en kozijnen van de Lindehof vernieuwen in het voorjaar. De werkzaamheden duren per woning twee weken. Bewoners krijgen een vergoeding voor de overlast.',
			legalBasis: 'advice',
			deadlineOn: day(60 - 42),
			idempotencyKey: 'demo-listen-advice-1'
		},
		[await pdf('planning-lindehof.pdf', 'Renovatie Lindehof — planning', ['Maart: daken, blok A en B.', 'April: kozijnen, blok A.', 'Mei: kozijnen, blok B.'])]
	);
	await answerAdviceRequest(at(40), hanna, {
		requestId: done.id,
		position: 'conditional',
		advice: 'Wij zijn positief, als bewoners zelf een week kunnen kiezen en er een vaste contactpersoon is.',
		reasons: 'Veel bewoners in de Lindehof zijn ouder. Zij willen weten wie er komt en wanneer.',
		publishReply: true
	});
	await replyToAdvice(at(30), wim, {
		requestId: done.id,
		outcome: 'partly',
		reasons: 'Er komt een vaste contactpersoon: Henk, de huismeester. Een eigen week kiezen lukt niet voor de daken, wel voor de kozijnen.'
	});
	await closeAdviceRequest(at(29), wim, { requestId: done.id });

	await sendAdviceRequest(
		at(5),
		wim,
		{
			organisationId: association.id,
			area: `buurt:${linde}`,
			subject: 'Nieuw beleid voor onderhoud van de gedeelde tuinen',
			intendedDecision: 'Wij willen het onderhoud van de gedeelde tuinen in de Lindebuurt uitbesteden aan een hovenier. De servicekosten stijgen daardoor met € 3,50 per maand.',
			legalBasis: 'consent',
			deadlineOn: day(5 - 42),
			idempotencyKey: 'demo-listen-advice-2'
		},
		[await pdf('tuinbeleid.pdf', 'Onderhoud gedeelde tuinen', ['Hovenier: elke twee weken van april tot oktober.', 'Servicekosten: + € 3,50 per maand per woning.'])]
	);
}
