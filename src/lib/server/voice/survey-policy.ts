import { isStaffOf, type Actor } from '../people';
import type { SurveyPhase, SurveyRow } from './survey-model';

/**
 * Who may do what with a survey: pure functions over the actor and the facts the store loaded
 * (the actor's household in the survey's area, the buurten of the area), used by the use cases
 * and handed to pages (a button someone may not use is not shown).
 */

export interface SurveyFacts {
	phase: SurveyPhase;
	/** The actor's home in the survey's area, if any: that makes them part of the audience. */
	household: { unitId: string; address: string } | null;
	/** The buurten of the survey's area. */
	buurtIds: string[];
}

/** Staff of the survey's corporation build, publish, close it and enter paper forms. */
export const canManageSurvey = (actor: Actor, s: Pick<SurveyRow, 'corporation_id'>) => isStaffOf(actor, s.corporation_id);

/** The tenants' association of a buurt in the area reads the results once the survey closed. */
export const isAssociationOfArea = (actor: Actor, f: Pick<SurveyFacts, 'buurtIds'>) =>
	actor.partners.some((p) => p.kind === 'tenants_association' && p.buurtIds.some((b) => f.buurtIds.includes(b)));

/** Staff see every survey of their corporation; the audience a published one; the association a closed one. Anyone else: 404. */
export const seesSurvey = (actor: Actor, s: Pick<SurveyRow, 'corporation_id'>, f: SurveyFacts) =>
	canManageSurvey(actor, s) || (f.phase !== 'draft' && !!f.household) || (f.phase === 'closed' && isAssociationOfArea(actor, f));

/** A household of the area answers while the survey is open. */
export const canAnswer = (f: SurveyFacts) => f.phase === 'open' && !!f.household;

/**
 * Results: staff of the corporation once it is published (they follow the response as it comes
 * in); the audience and the association after the close. Always with k ≥ 5 applied.
 */
export const seesResults = (actor: Actor, s: Pick<SurveyRow, 'corporation_id'>, f: SurveyFacts) =>
	(canManageSurvey(actor, s) && f.phase !== 'draft') || (f.phase === 'closed' && (!!f.household || isAssociationOfArea(actor, f)));

/** Open answers are reviewed once the survey closed: before that a household may still change them. */
export const canReview = (actor: Actor, s: Pick<SurveyRow, 'corporation_id'>, f: Pick<SurveyFacts, 'phase'>) => canManageSurvey(actor, s) && f.phase === 'closed';
