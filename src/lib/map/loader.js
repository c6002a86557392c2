// @ts-check
/**
 * The only script a map page loads on its own (≈1 KB): it shows the "Toon de kaart" button of
 * each map (hidden without JavaScript) and, only when it is pressed, loads Leaflet and the map
 * code (noaber-map.js) and draws the map. Until then no map code, style or tile is fetched.
 */
for (const root of document.querySelectorAll('[data-noaber-map]')) {
	if (!(root instanceof HTMLElement)) continue;
	const button = root.querySelector('[data-map-open]');
	if (!(button instanceof HTMLButtonElement)) continue;
	button.hidden = false;
	button.addEventListener('click', async () => {
		button.disabled = true;
		button.setAttribute('aria-busy', 'true');
		try {
			const css = document.createElement('link');
			css.rel = 'stylesheet';
			css.href = root.dataset.leafletCss ?? '';
			document.head.append(css);
			const { mountMap } = await import(root.dataset.module ?? '');
			await mountMap(root);
			button.hidden = true;
		} catch (err) {
			// The form works without the map: say so, and leave the inputs as they are.
			const status = root.querySelector('[data-map-status]');
			if (status) status.textContent = root.dataset.failed ?? '';
			button.disabled = false;
			console.error(err);
		} finally {
			button.removeAttribute('aria-busy');
		}
	});
}
