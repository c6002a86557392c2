import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		adapter: adapter({ out: 'build' }),
		// The Origin check against cross-site form posts (CSRF) is done in src/hooks.server.ts
		// (web/origin-check.ts): kit's own check also refused API clients' multipart uploads with a
		// bearer token, which no browser can forge. '*' is how kit 2 turns its own check off.
		csrf: { trustedOrigins: ['*'] },
		// Pages are rendered on the server and ship no JavaScript unless a page opts in
		// (csr = true). Every form posts natively, so every flow works with JavaScript off.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
