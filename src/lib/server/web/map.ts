import type { RequestEvent } from '@sveltejs/kit';
import { config } from '../config';

/**
 * A page that shows a map (MapPicker.svelte) calls `mapOnPage(event)` in its load: it gets the
 * tile settings for the component, and the page — only that page — gets the tile server's origin
 * in its Content-Security-Policy `img-src` (hooks.server.ts applies `locals.cspImgSrc` with
 * `withImgSources`). Leaflet draws tiles as <img> elements and needs nothing else: no
 * connect-src, worker or eval; its code and style are same-origin assets ('self').
 */

export interface MapSettings {
	/** XYZ template, e.g. …/{z}/{x}/{y}.png (MAP_TILE_URL). */
	tiles: string;
	attribution: string;
}

type WithLocals = Pick<RequestEvent, 'locals'>;

export function mapOnPage(event: WithLocals): MapSettings {
	const { MAP_TILE_URL, MAP_TILE_ATTRIBUTION } = config();
	const origin = new URL(MAP_TILE_URL.replace(/[{}]/g, '')).origin;
	const sources = (event.locals.cspImgSrc ??= []);
	if (!sources.includes(origin)) sources.push(origin);
	return { tiles: MAP_TILE_URL, attribution: MAP_TILE_ATTRIBUTION };
}

/** The policy with `sources` added to img-src (created when missing); other directives untouched. */
export function withImgSources(policy: string, sources: string[]): string {
	const safe = sources.filter((s) => /^https?:\/\/[a-z0-9.-]+(:\d+)?$/i.test(s));
	if (!safe.length) return policy;
	const directives = policy
		.split(';')
		.map((d) => d.trim())
		.filter(Boolean);
	const i = directives.findIndex((d) => /^img-src(\s|$)/i.test(d));
	if (i === -1) directives.push(`img-src 'self' ${safe.join(' ')}`);
	else directives[i] = [directives[i], ...safe.filter((s) => !directives[i].split(/\s+/).includes(s))].join(' ');
	return directives.join('; ');
}
