/**
 * The fact catalogue: every subject kind the rules run over, and each fact it offers, with its type
 * and a one-line description. Subject builders are typed against it (a fact not listed here does
 * not compile), rule packs are checked against it when they load (a misspelt fact, `at`, `related`,
 * `fix` or `{{placeholder}}` is a load error), and `jixiao explain` lists it.
 *
 * A document kind adds its subjects by exporting a catalogue of its own (kinds/<kind>/catalogue.ts)
 * and listing it in kinds/catalogues.ts.
 */
import { KIND_CATALOGUES } from '../kinds/catalogues.js';

import { fact as f, type Catalogue } from './fact-types.js';
export type { Catalogue, FactEntry, FactType } from './fact-types.js';

export const CORE_CATALOGUE = {
  scored: {
    role: f('text', 'indicator | total | result | block (the weight printed above a table) | funds (the 预算执行 line)'),
    name: f('text', 'the indicator’s name (合计 for a form total)'),
    weight: f('figure', '分值 as stated'),
    score: f('figure', '得分 as stated'),
    rate: f('figure', '得分率 as stated'),
    childWeightSum: f('comparable', 'Σ of the children’s (effective) weights'),
    childWeights: f('figures', 'the children’s stated weights'),
    childScores: f('figures', 'the children’s stated scores'),
    childScoreSum: f('comparable', 'Σ of the children’s (effective) scores'),
    computedRate: f('comparable', 'score ÷ weight'),
    deduction: f('figure', '扣分 as stated'),
    computedDeduction: f('comparable', 'weight − score'),
    effectiveWeight: f('comparable', 'the stated weight, else Σ of the children’s (results: 100)'),
    fullMarks: f('boolean', 'the score equals the weight'),
    targetMissed: f('boolean', 'the numeric actual does not meet the target’s comparator'),
    targetMet: f('boolean', 'the numeric actual meets the target’s comparator (≥ ≤ > < =), on the same scale and unit'),
    target: f('text', 'the target as printed'),
    actual: f('text', 'the actual value as printed'),
    lostPoints: f('boolean', 'the score is below the weight'),
    explained: f('boolean', 'a reason, evidence or note is given (here or on a twin)'),
    leafEverywhere: f('boolean', 'no occurrence of the indicator has children'),
    ruleKind: f('text', 'the scoring rule’s kind'),
    ruleText: f('text', 'the scoring rule as printed'),
    measured: f('figure', 'the value the scoring rule was applied to'),
    scoreForRule: f('figure', 'the score the scoring rule is checked against'),
    ruleScore: f('comparable', 'the score the scoring rule gives (structured, or read from its printed text); its interval spans every reading'),
    ruleExpected: f('text', 'the score or scores the scoring rule allows, as shown in a message (8.5, 9.55 / 9.7, 8–10)'),
    ruleAmbiguous: f('boolean', 'the scoring rule reads more than one way, with different scores (pro rata or by whole steps, a band boundary)'),
    fullSystem: f('boolean', 'a complete first-level scorecard'),
    outputEffectWeight: f('comparable', 'Σ of the 产出 and 效益 first-level weights'),
    outputEffectMin: f('comparable', 'the configured minimum of that sum'),
    totalWeight: f('comparable', 'the total’s weight, stated or summed'),
    grade: f('text', 'the stated grade, canonical'),
    gradeText: f('text', 'the stated grade as printed'),
    gradeAt: f('place', 'where the grade is written'),
    expectedGrade: f('text', 'the grade the score falls in'),
  },
  claim: {
    text: f('text', 'the sentence'), count: f('number', 'the count it states'), open: f('boolean', '等: the list is open'),
    itemCount: f('number', 'items listed'), partsSum: f('number', 'Σ of the stated parts'), entryCount: f('number', 'summary entries (of the grade)'),
    scorecard: f('text', 'the scorecard counted'), scorecardFound: f('boolean', 'that scorecard exists'), indicatorCount: f('number', 'indicators counted at the level'),
  },
  'claim-pair': { subject: f('text', 'what both claims count'), text: f('text', 'this sentence'), count: f('number', 'this count'), otherText: f('text', 'the other sentence'), otherCount: f('number', 'the other count') },
  'statement-figure': {
    text: f('text', 'the sentence'), stated: f('figure', 'the figure it states'), refers: f('text', 'the path it restates'),
    aboutFound: f('boolean', 'the document it is about was found'), aboutFile: f('text', 'that document’s file'), referred: f('figure', 'the figure at the path'),
    referenceResolved: f('boolean', 'the path names a figure'), computed: f('comparable', 'the value of its `equals` expression'),
    zeroDenominator: f('boolean', 'its `equals` ratio divides by zero (undefined)'),
  },
  'text-split': {
    text: f('text', 'the text the split is read from'), total: f('figure', 'the total it states (共 / 合计 …)'), parts: f('figures', 'the parts after 其中'),
    count: f('number', 'how many parts'), partsSum: f('comparable', 'Σ of the parts'),
  },
  'text-figure': {
    text: f('text', 'the text the figure is read from'), label: f('text', 'what the text calls it (预算数, 执行数, 执行率, 总分)'), labelEn: f('text', 'its English name'),
    stated: f('figure', 'the figure as the text states it'), referred: f('figure', 'the document’s figure of that name'), referredPath: f('text', 'where that figure is'),
  },
  'statement-split': { text: f('text', 'the sentence'), total: f('figure', 'the stated total (or the figure at its path)'), totalAt: f('place', 'where the total is written'), partsSum: f('comparable', 'Σ of the stated parts') },
  'figure-sum': {
    check: f('value', 'funds-source | funds-spending | funds-basic (the funds block) | table-total | table-code | table-under (annex tables)'),
    label: f('text', 'the row whose figure is the sum'), labelEn: f('text', 'that row (English)'),
    column: f('text', 'the column'), columnEn: f('text', 'the column (English)'),
    stated: f('figure', 'the stated sum'), computed: f('comparable', 'Σ of the parts (a blank cell counts as 0)'),
    parts: f('figures', 'the parts’ figures'), partNames: f('text', 'the parts, joined by +'), partNamesEn: f('text', 'the parts (English)'),
    bound: f('boolean', 'the parts need not be all of it (其中 rows)'), exceeds: f('boolean', 'Σ of the parts is more than the stated figure beyond rounding'),
  },
  'project-pair': {
    project: f('text', 'the project id'), evaluator: f('text', 'this evaluator'), otherEvaluator: f('text', 'the more independent evaluator'),
    evaluatorEn: f('text', 'this evaluator (English)'), otherEvaluatorEn: f('text', 'the other evaluator (English)'), otherFile: f('text', 'the other document'),
    score: f('figure', 'this score'), otherScore: f('figure', 'the other score'), gap: f('comparable', 'this − other'), grade: f('text', 'this grade'), otherGrade: f('text', 'the other grade'),
    gapWarn: f('comparable', 'the configured warning gap'), gapError: f('comparable', 'the configured error gap'),
  },
  'project-figure': {
    project: f('text', 'the project id'), key: f('value', 'adjusted | spent | execution_rate | score (one evaluator’s score restated by a summary entry)'), label: f('text', 'the figure’s name'), labelEn: f('text', 'its English name'),
    value: f('figure', 'this document’s figure'), other: f('figure', 'the more independent document’s'), evaluator: f('text', 'this evaluator'), otherEvaluator: f('text', 'the other evaluator'),
    evaluatorEn: f('text', 'this evaluator (English)'), otherEvaluatorEn: f('text', 'the other evaluator (English)'), otherFile: f('text', 'the other document'),
  },
  ratio: {
    label: f('text', 'the rate’s name'), labelEn: f('text', 'its English name'), stated: f('figure', 'the rate as stated'), numerator: f('figure', 'what was spent / received'),
    denominator: f('figure', 'the budget'), computed: f('comparable', 'numerator ÷ denominator'), weight: f('figure', 'the line’s weight'), score: f('figure', 'the line’s score'),
    computedScore: f('comparable', 'weight × rate (capped at the weight)'),
  },
  figure: { figure: f('figure', 'the figure'), text: f('text', 'as typed'), normalised: f('text', 'in ASCII digits'), replacement: f('text', 'what a fix writes') },
  grading: {
    statedBands: f('text', 'the document’s bands'), configuredBands: f('text', 'the configured bands'), statedBandsEn: f('text', 'the document’s bands (English)'),
    configuredBandsEn: f('text', 'the configured bands (English)'), sameAsConfigured: f('boolean', 'the two agree'),
  },
} as const satisfies Catalogue;

/** Every subject kind with its facts: the core’s and each document kind’s. */
export const SUBJECT_CATALOGUES = { ...CORE_CATALOGUE, ...KIND_CATALOGUES } as const satisfies Catalogue;

export type SubjectKind = keyof typeof SUBJECT_CATALOGUES;
export const SUBJECT_KINDS = Object.keys(SUBJECT_CATALOGUES) as [SubjectKind, ...SubjectKind[]];

/** The facts a subject of kind K may offer (each computed when a rule first asks). */
export type FactsOf<K extends SubjectKind> = { [F in keyof (typeof SUBJECT_CATALOGUES)[K]]?: () => unknown };
