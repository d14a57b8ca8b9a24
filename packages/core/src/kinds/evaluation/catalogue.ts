/** The facts of the subjects only the scored kinds have (their indicators and totals are `scored`, shared with results: facts/catalogue.ts). */
import { fact as f, type Catalogue } from '../../facts/fact-types.js';

export const EVALUATION_CATALOGUE = {
  twin: {
    name: f('text', 'the indicator'), card: f('text', 'this scorecard'), otherCard: f('text', 'the other scorecard'), sameLevel: f('boolean', 'both at one level'),
    parentName: f('text', 'the parent here'), otherParentName: f('text', 'the parent there'), otherPlace: f('place', 'the other occurrence'),
    weight: f('figure', 'the weight here'), otherWeight: f('figure', 'the weight most occurrences state'), weightCard: f('text', 'where that weight is'),
    score: f('figure', 'the score here'), otherScore: f('figure', 'the score there'),
  },
  guidance: { label: f('text', 'the group'), labelEn: f('text', 'its English name'), weight: f('comparable', 'Σ of the group’s first-level weights'), expected: f('comparable', 'the guidance’s weight') },
} as const satisfies Catalogue;
