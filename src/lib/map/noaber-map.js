// @ts-check
/**
 * Noaber's map, loaded by loader.js only when a person presses "Toon de kaart". Reads everything
 * from the data attributes MapPicker.svelte rendered on the server:
 * - data-leaflet: the URL of Leaflet (a hashed asset of the build); data-tiles, data-attribution;
 * - data-center: {lat, lon, zoom}; data-points: [{lat, lon, label}] to show;
 * - data-lat / data-lon: the ids of the form's inputs a pin writes to (pick mode only);
 * - data-texts: the words it shows, in the page's language.
 * The pin is set by a click or tap, by dragging it, or with the keyboard: on the map, Enter puts it
 * in the middle; on the pin, the arrow keys move it (Shift: further). Every change is written to
 * the inputs (which stay editable: typing there moves the pin) and read out by a live region.
 */

/** @typedef {typeof import('leaflet')} Leaflet */
/** @typedef {{ lat: number, lon: number }} Point */

const DECIMALS = 6;

/** @param {string | undefined} json */
const parse = (json, fallback = {}) => {
	try {
		return json ? JSON.parse(json) : fallback;
	} catch {
		return fallback;
	}
};

/** @param {string} s */
const number = (s) => {
	const n = Number(s.trim().replace(',', '.'));
	return s.trim() !== '' && Number.isFinite(n) ? n : null;
};

/** @param {HTMLElement} root */
export async function mountMap(root) {
	await import(/* @vite-ignore */ root.dataset.leaflet ?? '');
	/** @type {Leaflet} */
	const L = /** @type {any} */ (globalThis).L;
	const texts = parse(root.dataset.texts);
	const center = parse(root.dataset.center, { lat: 52.1, lon: 5.3, zoom: 7 });
	/** @type {(Point & { label: string })[]} */
	const points = parse(root.dataset.points, []);
	const canvas = /** @type {HTMLElement} */ (root.querySelector('[data-map-canvas]'));
	const status = root.querySelector('[data-map-status]');
	const say = (/** @type {string} */ text) => {
		if (status) status.textContent = text;
	};
	canvas.hidden = false;

	const map = L.map(canvas, { keyboard: true, zoomControl: false, attributionControl: false }).setView([center.lat, center.lon], center.zoom);
	L.control.zoom({ zoomInTitle: texts.zoomIn, zoomOutTitle: texts.zoomOut }).addTo(map);
	L.control.attribution({ prefix: false }).addAttribution(root.dataset.attribution ?? '').addTo(map);
	L.tileLayer(root.dataset.tiles ?? '', { maxZoom: 19, minZoom: 6 }).addTo(map);
	// Leaflet makes the map focusable; give it a name and say which keys work.
	canvas.setAttribute('role', 'region');
	canvas.setAttribute('aria-label', texts.map ?? '');
	const keysHelp = root.querySelector('[data-map-keys]');
	if (keysHelp instanceof HTMLElement) {
		keysHelp.hidden = false;
		canvas.setAttribute('aria-describedby', keysHelp.id);
	}

	for (const p of points) {
		L.circleMarker([p.lat, p.lon], { radius: 8, weight: 2, className: 'map-point' }).bindTooltip(p.label).addTo(map);
	}
	if (points.length > 1 && !root.dataset.lat) map.fitBounds(L.latLngBounds(points.map((p) => L.latLng(p.lat, p.lon))), { padding: [24, 24], maxZoom: 17 });

	const latInput = root.dataset.lat ? /** @type {HTMLInputElement | null} */ (document.getElementById(root.dataset.lat)) : null;
	const lonInput = root.dataset.lon ? /** @type {HTMLInputElement | null} */ (document.getElementById(root.dataset.lon)) : null;
	if (latInput && lonInput) pickMode(L, map, { latInput, lonInput, texts, say });
	say(texts.opened ?? '');
	canvas.focus();
	return map;
}

/**
 * @param {Leaflet} L
 * @param {import('leaflet').Map} map
 * @param {{ latInput: HTMLInputElement, lonInput: HTMLInputElement, texts: Record<string, string>, say: (t: string) => void }} o
 */
function pickMode(L, map, { latInput, lonInput, texts, say }) {
	/** @type {import('leaflet').Marker | null} */
	let pin = null;
	// The drop shape is turned inside the icon: Leaflet places the icon itself with a transform,
	// which a rotation on the same element would turn as well.
	const icon = L.divIcon({ className: 'map-pin', html: '<span class="map-pin-drop"></span>', iconSize: [28, 34], iconAnchor: [14, 34] });

	/** @param {import('leaflet').LatLng} at @param {{ write?: boolean }} [opts] */
	const place = (at, opts = {}) => {
		const lat = Number(at.lat.toFixed(DECIMALS));
		const lon = Number(L.Util.wrapNum(at.lng, [-180, 180], true).toFixed(DECIMALS));
		if (opts.write !== false) {
			latInput.value = String(lat);
			lonInput.value = String(lon);
		}
		if (!pin) {
			pin = L.marker([lat, lon], { icon, draggable: true, keyboard: true, title: texts.pin, autoPan: true }).addTo(map);
			pin.on('dragend', () => pin && place(pin.getLatLng()));
			const el = pin.getElement();
			el?.setAttribute('aria-label', texts.pin ?? '');
			el?.addEventListener('keydown', (e) => {
				const step = e.shiftKey ? 40 : 8;
				const delta = { ArrowUp: [0, -step], ArrowDown: [0, step], ArrowLeft: [-step, 0], ArrowRight: [step, 0] }[e.key];
				if (!delta || !pin) return;
				e.preventDefault();
				e.stopPropagation();
				const p = map.latLngToContainerPoint(pin.getLatLng()).add(L.point(delta[0], delta[1]));
				place(map.containerPointToLatLng(p));
			});
		} else pin.setLatLng([lat, lon]);
		say((texts.placed ?? '').replace('{lat}', String(lat)).replace('{lon}', String(lon)));
	};

	map.on('click', (e) => place(e.latlng));
	map.getContainer().addEventListener('keydown', (e) => {
		if ((e.key === 'Enter' || e.key === ' ') && e.target === map.getContainer()) {
			e.preventDefault();
			place(map.getCenter());
			pin?.getElement()?.focus();
		}
	});
	const fromInputs = () => {
		const lat = number(latInput.value);
		const lon = number(lonInput.value);
		if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) return false;
		place(L.latLng(lat, lon), { write: false });
		map.panTo([lat, lon]);
		return true;
	};
	latInput.addEventListener('change', fromInputs);
	lonInput.addEventListener('change', fromInputs);
	if (fromInputs()) map.setView([Number(latInput.value.replace(',', '.')), Number(lonInput.value.replace(',', '.'))], Math.max(map.getZoom(), 16));
}
