import type { Ctx } from '../shared/context';
import type { DemoKey } from '../people';
import { loadActor } from '../people';
import { askHelpRequest } from './ask-help-request';
import { publishHelpRequest } from './check-help-request';
import { confirmHelpRequest } from './asker-actions';
import { markHelpRequestDone, takeHelpRequest } from './helper-actions';
import { postHelpMessage } from './thread';

/**
 * Superbuurt demo data, run by the demo registry (../demo.ts) after the buurten are funded:
 * one open request in the Lindebuurt and one completed request whose rewards are already in
 * the buurtpot, so every
 * page has something to show. Goes through the use cases (own transactions), so it is a normal
 * history, not hand-made rows. Not idempotent: call it once, when seedDemo ran.
 */
export async function seedHelpDemo(ctx: Ctx, ids: Record<DemoKey, string>): Promise<void> {
	const now = ctx.clock();
	const actor = async (key: DemoKey) => (await loadActor(ctx.db, ids[key], now))!;
	const [anna, bram, noor] = [await actor('tenant'), await actor('supervisor'), await actor('helper')];
	const lindebuurt = anna.memberBuurtIds[0];
	const ask = (who: typeof anna, input: Record<string, unknown>) =>
		askHelpRequest(ctx, who, { buurtId: lindebuurt, when: 'flexible', urgency: 'this_week', place: 'buurt', ...input });

	// A completed request: Noor asked, Bram checked, Anna helped; the rewards are in the pot.
	const lamp = await ask(noor, {
		category: 'onderhoud_gedeeld',
		title: 'Lamp in het trappenhuis vervangen',
		description: 'De lamp bij de tweede verdieping is kapot. Ik heb een nieuwe lamp, maar ik kan niet goed op een trap staan.',
		place: 'shared',
		placeNote: 'trappenhuis, tweede verdieping'
	});
	await publishHelpRequest(ctx, bram, { requestId: lamp.id, reason: 'Een mooie klus voor de buren. Dank u!' });
	await takeHelpRequest(ctx, anna, { requestId: lamp.id });
	await postHelpMessage(ctx, anna, { requestId: lamp.id, body: 'Ik kom morgen om 10 uur met een trapje.' });
	await markHelpRequestDone(ctx, anna, { requestId: lamp.id });
	await confirmHelpRequest(ctx, noor, { requestId: lamp.id });

	// An open request, waiting for a helper.
	const walk = await ask(anna, {
		category: 'veiligheid',
		title: 'Wie loopt op dinsdagavond mee naar de bushalte?',
		description: 'Ik kom dinsdag om 21 uur terug van mijn werk. Het pad langs het park is donker. Wie loopt mee van de bushalte naar huis?'
	});
	await publishHelpRequest(ctx, bram, { requestId: walk.id, reason: 'Duidelijke vraag. Succes!' });
}
