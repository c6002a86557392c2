import type { Ctx } from '../shared/context';
import { newWebhookSecret } from './signature';

/**
 * The demo's one webhook endpoint: stopped, so the demo never sends anything anywhere, but an
 * admin sees what a connection looks like. Only the demo seed makes it; a second run adds none.
 */
export async function seedWebhooksDemo(ctx: Ctx, corporationId: string, adminId: string): Promise<void> {
	const at = ctx.clock();
	await ctx.db.query(
		`INSERT INTO webhook_endpoints (corporation_id, url, description, event_types, secret, created_by, created_at, disabled_at, disabled_by)
		 SELECT $1, 'https://erp.voorbeeld.invalid/noaber', 'Voorbeeld: ERP (gestopt)', ARRAY['melding.created', 'melding.changed'], $2, $3, $4, $4, $3
		 WHERE NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE corporation_id = $1)`,
		[corporationId, newWebhookSecret(), adminId, at]
	);
}
