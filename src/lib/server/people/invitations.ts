import { z } from 'zod';
import { plainText } from '../shared/text';
import type { Ctx } from '../shared/context';
import { parseInput } from '../shared/validate';
import { DomainError } from '../shared/errors';
import { recordAudit } from '../audit';
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
 * staff of the corporation) by e-mail; an existing account gets the role added. The invitation
 * link is valid for 7 days. Errors: validation.invalid, people.forbidden,
 * people.organisation_not_found, people.unit_not_found, people.owners_not_allowed.
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
		if (v.kind === 'staff') {
			await tx.query('INSERT INTO staff_roles (account_id, corporation_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
				accountId,
				corporationId,
				v.role
			]);
		} else if (v.kind === 'member') {
			await tx.query('INSERT INTO memberships (account_id, unit_id, kind, starts_on) VALUES ($1, $2, $3, $4::date) ON CONFLICT DO NOTHING', [
				accountId,
				unitId,
				v.membership,
				now.toISOString().slice(0, 10)
			]);
		} else {
			await tx.query('INSERT INTO partner_staff (account_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [accountId, v.organisationId]);
		}
		await recordAudit(tx, {
			at: now,
			actorId: actor.accountId,
			action: 'people.role_granted',
			subject: `account:${accountId}`,
			details: v.kind === 'staff' ? { role: v.role, corporationId } : v.kind === 'member' ? { memberOf: unitId, membership: v.membership } : { partnerOf: v.organisationId }
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
		const session = await createSession(tx, accountId, now, 30);
		return { accountId, ...session };
	});
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
	return ctx.db.query<{ id: string; kind: string; name: string; corporation_id: string }>(
		'SELECT id, kind, name, corporation_id FROM organisations WHERE corporation_id = ANY($1::uuid[]) ORDER BY name',
		[corporationIds]
	);
}
