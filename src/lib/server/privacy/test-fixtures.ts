import { randomUUID } from 'node:crypto';
import { createSession } from '../auth';
import { loadActor, setShowStreet, type Actor } from '../people';
import { addReply, createPost } from '../board';
import { askHelpRequest, confirmHelpRequest, markHelpRequestDone, postHelpMessage, publishHelpRequest, setNameInPot, shareMyAddress, takeHelpRequest } from '../help';
import { openHelpTests, askInput, key, type HelpFixture } from '../help/test-fixtures';
import { setPreferences } from '../notifications';
import { addComment, createProposal, supportProposal } from '../proposals';
import { proposalInput } from '../proposals/test-fixtures';
import { createReport, ensureDefaultCategories } from '../reports';
import { validAnswers } from '../reports/test-fixtures';
import { raiseConcern } from '../concerns';
import { acceptOffer, addMonths, createCareRequest, isoDay, offerHelp, postCareMessage, recordHelperCheck } from '../care';
import { requestInput } from '../care/test-fixtures';
import { addQuestion, amsterdamDay, createSurvey, publishSurvey, submitResponse } from '../voice';
import { reportContent, sanctionAuthor } from '../moderation';
import { boardModerationTarget } from '../board';
import { emitWebhookEvent } from '../webhooks';

export interface SeededMember {
	f: HelpFixture;
	id: string;
	name: string;
	email: string;
	/** The home address as people write it ("Lindehof 14"). */
	address: string;
	actor(): Promise<Actor>;
	/** Ids of things others wrote that must stay readable after the erasure. */
	kept: { helperMessageId: number; annaReplyId: string; confirmedRequestId: string; openRequestId: string; careProviderMessageId: number; concernAboutHimId: string; careRequestId: string };
}

/**
 * A fresh database with the demo neighbourhood and one new member, Teun Testervelt of the
 * Lindebuurt, who has one of every kind of personal data main holds: an account and a home, a
 * session, three consents (e-mail, name in the pot, street), a confirmed help request with a
 * thread (a shared address) and its reward, an open request, a proposal, support and a comment on
 * a neighbour's proposal, a board post with a neighbour's reply and a reply of his own, a melding
 * at home, inbox items and audit rows; and of the modules that landed later: a concern he raised
 * (and one a neighbour raised about his home, naming his address), a care helper check with an
 * offer, an accepted match and a thread message of his (and the provider's), his household's
 * answer to a survey, a moderation report he made (his note names his address) and one about his
 * post with a warning, and a webhook event naming his account id. Names and e-mail are unique to him, so a search of the
 * whole database for them finds only what is his.
 */
export async function seedMemberWithEverything(): Promise<SeededMember> {
	const f = await openHelpTests();
	const { db, ctx } = f;
	const name = 'Teun Testervelt';
	const email = `teun.testervelt.${randomUUID().slice(0, 8)}@example.test`;
	const [unit] = await db.query<{ id: string; street: string; house_number: number; addition: string }>(
		`SELECT u.id, u.street, u.house_number, u.addition FROM units u JOIN complexes c ON c.id = u.complex_id
		 WHERE c.buurt_id = $1 AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.unit_id = u.id) ORDER BY u.house_number LIMIT 1`,
		[f.lindebuurt]
	);
	const [a] = await db.query<{ id: string }>('INSERT INTO accounts (email, name, locale) VALUES ($1, $2, $3) RETURNING id', [email, name, 'nl']);
	await db.query(`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, 'tenant', '2024-01-01')`, [a.id, unit.id]);
	const actor = async () => (await loadActor(db, a.id, ctx.clock()))!;
	const teun = await actor();
	const [anna, bram, noor] = [await f.actor('asker'), await f.actor('supervisor'), await f.actor('helper')];
	await createSession(db, a.id, ctx.clock(), 30);

	// Consents, given where the modules ask for them.
	await setPreferences(ctx, teun, { 'help.taken': 'instant' });
	await setNameInPot(ctx, teun, { named: true });
	await setShowStreet(ctx, teun, { showStreet: true });

	// Superbuurt: a request through to confirmed (the reward is attributed to Teun), with a thread.
	const req = await askHelpRequest(ctx, teun, askInput(f.lindebuurt, { title: 'Hulp met de kliko', description: 'Wie zet mijn kliko aan de straat?', idempotencyKey: key() }));
	await publishHelpRequest(ctx, bram, { requestId: req.id, reason: 'Duidelijke vraag.' });
	await takeHelpRequest(ctx, noor, { requestId: req.id });
	await postHelpMessage(ctx, teun, { requestId: req.id, body: 'Dank je! Bel maar aan.', idempotencyKey: key() });
	await shareMyAddress(ctx, teun, { requestId: req.id, idempotencyKey: key() });
	const helperMessage = await postHelpMessage(ctx, noor, { requestId: req.id, body: 'Ik kom donderdag om zeven uur.', idempotencyKey: key() });
	await markHelpRequestDone(ctx, noor, { requestId: req.id });
	await confirmHelpRequest(ctx, teun, { requestId: req.id });
	const open = await askHelpRequest(ctx, teun, askInput(f.lindebuurt, { title: 'Wie leent mij een ladder', description: 'Voor de dakgoot, een middag.', idempotencyKey: key() }));

	// Buurtpot: his own proposal, and support and a comment on Anna's.
	await createProposal(ctx, teun, proposalInput(f.lindebuurt, { title: 'Een bloembak bij de ingang', idempotencyKey: key() }));
	const annas = await createProposal(ctx, anna, proposalInput(f.lindebuurt, { idempotencyKey: key() }));
	await supportProposal(ctx, teun, { proposalId: annas.id, idempotencyKey: key() });
	await addComment(ctx, teun, { proposalId: annas.id, body: 'Goed plan, ik help mee.', idempotencyKey: key() });

	// The board: his post with Anna's reply, and his reply under Anna's post.
	const post = await createPost(ctx, teun, { buurtId: f.lindebuurt, kind: 'offer', body: 'Wie wil er stekjes? Ik heb er veel.', idempotencyKey: key() });
	const annaReply = await addReply(ctx, anna, { buurtId: f.lindebuurt, postId: post.id, body: 'Ik graag, dank je!', idempotencyKey: key() });
	const annaPost = await createPost(ctx, anna, { buurtId: f.lindebuurt, kind: 'question', body: 'Wie weet een goede fietsenmaker?', idempotencyKey: key() });
	await addReply(ctx, teun, { buurtId: f.lindebuurt, postId: annaPost.id, body: 'Die op de hoek is goed.', idempotencyKey: key() });

	// A melding at home.
	const [{ corporation_id }] = await db.query<{ corporation_id: string }>('SELECT corporation_id FROM buurten WHERE id = $1', [f.lindebuurt]);
	await db.transaction((tx) => ensureDefaultCategories(tx, corporation_id, ctx.clock()));
	const [cat] = await db.query<{ id: string }>(`SELECT id FROM report_categories WHERE corporation_id = $1 AND kind = 'repairs' AND parent_id IS NULL`, [corporation_id]);
	await createReport(ctx, teun, { categoryId: cat.id, location: { kind: 'home' }, description: 'De kraan in de keuken lekt.', answers: validAnswers.repairs, hideName: false, idempotencyKey: key() });

	// Concerns: one he raised about a neighbour in his complex; one a neighbour raised about his home.
	const [other] = await db.query<{ id: string }>(
		`SELECT u.id FROM units u WHERE u.complex_id = (SELECT complex_id FROM units WHERE id = $1) AND u.id <> $1 ORDER BY u.house_number LIMIT 1`,
		[unit.id]
	);
	await raiseConcern(ctx, teun, { unitId: other.id, category: 'not_seen', body: 'Ik zie mijn buurvrouw al een week niet.', mayContact: 'yes', idempotencyKey: key() });
	const address = `${unit.street} ${unit.house_number}${unit.addition}`;
	const [aboutHim] = await db.query<{ id: string }>(
		`INSERT INTO concerns (corporation_id, unit_id, reporter_id, reporter_role, category, body, created_at) VALUES ($1, $2, $3, 'member', 'neglected', $4, $5) RETURNING id`,
		[corporation_id, unit.id, anna.accountId, `De tuin van ${address} is erg verwaarloosd.`, ctx.clock()]
	);

	// Care: vetted by Wim, offers help on Carla's request, is matched and writes in the thread.
	const staff = await f.actor('staff');
	const today = isoDay(ctx.clock());
	await recordHelperCheck(ctx, staff, { buurtId: f.lindebuurt, email, method: 'vog', vogSeenOn: today, validUntil: addMonths(today, 36) });
	const [{ id: carlaId }] = await db.query<{ id: string }>(`SELECT id FROM accounts WHERE email = 'carla@demo.noaber.test'`);
	const carla = (await loadActor(db, carlaId, ctx.clock()))!;
	const care = await createCareRequest(ctx, carla, requestInput(f.lindebuurt, ctx.clock()));
	const { offerId } = await offerHelp(ctx, await actor(), { requestId: care.id, idempotencyKey: key() });
	await acceptOffer(ctx, carla, { requestId: care.id, offerId, idempotencyKey: key() });
	await postCareMessage(ctx, await actor(), { requestId: care.id, body: `Ik kan dinsdag, ik woon zelf op ${address}.`, idempotencyKey: key() });
	const providerMessage = await postCareMessage(ctx, carla, { requestId: care.id, body: 'Fijn, dinsdag om tien uur dan.', idempotencyKey: key() });

	// Stem van de buurt: his household answers Wim's survey.
	const survey = await createSurvey(ctx, staff, { area: `buurt:${f.lindebuurt}`, title: 'Hoe woont u hier?', opensOn: amsterdamDay(ctx.clock()), closesOn: amsterdamDay(new Date(ctx.clock().getTime() + 7 * 864e5)) });
	const question = await addQuestion(ctx, staff, { surveyId: survey.id, kind: 'grade', textNl: 'Welk cijfer geeft u de buurt?', required: true });
	await publishSurvey(ctx, staff, { surveyId: survey.id });
	await submitResponse(ctx, await actor(), { surveyId: survey.id, answers: { [question.id]: '8' } });

	// Moderation: he reports Anna's post; Anna reports his, and Wim warns him.
	const target = (who: Actor, kind: 'board_post', id: string) => boardModerationTarget(db, who, { kind, buurtId: f.lindebuurt, id });
	await reportContent(ctx, await actor(), await target(await actor(), 'board_post', annaPost.id), { reason: 'privacy', note: `Zij noemt mijn adres, ${address}.` });
	await reportContent(ctx, anna, await target(anna, 'board_post', post.id), { reason: 'spam', note: 'Steeds hetzelfde.' });
	const [item] = await db.query<{ id: string }>(`SELECT id FROM moderation_items WHERE content_kind = 'board_post' AND content_id = $1`, [post.id]);
	await sanctionAuthor(ctx, staff, { itemId: item.id, action: 'warn', reason: 'spam', note: 'Eerste waarschuwing.' });

	// Webhooks: the corporation's systems heard that he joined.
	await db.query(
		`INSERT INTO webhook_endpoints (corporation_id, url, event_types, secret, created_at) VALUES ($1, 'https://erp.example.test/hook', ARRAY['member.joined'], 'whsec_' || repeat('ab', 32), $2)`,
		[corporation_id, ctx.clock()]
	);
	await db.transaction((tx) => emitWebhookEvent(tx, { type: 'member.joined', at: ctx.clock(), unitId: unit.id, data: { accountId: a.id, unitId: unit.id, how: 'invitation' } }));

	return {
		f,
		id: a.id,
		name,
		email,
		address: `${unit.street} ${unit.house_number}${unit.addition}`,
		actor,
		kept: {
			helperMessageId: helperMessage.id,
			annaReplyId: annaReply.id,
			confirmedRequestId: req.id,
			openRequestId: open.id,
			careProviderMessageId: providerMessage.id,
			concernAboutHimId: aboutHim.id,
			careRequestId: care.id
		}
	};
}

/**
 * Every text, varchar and json(b) column of every table in the database (information_schema, so
 * tables that other modules add later are searched too), with the rows holding any of the needles.
 */
export async function findEverywhere(db: HelpFixture['db'], needles: string[]): Promise<{ table: string; column: string; rows: number }[]> {
	const columns = await db.query<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
		`SELECT c.table_schema, c.table_name, c.column_name, c.data_type FROM information_schema.columns c
		 JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
		 WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
		 ORDER BY 1, 2, 3`
	);
	const hits: { table: string; column: string; rows: number }[] = [];
	for (const c of columns) {
		const [{ n }] = await db.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM "${c.table_schema}"."${c.table_name}" WHERE "${c.column_name}"::text ILIKE ANY (SELECT '%' || x || '%' FROM unnest($1::text[]) x)`,
			[needles]
		);
		if (n) hits.push({ table: `${c.table_schema}.${c.table_name}`, column: c.column_name, rows: n });
	}
	return hits;
}
