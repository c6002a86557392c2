import type { Ctx } from '../shared/context';
import { translator } from '$lib/i18n';
import { DomainError } from '../shared/errors';
import { createExternalReport } from '../reports';
import { bad, Open311Error } from './model';
import { attributesOf, one, type Params } from './params';
import { presentCreated, type Document } from './presenters';
import type { KeyHolder } from './keys';

/**
 * POST requests: the key's organisation reports something, as a melding in the reports module
 * (one transaction; nothing is written when anything is wrong). Least data: email, device_id,
 * account_id, first_name, last_name and phone are accepted and not stored — the person who
 * called the municipality stays the municipality's to answer. media_url is not fetched or
 * stored (photos only come in through our own pipeline, which strips their location).
 * Extensions: buurt_code (a CBS buurt code, when the organisation serves several buurten),
 * the Idempotency-Key header (a resend with the same key makes one report).
 */
export async function postServiceRequest(ctx: Ctx, holder: KeyHolder, params: Params, idempotencyKey: string | undefined, locale: 'nl' | 'en'): Promise<Document> {
	const serviceCode = one(params, 'service_code');
	if (!serviceCode) throw bad('open311.errors.service_code_missing');
	const lat = one(params, 'lat');
	const long = one(params, 'long');
	const addressLabel = one(params, 'address_string');
	const addressId = one(params, 'address_id');
	if (!(lat && long) && !addressLabel && !addressId) throw bad('open311.errors.location_missing');
	if (idempotencyKey !== undefined && !/^[A-Za-z0-9._:-]{8,100}$/.test(idempotencyKey)) throw bad('open311.errors.idempotency_key_invalid');
	const made = await createExternalReport(ctx, holder.actor, {
		organisationId: holder.organisationId,
		serviceCode,
		location: { lat, lon: long, addressLabel, addressId, buurtCode: one(params, 'buurt_code') },
		description: one(params, 'description'),
		answers: attributesOf(params),
		idempotencyKey
	}).catch((e: unknown) => {
		if (e instanceof DomainError && e.code === 'reports.unknown_category') throw new Open311Error(404, 'open311.errors.service_not_found', { code: serviceCode });
		throw e;
	});
	return presentCreated(made.id, translator(locale)('open311.notice.created', { day: made.dueOn }));
}
