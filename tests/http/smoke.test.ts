import { expect, it } from 'vitest';
import { bearer, bearerToken, url } from './client';

it('the server under test answers and the demo accounts can log in', async () => {
	expect((await fetch(url('/healthz'))).status).toBe(200);
	const me = await fetch(url('/api/v1/me'), { headers: bearer(await bearerToken('anna@demo.noaber.test')) });
	expect(me.status).toBe(200);
});
