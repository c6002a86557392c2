import type { Body, Ids, Row, Spec } from './matrix-table';

/**
 * The corporation's systems (docs/ARCHITECTURE.md, "Webhooks" and "Staff single sign-on"):
 * admins of a corporation manage its webhooks and its sign-in; other staff and everyone else
 * get 403, another corporation's admin a 404 for De Linde's endpoint. The SSO sign-in pages are
 * public (no corporation of the demo has a provider, so a start is 404 and a callback without
 * a sign-in goes back to the SSO page with the reason). /metrics answers outside production.
 */
const form = (f: Record<string, string>): Body => ({ form: f });
const emptyForm = () => form({});
const none = '00000000-0000-4000-8000-000000000000';

const adminOnly: Spec = { all: 'forbidden', anon: 'login', admin: 'ok', olga: 'ok' };
const deLindeAdmin: Spec = { all: 'forbidden', anon: 'login', admin: 'ok', olga: 'hidden' };
const endpoint = (i: Ids) => `/staff/webhooks/${i.webhook}`;

export const integrationRows: Row[] = [
	{ key: 'PAGE /staff/webhooks', target: 'own corporation', path: () => '/staff/webhooks', expect: adminOnly },
	{ key: 'ACTION /staff/webhooks?/register', target: 'own corporation', path: () => '/staff/webhooks?/register', expect: adminOnly, probe: emptyForm, valid: () => form({ url: 'https://erp.example/hook', eventTypes: 'melding.created' }) },
	{ key: 'PAGE /staff/webhooks/[id]', target: 'De Linde’s demo endpoint', needs: ['webhook'], path: endpoint, expect: deLindeAdmin },
	{ key: 'PAGE /staff/webhooks/[id]', target: 'no such endpoint', path: () => `/staff/webhooks/${none}`, expect: { all: 'forbidden', anon: 'login', admin: 'hidden', olga: 'hidden' } },
	// Stopping the demo endpoint again changes nothing (it is stopped), but it is a real act: refused cells only.
	{ key: 'ACTION /staff/webhooks/[id]?/disable', target: 'De Linde’s demo endpoint', needs: ['webhook'], path: (i) => `${endpoint(i)}?/disable`, expect: deLindeAdmin, probe: null, valid: emptyForm },
	{ key: 'ACTION /staff/webhooks/[id]?/retry', target: 'De Linde’s demo endpoint', needs: ['webhook'], path: (i) => `${endpoint(i)}?/retry`, expect: deLindeAdmin, probe: null, valid: () => form({ deliveryId: none }) },
	{ key: 'PAGE /staff/sso', target: 'own corporation', path: () => '/staff/sso', expect: adminOnly },
	{ key: 'ACTION /staff/sso?/save', target: 'own corporation', path: () => '/staff/sso?/save', expect: adminOnly, probe: emptyForm, valid: () => form({ issuer: 'https://idp.example', clientId: 'x', clientSecret: 'y', roleMap: 'g = admin' }) },
	{ key: 'PAGE /login/sso', target: 'public', path: () => '/login/sso', expect: { all: 'ok' } },
	{ key: 'GET /login/sso/[corporationId]', target: 'a corporation without a provider', path: () => `/login/sso/${none}`, expect: { all: 'hidden' } },
	{ key: 'GET /login/sso/callback', target: 'no sign-in under way', path: () => '/login/sso/callback?state=x&code=y', expect: { all: 'ok' } },
	{ key: 'GET /metrics', target: 'process figures', path: () => '/metrics', expect: { all: 'ok' }, noLeakCheck: true }
];
