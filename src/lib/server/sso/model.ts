import type { StaffRole } from '../people';

export const staffRoles: readonly StaffRole[] = ['wijkconsulent', 'huismeester', 'admin'];

/** Which provider group gives which staff role: `{ "noaber-admins": "admin", … }`. */
export type RoleMap = Record<string, StaffRole>;

/** A sign-in that went to the provider and did not come back within this is forgotten. */
export const LOGIN_MINUTES = 10;

export interface ProviderRow {
	corporation_id: string;
	issuer: string;
	client_id: string;
	client_secret: string;
	groups_claim: string;
	role_map: RoleMap;
	updated_at: Date;
}

/** What a staff page shows: never the client secret. */
export type ProviderView = Omit<ProviderRow, 'client_secret'> & { hasSecret: true };

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The provider is reached over HTTPS; plain http only on this machine (a provider beside
 * Noaber, and the tests' own). openid-client refuses http unless told, and is told only then.
 */
export const isLoopbackHttp = (url: string) => {
	try {
		const u = new URL(url);
		return u.protocol === 'http:' && loopback.has(u.hostname);
	} catch {
		return false;
	}
};

/** The roles the person's groups give, each once, in a fixed order. */
export function rolesFor(groups: unknown, map: RoleMap): StaffRole[] {
	const list = Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : typeof groups === 'string' ? [groups] : [];
	const given = new Set(list.map((g) => map[g]).filter((r): r is StaffRole => !!r && staffRoles.includes(r)));
	return staffRoles.filter((r) => given.has(r));
}

/** "group = role" per line (the staff form) to a RoleMap; the bad lines by number. */
export function parseRoleMap(text: string): { map: RoleMap; badLines: number[] } {
	const map: RoleMap = {};
	const badLines: number[] = [];
	text.split(/\r?\n/).forEach((line, i) => {
		if (!line.trim()) return;
		const m = line.match(/^\s*(.+?)\s*=\s*([a-z]+)\s*$/);
		if (!m || !staffRoles.includes(m[2] as StaffRole) || m[1].length > 200) badLines.push(i + 1);
		else map[m[1]] = m[2] as StaffRole;
	});
	return { map, badLines };
}

export const formatRoleMap = (map: RoleMap) =>
	Object.entries(map)
		.map(([g, r]) => `${g} = ${r}`)
		.join('\n');
