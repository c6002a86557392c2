import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { Db } from '../db/client';
import { createTestDb } from '../db/test-db';
import { testCtx, type TestCtx } from '../shared/test-ctx';
import { loadActor, type Actor } from '../people';
import { DomainError } from '../shared/errors';
import type { ProposalStatus } from './model';
import { createProposal } from './create-proposal';
import { supportProposal } from './support-proposal';
import { answerFeasibility } from './answer-feasibility';
import { markProposalsForRound } from './mark-for-round';
import { demoNeighbourhood } from '../people/test-fixtures';

/**
 * Test fixture for the proposal tests: the demo neighbourhood (Anna, Bram, Noor in Lindebuurt;
 * Wim staff; Hanna of the tenants' association; Carla care partner) plus extra households in
 * Lindebuurt (h1…h6, each in their own unit), Anna's housemate Sanne (same unit as Anna) and
 * Olga in Beukenbuurt (outsider).
 */
export type Who = 'anna' | 'bram' | 'noor' | 'wim' | 'admin' | 'hanna' | 'carla' | 'sanne' | 'olga' | 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

export interface ProposalFixture {
	db: Db;
	ctx: TestCtx;
	ids: Record<Who, string>;
	lindebuurt: string;
	beukenbuurt: string;
	actor(who: Who): Promise<Actor>;
}

export const key = () => `k-${randomUUID()}`;

export async function createProposalFixture(db: Db, ctx: TestCtx): Promise<ProposalFixture> {
	const { demo, linde, beuken, unitIn, person } = await demoNeighbourhood(db, ctx);
	const [annaUnit] = await db.query<{ unit_id: string }>('SELECT unit_id FROM memberships WHERE account_id = $1', [demo.tenant]);
	const ids: Record<Who, string> = {
		anna: demo.tenant,
		bram: demo.supervisor,
		noor: demo.helper,
		wim: demo.employee,
		admin: demo.admin,
		hanna: demo.tenants_association,
		carla: demo.care,
		sanne: await person('Sanne de Vries', annaUnit.unit_id),
		olga: await person('Olga Nowak', await unitIn('C-300', 3)),
		h1: await person('Henk Eén', await unitIn('C-200', 1)),
		h2: await person('Hilde Twee', await unitIn('C-200', 2)),
		h3: await person('Harm Drie', await unitIn('C-200', 3)),
		h4: await person('Hatice Vier', await unitIn('C-200', 4)),
		h5: await person('Hugo Vijf', await unitIn('C-200', 5)),
		h6: await person('Hanneke Zes', await unitIn('C-200', 6))
	};
	const actor = async (who: Who) => (await loadActor(db, ids[who], ctx.clock()))!;
	return { db, ctx, ids, lindebuurt: linde.id, beukenbuurt: beuken.id, actor };
}

/** The set-up of a proposals test file: a fresh database with the people above. */
export async function openProposalTests(): Promise<ProposalFixture> {
	const db = await createTestDb();
	return createProposalFixture(db, testCtx(db));
}

/** A reason good enough for every feasibility answer. */
export const reason = 'Past binnen het budget en de regels.';

/**
 * The steps and reads the proposals tests share; `fixture` is asked for at each call (beforeAll
 * sets it).
 */
export function proposalSteps(fixture: () => ProposalFixture) {
	const statusOf = async (id: string) => (await fixture().db.query<{ status: ProposalStatus }>('SELECT status FROM buurtpot_proposals WHERE id = $1', [id]))[0].status;
	const count = async (sql: string, params: unknown[] = []) => (await fixture().db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;
	const propose = async (who: Who = 'anna', over: Record<string, unknown> = {}) => {
		const f = fixture();
		return (await createProposal(f.ctx, await f.actor(who), proposalInput(f.lindebuurt, over))).id;
	};
	const supporters: Who[] = ['bram', 'noor', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
	/** Supports by `n` other households (Anna's counts already). */
	const gatherSupport = async (id: string, n = 4) => {
		const f = fixture();
		for (const who of supporters.slice(0, n)) await supportProposal(f.ctx, await f.actor(who), { proposalId: id });
	};
	/** A proposal of Anna's driven to a status by the use cases. */
	async function proposalIn(status: ProposalStatus, over: Record<string, unknown> = {}): Promise<string> {
		const { db, ctx, actor } = fixture();
		const id = await propose('anna', over);
		if (status === 'support') return id;
		await gatherSupport(id);
		if (status === 'feasibility') return id;
		const wim = await actor('wim');
		if (status === 'needs_changes' || status === 'declined') {
			await answerFeasibility(ctx, wim, { proposalId: id, outcome: status === 'declined' ? 'decline' : 'needs_changes', reason });
			return id;
		}
		await answerFeasibility(ctx, wim, { proposalId: id, outcome: 'accept', reason });
		if (status === 'accepted') return id;
		await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [id], status: 'in_vote', at: ctx.clock() }));
		if (status === 'in_vote') return id;
		await db.transaction((tx) => markProposalsForRound(tx, { proposalIds: [id], status: status === 'lost' ? 'lost' : 'won', at: ctx.clock() }));
		return id;
	}
	return { statusOf, count, propose, supporters, gatherSupport, proposalIn };
}

/** Awaits a rejection and returns its DomainError code, field codes and details. */
export async function errorOf(p: Promise<unknown>): Promise<{ code: string; fields: Record<string, string>; details: Record<string, unknown> }> {
	try {
		await p;
	} catch (e) {
		if (e instanceof DomainError) return { code: e.code, fields: e.fields, details: e.details };
		throw e;
	}
	throw new Error('expected a DomainError');
}

export const proposalInput = (buurtId: string, over: Record<string, unknown> = {}) => ({
	buurtId,
	title: 'Een bankje bij de speeltuin',
	description: 'Ouders en opa’s en oma’s kunnen dan zitten terwijl de kinderen spelen.',
	costCents: 45_000,
	place: 'Speeltuin Lindehof',
	volunteers: 'Twee mensen om het bankje te helpen plaatsen.',
	...over
});

// Smallest valid images, for upload tests.
/** A valid 1×1 PNG with a tEXt chunk ("Author: Anna") that must be stripped. */
export function pngWithText(): Uint8Array {
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
		const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const c = Buffer.alloc(4);
		c.writeUInt32BE(crc(td));
		return Buffer.concat([len, td, c]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(1, 0);
	ihdr.writeUInt32BE(1, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 6; // RGBA
	const idat = deflateSync(Buffer.from([0, 255, 0, 0, 255]));
	return Uint8Array.from(
		Buffer.concat([
			Buffer.from('89504e470d0a1a0a', 'hex'),
			chunk('IHDR', ihdr),
			chunk('tEXt', Buffer.from('Author\0Anna', 'latin1')),
			chunk('IDAT', idat),
			chunk('IEND', Buffer.alloc(0))
		])
	);
}

/** A real JPEG, made by sharp, with the GPS position and a name in its EXIF. */
export async function jpegWithGps(): Promise<Uint8Array> {
	const image = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 140, b: 60 } } })
		.jpeg()
		.withExif({ IFD0: { Copyright: 'Anna de Vries' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '5/1 7/1 15/1', GPSMapDatum: 'WGS-84' } });
	return new Uint8Array(await image.toBuffer());
}

export const pdfBytes = () => Uint8Array.from(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));
