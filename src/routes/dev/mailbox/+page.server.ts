import { error } from '@sveltejs/kit';
import type { PageServerLoadEvent } from './$types';
import { listOutbox } from '$lib/server/mail/mailer';
import { mayOpenDevMailbox } from '$lib/server/web/dev-mailbox';
import { pageLoad } from '$lib/server/web/input';

// Development mailbox: shows mail that would have been sent. Demo mode only, and only for a
// request from this machine or a logged-in admin (it holds everyone's login links).
export const load = pageLoad(async ({ locals, url, getClientAddress }: PageServerLoadEvent) => {
	if (!mayOpenDevMailbox({ demo: locals.ctx.demo, outbox: locals.ctx.mail.kind === 'outbox', clientAddress: getClientAddress(), actor: locals.actor })) error(404, 'not_found');
	const to = url.searchParams.get('to') ?? undefined;
	const mails = await listOutbox(locals.ctx.db, to);
	return { to: to ?? '', mails: mails.map((m) => ({ id: m.id, to: m.to_address, subject: m.subject, body: m.body, at: new Date(m.created_at).toISOString() })) };
});
