import { deflateSync } from 'node:zlib';
import type { Db } from '../db/client';
import { createTestDb } from '../db/test-db';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { loadActor, type Actor, type DemoKey } from '../people';
import { demoNeighbourhood } from '../people/test-fixtures';

/**
 * The board tests' set-up: the demo neighbourhood (Anna, Bram, Noor, Fatima in the Lindebuurt;
 * Piet in the Beukenbuurt; Wim, Henk, Ayla staff of De Linde; Olga staff and Kees a tenant of
 * the second corporation; Carla a care partner linked to the Lindebuurt).
 */
export interface BoardFixture {
	db: Db;
	ctx: TestCtx;
	ids: Record<DemoKey, string>;
	linde: string;
	beuken: string;
	actor(who: DemoKey): Promise<Actor>;
}

export async function openBoardTests(): Promise<BoardFixture> {
	const db = await createTestDb();
	const ctx = testCtx(db);
	const { demo, linde, beuken } = await demoNeighbourhood(db, ctx);
	return { db, ctx, ids: demo, linde: linde.id, beuken: beuken.id, actor: async (who) => (await loadActor(db, demo[who], ctx.clock()))! };
}

/** A tiny valid PNG (2×2, red), made without sharp so the test data is independent of the pipeline. */
export function tinyPng(): Uint8Array {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (b: Buffer) => {
		let c = 0xffffffff;
		for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const c = Buffer.alloc(4);
		c.writeUInt32BE(crc(td));
		return Buffer.concat([len, td, c]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(2, 0);
	ihdr.writeUInt32BE(2, 4);
	ihdr[8] = 8;
	ihdr[9] = 2;
	const raw = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
	return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}
