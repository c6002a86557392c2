import type { Ctx } from '../shared/context';
import type { DemoKey } from '../people';
import { seedSurveysDemo } from './survey-demo';

/** The voice module's demo data, run by the demo registry (../demo.ts); each part is idempotent. */
export async function seedVoiceDemo(ctx: Ctx, input: { ids: Record<DemoKey, string>; households: string[] }): Promise<void> {
	await seedSurveysDemo(ctx, input.ids, input.households);
}
