import { isStaffOf, type Actor } from '../people';

/** Staff of the buurt's corporation and the buurt's supervisors (this term) print its poster. */
export const mayPrintPoster = (actor: Actor, buurt: { id: string; corporation_id: string }) =>
	isStaffOf(actor, buurt.corporation_id) || actor.supervisorBuurtIds.includes(buurt.id);
