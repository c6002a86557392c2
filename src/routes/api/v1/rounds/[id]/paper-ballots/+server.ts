import { apiHandler } from '$lib/server/web/api';
import { jsonInput } from '$lib/server/web/input';
import { enterPaperBallot } from '$lib/server/rounds';

/** Staff: `{ postcode, houseNumber, addition?, choices }` — one paper ballot for one household. */
export const POST = apiHandler(
	async (event, actor) => {
		const input = await jsonInput(event);
		return enterPaperBallot(event.locals.ctx, actor, { postcode: input.postcode, houseNumber: input.houseNumber, addition: input.addition, choices: input.choices, roundId: event.params.id });
	},
	{ status: 201 }
);
