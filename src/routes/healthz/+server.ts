import { json } from '@sveltejs/kit';

/** Alive: the process answers. */
export const GET = () => json({ status: 'ok' });
