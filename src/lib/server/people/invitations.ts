import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import type { Queryable } from '../db/client';
import { formatAddress } from '../places';
import { parseInput } from '../shared/validate';
import { DomainError } from '../shared/errors';
import { recordAudit } from '../audit';
import { emitWebhookEvent } from '../webhooks';
import { translator } from '$lib/i18n';
import { hashPassword, issueToken, consumeToken, createSession, email, newPassword, personName } from '../auth';
import { isAdminOf, isStaffOf, type Actor } from './actor';
import type { LoginResult } from '../auth';

export const inviteSchema = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('staff'),
		corporationId: plainText().uuid(),
		role: z.enum(['wijkconsulent', 'huismeester', 'admin'], 'validation.choice'),
		email,
		name: personName,
		locale: z.enum(['nl', 'en']).default('nl')
	}),
	z.object({
		kind: z.literal('partner'),
		organisationId: plainText().uuid('validation.choice'),
		email,
		name: personName,
		locale: z.enum(['nl', 'en']).default('nl')
	}),
	z.object({
		// A tenant (or owner-occupier, where the corporation allows it) of one address, for
		// neighbours who lost their letter or whom staff sign up in person.
		kind: z.literal('member'),
		corporationId: plainText().uuid(),
		eenheid: plainText().trim().min(1, 'validation.required').max(40, 'validation.too_long'),
		membership: z.enum(['tenant', 'owner'], 'validation.choice').default('tenant'),
		email,
		name: personName,
		locale: z.enum(['nl', 'en']).default('nl')
	})
]);

/**
 * Invites a staff member (admins only), a partner's staff member or a member of an address (any
 * staff of the corporation) by e-mail; an existing account gets a staff or partner role added.
 * A membership is never attached by staff: it is an invitation the person accepts (a new
 * account by setting its password, an existing one on /invitations). A staff account never
 * holds a membership, and a member's account is never made staff: they use two accounts.
 * The invitation link is valid for 7 days. Errors: validation.invalid, people.forbidden,
 * people.organisation_not_found, people.unit_not_found, people.owners_not_allowed,
 * people.staff_not_member (409).
 */
export async function inviteAccount(ctx: Ctx, actor: Actor, input: unknown): Promise<{ accountId: string }> {
	const v = parseInput(inviteSchema, input);
	const now = ctx.clock();
	const result = await ctx.db.transaction(async (tx) => {
		let corporationId: string;
		let unitId: string | undefined;
		if (v.kind === 'staff') {
			corporationId = v.corporationId;
			if (!isAdminOf(actor, corporationId)) throw new DomainError('people.forbidden');
		} else if (v.kind === 'member') {
			corporationId = v.corporationId;
			if (!isStaffOf(actor, corporationId)) throw new DomainError('people.forbidden');
			const [unit] = await tx.query<{ id: string; allow_owners: boolean }>(
				`SELECT u.id, k.allow_owner_occupiers AS allow_owners FROM units u JOIN complexes c ON c.id = u.complex_id
				 JOIN corporations k ON k.id = c.corporation_id WHERE c.corporation_id = $1 AND u.eenheid = $2`,
				[corporationId, v.eenheid]
			);
			if (!unit) throw new DomainError('people.unit_not_found', {}, { eenheid: 'people.unit_not_found' });
			if (v.membership === 'owner' && !unit.allow_owners) throw new DomainError('people.owners_not_allowed', {}, { membership: 'people.owners_not_allowed' });
			unitId = unit.id;
		} else {
			const [org] = await tx.query<{ corporation_id: string }>('SELECT corporation_id FROM organisations WHERE id = $1', [v.organisationId]);
			if (!org) throw new DomainError('people.organisation_not_found', {}, { organisationId: 'people.organisation_not_found' });
			corporationId = org.corporation_id;
			if (!isStaffOf(actor, corporationId)) throw new DomainError('people.forbidden');
		}
		const [existing] = await tx.query<{ id: string; password_hash: string | null }>(
			'SELECT id, password_hash FROM accounts WHERE lower(email) = $1',
			[v.email]
		);
		const accountId =
			existing?.id ??
			(
				await tx.query<{ id: string }>('INSERT INTO accounts (email, name, locale, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [
					v.email,
					v.name,
					v.locale,
					now
				])
			)[0].id;
		const [conflict] = existing
			? await tx.query(
					v.kind === 'member'
						? 'SELECT 1 FROM staff_roles WHERE account_id = $1'
						: v.kind === 'staff'
							? 'SELECT 1 FROM memberships WHERE account_id = $1 AND (ends_on IS NULL OR ends_on > $2::date)'
							: 'SELECT 1 WHERE false',
					v.kind === 'staff' ? [accountId, now.toISOString().slice(0, 10)] : [accountId]
				)
			: [];
		if (conflict) throw new DomainError('people.staff_not_member', {}, { email: 'people.staff_not_member' });
		if (v.kind === 'staff') {
			await tx.query('INSERT INTO staff_roles (account_id, corporation_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
				accountId,
				corporationId,
				v.role
			]);
		} else if (v.kind === 'member') {
			// An invitation, not a membership: it starts when the person accepts.
			await tx.query(
				`INSERT INTO membership_invitations (account_id, unit_id, kind, invited_by, invited_at) VALUES ($1, $2, $3, $4, $5)
				 ON CONFLICT (account_id, unit_id) WHERE answered_at IS NULL DO NOTHING`,
				[accountId, unitId, v.membership, actor.accountId, now]
			);
		} else {
			await tx.query('INSERT INTO partner_staff (account_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [accountId, v.organisationId]);
		}
		await recordAudit(tx, {
			at: now,
			actorId: actor.accountId,
			action: v.kind === 'member' ? 'people.membership_invited' : 'people.role_granted',
			subject: `account:${accountId}`,
			details: v.kind === 'staff' ? { role: v.role, corporationId } : v.kind === 'member' ? { unitId, membership: v.membership } : { partnerOf: v.organisationId },
			corporationId
		});
		const token = existing?.password_hash ? null : await issueToken(tx, { accountId, purpose: 'invite', now });
		return { accountId, token };
	});
	const t = translator(v.locale);
	await ctx.mail.send({
		to: v.email,
		subject: t('mail.invite.subject'),
		text: result.token
			? t('mail.invite.body', { name: v.name, inviter: actor.name, url: `${ctx.publicUrl}/invite?token=${result.token}` })
			: v.kind === 'member'
				? t('mail.invite.membership', { name: v.name, inviter: actor.name, url: `${ctx.publicUrl}/invitations` })
				: t('mail.invite.role_added', { name: v.name, inviter: actor.name, url: `${ctx.publicUrl}/login` })
	});
	return { accountId: result.accountId };
}

export const acceptInvitationSchema = z.object({ token: plainText().min(1).max(200), password: newPassword });

/** Sets the password of an invited account and logs in. Errors: auth.link_invalid, auth.link_expired. */
export async function acceptInvitation(ctx: Ctx, input: { token: unknown; password: unknown }): Promise<LoginResult> {
	const v = parseInput(acceptInvitationSchema, input);
	const now = ctx.clock();
	const hash = await hashPassword(v.password);
	return ctx.db.transaction(async (tx) => {
		const accountId = await consumeToken(tx, { token: v.token, purpose: 'invite', now });
		await tx.query('UPDATE accounts SET password_hash = $2 WHERE id = $1', [accountId, hash]);
		await recordAudit(tx, { at: now, actorId: accountId, action: 'auth.invitation_accepted' });
		// Setting the password from the invitation is the person's consent to the invited address.
		for (const inv of await tx.query<{ id: string }>('SELECT id FROM membership_invitations WHERE account_id = $1 AND answered_at IS NULL', [accountId])) {
			await answerInvitation(tx, accountId, inv.id, true, now);
		}
		const session = await createSession(tx, accountId, now, 30);
		return { accountId, ...session };
	});
}

/** Answers one open membership invitation of this account; accepting starts the membership. Audited. */
async function answerInvitation(tx: Queryable, accountId: string, invitationId: string, accept: boolean, now: Date): Promise<void> {
	const [inv] = await tx.query<{ id: string; unit_id: string; kind: string; corporation_id: string }>(
		`UPDATE membership_invitations i SET answered_at = $3, accepted = $4 FROM units u JOIN complexes c ON c.id = u.complex_id
		 WHERE i.id = $1 AND i.account_id = $2 AND i.answered_at IS NULL AND u.id = i.unit_id
		 RETURNING i.id, i.unit_id, i.kind, c.corporation_id`,
		[invitationId, accountId, now, accept]
	);
	if (!inv) throw new DomainError('people.invitation_not_found');
	if (accept) {
		const [staff] = await tx.query('SELECT 1 FROM staff_roles WHERE account_id = $1', [accountId]);
		if (staff) throw new DomainError('people.staff_not_member');
		await tx.query(
			`INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, $3, $4::date)
			 ON CONFLICT (account_id, unit_id) DO UPDATE SET ends_on = NULL, kind = EXCLUDED.kind`,
			[accountId, inv.unit_id, inv.kind, now.toISOString().slice(0, 10)]
		);
		await emitWebhookEvent(tx, { type: 'member.joined', at: now, corporationId: inv.corporation_id, data: { accountId, unitId: inv.unit_id, how: 'invitation' } });
	}
	await recordAudit(tx, {
		at: now,
		actorId: accountId,
		action: accept ? 'people.membership_started' : 'people.membership_declined',
		subject: `unit:${inv.unit_id}`,
		details: { invitationId: inv.id, membership: inv.kind },
		corporationId: inv.corporation_id
	});
}

export interface MembershipInvitation {
	id: string;
	address: string;
	buurt: string;
	kind: 'tenant' | 'owner';
	inviter: string;
	invitedAt: Date;
}

/** The open membership invitations of the actor (for /invitations). */
export async function listMyMembershipInvitations(db: Queryable, actor: Actor): Promise<MembershipInvitation[]> {
	const rows = await db.query<{ id: string; street: string; house_number: number; addition: string; postcode: string; buurt: string; kind: 'tenant' | 'owner'; inviter: string; invited_at: Date }>(
		`SELECT i.id, u.street, u.house_number, u.addition, u.postcode, b.name AS buurt, i.kind, a.name AS inviter, i.invited_at
		 FROM membership_invitations i JOIN units u ON u.id = i.unit_id JOIN complexes c ON c.id = u.complex_id
		 JOIN buurten b ON b.id = c.buurt_id JOIN accounts a ON a.id = i.invited_by
		 WHERE i.account_id = $1 AND i.answered_at IS NULL ORDER BY i.invited_at`,
		[actor.accountId]
	);
	return rows.map((r) => ({ id: r.id, address: formatAddress(r), buurt: r.buurt, kind: r.kind, inviter: r.inviter, invitedAt: r.invited_at }));
}

export const answerMembershipInvitationSchema = z.object({ invitationId: z.uuid('people.invitation_not_found'), accept: z.enum(['yes', 'no'], 'validation.choice') });

/**
 * The invited person accepts (the membership starts today) or declines. Only their own.
 * Errors: validation.invalid, people.invitation_not_found (404), people.staff_not_member (409).
 */
export async function answerMembershipInvitation(ctx: Ctx, actor: Actor, input: unknown): Promise<{ accepted: boolean }> {
	const v = parseInput(answerMembershipInvitationSchema, input);
	await ctx.db.transaction((tx) => answerInvitation(tx, actor.accountId, v.invitationId, v.accept === 'yes', ctx.clock()));
	return { accepted: v.accept === 'yes' };
}

export const createOrganisationSchema = z.object({
	corporationId: plainText().uuid(),
	kind: z.enum(['care', 'municipality', 'supplier', 'tenants_association'], 'validation.choice'),
	name: plainText().trim().min(1).max(200)
});

/** Adds a partner organisation of the corporation (staff only). */
export async function createOrganisation(ctx: Ctx, actor: Actor, input: unknown): Promise<string> {
	const v = parseInput(createOrganisationSchema, input);
	if (!isStaffOf(actor, v.corporationId)) throw new DomainError('people.forbidden');
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx.query<{ id: string }>('INSERT INTO organisations (corporation_id, kind, name) VALUES ($1, $2, $3) RETURNING id', [
			v.corporationId,
			v.kind,
			v.name
		]);
		await recordAudit(tx, { at: ctx.clock(), actorId: actor.accountId, action: 'people.organisation_created', subject: `organisation:${row.id}` });
		return row.id;
	});
}

export async function listOrganisations(ctx: Ctx, corporationIds: string[]) {
	return ctx.db.query<{ id: string; kind: string; name: string; corporation_id: string; buurt_ids: string[] }>(
		`SELECT o.id, o.kind, o.name, o.corporation_id,
		   ARRAY(SELECT ob.buurt_id FROM organisation_buurten ob WHERE ob.organisation_id = o.id) AS buurt_ids
		 FROM organisations o WHERE o.corporation_id = ANY($1::uuid[]) ORDER BY o.name`,
		[corporationIds]
	);
}

export const linkOrganisationBuurtSchema = z.object({
	organisationId: z.uuid('people.organisation_not_found'),
	buurtId: z.uuid('places.buurt_not_found'),
	linked: z.enum(['yes', 'no'], 'validation.choice')
});

/**
 * Staff of the corporation link a partner organisation to a buurt it serves (or unlink it): the
 * organisation's staff see only linked buurten. Both must belong to the actor's corporation.
 * Audited. Errors: validation.invalid, people.forbidden, people.organisation_not_found.
 */
export async function linkOrganisationBuurt(ctx: Ctx, actor: Actor, input: unknown): Promise<void> {
	const v = parseInput(linkOrganisationBuurtSchema, input);
	await ctx.db.transaction(async (tx) => {
		const [row] = await tx.query<{ corporation_id: string; same: boolean }>(
			`SELECT o.corporation_id, EXISTS (SELECT 1 FROM buurten b WHERE b.id = $2 AND b.corporation_id = o.corporation_id) AS same
			 FROM organisations o WHERE o.id = $1`,
			[v.organisationId, v.buurtId]
		);
		if (!row || !isStaffOf(actor, row.corporation_id)) throw new DomainError('people.organisation_not_found', {}, { organisationId: 'people.organisation_not_found' });
		if (!row.same) throw new DomainError('people.forbidden');
		if (v.linked === 'yes') await tx.query('INSERT INTO organisation_buurten (organisation_id, buurt_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [v.organisationId, v.buurtId]);
		else await tx.query('DELETE FROM organisation_buurten WHERE organisation_id = $1 AND buurt_id = $2', [v.organisationId, v.buurtId]);
		await recordAudit(tx, { at: ctx.clock(), actorId: actor.accountId, action: v.linked === 'yes' ? 'people.organisation_linked' : 'people.organisation_unlinked', subject: `organisation:${v.organisationId}`, details: { buurtId: v.buurtId }, corporationId: row.corporation_id });
	});
}
