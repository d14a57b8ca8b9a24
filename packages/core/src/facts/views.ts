/**
 * Navigable views over a loaded document: indicator trees with parents and levels, effective
 * (stated or summed) weights and scores, twins across scorecards, and each figure's document path.
 */
import { SlotMap } from '../collections.js';
import type { CheckConfig } from '../config.js';
import type { Figure, NumberFigure } from '../values/figure.js';
import { type Quantity, quantityOf } from '../values/tolerance.js';
import type { Indicator, JixiaoDocument, Scorecard, Total } from '../format/model.js';
import { formatPath } from '../finding.js';
import { nodeAt, type Span, type YNode } from '../yaml/tree.js';
import { sumOf, type Comparable, isNumberFigure } from './computed.js';

export type PathStep = string | number;

export interface FigurePlace {
  file: string;
  /** Document path, e.g. scorecards[1].indicators[0].score (computed when first read). */
  readonly path: string;
}

/** One step of a document path, linked to its parent: paths are built only when a finding needs one. */
interface PathLink {
  parent: PathLink | null;
  step: PathStep;
}

function pathOf(link: PathLink | null): PathStep[] {
  const steps: PathStep[] = [];
  for (let l = link; l; l = l.parent) steps.push(l.step);
  return steps.reverse();
}

class LazyPlace implements FigurePlace {
  private text?: string;
  constructor(readonly file: string, private readonly link: PathLink | null) {}
  get path(): string {
    this.text ??= formatPath(pathOf(this.link));
    return this.text;
  }
}

/** Keys whose figures are results of a computation as printed: rates, and a funds row's execution score. */
const RATE_KEYS = new Set(['rate', 'execution_rate', 'received_rate']);
function isComputedResult(link: PathLink | null): boolean {
  if (!link || typeof link.step !== 'string') return false;
  if (RATE_KEYS.has(link.step)) return true;
  if (link.step !== 'score') return false;
  for (let l = link.parent; l; l = l.parent) if (l.step === 'funds') return true;
  return false;
}

/**
 * A result printed at its bound is a claim of the bound itself, not a rounding: 100% (or 0%) means
 * fully (or nothing) spent, and a score equal to its weight means full marks.
 */
const boundOf = new SlotMap<object, NumberFigure | undefined>();
function isBound(f: NumberFigure, link: PathLink | null): boolean {
  if (f.percent) return f.value.eq(100) || f.value.isZero();
  if (link?.step === 'score') return f.value.isZero() || (boundOf.get(f)?.value.eq(f.value) ?? false);
  return false;
}

/** Where each figure of every loaded document sits (file and document path). */
export const figurePlaces = new SlotMap<object, FigurePlace>();

/** Records the place of every figure under `value`; returns the number figures found. */
export function recordFigurePlaces(file: string, value: unknown, link: PathLink | null = null, found: NumberFigure[] = []): NumberFigure[] {
  if (typeof value !== 'object' || value === null) return found;
  const kind = (value as { kind?: unknown }).kind;
  if ((kind === 'number' || kind === 'text' || kind === 'na') && 'span' in value) {
    figurePlaces.set(value, new LazyPlace(file, link));
    if (kind === 'number') {
      // Set or cleared: a figure an editor's model shares with the one before is viewed again (format/retype.ts).
      const f = value as NumberFigure;
      if (isComputedResult(link) && !isBound(f, link)) f.rounded = true;
      else if (f.rounded) delete f.rounded;
      found.push(f);
    }
    return found;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) recordFigurePlaces(file, value[i], { parent: link, step: i }, found);
  } else {
    const record = value as Record<string, unknown>;
    // A row's score is read against its weight (isBound).
    if (isNumberFigure(record.score)) boundOf.set(record.score, isNumberFigure(record.weight) ? record.weight : undefined);
    for (const k in record) recordFigurePlaces(file, record[k], { parent: link, step: k }, found);
  }
  return found;
}

export interface IndicatorNode {
  indicator: Indicator;
  /** Its place among all the document's indicators, in document order (the same after an edit that retypes a value). */
  ordinal: number;
  path: PathStep[];
  card: CardView;
  parent: IndicatorNode | null;
  level: number;
  children: IndicatorNode[];
}

export interface CardView {
  id: string;
  /** Path prefix of the card in the document (scorecards[1]) or [] for a form's indicators. */
  path: PathStep[];
  indicatorsKey: string;
  level: number;
  incomplete: boolean;
  blockWeight?: Figure;
  blockWeightPath?: PathStep[];
  total?: Total;
  totalPath: PathStep[];
  roots: IndicatorNode[];
  all: IndicatorNode[];
  /** For self-evaluation forms: the budget-execution line counts towards the total. */
  fundsLine?: { weight?: Figure; score?: Figure };
  role?: string;
}

export interface DocView {
  file: string;
  doc: JixiaoDocument;
  cards: CardView[];
  /** Every number figure of the document, in document order. */
  figures: NumberFigure[];
  /** The source span of a document path (the node, or [0, 0] when unknown). */
  spanAt: (path: PathStep[]) => Span;
  /** The file's text, when known: where a figure inside a text stands (facts/text-figures.ts). */
  source?: string;
}

function buildNodes(list: Indicator[], card: CardView, parent: IndicatorNode | null, level: number, path: PathStep[]): IndicatorNode[] {
  return list.map((indicator, i) => {
    const node: IndicatorNode = { indicator, ordinal: 0, path: [...path, i], card, parent, level, children: [] };
    card.all.push(node);
    node.children = buildNodes(indicator.children ?? [], card, node, level + 1, [...path, i, 'children']);
    return node;
  });
}

function cardView(id: string, path: PathStep[], card: Partial<Scorecard> & { indicators: Indicator[] }, extra: Partial<CardView>): CardView {
  const view: CardView = {
    id,
    path,
    indicatorsKey: 'indicators',
    level: card.level ?? 1,
    incomplete: card.incomplete === true,
    blockWeight: card.weight,
    blockWeightPath: [...path, 'weight'],
    total: card.total,
    totalPath: [...path, 'total'],
    roots: [],
    all: [],
    role: card.role,
    ...extra,
  };
  view.roots = buildNodes(card.indicators, view, null, view.level, [...path, 'indicators']);
  return view;
}

export function buildDocView(file: string, doc: JixiaoDocument, root: YNode | null = null, source?: string): DocView {
  const figures = recordFigurePlaces(file, doc);
  const cards: CardView[] = [];
  (doc.scorecards ?? []).forEach((card, i) => cards.push(cardView(card.id, ['scorecards', i], card, {})));
  if (doc.indicators) {
    cards.push(
      cardView('form', [], { indicators: doc.indicators, total: doc.total }, {
        blockWeight: doc.indicators_weight,
        blockWeightPath: ['indicators_weight'],
        total: doc.total,
        totalPath: ['total'],
        fundsLine: doc.funds ? { weight: doc.funds.total?.weight ?? doc.funds.weight, score: doc.funds.total?.score } : undefined,
      }),
    );
  }
  let ordinal = 0;
  for (const card of cards) for (const node of card.all) node.ordinal = ordinal++;
  return { file, doc, cards, figures, spanAt: (path) => nodeAt(root, path)?.span ?? [0, 0], source };
}

export function num(f: Figure | undefined): NumberFigure | undefined {
  return f && f.kind === 'number' ? f : undefined;
}

type Field = 'weight' | 'score';

/** The stated figure, or the sum of the children's effective figures when all of them have one. */
export function effective(node: IndicatorNode, field: Field, config: CheckConfig): Comparable | undefined {
  const stated = num(node.indicator[field]);
  if (stated) return stated;
  return childSum(node, field, config);
}

/** Σ of the children's effective figures; undefined when a child lacks one or the node is incomplete. */
export function childSum(node: IndicatorNode, field: Field, config: CheckConfig): Comparable | undefined {
  if (node.children.length === 0 || node.indicator.incomplete) return undefined;
  // A parent's sum is asked for by its own rules and by every ancestor's (through effective): made once.
  let memo = childSums.get(node);
  if (!memo || memo.config !== config) {
    memo = { config };
    childSums.set(node, memo);
  }
  if (!(field in memo)) memo[field] = sumOfNodes(node.children, field, config);
  return memo[field];
}
const childSums = new SlotMap<IndicatorNode, { config: CheckConfig; weight?: Comparable | undefined; score?: Comparable | undefined }>();

export function sumOfNodes(nodes: IndicatorNode[], field: Field, config: CheckConfig): Comparable | undefined {
  const values: Comparable[] = [];
  for (const child of nodes) {
    const v = effective(child, field, config);
    if (!v) return undefined;
    values.push(v);
  }
  return values.length > 0 ? sumOf(values, config.tolerance) : undefined;
}

export function quantity(v: Comparable, config: CheckConfig): Quantity {
  return isNumberFigure(v) ? quantityOf(v, config.tolerance) : v.quantity;
}


/** Twin key of a node: its name, qualified by its parent's name when the name repeats in its card. */
/** How often each indicator name occurs in a card (counted once per card). */
const nameCounts = new WeakMap<CardView, Map<string, number>>();
function nameCount(card: CardView, name: string): number {
  let counts = nameCounts.get(card);
  if (!counts) {
    counts = new Map();
    for (const n of card.all) counts.set(n.indicator.name, (counts.get(n.indicator.name) ?? 0) + 1);
    nameCounts.set(card, counts);
  }
  return counts.get(name) ?? 0;
}

export function twinKey(node: IndicatorNode): string {
  if (nameCount(node.card, node.indicator.name) <= 1) return node.indicator.name;
  return `${node.parent?.indicator.name ?? ''}/${node.indicator.name}`;
}

/** Every occurrence of each indicator across the document's cards, in document order. */
export function twinIndex(view: DocView): Map<string, IndicatorNode[]> {
  const index = new Map<string, IndicatorNode[]>();
  for (const card of view.cards) {
    for (const node of card.all) {
      const key = twinKey(node);
      const list = index.get(key);
      if (list) list.push(node);
      else index.set(key, [node]);
    }
  }
  return index;
}

