import type { Ctx } from './shared/context';
import { seedDemo } from './people';
import { seedPotDemo } from './pot';
import { seedHelpDemo } from './help';

export { isSeeded, demoPassword, demoAccounts } from './people';

/**
 * The demo registry: places and people, then each module's demo activity (funded buurtpotten,
 * a completed and an open help request), so a first visit shows a living neighbourhood. It sits
 * above every module, beside runtime.ts, so no module imports it back.
 */
export async function seedDemoNeighbourhood(ctx: Ctx): Promise<void> {
	const ids = await seedDemo(ctx);
	await seedPotDemo(ctx, ids);
	await seedHelpDemo(ctx, ids);
}
