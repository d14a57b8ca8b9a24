/**
 * Scoring rules as printed (评分规则 / 得分计算方法: `rule.text` with no structured `kind`): a
 * reader that turns the text into a structured reading, and the score an indicator gets by it.
 *
 * Known forms (docs/format.md, "Scoring rules as printed"):
 *  - proportional: "完成率×分值", "按完成比例得分", "实际完成值/目标值×分值", "执行率*该指标分值,最高不得超过分值上限";
 *    with a lower-is-better target (≤ / 不高于 / 低于 …) full marks when met, else weight × target ÷ actual;
 *  - banded: "0得8分，0-10%得6分，10%-20%得4分，20%以上得0分", "达到目标值得满分，未达到得0分";
 *  - step-wise: "每低于5%扣2分", "大于90%的得满分，每少1个百分点扣0.3分，扣完为止": read both by whole steps
 *    (a part step deducts nothing) and pro rata;
 *  - qualitative tiers: "好（100%-80%）、中（80%-60%）、差（60%-0%）", "分三档": the score's share of the weight.
 * Any other text has no reading (undefined): it stays unrecomputed, never guessed. Pure functions;
 * every figure is read and computed with decimal.js.
 */
import { Decimal } from 'decimal.js';
import { normaliseWidth, type NumberFigure } from '../../values/figure.js';
import { clamp, exactQuantity, fractionQuantityOf, product, quantityOf, ratio, type Quantity, type TolerancePolicy } from '../../values/tolerance.js';

/** A number the rule prints, and whether it is a percent. */
export interface RuleNumber { value: Decimal; percent: boolean }

/** One end of a band; `inclusive` is undefined when the text does not say (以上, a bare range). */
export interface Bound { value: Decimal; inclusive?: boolean }

export type Verdict = 'met' | 'partly' | 'missed';

/** A band of a banded rule: measured values from…to (either open), or a verdict on the target, and its points. */
export interface Band {
  from?: Bound;
  to?: Bound;
  verdict?: Verdict;
  /** 'full': the weight (得满分). */
  points: Decimal | 'full';
}

/** A qualitative tier: the score's share of the weight, from ≤ to (0.8–1 for 100%-80%). */
export interface Tier { label?: string; from: Decimal; to: Decimal }

export type RuleReading =
  /** completion: weight × actual ÷ target; rate: weight × the measured percent; inverse: weight × target ÷ actual. `points`: a weight the text prints ("20分*执行率"). */
  | { form: 'proportional'; basis: 'completion' | 'rate' | 'inverse'; points?: Decimal }
  | { form: 'banded'; percent: boolean; bands: Band[] }
  /**
   * below: a deduction per step the measured value falls short of `fullAt` (else the target);
   * above: per step it exceeds it (lower-is-better). `zeroAt`: no score beyond this.
   */
  | { form: 'step'; direction: 'below' | 'above'; fullAt?: RuleNumber; step: RuleNumber; perStep?: Decimal; perStepOfWeight?: Decimal; zeroAt?: RuleNumber }
  | { form: 'tiers'; tiers: Tier[] };

// ---------------------------------------------------------------------------------------------
// Reading the text

const HAN = '\\p{Script=Han}';
const NUM = '(\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十]+)';
const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "0.3" → 0.3; Chinese numerals up to 九十九 ("一", "十五", "二十") too. */
function numberOf(s: string): Decimal | undefined {
  if (/^\d/.test(s)) return new Decimal(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (m && m[0] !== '' && (m[2] || !m[3])) {
    if (!m[2]) return m[1] ? new Decimal(CN_DIGITS[m[1]] as number) : undefined;
    return new Decimal((m[1] ? (CN_DIGITS[m[1]] as number) : 1) * 10 + (m[3] ? (CN_DIGITS[m[3]] as number) : 0));
  }
  if (s.length === 1 && s in CN_DIGITS) return new Decimal(CN_DIGITS[s] as number);
  return undefined;
}

/** The text with widths, spaces, signs and column markers made uniform. */
function clean(text: string): string {
  let t = normaliseWidth(text).replace(/\s+/g, '');
  t = t.replace(/（/g, '(').replace(/）/g, ')').replace(/；/g, ';').replace(/：/g, ':');
  t = t.replace(/\([A-Za-z]\)/g, ''); // 全年实际值（B）/年度指标值（A）
  t = t.replace(/[*✕✖]/g, '×').replace(/(?<=[\p{Script=Han}\d%)])[xX](?=[\p{Script=Han}\d(])/gu, '×');
  t = t.replace(/÷/g, '/').replace(/[–—―~～〜]/g, '-');
  t = t.replace(/(?<=[\d%])[至到](?=\d)/g, '-');
  t = t.replace(/,(?=扣(?!完|至)|得|不得|不计|计0)/g, ''); // "每低5个百分点，扣1分", "95%以上，得满分"
  return t.replace(/[。.;,]+$/, '');
}

/** Clauses: split at ; 、 。 and at commas that are not thousands separators. */
function clauses(t: string): string[] {
  return t.split(/[;、。!]|,(?!\d{3}(?!\d))/).map((s) => s.trim()).filter((s) => s !== '');
}

/** A clause that says nothing about points ("采取社会调查的方式"). */
const descriptive = (s: string) => !/\d/.test(s) && !/[得扣分计]/.test(s);

/** Reads `rule.text`; undefined when it is none of the known forms. */
export function readRuleText(text: string): RuleReading | undefined {
  const t = clean(text);
  if (t === '') return undefined;
  return readTiers(t) ?? readStep(t) ?? readBanded(t) ?? readProportional(t);
}

// proportional ---------------------------------------------------------------------------------

const COMPLETION = '(?:指标|目标|任务)?(?:完成率|完成比例|达成率|实现率)';
const OWN_RATE = '(?:预算|资金)?(?:执行率|到位率)';
const WEIGHT = `(?:(?:该|本)?(?:指标|项)?(?:分值|权重分|权重|满分)|(?<points>\\d+(?:\\.\\d+)?)分)`;
const ACTUAL = '(?:全年|年度|本年)?(?:实际完成指标值|实际完成值|实际完成数|实际值|完成值|实际数)';
const TARGET = '(?:全年|年度|年初)?(?:目标值|指标值|计划值|计划数|目标数)';
const CAP = '(?:最高|最多)?不(?:得|应)?(?:超过|高于)(?:该指标|本指标)?(?:分值|满分|权重)(?:上限)?|以(?:该指标)?(?:分值|满分)为上限|超过(?:分值|满分)的?按(?:分值|满分)计|(?:分值)?封顶|上限为(?:该指标)?(?:分值|满分)';

const PROPORTIONAL: [RegExp, 'completion' | 'rate' | 'inverse'][] = [
  [`${COMPLETION}×${WEIGHT}`, 'completion'],
  [`${WEIGHT}×${COMPLETION}`, 'completion'],
  [`${OWN_RATE}×${WEIGHT}`, 'rate'],
  [`${WEIGHT}×${OWN_RATE}`, 'rate'],
  [`\\(?${ACTUAL}/${TARGET}\\)?(?:×100%)?×${WEIGHT}`, 'completion'],
  [`${WEIGHT}×\\(?${ACTUAL}/${TARGET}\\)?`, 'completion'],
  [`\\(?${TARGET}/${ACTUAL}\\)?(?:×100%)?×${WEIGHT}`, 'inverse'],
  [`${WEIGHT}×\\(?${TARGET}/${ACTUAL}\\)?`, 'inverse'],
  ['按(?:实际)?(?:完成)?(?:比例|完成率)(?:得分|计分|给分|打分|赋分|计算得分|计算分值|计算)', 'completion'],
].map(([body, basis]) => [new RegExp(`^(?:得分(?:计算方法)?[=:])?(?:${body})(?:[,;]?(?:${CAP}))?$`, 'u'), basis as 'completion' | 'rate' | 'inverse']);

function readProportional(t: string): RuleReading | undefined {
  for (const [re, basis] of PROPORTIONAL) {
    const m = re.exec(t);
    if (!m) continue;
    const points = m.groups?.points;
    return points === undefined ? { form: 'proportional', basis } : { form: 'proportional', basis, points: new Decimal(points) };
  }
  return undefined;
}

// step-wise -------------------------------------------------------------------------------------

const BELOW_WORDS = ['低于', '少于', '下降', '降低', '减少', '少', '低', '差'];
const ABOVE_WORDS = ['超过', '超出', '高于', '增加', '上升', '增长', '多'];
const STEP = new RegExp(
  `^${HAN}*?每(?:比(?:目标值?|指标值))?(${[...BELOW_WORDS, ...ABOVE_WORDS].join('|')})${NUM}(个百分点|个百分比|%|${HAN}{0,3})?(?:的)?(?:扣除|扣|减)(?:${NUM}分|(?:该指标)?(?:权重|分值)的${NUM}%)$`,
  'u',
);
const FULL_ABOVE = new RegExp(`^${HAN}*?(大于等于|大于|高于|超过|达到|不低于|不少于|≥|>)?${NUM}(%)?(?:\\(含\\))?(及以上|以上)?(?:的|者)?,?(?:得满分|得全分|满分)$`, 'u');
const FULL_BELOW = new RegExp(`^${HAN}*?(小于等于|不超过|不高于|小于|低于|≤|<)?${NUM}(%)?(?:\\(含\\))?(及以下|以下)?(?:的|者)?,?(?:得满分|得全分|满分)$`, 'u');
const ZERO_TAIL = '(?:的|者)?,?(?:不计分|不得分|得0分|计0分|为0分|0分)$';
const ZERO_BELOW = new RegExp(`^${HAN}*?(?:(?:低于|小于|不足|<)${NUM}(%)?|${NUM}(%)?(?:\\(含\\))?(?:及以下|以下))${ZERO_TAIL}`, 'u');
const ZERO_ABOVE = new RegExp(`^${HAN}*?(?:(?:高于|大于|超过|>)${NUM}(%)?|${NUM}(%)?(?:\\(含\\))?(?:及以上|以上))${ZERO_TAIL}`, 'u');
const LEAD_BELOW = new RegExp(`^${HAN}*?(?:低于|小于|不足|未达到)${NUM}(%)?(?:的|时)?$`, 'u');
const LEAD_ABOVE = new RegExp(`^${HAN}*?(?:高于|大于|超过|超出)${NUM}(%)?(?:的|时)?$`, 'u');
/** "达到目标值得满分" / "不超过预算得满分": full marks at the target itself (no value printed). */
const FULL_AT_TARGET = new RegExp(`^${HAN}*?(?:(达到|完成|不低于|不少于)|(不超过|不高于|未超过|控制在))${HAN}{0,2}(?:目标值?|指标值|年度指标值|预算|计划)(?:以内|范围内)?(?:的|者)?(?:得满分|得全分|满分)$`, 'u');
const DONE = /^(?:扣完为止|扣完即止|直至扣完|扣至0分为止|扣完(?:该项|本项|该指标)?分值为止|(?:本项|该项)扣完为止|最低(?:为|得)?0分|最低不低于0分|最低不得低于0分)$/;

function rn(n: string | undefined, pct: string | undefined): RuleNumber | undefined {
  const v = n === undefined ? undefined : numberOf(n);
  return v === undefined ? undefined : { value: v, percent: pct === '%' };
}

function readStep(t: string): RuleReading | undefined {
  let step: Omit<Extract<RuleReading, { form: 'step' }>, 'fullAt' | 'zeroAt'> | undefined;
  // Full marks at or above / at or below a value; no score under / over one; a lead-in "低于95%,".
  const seen: Partial<Record<'fullAtLeast' | 'fullAtMost' | 'zeroUnder' | 'zeroOver' | 'leadUnder' | 'leadOver', RuleNumber>> = {};
  const atTarget: { least?: true; most?: true } = {};
  const note = (key: keyof typeof seen, n: RuleNumber | undefined) => {
    if (!n) return false;
    seen[key] = n;
    return true;
  };
  for (const c of clauses(t)) {
    let m: RegExpExecArray | null;
    if ((m = STEP.exec(c))) {
      if (step) return undefined;
      const [, word = '', n, unit, per, share] = m;
      const size = n === undefined ? undefined : numberOf(n);
      if (!size || size.lte(0)) return undefined;
      const direction = ABOVE_WORDS.includes(word) ? 'above' : 'below';
      const stepSize = { value: size, percent: unit === '%' || unit === '个百分点' || unit === '个百分比' };
      const p = per === undefined ? undefined : numberOf(per);
      const s = share === undefined ? undefined : numberOf(share);
      if (p) step = { form: 'step', direction, step: stepSize, perStep: p };
      else if (s) step = { form: 'step', direction, step: stepSize, perStepOfWeight: s };
      else return undefined;
    } else if ((m = FULL_ABOVE.exec(c)) && (m[1] || m[4])) {
      if (!note('fullAtLeast', rn(m[2], m[3]))) return undefined;
    } else if ((m = FULL_BELOW.exec(c)) && (m[1] || m[4])) {
      if (!note('fullAtMost', rn(m[2], m[3]))) return undefined;
    } else if ((m = ZERO_BELOW.exec(c))) {
      if (!note('zeroUnder', rn(m[1] ?? m[3], m[2] ?? m[4]))) return undefined;
    } else if ((m = ZERO_ABOVE.exec(c))) {
      if (!note('zeroOver', rn(m[1] ?? m[3], m[2] ?? m[4]))) return undefined;
    } else if ((m = LEAD_BELOW.exec(c))) {
      if (!note('leadUnder', rn(m[1], m[2]))) return undefined;
    } else if ((m = LEAD_ABOVE.exec(c))) {
      if (!note('leadOver', rn(m[1], m[2]))) return undefined;
    } else if ((m = FULL_AT_TARGET.exec(c))) {
      if (m[1]) atTarget.least = true;
      else atTarget.most = true;
    } else if (!DONE.test(c) && !descriptive(c)) return undefined;
  }
  if (!step) return undefined;
  const below = step.direction === 'below';
  const [full, lead, zero] = below ? [seen.fullAtLeast, seen.leadUnder, seen.zeroUnder] : [seen.fullAtMost, seen.leadOver, seen.zeroOver];
  // A clause of the other direction contradicts the deduction: no reading.
  const contrary = below ? [seen.fullAtMost, seen.leadOver, seen.zeroOver, atTarget.most] : [seen.fullAtLeast, seen.leadUnder, seen.zeroUnder, atTarget.least];
  if (contrary.some((x) => x !== undefined)) return undefined;
  // Full marks at the target: the deduction counts from the target, not from a printed value.
  if ((below ? atTarget.least : atTarget.most) && (full ?? lead)) return undefined;
  if (full && lead && (!full.value.eq(lead.value) || full.percent !== lead.percent)) return undefined;
  const fullAt = full ?? lead;
  return { ...step, ...(fullAt ? { fullAt } : {}), ...(zero ? { zeroAt: zero } : {}) };
}

// banded ----------------------------------------------------------------------------------------

const OBJECT = '(?:目标值?|指标值|年度目标|年度指标值|预期目标|绩效目标|计划)?';
const POINTS_TAIL = new RegExp(`(?:的|者|时)?,?(?:(得满分|得全分|满分)|(不得分|不计分)|(?:得|计|给|记|为)?${NUM}分)$`, 'u');

interface Head { band: Omit<Band, 'points'>; percents: boolean[] }

function bound(n: string | undefined, inclusive?: boolean): Bound | undefined {
  const v = n === undefined ? undefined : numberOf(n);
  return v === undefined ? undefined : inclusive === undefined ? { value: v } : { value: v, inclusive };
}

/** The range part of a band clause ("10%-20%", "20%以上", "达到目标值"), after an optional label ("满意度"). */
function readHead(head: string): Head | undefined {
  const label = (prefix: string) => new RegExp(`^${HAN}*$`, 'u').test(prefix) && !/[每扣]/.test(prefix);
  const tryRe = (re: RegExp) => {
    const m = re.exec(head);
    return m && label(head.slice(0, m.index)) ? m : null;
  };
  let m: RegExpExecArray | null;
  if ((m = tryRe(new RegExp(`(?:未达到|未完成|未实现|未达成)${OBJECT}$`, 'u')))) return { band: { verdict: 'missed' }, percents: [] };
  if ((m = tryRe(new RegExp(`(?:基本达到|基本完成|基本实现|部分达到|部分完成|部分实现)${OBJECT}$`, 'u')))) return { band: { verdict: 'partly' }, percents: [] };
  if ((m = tryRe(new RegExp(`(?:达到|完成|实现|达成)${OBJECT}$`, 'u'))) && !/(?:未|基本|部分|没有|没)$/.test(head.slice(0, m.index))) {
    return { band: { verdict: 'met' }, percents: [] };
  }
  if ((m = tryRe(new RegExp(`${NUM}(%)?(\\(含\\))?-${NUM}(%)?(\\(含\\))?$`, 'u')))) {
    const a = numberOf(m[1] as string);
    const b = numberOf(m[4] as string);
    if (!a || !b) return undefined;
    const pct = m[5] === '%' || m[2] === '%';
    const ea = { n: m[1], inc: m[3] ? true : undefined };
    const eb = { n: m[4], inc: m[6] ? true : undefined };
    const [lo, hi] = a.lte(b) ? [ea, eb] : [eb, ea];
    return { band: { from: bound(lo.n, lo.inc), to: bound(hi.n, hi.inc) }, percents: [pct] };
  }
  if ((m = tryRe(new RegExp(`(?:(大于等于|不低于|不少于|≥|达到)|(大于|高于|超过|多于|>))?${NUM}(%)?(\\(含\\))?(及以上|及其以上|以上)?$`, 'u'))) && (m[1] || m[2] || m[6])) {
    const inclusive = m[1] || m[5] || m[6] === '及以上' || m[6] === '及其以上' ? true : m[2] ? false : undefined;
    return { band: { from: bound(m[3], inclusive) }, percents: [m[4] === '%'] };
  }
  if ((m = tryRe(new RegExp(`(?:(小于等于|不高于|不超过|不多于|≤)|(小于|低于|不足|少于|<))${NUM}(%)?$`, 'u')))) {
    return { band: { to: bound(m[3], m[1] ? true : false) }, percents: [m[4] === '%'] };
  }
  if ((m = tryRe(new RegExp(`${NUM}(%)?(\\(含\\))?(及以下|以下)$`, 'u')))) {
    return { band: { to: bound(m[1], m[3] || m[4] === '及以下' ? true : undefined) }, percents: [m[2] === '%'] };
  }
  if ((m = tryRe(new RegExp(`(?:为|等于|=)?${NUM}(%)?$`, 'u')))) {
    const b = bound(m[1], true);
    return b ? { band: { from: b, to: b }, percents: [m[2] === '%'] } : undefined;
  }
  return undefined;
}

function readBanded(t: string): RuleReading | undefined {
  const bands: Band[] = [];
  const percents: { pct: boolean; zero: boolean }[] = [];
  for (const c of clauses(t)) {
    if (descriptive(c)) continue;
    const tail = POINTS_TAIL.exec(c);
    if (!tail) return undefined;
    const head = readHead(c.slice(0, tail.index));
    if (!head) return undefined;
    const points: Decimal | 'full' | undefined = tail[1] ? 'full' : tail[2] ? new Decimal(0) : numberOf(tail[3] ?? '');
    if (points === undefined) return undefined;
    bands.push({ ...head.band, points });
    const zero = [head.band.from, head.band.to].every((b) => !b || b.value.isZero());
    for (const pct of head.percents) percents.push({ pct, zero });
  }
  if (bands.length < 2) return undefined;
  // One scale for the whole rule: "0" fits a percent list; a plain number beside percents does not.
  const percent = percents.some((p) => p.pct);
  if (percent && percents.some((p) => !p.pct && !p.zero)) return undefined;
  return { form: 'banded', percent, bands };
}

// qualitative tiers -----------------------------------------------------------------------------

/** 财预〔2020〕10号: 100-80%（含）、80-60%（含）、60-0%. */
const NATIONAL_TIERS: Tier[] = [
  { from: new Decimal('0.8'), to: new Decimal(1) },
  { from: new Decimal('0.6'), to: new Decimal('0.8') },
  { from: new Decimal(0), to: new Decimal('0.6') },
];

function tier(a: string, b: string, label?: string): Tier {
  const x = new Decimal(a).div(100);
  const y = new Decimal(b).div(100);
  const [from, to] = x.lte(y) ? [x, y] : [y, x];
  return label === undefined ? { from, to } : { label, from, to };
}

function readTiers(t: string): RuleReading | undefined {
  const labelled = [...t.matchAll(new RegExp(`(${HAN}{1,4})\\((\\d+(?:\\.\\d+)?)%?-(\\d+(?:\\.\\d+)?)%(?:\\(含\\))?\\)`, 'gu'))];
  if (labelled.length >= 2) return { form: 'tiers', tiers: labelled.map((m) => tier(m[2] as string, m[3] as string, m[1] as string)) };
  if (!/档/.test(t)) return undefined;
  const ranges = [...t.matchAll(/(\d+(?:\.\d+)?)%?-(\d+(?:\.\d+)?)%/g)];
  if (ranges.length >= 2) return { form: 'tiers', tiers: ranges.map((m) => tier(m[1] as string, m[2] as string)) };
  // "分三档" with no shares printed: the national template's; a text giving points per tier is not this form.
  if (ranges.length === 0 && /三档/.test(t) && !/\d/.test(t)) return { form: 'tiers', tiers: NATIONAL_TIERS };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Scoring by a reading

export interface RuleInputs {
  weight: NumberFigure;
  /** The value the rule is applied to: `measured`, else the numeric `actual`. */
  measured?: NumberFigure;
  target?: NumberFigure;
  /** The actual (or evaluation) written as a word: 好, 较好, 一般, 差, 达到, 基本达到, 未达到 … */
  word?: string;
  /** The highest score (default the weight). */
  cap?: NumberFigure;
}

export type ReadingName = 'rule' | 'pro-rata' | 'whole-steps' | 'band';

export interface RuleOutcome {
  /** The score by each reading of the rule (several when it reads more than one way), the first the principal one. */
  scores?: { reading: ReadingName; quantity: Quantity }[];
  /** Or the scores the rule allows (qualitative tiers): closed ranges. */
  ranges?: { from: Decimal; to: Decimal; label?: string }[];
}

const ZERO = new Decimal(0);

/** A target to keep under (≤ 19.5万元, 低于 5%): 财预〔2020〕10号's 反向指标. */
export function lowerIsBetter(target: NumberFigure | undefined): boolean {
  return target?.comparator === '≤' || target?.comparator === '<';
}

/** The numeric value meets the target's comparator (undefined: the target has none). */
export function meetsTarget(value: Decimal, target: NumberFigure): boolean | undefined {
  const t = target.value;
  switch (target.comparator) {
    case '≥': return value.gte(t);
    case '>': return value.gt(t);
    case '≤': return value.lte(t);
    case '<': return value.lt(t);
    case '=': return value.eq(t);
    default: return undefined;
  }
}

/** Two figures on one scale: both percents or neither, and the same unit when both print one. */
export function sameScale(a: NumberFigure, b: NumberFigure): boolean {
  return a.percent === b.percent && (a.unit === null || b.unit === null || a.unit === b.unit);
}

const one = (q: Quantity): RuleOutcome => ({ scores: [{ reading: 'rule', quantity: q }] });
const exact = (d: Decimal): Quantity => exactQuantity(d);

/**
 * weight × actual ÷ target, capped (weight × target ÷ actual for a lower-is-better target, full
 * marks when it is met): shared by the printed and the structured proportional rule.
 */
export function proportionalScore(
  basis: 'completion' | 'rate' | 'inverse',
  weight: Quantity,
  cap: Decimal,
  measured: NumberFigure | undefined,
  target: NumberFigure | undefined,
  policy: TolerancePolicy,
): Quantity | undefined {
  if (!measured) return undefined;
  let r: Quantity | null = null;
  if (basis === 'rate') {
    if (!measured.percent) return undefined;
    r = fractionQuantityOf(measured, policy);
  } else if (target) {
    if (!sameScale(measured, target) || target.value.isZero()) return undefined;
    const m = quantityOf(measured, policy);
    const t = quantityOf(target, policy);
    if (basis === 'inverse') r = ratio(t, m);
    else if (lowerIsBetter(target)) {
      if (meetsTarget(measured.value, target)) return exact(Decimal.min(weight.mid, cap));
      r = ratio(t, m);
    } else r = ratio(m, t);
  } else if (basis === 'completion' && measured.percent) r = fractionQuantityOf(measured, policy);
  if (!r) return undefined;
  return clamp(product(weight, r), ZERO, cap);
}

/** The deduction of a step rule read pro rata and by whole steps (a part step deducts nothing). */
function stepScores(r: Extract<RuleReading, { form: 'step' }>, inp: RuleInputs): RuleOutcome | undefined {
  const m = inp.measured;
  if (!m) return undefined;
  const w = inp.weight.value;
  let base: RuleNumber;
  if (r.fullAt) base = r.fullAt;
  else {
    const t = inp.target;
    if (!t || !sameScale(m, t)) return undefined;
    const against = r.direction === 'below' ? lowerIsBetter(t) : t.comparator === '≥' || t.comparator === '>';
    if (against) return undefined;
    base = { value: t.value, percent: t.percent };
  }
  if (base.percent !== m.percent) return undefined;
  const gap = r.direction === 'below' ? base.value.minus(m.value) : m.value.minus(base.value);
  if (gap.lte(0)) return one(exact(w));
  if (r.zeroAt) {
    if (r.zeroAt.percent !== m.percent) return undefined;
    const beyond = r.direction === 'below' ? m.value.lt(r.zeroAt.value) : m.value.gt(r.zeroAt.value);
    if (beyond) return one(exact(ZERO));
  }
  let distance: Decimal;
  if (r.step.percent) {
    if (m.percent) distance = gap; // percentage points
    else {
      if (base.value.lte(0)) return undefined;
      distance = gap.div(base.value).times(100); // per cent of the target
    }
  } else {
    if (m.percent) return undefined;
    distance = gap;
  }
  const steps = distance.div(r.step.value);
  const per = r.perStep ?? (r.perStepOfWeight as Decimal).div(100).times(w);
  const proRata = Decimal.max(ZERO, w.minus(steps.times(per)));
  const whole = Decimal.max(ZERO, w.minus(steps.floor().times(per)));
  if (proRata.eq(whole)) return one(exact(proRata));
  return { scores: [{ reading: 'pro-rata', quantity: exact(proRata) }, { reading: 'whole-steps', quantity: exact(whole) }] };
}

const VERDICT_WORDS: Record<Verdict, string[]> = {
  met: ['达到', '已达到', '全部达到', '达成', '已达成', '完成', '已完成', '全部完成', '实现', '已实现'],
  partly: ['基本达到', '部分达到', '基本完成', '部分完成', '基本实现', '部分实现', '部分达成', '基本达成'],
  missed: ['未达到', '未完成', '未实现', '未达成', '没有达到'],
};

function verdictOfWord(word: string | undefined): Verdict | undefined {
  if (word === undefined) return undefined;
  const w = word.trim();
  return (Object.keys(VERDICT_WORDS) as Verdict[]).find((v) => VERDICT_WORDS[v].includes(w));
}

function within(b: Band, v: Decimal): boolean {
  if (b.from && (b.from.inclusive === false ? v.lte(b.from.value) : v.lt(b.from.value))) return false;
  if (b.to && (b.to.inclusive === false ? v.gte(b.to.value) : v.gt(b.to.value))) return false;
  return true;
}
const isPoint = (b: Band) => b.from !== undefined && b.to !== undefined && b.from.value.eq(b.to.value);

function bandScores(r: Extract<RuleReading, { form: 'banded' }>, inp: RuleInputs): RuleOutcome | undefined {
  const w = inp.weight.value;
  const m = inp.measured;
  const numeric = r.bands.filter((b) => !b.verdict);
  let hits: Band[] = [];
  if (m && numeric.length > 0) {
    const allZero = numeric.every((b) => [b.from, b.to].every((x) => !x || x.value.isZero()));
    if (r.percent !== m.percent && !allZero && !m.value.isZero()) return undefined;
    hits = numeric.filter((b) => within(b, m.value));
    // "0 得 8 分，0-10% 得 6 分": at 0 the point band is meant, not the range that starts there.
    if (hits.some(isPoint)) hits = hits.filter(isPoint);
  }
  const verdictBands = r.bands.filter((b) => b.verdict);
  if (verdictBands.length > 0) {
    let verdicts: Verdict[] = [];
    const said = verdictOfWord(inp.word);
    if (said) verdicts = [said];
    else if (m && inp.target && sameScale(m, inp.target)) {
      const met = meetsTarget(m.value, inp.target);
      if (met === true) verdicts = ['met'];
      else if (met === false) verdicts = ['partly', 'missed'];
    }
    hits = [...hits, ...verdictBands.filter((b) => verdicts.includes(b.verdict as Verdict))];
  }
  if (hits.length === 0) return undefined;
  const seen: Decimal[] = [];
  for (const b of hits) {
    const p = b.points === 'full' ? w : b.points;
    if (!seen.some((s) => s.eq(p))) seen.push(p);
  }
  return { scores: seen.map((p) => ({ reading: seen.length > 1 ? 'band' : 'rule', quantity: exact(p) })) };
}

const TIER_WORDS: string[][] = [
  ['好', '优', '优秀', ...VERDICT_WORDS.met],
  ['中', '一般', ...VERDICT_WORDS.partly],
  ['差', '较差', ...VERDICT_WORDS.missed],
];
/** Words between the top and the middle tier of three: either fits. */
const TOP_OR_MIDDLE = ['较好', '良', '良好'];

function tierRanges(r: Extract<RuleReading, { form: 'tiers' }>, inp: RuleInputs): RuleOutcome {
  const w = inp.weight.value;
  const word = inp.word?.trim();
  // Highest tier first, however printed.
  const ordered = [...r.tiers].sort((a, b) => b.from.comparedTo(a.from));
  let chosen = ordered;
  if (word) {
    const byLabel = ordered.filter((t) => t.label === word);
    const byEnd = ordered.filter((t) => t.label !== undefined && t.label.endsWith(word) && !TIER_WORDS.flat().concat(TOP_OR_MIDDLE).includes(t.label));
    if (byLabel.length > 0) chosen = byLabel;
    else if (byEnd.length === 1) chosen = byEnd; // "评价为好（100%-80%）"
    else if (ordered.length === 3) {
      const index = TIER_WORDS.findIndex((ws) => ws.includes(word));
      if (index >= 0) chosen = [ordered[index] as Tier];
      else if (TOP_OR_MIDDLE.includes(word)) chosen = ordered.slice(0, 2);
    }
  }
  return {
    ranges: chosen.map((t) => ({ from: t.from.times(w), to: t.to.times(w), ...(t.label === undefined ? {} : { label: t.label }) })),
  };
}

/** The score (or the scores allowed) by a reading; undefined when the inputs it needs are not stated or do not fit it. */
export function scoreByReading(reading: RuleReading, inp: RuleInputs, policy: TolerancePolicy): RuleOutcome | undefined {
  switch (reading.form) {
    case 'proportional': {
      const w = reading.points ? exact(reading.points) : quantityOf(inp.weight, policy);
      const cap = inp.cap ? inp.cap.value : w.mid;
      const q = proportionalScore(reading.basis, w, cap, inp.measured, inp.target, policy);
      return q ? one(q) : undefined;
    }
    case 'step':
      return stepScores(reading, inp);
    case 'banded':
      return bandScores(reading, inp);
    case 'tiers':
      return tierRanges(reading, inp);
  }
}
