import { z } from 'zod';
import { plainText } from '../shared/text';
import { isAssociationIn, isMemberOf, isStaffOf, type Actor } from '../people';

/**
 * "Jij zei, wij deden": an action of the corporation (a decision, a repair programme, a change of
 * policy) with its status and the inputs behind it. Who may do what is at the bottom.
 */

export const actionKinds = ['decision', 'repair_programme', 'policy_change'] as const;
export type ActionKind = (typeof actionKinds)[number];

export const actionStatuses = ['planned', 'doing', 'done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/**
 * What an input can be: a question of a survey (its result), a buurtpot proposal, a melding, and
 * — from the conversations and advice part of this module — a conversation theme (a value, not a
 * row) and an advice reply. Each kind is described in action-input-kinds.ts.
 */
export const inputKinds = ['survey_question', 'proposal', 'report', 'conversation_theme', 'advice_reply'] as const;
export type InputKind = (typeof inputKinds)[number];

export const actionIdSchema = z.uuid('voice.action_not_found');
export const actionTitleSchema = plainText({ error: 'voice.title_required' }).trim().min(3, 'voice.title_required').max(120, 'validation.too_long');
export const actionDescriptionSchema = plainText({ error: 'voice.description_required' }).trim().min(1, 'voice.description_required').max(4000, 'validation.too_long');
export const inputNoteSchema = plainText().trim().max(500, 'validation.too_long').default('');
/** A row's id, or a page address with it (a pasted link to a proposal or melding), or a theme. */
export const inputRefSchema = plainText({ error: 'voice.input_ref_required' }).trim().min(1, 'voice.input_ref_required').max(300, 'validation.too_long');

export interface ActionInputView {
	id: string;
	kind: InputKind;
	label: string;
	note: string;
	/** A survey question's headline figure as words the page builds (k ≥ 5 applied); null when none can be shown. */
	figure: { kind: 'grade' | 'agree' | 'choice' | 'open'; value: number | null; option?: string; respondents: number | null } | null;
	/** Where staff (or members, for a survey's results) can read more; null when nothing is theirs to open. */
	href: string | null;
	/** A conversation theme: the newest anonymised quotes tagged with it (the words only: never a name or notes). */
	quotes?: string[];
	/** An advice reply the association agreed to publish (or any, for staff): the outcome and reasons. */
	reply?: { outcome: 'follows' | 'partly' | 'not'; reasons: string } | null;
	/** An advice reply not (or no longer) published: members read only "advies van de huurdersvereniging". */
	withheld?: boolean;
}

export interface ActionView {
	id: string;
	kind: ActionKind;
	title: string;
	description: string;
	status: ActionStatus;
	areaName: string;
	createdAt: Date;
	statusChangedAt: Date;
	updates: { status: ActionStatus; note: string; at: Date }[];
	inputs: ActionInputView[];
}

// ---- who may do what (pure) ----------------------------------------------------------------

/** Staff of the corporation record actions, change their status and link inputs. */
export const canManageActions = (actor: Actor, corporationId: string) => isStaffOf(actor, corporationId);

/** The buurt's page: its members, the corporation's staff and the tenants' association linked to it. */
export const seesBuurtActions = (actor: Actor, b: { id: string; corporation_id: string }) =>
	isMemberOf(actor, b.id) || isStaffOf(actor, b.corporation_id) || isAssociationIn(actor, b.id);

export const statusSchema = z.enum(actionStatuses, 'voice.status_required');
