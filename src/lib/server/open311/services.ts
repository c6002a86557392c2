import type { Ctx } from '../shared/context';
import { translator } from '$lib/i18n';
import { listExternalCategories } from '../reports';
import { Open311Error } from './model';
import { presentDefinition, presentServices, type Document } from './presenters';

/**
 * GET services and GET services/{service_code}: the categories open to outside systems
 * (public, or marked open311; active), with their active questions as attributes. Names in
 * English, or Dutch with `locale=nl` (an extension).
 */
export async function listServices(ctx: Ctx, corporationId: string, locale: 'nl' | 'en'): Promise<Document> {
	return presentServices(await listExternalCategories(ctx.db, corporationId, ctx.clock()), locale);
}

/** Errors: 404 service_code not found (unknown, switched off, or private). */
export async function getServiceDefinition(ctx: Ctx, corporationId: string, serviceCode: string, locale: 'nl' | 'en'): Promise<Document> {
	const category = (await listExternalCategories(ctx.db, corporationId, ctx.clock())).find((c) => c.service_code === serviceCode);
	if (!category) throw new Open311Error(404, 'open311.errors.service_not_found', { code: serviceCode });
	return presentDefinition(category, locale, translator(locale));
}
