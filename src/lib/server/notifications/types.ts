import type { Actor } from '../people';
import type { NotificationType } from './notify';

/** Every notification type, in the order the settings page shows them. */
export const notificationTypes: readonly NotificationType[] = [
	'help.taken',
	'help.done',
	'help.confirmed',
	'help.returned',
	'help.redirected',
	'help.waiting',
	'help.published',
	'help.to_check',
	'help.pending_reward'
];

export const deliveryModes = ['instant', 'digest', 'off'] as const;
export type DeliveryMode = (typeof deliveryModes)[number];

/**
 * What a person gets before they choose. Things about your own request or your own task are
 * mailed at once; the announcement of every new request in the buurt is opt-in.
 */
export const modeDefaults: Record<NotificationType, DeliveryMode> = {
	'help.to_check': 'instant',
	'help.published': 'off',
	'help.taken': 'instant',
	'help.done': 'instant',
	'help.confirmed': 'instant',
	'help.returned': 'instant',
	'help.redirected': 'instant',
	'help.waiting': 'instant',
	'help.pending_reward': 'instant'
};

/** Broadcast types go to a whole buurt; for them 'off' means no inbox item either (see notify). */
export const isBroadcast = (type: NotificationType) => type === 'help.published';

export const isNotificationType = (v: unknown): v is NotificationType => notificationTypes.includes(v as NotificationType);

/**
 * The types a person can receive given their roles, so the settings page does not ask a tenant
 * about staff matters. Anyone can ask for or give help (care workers ask for clients), so the
 * request's own events apply to all; new requests to check go to supervisors, ambassadors and
 * staff; pending rewards to staff; new requests in the buurt to members.
 */
export function relevantTypes(actor: Actor): NotificationType[] {
	const staff = actor.staff.length > 0;
	return notificationTypes.filter((type) => {
		switch (type) {
			case 'help.to_check':
				return staff || actor.supervisorBuurtIds.length > 0 || actor.ambassadorBuurtIds.length > 0;
			case 'help.pending_reward':
				return staff;
			case 'help.published':
				return actor.memberBuurtIds.length > 0 || actor.supervisorBuurtIds.length > 0;
			default:
				return true;
		}
	});
}
