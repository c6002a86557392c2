import type { Option, QuestionKind, TemplateName, Theme } from './survey-model';

/**
 * The ready-made surveys. Each question has Dutch and English words, a stable key (so rounds of
 * the same template form a trend) and where it comes from.
 *
 * - `seed`: the four questions team 5 asked residents of Leystromen on 4 December 2018 (the seed,
 *   ../shared/seed/000_d8884d9ee9cfdd72.txt; English in translation-en.md), with "Leystromen"
 *   replaced by "de corporatie". Open questions, as they were interviews.
 * - `neighbourhood`: statements comparable to the CBS Veiligheidsmonitor (safety, social cohesion,
 *   nuisance, the rapportcijfers) and the Leefbaarometer's themes (physical surroundings, upkeep).
 *   They are our own short wording of the same subjects, not the monitor's exact items, so a
 *   figure is comparable in kind, not one to one; the source says which item each follows.
 */
export interface TemplateQuestion {
	key: string;
	kind: QuestionKind;
	nl: string;
	en: string;
	required: boolean;
	theme: Theme;
	source: string;
	options?: Option[];
}

export interface Template {
	name: TemplateName;
	title: { nl: string; en: string };
	intro: { nl: string; en: string };
	questions: TemplateQuestion[];
}

const SEED = 'Seed: Innovatiechallenge Leefbare Wijken en Buurten 2018-2019, werkatelier II, team 5 (interviewvraag aan bewoners)';
const VM = 'CBS Veiligheidsmonitor';
const LBM = 'Leefbaarometer (BZK)';

export const templates: Record<TemplateName, Template> = {
	seed: {
		name: 'seed',
		title: { nl: 'Gelijkwaardig en wederkerig: wat vindt u?', en: 'Equal and reciprocal: what do you think?' },
		intro: {
			nl: 'Wij willen graag weten hoe u tegen de buurt en tegen ons aankijkt. Er zijn geen goede of foute antwoorden. Uw antwoorden zijn anoniem.',
			en: 'We would like to know how you see the neighbourhood and us. There are no right or wrong answers. Your answers are anonymous.'
		},
		questions: [
			{ key: 'seed.equality', kind: 'open', required: false, theme: 'seed', source: SEED, nl: 'Wat betekenen de woorden ‘gelijkwaardigheid’ en ‘wederkerigheid’ voor u?', en: 'What do the words ‘equality’ and ‘reciprocity’ mean to you?' },
			{ key: 'seed.friendship', kind: 'open', required: false, theme: 'seed', source: SEED, nl: 'Hoe kijkt u tegen de corporatie aan als u denkt aan vriendschap?', en: 'How do you see the corporation in terms of friendship?' },
			{ key: 'seed.different', kind: 'open', required: false, theme: 'seed', source: SEED, nl: 'Wat zou u graag anders of nieuw zien?', en: 'What would you like to see done differently, or new?' },
			{ key: 'seed.help', kind: 'open', required: false, theme: 'seed', source: SEED, nl: 'Hoe kan de corporatie u helpen?', en: 'How can the corporation help you?' }
		]
	},
	neighbourhood: {
		name: 'neighbourhood',
		title: { nl: 'Buurtonderzoek: veilig, samen, schoon en heel', en: 'Neighbourhood survey: safe, together, clean and whole' },
		intro: {
			nl: 'Hoe is het om in uw buurt te wonen? Het invullen duurt ongeveer vijf minuten. Uw antwoorden zijn anoniem. Uitkomsten van minder dan 5 mensen laten we niet zien.',
			en: 'What is it like to live in your neighbourhood? It takes about five minutes. Your answers are anonymous. We never show figures from fewer than 5 people.'
		},
		questions: [
			{ key: 'nb.grade_liveability', kind: 'grade', required: true, theme: 'general', source: `${VM}: rapportcijfer leefbaarheid van de woonbuurt`, nl: 'Welk rapportcijfer geeft u uw buurt als plek om te wonen?', en: 'What mark (1–10) do you give your neighbourhood as a place to live?' },
			{ key: 'nb.safe', kind: 'agree', required: true, theme: 'safety', source: `${VM}: onveiligheidsgevoelens in de eigen buurt`, nl: 'Ik voel me veilig in mijn buurt.', en: 'I feel safe in my neighbourhood.' },
			{ key: 'nb.safe_dark', kind: 'agree', required: false, theme: 'safety', source: `${VM}: ’s avonds alleen over straat in de eigen buurt`, nl: 'Ik voel me veilig als ik ’s avonds alleen over straat loop in mijn buurt.', en: 'I feel safe walking alone in my neighbourhood after dark.' },
			{ key: 'nb.grade_safety', kind: 'grade', required: false, theme: 'safety', source: `${VM}: rapportcijfer veiligheid in de buurt`, nl: 'Welk rapportcijfer geeft u de veiligheid in uw buurt?', en: 'What mark (1–10) do you give the safety of your neighbourhood?' },
			{ key: 'nb.know_each_other', kind: 'agree', required: false, theme: 'cohesion', source: `${VM}: schaal sociale cohesie (mensen kennen elkaar)`, nl: 'De mensen in mijn buurt kennen elkaar.', en: 'People in my neighbourhood know each other.' },
			{ key: 'nb.pleasant', kind: 'agree', required: false, theme: 'cohesion', source: `${VM}: schaal sociale cohesie (prettige omgang)`, nl: 'De mensen in mijn buurt gaan op een prettige manier met elkaar om.', en: 'People in my neighbourhood treat each other in a pleasant way.' },
			{ key: 'nb.help_each_other', kind: 'agree', required: false, theme: 'cohesion', source: `${VM}: schaal sociale cohesie (elkaar helpen, samen dingen doen)`, nl: 'In mijn buurt helpen mensen elkaar en doen ze dingen samen.', en: 'In my neighbourhood people help each other and do things together.' },
			{ key: 'nb.at_home', kind: 'agree', required: false, theme: 'cohesion', source: `${VM}: schaal sociale cohesie (thuis voelen bij buurtbewoners); ${LBM}: dimensie bewoners`, nl: 'Ik voel me thuis bij de mensen in mijn buurt.', en: 'I feel at home with the people in my neighbourhood.' },
			{
				key: 'nb.nuisance_kinds',
				kind: 'multiple',
				required: false,
				theme: 'nuisance',
				source: `${VM}: buurtproblemen (fysieke verloedering, sociale overlast, verkeer); ${LBM}: dimensie veiligheid`,
				nl: 'Welke overlast merkt u vaak in uw buurt? Kies wat past.',
				en: 'Which nuisance do you often notice in your neighbourhood? Choose what fits.',
				options: [
					{ key: 'litter', nl: 'Rommel op straat', en: 'Litter in the street' },
					{ key: 'dogs', nl: 'Hondenpoep', en: 'Dog mess' },
					{ key: 'noise', nl: 'Lawaai van buren', en: 'Noise from neighbours' },
					{ key: 'youth', nl: 'Groepen jongeren die overlast geven', en: 'Groups of young people causing trouble' },
					{ key: 'drugs', nl: 'Drugsoverlast', en: 'Drug-related nuisance' },
					{ key: 'traffic', nl: 'Te hard rijden of fout parkeren', en: 'Speeding or bad parking' },
					{ key: 'none', nl: 'Geen van deze', en: 'None of these' }
				]
			},
			{ key: 'nb.little_nuisance', kind: 'agree', required: false, theme: 'nuisance', source: `${VM}: overlast door buurtbewoners`, nl: 'Ik heb weinig last van overlast door buurtbewoners.', en: 'I have little trouble with nuisance from people in the neighbourhood.' },
			{ key: 'nb.streets_kept', kind: 'agree', required: false, theme: 'upkeep', source: `${LBM}: dimensie fysieke omgeving; ${VM}: fysieke verloedering`, nl: 'De straten, stoepen en het groen in mijn buurt zijn goed onderhouden.', en: 'The streets, pavements and greenery in my neighbourhood are well kept.' },
			{ key: 'nb.shared_spaces', kind: 'agree', required: false, theme: 'upkeep', source: `${LBM}: dimensie woningen (staat van de woningvoorraad)`, nl: 'De gedeelde ruimten van mijn complex (trap, hal, tuin) zijn schoon en heel.', en: 'The shared spaces of my block (stairs, hall, garden) are clean and in good repair.' },
			{
				key: 'nb.trend',
				kind: 'single',
				required: false,
				theme: 'general',
				source: `${VM}: vooruitgang of achteruitgang van de buurt`,
				nl: 'Is uw buurt het afgelopen jaar vooruit of achteruit gegaan?',
				en: 'Has your neighbourhood got better or worse in the past year?',
				options: [
					{ key: 'better', nl: 'Vooruit', en: 'Better' },
					{ key: 'same', nl: 'Gelijk gebleven', en: 'About the same' },
					{ key: 'worse', nl: 'Achteruit', en: 'Worse' },
					{ key: 'unknown', nl: 'Weet ik niet', en: 'Don’t know' }
				]
			},
			{ key: 'nb.improve', kind: 'open', required: false, theme: 'general', source: 'Eigen vraag (Noaber)', nl: 'Wat zou uw buurt het meest verbeteren?', en: 'What would improve your neighbourhood most?' }
		]
	}
};
