import { error } from '@sveltejs/kit';
import type { PageServerLoadEvent } from './$types';
import { listOutbox } from '$lib/server/mail/mailer';
import { pageLoad } from '$lib/server/web/input';

// Development mailbox: shows mail that would have been sent. Never in production mode.
export const load = pageLoad(async ({ locals, url }: PageServerLoadEvent) => {
	if (!locals.ctx.demo || locals.ctx.mail.kind !== 'outbox') error(404, 'not_found');
	const to = url.searchParams.get('to') ?? undefined;
	const mails = await listOutbox(locals.ctx.db, to);
	return { to: to ?? '', mails: mails.map((m) => ({ id: m.id, to: m.to_address, subject: m.subject, body: m.body, at: new Date(m.created_at).toISOString() })) };
});
