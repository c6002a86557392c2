/** The buurt settings part of the OpenAPI document (/buurten/{id}/settings); merged by openapi.ts. */
import { ref, errorResponse, idParam } from '../shared/openapi';
import { MAX_REWARD_CENTS, rewardedCategories } from '../help';

const int = (minimum: number, maximum: number, description: string) => ({ type: 'integer', minimum, maximum, description });
const rewardCents = int(0, MAX_REWARD_CENTS, 'Euro cents; 0 switches this role’s reward off');

const buurtpotProperties = {
	supportHouseholds: int(1, 500, 'Households (homes) that must support a proposal before it goes to the feasibility check'),
	supportDays: int(1, 365, 'Days a proposal has to gather that support'),
	associationChecks: { type: 'boolean', description: 'Whether the tenants’ association may answer feasibility checks too (besides staff)' }
};
const rewardProperties = { askerCents: rewardCents, supervisorCents: rewardCents, helperCents: rewardCents };
const helpProperties = {
	termMonths: int(1, 24, 'Length of a supervisor term, for terms started from now on'),
	maxSupervisors: int(1, 20, 'Supervisors the buurt may have at the same time'),
	autoConfirmDays: int(1, 60, 'Days after “done” until a request the asker did not confirm or dispute is confirmed automatically'),
	waitingDays: int(1, 60, 'Days until a published request nobody took counts as waiting')
};
const perCategory = (schema: unknown) => ({ type: 'object', additionalProperties: false, properties: Object.fromEntries(rewardedCategories.map((c) => [c, schema])) });
const patchOf = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, minProperties: 1, properties });

const readers = [
	'Who sees what (scope first, then role):',
	'- staff of the buurt’s corporation: everything, and `canEdit: true`;',
	'- the buurt’s approved supervisors: `rewardScheme` and `help` (read only); `buurtpot` is null;',
	'- other members of the buurt: 403 (settings.forbidden) — they read what concerns them on the pot page and the “become supervisor” page;',
	'- anyone else, partners included: 404, exactly as for a buurt that does not exist.'
].join('\n');

export const schemas: Record<string, unknown> = {
	BuurtSettings: {
		type: 'object',
		required: ['buurtId', 'canEdit', 'buurtpot', 'rewardScheme', 'help'],
		description: readers,
		properties: {
			buurtId: { type: 'string', format: 'uuid' },
			canEdit: { type: 'boolean', description: 'Whether the actor may PATCH these settings (staff of the corporation)' },
			buurtpot: {
				type: ['object', 'null'],
				description: 'Support rules for new proposals. Staff only; null for others.',
				required: Object.keys(buurtpotProperties),
				properties: buurtpotProperties
			},
			rewardScheme: {
				...perCategory({ type: 'object', required: Object.keys(rewardProperties), properties: rewardProperties }),
				required: [...rewardedCategories],
				description: 'What a confirmed request of each category earns for the buurtpot, per role (the same as GET /buurten/{id}/pot/reward-scheme); `overige` earns nothing'
			},
			help: {
				type: 'object',
				description: 'Superbuurt settings (staff and the buurt’s supervisors).',
				required: Object.keys(helpProperties),
				properties: helpProperties
			}
		}
	},
	BuurtSettingsPatch: {
		type: 'object',
		additionalProperties: false,
		description: 'Any of the three parts, each with any of its fields; what is left out keeps its value.',
		properties: {
			buurtpot: patchOf(buurtpotProperties),
			rewardScheme: { ...perCategory(patchOf(rewardProperties)), minProperties: 1 },
			help: patchOf(helpProperties)
		},
		examples: [{ buurtpot: { supportHouseholds: 8 }, rewardScheme: { zorg: { helperCents: 750 } }, help: { termMonths: 6 } }]
	}
};

export const paths: Record<string, unknown> = {
	'/buurten/{id}/settings': {
		get: {
			operationId: 'getBuurtSettings',
			summary: 'The buurt’s settings: buurtpot support rules, rewards per category, Superbuurt settings',
			description: readers,
			parameters: [idParam],
			responses: {
				'200': { description: 'The settings, as far as the actor may see them', content: { 'application/json': { schema: ref('BuurtSettings') } } },
				'401': errorResponse('Not logged in'),
				'403': errorResponse('A member of the buurt who is not its supervisor (settings.forbidden)'),
				'404': errorResponse('Unknown, or a buurt the actor may not see (settings.not_found)')
			}
		},
		patch: {
			operationId: 'updateBuurtSettings',
			summary: 'Staff: change any of the buurt’s settings, all or nothing',
			description: [
				'Staff of the buurt’s corporation only. Send any of the parts with any of their fields; the rest keep their value.',
				'All or nothing: when one value is wrong nothing changes, and the 400 names every wrong field by its place in the body, e.g. `error.fields["help.termMonths"]`, `error.fields["rewardScheme.zorg.helperCents"]`. Fields that do not exist are refused (settings.unknown_field), so a typo is never silently ignored.',
				'Support rules apply to proposals made from then on, rewards to requests confirmed from then on, the term length to terms started from then on. Each changed part is audited. PATCH sets values, so repeating it is harmless (an Idempotency-Key is accepted and not needed).',
				'Answers with the whole settings document.'
			].join('\n\n'),
			parameters: [idParam],
			requestBody: { required: true, content: { 'application/json': { schema: ref('BuurtSettingsPatch') } } },
			responses: {
				'200': { description: 'Changed; the whole settings document', content: { 'application/json': { schema: ref('BuurtSettings') } } },
				'400': errorResponse('Invalid input (validation.invalid, every wrong field in error.fields), or a body that is not a JSON object (api.invalid_json)'),
				'401': errorResponse('Not logged in'),
				'403': errorResponse('A member or supervisor of the buurt: may not change them (settings.forbidden)'),
				'404': errorResponse('Unknown, or a buurt the actor may not see (settings.not_found)')
			}
		}
	}
};
