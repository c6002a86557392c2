import type { Ctx } from '../shared/context';
import { seedDemo } from './seed';
import { seedHelpDemo } from '../help/demo';

export { isSeeded, demoPassword, demoAccounts } from './seed';

/**
 * The whole demo: places and people, then each module's demo activity (a funded buurtpot, a
 * completed and an open help request), so a first visit shows a living neighbourhood.
 */
export async function seedDemoNeighbourhood(ctx: Ctx): Promise<void> {
	const ids = await seedDemo(ctx);
	await seedHelpDemo(ctx, ids);
}
