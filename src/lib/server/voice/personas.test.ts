import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPersonaEvidence, getPersona, listPersonas, recordConversation, removePersonaEvidence, savePersona, listQuotes, platformCounts, listeningCorporation } from '.';
import { askHelpRequest } from '../help';
import { openListenTests, type ListenFixture } from './listen-fixtures';

let f: ListenFixture;
beforeAll(async () => {
	f = await openListenTests();
});
afterAll(() => f?.db.close());

const HOUR = 3600 * 1000;

describe('personas and their evidence', () => {
	it('starts with the seed’s four, in Dutch and English, made once', async () => {
		const wim = await f.actor('employee');
		const first = await listPersonas(f.ctx, wim);
		expect(first.map((p) => p.seedKey)).toEqual(['tenant', 'care_provider', 'employee', 'involved_citizen']);
		expect(first.map((p) => p.name.nl)).toEqual(['De huurder', 'De zorgverlener', 'De medewerker van de corporatie', 'De betrokken burger']);
		expect(first.map((p) => p.name.en)).toEqual(['The tenant', 'The care provider', "The corporation's employee", 'The involved citizen']);
		expect(first.every((p) => p.about.nl && p.needs.en && p.lastBackedAt === null)).toBe(true);
		expect((await listPersonas(f.ctx, wim)).map((p) => p.id)).toEqual(first.map((p) => p.id));
		// Another corporation gets its own four; neither sees the other's.
		const olga = await f.actor('olga');
		const theirs = await listPersonas(f.ctx, olga);
		expect(theirs).toHaveLength(4);
		await expect(getPersona(f.ctx, olga, first[0].id)).rejects.toMatchObject({ code: 'listen.not_found' });
	});

	it('staff edit a persona and add one; every field is required', async () => {
		const wim = await f.actor('employee');
		const [tenant] = await listPersonas(f.ctx, wim);
		const words = { nameNl: 'De huurder', nameEn: 'The tenant', aboutNl: 'Woont hier.', aboutEn: 'Lives here.', needsNl: 'Een antwoord.', needsEn: 'An answer.' };
		await savePersona(f.ctx, wim, { personaId: tenant.id, ...words });
		expect((await getPersona(f.ctx, wim, tenant.id)).about).toEqual({ nl: 'Woont hier.', en: 'Lives here.' });
		const { id } = await savePersona(f.ctx, wim, { ...words, nameNl: 'De nieuwkomer', nameEn: 'The newcomer' });
		expect((await listPersonas(f.ctx, wim)).map((p) => p.name.nl)).toContain('De nieuwkomer');
		expect((await getPersona(f.ctx, wim, id)).seedKey).toBeNull();
		await expect(savePersona(f.ctx, wim, { personaId: tenant.id, nameNl: '' })).rejects.toMatchObject({ fields: { nameNl: 'listen.persona_name_required', aboutEn: 'listen.persona_about_required' } });
		await expect(savePersona(f.ctx, await f.actor('tenant'), words)).rejects.toMatchObject({ code: 'listen.forbidden' });
	});

	it('a quote from a conversation becomes evidence; “last backed” is when the newest evidence was linked', async () => {
		const wim = await f.actor('employee');
		const [tenant] = await listPersonas(f.ctx, wim);
		await recordConversation(f.ctx, wim, { heldOn: '2026-02-27', area: `buurt:${f.linde}`, format: 'door_to_door', consentQuotes: true, quotes: [{ body: 'Ik vraag niet snel om hulp.' }] });
		const [quote] = await listQuotes(f.db, wim, {});
		f.ctx.advance(HOUR);
		const linkedAt = f.ctx.clock();
		await addPersonaEvidence(f.ctx, wim, { personaId: tenant.id, kind: 'quote', quoteId: quote.id, note: 'Vraagverlegenheid' });
		let p = await getPersona(f.ctx, wim, tenant.id);
		expect(p.lastBackedAt).toEqual(linkedAt);
		expect(p.evidence[0]).toMatchObject({ kind: 'quote', note: 'Vraagverlegenheid', quote: { body: 'Ik vraag niet snel om hulp.', areaName: 'Lindebuurt', format: 'door_to_door' } });
		await expect(addPersonaEvidence(f.ctx, wim, { personaId: tenant.id, kind: 'quote', quoteId: quote.id })).rejects.toMatchObject({ code: 'listen.evidence_exists' });

		f.ctx.advance(24 * HOUR);
		const figureAt = f.ctx.clock();
		await addPersonaEvidence(f.ctx, wim, { personaId: tenant.id, kind: 'figure', label: 'Rapportcijfer', value: '7,1', source: 'Enquête 2026' });
		p = await getPersona(f.ctx, wim, tenant.id);
		expect(p.lastBackedAt).toEqual(figureAt);
		expect(p.evidence.map((e) => e.kind)).toEqual(['figure', 'quote']);
		// Unlinking the newest: last backed goes back to the one before.
		await removePersonaEvidence(f.ctx, wim, { personaId: tenant.id, evidenceId: p.evidence[0].id });
		expect((await getPersona(f.ctx, wim, tenant.id)).lastBackedAt).toEqual(linkedAt);
	});

	it('a figure needs its label, value and source; a quote of another corporation is refused', async () => {
		const wim = await f.actor('employee');
		const [tenant] = await listPersonas(f.ctx, wim);
		await expect(addPersonaEvidence(f.ctx, wim, { personaId: tenant.id, kind: 'figure', value: '7' })).rejects.toMatchObject({
			fields: { label: 'listen.figure_label_required', source: 'listen.figure_source_required' }
		});
		const olga = await f.actor('olga');
		const [{ buurt }] = await f.db.query<{ buurt: string }>("SELECT id AS buurt FROM buurten WHERE name = 'Esdoornbuurt'");
		await recordConversation(f.ctx, olga, { heldOn: '2026-02-27', area: `buurt:${buurt}`, format: 'phone', consentQuotes: true, quotes: [{ body: 'Oost.' }] });
		const [theirs] = await listQuotes(f.db, olga, {});
		await expect(addPersonaEvidence(f.ctx, wim, { personaId: tenant.id, kind: 'quote', quoteId: theirs.id })).rejects.toMatchObject({ fields: { quoteId: 'listen.quote_unknown' } });
		await expect(addPersonaEvidence(f.ctx, wim, { personaId: tenant.id })).rejects.toMatchObject({ code: 'validation.invalid' });
	});

	it('platform counts are computed live from help requests, and hidden below five', async () => {
		const wim = await f.actor('employee');
		const corporationId = listeningCorporation(wim);
		const personas = await listPersonas(f.ctx, wim);
		const citizen = personas.find((p) => p.seedKey === 'involved_citizen')!;
		await addPersonaEvidence(f.ctx, wim, { personaId: citizen.id, kind: 'platform', metric: 'help.first_time_askers' });
		const countOf = async () => {
			const e = (await getPersona(f.ctx, wim, citizen.id)).evidence.find((x) => x.kind === 'platform');
			return e?.kind === 'platform' ? e.count : null;
		};
		expect(await countOf()).toMatchObject({ metric: 'help.first_time_askers', value: null });
		// Five requests: three askers of whom two ask twice → 3 first-time of 5 = 60%.
		const askers = [await f.actor('tenant'), await f.actor('supervisor'), await f.actor('helper')];
		const ask = (who: (typeof askers)[number], n: number) =>
			askHelpRequest(f.ctx, who, { buurtId: f.linde, category: 'veiligheid', title: `Loopt iemand mee ${n}?`, description: 'Het is donker.', when: 'flexible', urgency: 'no_rush', place: 'buurt' });
		await ask(askers[0], 1);
		await ask(askers[1], 2);
		await ask(askers[2], 3);
		await ask(askers[0], 4);
		await ask(askers[1], 5);
		expect(await countOf()).toMatchObject({ value: 60, of: { part: 3, whole: 5 } });
		expect((await platformCounts(f.db, corporationId, f.ctx.clock()))['help.requests_year'].value).toBe(5);
		await expect(addPersonaEvidence(f.ctx, wim, { personaId: citizen.id, kind: 'platform', metric: 'help.first_time_askers' })).rejects.toMatchObject({ code: 'listen.evidence_exists' });
	});
});
