import { z } from 'zod';
import path from 'node:path';

/**
 * The environment, parsed once. A bad value stops the process at start-up with a list of
 * every problem, instead of failing later in a request.
 */
const schema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	ORIGIN: z.string().url().optional(),
	DATA_DIR: z.string().default('./data'),
	DATABASE_URL: z.string().url().optional(),
	/** Connections per process to DATABASE_URL (and to DATABASE_READ_URL). */
	DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
	/**
	 * A read replica of DATABASE_URL (streaming replication): lists and the dashboard read from it
	 * (ctx.readDb), everything else — and every write — from DATABASE_URL. Unset: all from DATABASE_URL.
	 */
	DATABASE_READ_URL: z.string().url().optional(),
	SMTP_URL: z.string().url().optional(),
	MAIL_FROM: z.string().default('Noaber <noreply@noaber.localhost>'),
	PUBLIC_URL: z.string().url().optional(),
	DEMO: z.enum(['true', 'false']).optional(),
	WORKER: z.enum(['true', 'false']).default('true'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
	/** PDOK Locatieserver (address search), places/locatieserver.ts. */
	LOCATIESERVER_URL: z.url({ protocol: /^https?$/ }).default('https://api.pdok.nl/bzk/locatieserver/search/v3_1'),
	LOCATIESERVER_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
	/** Map tiles (XYZ template), loaded by the browser only when a person opens a map. */
	MAP_TILE_URL: z
		.url({ protocol: /^https?$/ })
		.refine((v) => ['{z}', '{x}', '{y}'].every((p) => v.includes(p)), 'must contain {z}, {x} and {y}')
		.default('https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png'),
	MAP_TILE_ATTRIBUTION: z.string().max(300).default('Kaartgegevens © Kadaster'),
	/** Bearer token Prometheus sends to GET /metrics; without it /metrics answers only outside production. */
	METRICS_TOKEN: z.string().min(16).optional()
});

export type Config = z.infer<typeof schema> & {
	production: boolean;
	demo: boolean;
	dataDir: string;
	publicUrl: string;
};

export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
	// An empty variable means "not set", as in most shells and service managers.
	const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
	const parsed = schema.safeParse(present);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new Error(`Noaber cannot start; fix these settings:\n${lines.join('\n')}`);
	}
	const c = parsed.data;
	const production = c.NODE_ENV === 'production';
	return {
		...c,
		production,
		// Demo data and demo passwords exist only outside production mode.
		demo: production ? false : c.DEMO !== 'false',
		dataDir: path.resolve(c.DATA_DIR),
		publicUrl: c.PUBLIC_URL ?? c.ORIGIN ?? `http://localhost:${c.PORT}`
	};
}

let cached: Config | undefined;
export function config(): Config {
	cached ??= parseConfig();
	return cached;
}
