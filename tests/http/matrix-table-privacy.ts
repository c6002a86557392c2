import type { Body, Row, Spec } from './matrix-table';

/**
 * AVG self-service (docs/ARCHITECTURE.md, "Privacy"): everyone logged in has their own privacy
 * page, export and consents; only a member deletes their own account (staff and partner accounts
 * are managed: 403); the register of processing is for admins of a corporation (their own).
 * Nothing here may really delete: members' delete cells get an empty form (the confirm step
 * answers 400), and only the refused cells (staff, partners) get a ticked confirm.
 */
const form = (f: Record<string, string>): Body => ({ form: f });
const emptyForm = () => form({});
const none = '00000000-0000-4000-8000-000000000000';

const loggedIn: Spec = { all: 'ok', anon: 'login' };
const adminOnly: Spec = { all: 'forbidden', anon: 'login', admin: 'ok', olga: 'ok' };
/** Members delete themselves; staff and partner accounts are managed by their organisation. */
const membersOnly: Spec = { all: 'ok', anon: 'login', staff: 'forbidden', partners: 'forbidden', olga: 'forbidden' };

export const privacyRows: Row[] = [
	{ key: 'PAGE /settings/privacy', target: 'own privacy page', path: () => '/settings/privacy', expect: loggedIn },
	// Someone else's consent (here: one nobody has) is not found for everyone.
	{ key: 'ACTION /settings/privacy?/withdraw', target: 'a consent that is not theirs', path: () => '/settings/privacy?/withdraw', expect: { all: 'hidden', anon: 'login' }, probe: null, valid: () => form({ consentId: none }) },
	// The download reads only; everyone logged in gets their own ZIP.
	{ key: 'POST /settings/privacy/export', target: 'own export', path: () => '/settings/privacy/export', expect: loggedIn, probe: emptyForm, valid: emptyForm },
	{ key: 'PAGE /settings/privacy/delete', target: 'own account', path: () => '/settings/privacy/delete', expect: loggedIn },
	{ key: 'ACTION /settings/privacy/delete?/delete', target: 'own account', path: () => '/settings/privacy/delete?/delete', expect: membersOnly, probe: emptyForm, valid: () => form({ confirm: 'yes' }) },
	{ key: 'PAGE /account-deleted', target: 'public', path: () => '/account-deleted', expect: { all: 'ok' } },
	{ key: 'PAGE /staff/privacy', target: 'own corporation’s register', path: () => '/staff/privacy', expect: adminOnly },
	{ key: 'ACTION /staff/privacy?/save', target: 'own corporation’s settings', path: () => '/staff/privacy?/save', expect: adminOnly, probe: emptyForm, valid: () => form({ moveOutGraceDays: '30' }) }
];
