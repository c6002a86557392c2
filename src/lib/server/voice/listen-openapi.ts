/** The listening part's share of the OpenAPI document (/voice/advice/**), for the association's and the corporation's systems. */
import { ref, json, idParam, dateTime, nullableDateTime, nullableString, uuid, common4xxWith } from '../shared/openapi';
import { answerPositions, areaKinds, legalBases, replyOutcomes } from './listen-model';

const common4xx = common4xxWith({ '403': 'listen.forbidden' });
const ok = (schema: unknown, description = 'Done') => ({ '200': json(schema, description), ...common4xx });
const date = { type: 'string', format: 'date' };
const status = { type: 'string', enum: ['waiting_answer', 'waiting_reply', 'replied', 'closed'] };

export const schemas: Record<string, unknown> = {
	AdviceRequestSummary: {
		type: 'object',
		required: ['id', 'subject', 'legalBasis', 'area', 'association', 'sentAt', 'deadlineOn', 'status', 'answerOverdue', 'replyOverdue'],
		properties: {
			id: uuid,
			subject: { type: 'string' },
			legalBasis: { type: 'string', enum: [...legalBases] },
			area: { type: 'object', properties: { kind: { type: 'string', enum: [...areaKinds] }, name: { type: 'string' } } },
			association: { type: 'object', properties: { id: uuid, name: { type: 'string' } } },
			sentAt: dateTime,
			deadlineOn: date,
			replyDueOn: { type: ['string', 'null'], format: 'date' },
			status,
			answerOverdue: { type: 'boolean' },
			replyOverdue: { type: 'boolean' }
		}
	},
	AdviceRequest: {
		allOf: [
			ref('AdviceRequestSummary'),
			{
				type: 'object',
				properties: {
					intendedDecision: { type: 'string' },
					sentBy: { type: 'string' },
					documents: { type: 'array', items: { type: 'object', properties: { id: uuid, fileName: { type: 'string' }, size: { type: 'integer' }, url: { type: 'string' } } } },
					answer: { type: ['object', 'null'], properties: { position: { type: 'string', enum: [...answerPositions] }, advice: { type: 'string' }, reasons: { type: 'string' }, at: dateTime, by: { type: 'string' } } },
					publishReply: { type: 'boolean' },
					reply: { type: ['object', 'null'], properties: { outcome: { type: 'string', enum: [...replyOutcomes] }, reasons: { type: 'string' }, at: dateTime, by: nullableString } },
					closedAt: nullableDateTime,
					can: { type: 'object', properties: { answer: { type: 'boolean' }, reply: { type: 'boolean' }, close: { type: 'boolean' }, setPublication: { type: 'boolean' } } }
				}
			}
		]
	}
};

export const paths: Record<string, unknown> = {
	'/voice/advice': {
		get: {
			operationId: 'listAdviceRequests',
			summary: 'Advice requests: staff of the corporation see its requests, board members of a tenants’ association those sent to it; newest first',
			responses: ok({ type: 'object', properties: { requests: { type: 'array', items: ref('AdviceRequestSummary') } } })
		}
	},
	'/voice/advice/{id}': {
		get: { operationId: 'getAdviceRequest', summary: 'One advice request with its documents, the association’s answer and the corporation’s reasoned reply', parameters: [idParam], responses: ok(ref('AdviceRequest')) }
	}
};
