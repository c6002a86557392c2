/** The surveys' part of the OpenAPI document (/voice/surveys/**): reads with k ≥ 5 applied. */
import { ref, json, uuid, dateTime, nullableDateTime, common4xxWith } from '../shared/openapi';
import { questionKinds, themes } from './survey-model';

const common4xx = common4xxWith({ '403': 'voice.forbidden', '404': 'voice.survey_not_found, voice.results_not_found (not closed yet, or a draft)' });
const ok = (schema: unknown, description = 'Done') => ({ '200': json(schema, description), ...common4xx });
const figure = (description: string) => ({ type: ['integer', 'null'], description: `${description}; null = fewer than 5 people ("<5")` });
const phase = { type: 'string', enum: ['draft', 'upcoming', 'open', 'closed'] };

export const schemas: Record<string, unknown> = {
	VoiceSurveySummary: {
		type: 'object',
		required: ['id', 'title', 'areaName', 'phase', 'opensAt', 'closesAt'],
		properties: { id: uuid, title: { type: 'string' }, areaName: { type: 'string' }, phase, opensAt: dateTime, closesAt: dateTime, answered: { type: 'boolean', description: 'Whether your household answered' } }
	},
	VoiceQuestionResult: {
		type: 'object',
		required: ['id', 'position', 'kind', 'text', 'respondents', 'answers'],
		properties: {
			id: uuid,
			position: { type: 'integer' },
			kind: { type: 'string', enum: [...questionKinds] },
			text: { type: 'string', description: "In the reader's language" },
			theme: { type: ['string', 'null'], enum: [...themes, null] },
			source: { type: ['string', 'null'], description: 'Where a template statement comes from (CBS Veiligheidsmonitor, Leefbaarometer, the seed)' },
			templateKey: { type: ['string', 'null'] },
			respondents: figure('How many answered this question'),
			mean: { type: ['number', 'null'], description: 'Grade questions: the mean, one decimal; null = fewer than 5' },
			agreePercent: figure('Agree questions: the share (%) that agrees or totally agrees'),
			answers: {
				type: 'array',
				description: 'Grades 1–10, agree points 1–5 (1 = totally disagree) or the options',
				items: { type: 'object', required: ['key', 'count', 'percent'], properties: { key: { type: 'string' }, label: { type: 'string' }, count: figure('People who chose it'), percent: figure('Share of those who answered the question') } }
			},
			openAnswers: { type: ['array', 'null'], items: { type: 'string' }, description: 'Open questions: the reviewed, published answers (names and addresses taken out); null until published or when fewer than 5 answered' }
		}
	},
	VoiceSurveyResults: {
		type: 'object',
		required: ['survey', 'minimumGroup', 'respondents', 'questions', 'trend'],
		properties: {
			survey: { type: 'object', properties: { id: uuid, title: { type: 'string' }, areaName: { type: 'string' }, phase, template: { type: ['string', 'null'] }, closesAt: dateTime, closedAt: nullableDateTime } },
			minimumGroup: { type: 'integer', const: 5, description: 'Figures from fewer people are null' },
			respondents: figure('Households that answered'),
			questions: { type: 'array', items: ref('VoiceQuestionResult') },
			trend: {
				type: 'array',
				description: 'Rounds of the same template in the same area (closed), oldest first',
				items: { type: 'object', properties: { templateKey: { type: 'string' }, kind: { type: 'string', enum: ['grade', 'agree'] }, text: { type: 'string' }, points: { type: 'array', items: { type: 'object', properties: { surveyId: uuid, title: { type: 'string' }, closedAt: dateTime, value: { type: ['number', 'null'] } } } } } }
			}
		}
	}
};

export const paths: Record<string, unknown> = {
	'/voice/surveys': {
		get: {
			operationId: 'listVoiceSurveys',
			summary: 'Surveys: for staff every survey of their corporation, for members the published surveys of their home’s area',
			responses: ok({ type: 'object', properties: { surveys: { type: 'array', items: ref('VoiceSurveySummary') } } })
		}
	},
	'/voice/surveys/{id}/results': {
		get: {
			operationId: 'getVoiceSurveyResults',
			summary: 'A survey’s results with k ≥ 5 applied: staff of the corporation once published, the area’s members and tenants’ association after the close',
			parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
			responses: ok(ref('VoiceSurveyResults'))
		}
	}
};
