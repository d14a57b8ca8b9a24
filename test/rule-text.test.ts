/**
 * Scoring rules as printed (packages/core/src/kinds/evaluation/rule-text.ts): each text is read into a
 * structured reading, and the indicator's score recomputed by it, both asserted exactly. Texts are
 * copied from real documents where the corpus has them (the source is cited beside each); the forms
 * that no real document in the corpus prints are quoted from issue 10 item 5 and say so.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig, readFigure, type NumberFigure } from '@jixiao/core';
import { readRuleText, scoreByReading, type RuleReading } from '../packages/core/dist/kinds/evaluation/rule-text.js';
import { recomputeRule } from '../packages/core/dist/kinds/evaluation/scoring-rule.js';

const config = defaultConfig();
const fig = (t: string) => readFigure(t, [0, t.length]) as NumberFigure;

/** A reading with every Decimal as its string, so that it compares exactly. */
function plainOf(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && v.constructor?.name === 'Decimal') return String(v);
  if (Array.isArray(v)) return v.map(plainOf);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainOf(x)]));
  return v;
}
const reading = (text: string) => plainOf(readRuleText(text));

interface Row { weight: string; measured?: string; target?: string; score?: string; word?: string }
/** What grades/scoring-rule compares the stated score with: the principal score, its interval, the scores shown. */
function recomputed(text: string, row: Row) {
  const r = recomputeRule({ text }, fig(row.weight), row.measured ? fig(row.measured) : undefined, row.target ? fig(row.target) : undefined, config, {
    ...(row.word ? { word: row.word } : {}), ...(row.score ? { stated: fig(row.score) } : {}),
  });
  if (!r) return undefined;
  const q = r.score.quantity;
  return { mid: q.mid.toString(), lo: q.lo.toString(), hi: q.hi.toString(), expected: r.expected, ambiguous: r.ambiguous };
}

describe('unknown text stays unrecomputed', () => {
  it.each([
    // fixtures/zaozhuang-2023/evaluation-12345-finance.yaml (shared/seeds/004): per-failure rules and definitions
    '一项不符合扣 0.5 分，严重的此项完全不得分。',
    '一项不符合扣一分,严重的此项完全不得分。',
    '项目验收通过率达95%及以上，得满分；未通过一个扣一分，扣完为止。',
    '变动率=[(实际成本-计划成本)/计划成本]×100%。',
    '对照绩效目标，按社会效益实现程度计算得分。',
    // shared/real/daying-justice-2023-proj-self: a definition printed in the 原因 cell, not a scoring rule
    '预算执行率=预算执行数/调整后预算数',
    // near misses: a vague basis, points per tier (not shares), an empty text
    '按完成情况得分',
    '分三档：好得10分，中得6分，差得2分',
    '',
  ])('%s', (text) => {
    expect(readRuleText(text)).toBeUndefined();
    expect(recomputed(text, { weight: '10', measured: '85%', target: '≥90%', score: '9', word: '好' })).toBeUndefined();
  });
});

describe('proportional', () => {
  it('执行率*该指标分值,最高不得超过分值上限。 (shared/real/suiyang-taibai-2021-dept-self, fixtures/suiyang-taibai-2021)', () => {
    const text = '执行率*该指标分值,最高不得超过分值上限。';
    expect(reading(text)).toEqual({ form: 'proportional', basis: 'rate' });
    // 年度资金总额 1268.72 / 1172.55 = 108.20%: capped at the weight 10 (the form gives 10)
    expect(recomputed(text, { weight: '10', measured: '108.20%' })).toEqual({ mid: '10', lo: '10', hi: '10', expected: '10', ambiguous: false });
    // 基本支出 914.97 / 985.19 = 92.87%: 10 × 0.9287 = 9.287 (the form prints 10 on that row)
    expect(recomputed(text, { weight: '10', measured: '92.87%' })).toEqual({ mid: '9.287', lo: '9.2865', hi: '9.2875', expected: '9.287', ambiguous: false });
  });
  it('20分*执行率 (shared/real/huangshi-library-2022-proj-self: 得分 (20分*执行率), 5 of 5 spent, 100%, 得分 20)', () => {
    expect(reading('20分*执行率')).toEqual({ form: 'proportional', basis: 'rate', points: '20' });
    expect(recomputed('20分*执行率', { weight: '20', measured: '100%' })).toEqual({ mid: '20', lo: '20', hi: '20', expected: '20', ambiguous: false });
  });
  it('按完成比例得分 / 完成率×分值 / 实际完成值/目标值×分值: actual ÷ target × weight', () => {
    for (const text of ['按完成比例得分', '按完成比例计分', '按比例计分', '完成率×分值', '完成率*分值', '实际完成值/目标值×分值', '全年实际值（B）/年度指标值（A）×该指标分值']) {
      expect(reading(text), text).toEqual({ form: 'proportional', basis: 'completion' });
    }
    // fixtures/zaozhuang-2023/self-evaluation-office-operating.yaml 出差人次: 1988 / 2000 × 9 = 8.946 (the form gives 8.95)
    expect(recomputed('按完成比例得分', { weight: '9', measured: '1988人次', target: '≥2000人次' })).toEqual({ mid: '8.946', lo: '8.946', hi: '8.946', expected: '8.946', ambiguous: false });
    // shared/real/jishan-zhaidian-2021-proj-self 指标8 适龄儿童疫苗接种率: 97.30 / 100.00 × 2 = 1.946 (the form gives 1.9)
    expect(recomputed('完成率×分值', { weight: '2', measured: '97.30%', target: '100.00%' })).toEqual({ mid: '1.946', lo: '1.9458027098645067747', hi: '1.9461973098654932747', expected: '1.946', ambiguous: false });
    // … 指标12 孕产妇7天访视数: 203 / 214 × 2 = 1.897196… (the form gives 1.8)
    expect(recomputed('完成率×分值', { weight: '2', measured: '203人', target: '214人' })?.expected).toBe('1.897196');
    // fixtures/langfang-foodschool-2019 工程资金金额: 37.24 / 43.2 × 10 = 8.62037… (the form gives 9)
    expect(recomputed('实际完成值/目标值×分值', { weight: '10', measured: '37.24', target: '43.2' })?.mid).toBe('8.6203703703703703704');
    // over the target: capped at the weight
    expect(recomputed('完成率×分值', { weight: '10', measured: '100%', target: '≥90%' })?.mid).toBe('10');
  });
  it('年度指标值（A）/全年实际值（B）×该指标分值: the inverse formula', () => {
    expect(reading('年度指标值（A）/全年实际值（B）×该指标分值')).toEqual({ form: 'proportional', basis: 'inverse' });
    expect(recomputed('年度指标值（A）/全年实际值（B）×该指标分值', { weight: '10', measured: '25万元', target: '20万元' })?.mid).toBe('8');
  });
  it('the scale must agree: a percent against a count, or 万元 against 元, is not recomputed', () => {
    expect(recomputed('完成率×分值', { weight: '10', measured: '98%', target: '100人' })).toBeUndefined();
    expect(recomputed('完成率×分值', { weight: '10', measured: '98元', target: '100万元' })).toBeUndefined();
    expect(recomputed('完成率×分值', { weight: '10', measured: '98', target: '0' })).toBeUndefined();
    expect(recomputed('执行率*该指标分值', { weight: '10', measured: '98' })).toBeUndefined();
  });
});

describe('lower-is-better targets (≤ / 不高于 / 低于): full marks when met, else weight × target ÷ actual', () => {
  const text = '完成率×分值';
  it('met: fixtures/zaozhuang-2023/self-evaluation-research-operating.yaml 单位运行经费 ≤19.5万元, 17.41万元: 15 of 15', () => {
    expect(recomputed(text, { weight: '15', measured: '17.41万元', target: '≤19.5万元' })).toEqual({ mid: '15', lo: '15', hi: '15', expected: '15', ambiguous: false });
    // …-bigdata-operating.yaml ≤31万元, 30.98万元, 10.00; …-office-operating.yaml 差旅费 ≤125万元, 125万元, 1 (at the target: met)
    expect(recomputed(text, { weight: '10.00', measured: '30.98万元', target: '≤31万元' })?.mid).toBe('10');
    expect(recomputed(text, { weight: '1', measured: '125万元', target: '≤125万元' })?.mid).toBe('1');
    expect(recomputed(text, { weight: '10', measured: '4%', target: '不高于5%' })?.mid).toBe('10');
  });
  it('missed: weight × target ÷ actual', () => {
    expect(recomputed(text, { weight: '15', measured: '25万元', target: '≤20万元' })).toEqual({ mid: '12', lo: '12', hi: '12', expected: '12', ambiguous: false });
    // 19.5 / 21.2 × 15 = 13.797169…, the interval from 19.5 ± 0.05 and 21.2 ± 0.05
    expect(recomputed(text, { weight: '15', measured: '21.2万元', target: '≤19.5万元' })).toEqual({
      mid: '13.797169811320754717', lo: '13.729411764705882353', hi: '13.86524822695035461', expected: '13.79717', ambiguous: false,
    });
    // 低于5% is "<": at 5% it is missed
    expect(recomputed(text, { weight: '10', measured: '5%', target: '低于5%' })?.mid).toBe('10');
    expect(recomputed(text, { weight: '10', measured: '8%', target: '低于5%' })?.mid).toBe('6.25');
  });
});

describe('banded', () => {
  // issue 10 item 5 (no real form in the corpus prints a banded rule)
  const text = '0 得 8 分，0–10% 得 6 分，10%–20% 得 4 分，20% 以上得 0 分';
  it('reads each band, its ends and points', () => {
    expect(reading(text)).toEqual({
      form: 'banded', percent: true, bands: [
        { from: { value: '0', inclusive: true }, to: { value: '0', inclusive: true }, points: '8' },
        { from: { value: '0' }, to: { value: '10' }, points: '6' },
        { from: { value: '10' }, to: { value: '20' }, points: '4' },
        { from: { value: '20' }, points: '0' },
      ],
    });
  });
  it.each([
    ['0%', '8', '8', '8', false],
    ['0', '8', '8', '8', false],
    ['3.5%', '6', '6', '6', false],
    ['12.5%', '4', '4', '4', false],
    ['25%', '0', '0', '0', false],
    // at 10% the text does not say which band: both
    ['10%', '6', '4', '6 / 4', true],
  ])('measured %s: %s', (measured, mid, lo, expected, ambiguous) => {
    const r = recomputed(text, { weight: '8', measured });
    expect(r).toEqual({ mid, lo, hi: mid, expected, ambiguous });
  });
  it('a count against percent bands is not recomputed', () => {
    expect(recomputed(text, { weight: '8', measured: '12人' })).toBeUndefined();
  });
  it('达到…得满分，…得X分', () => {
    const t = '达到90%得满分，80%-90%得6分，80%以下不得分';
    expect(reading(t)).toEqual({
      form: 'banded', percent: true, bands: [
        { from: { value: '90', inclusive: true }, points: 'full' },
        { from: { value: '80' }, to: { value: '90' }, points: '6' },
        { to: { value: '80' }, points: '0' },
      ],
    });
    expect(recomputed(t, { weight: '10', measured: '95%' })?.expected).toBe('10');
    expect(recomputed(t, { weight: '10', measured: '85%' })?.expected).toBe('6');
    expect(recomputed(t, { weight: '10', measured: '90%' })?.expected).toBe('10 / 6');
    expect(recomputed(t, { weight: '10', measured: '70%' })?.expected).toBe('0');
  });
  it('达到目标值得满分，未达到得0分: a verdict on the target', () => {
    const t = '达到目标值得满分，未达到得0分';
    expect(reading(t)).toEqual({ form: 'banded', percent: false, bands: [{ verdict: 'met', points: 'full' }, { verdict: 'missed', points: '0' }] });
    expect(recomputed(t, { weight: '5', measured: '98%', target: '≥95%' })?.expected).toBe('5');
    expect(recomputed(t, { weight: '5', measured: '90%', target: '≥95%' })?.expected).toBe('0');
    expect(recomputed(t, { weight: '5', word: '未达到' })?.expected).toBe('0');
    // no comparator: whether 140 人 was "达到" is not said
    expect(recomputed(t, { weight: '5', measured: '139人', target: '140人' })).toBeUndefined();
  });
  it('达到得满分，基本达到得3分，未达到不得分: a missed numeric target is 基本达到 or 未达到', () => {
    const t = '达到目标得满分，基本达到得3分，未达到不得分';
    expect(recomputed(t, { weight: '5', measured: '90%', target: '≥95%' })).toEqual({ mid: '3', lo: '0', hi: '3', expected: '3 / 0', ambiguous: true });
    expect(recomputed(t, { weight: '5', word: '基本达到' })?.expected).toBe('3');
  });
});

describe('step-wise: whole steps (a part step deducts nothing) and pro rata', () => {
  it('每低于5%扣2分 (issue 10 item 5): from the target, in percentage points', () => {
    expect(reading('每低于5%扣2分')).toEqual({ form: 'step', direction: 'below', step: { value: '5', percent: true }, perStep: '2' });
    // 95 − 87 = 8 points = 1.6 steps: pro rata 10 − 3.2 = 6.8, whole steps 10 − 2 = 8
    expect(recomputed('每低于5%扣2分', { weight: '10', measured: '87%', target: '≥95%' })).toEqual({ mid: '6.8', lo: '6.8', hi: '8', expected: '6.8 / 8', ambiguous: true });
    // 85% is exactly 2 steps: one reading
    expect(recomputed('每低于5%扣2分', { weight: '10', measured: '85%', target: '≥95%' })).toEqual({ mid: '6', lo: '6', hi: '6', expected: '6', ambiguous: false });
    // a count: (2000 − 1988) / 2000 = 0.6% of the target, 0.12 steps
    expect(recomputed('每低于5%扣2分', { weight: '9', measured: '1988人次', target: '≥2000人次' })).toEqual({ mid: '8.76', lo: '8.76', hi: '9', expected: '8.76 / 9', ambiguous: true });
    // met, or a lower-is-better target (the text deducts for falling short): full marks / no reading
    expect(recomputed('每低于5%扣2分', { weight: '10', measured: '96%', target: '≥95%' })?.expected).toBe('10');
    expect(recomputed('每低于5%扣2分', { weight: '10', measured: '96%', target: '≤95%' })).toBeUndefined();
  });
  it('每少1个百分点扣0.3分 / 每降低1%扣0.5分，扣完为止 (issue 10 item 5)', () => {
    expect(reading('每少1个百分点扣0.3分')).toEqual({ form: 'step', direction: 'below', step: { value: '1', percent: true }, perStep: '0.3' });
    expect(recomputed('每少1个百分点扣0.3分', { weight: '10', measured: '88.5%', target: '≥90%' })).toEqual({ mid: '9.55', lo: '9.55', hi: '9.7', expected: '9.55 / 9.7', ambiguous: true });
    expect(reading('每降低1%扣0.5分，扣完为止')).toEqual({ form: 'step', direction: 'below', step: { value: '1', percent: true }, perStep: '0.5' });
    // 100 − 70 = 30 steps × 0.5 = 15 > 10: 扣完为止, 0
    expect(recomputed('每降低1%扣0.5分，扣完为止', { weight: '10', measured: '70%', target: '100%' })?.expected).toBe('0');
  });
  it('the zaozhuang finance evaluation texts read as the structured parameters transcribed beside them', () => {
    // fixtures/zaozhuang-2023/evaluation-12345-finance.yaml (shared/seeds/004_2bba3a29b22476c1.txt, 附件1 指标体系)
    expect(reading('采取社会调查的方式，社会公众满意度大于90%的得满分，每少1个百分点扣0.3分，扣完为止。')).toEqual({
      form: 'step', direction: 'below', step: { value: '1', percent: true }, perStep: '0.3', fullAt: { value: '90', percent: true },
    });
    expect(reading('资金到位率大于 90%的得满分，每少 5 个百分点扣 0.5 分，扣完为止。')).toEqual({
      form: 'step', direction: 'below', step: { value: '5', percent: true }, perStep: '0.5', fullAt: { value: '90', percent: true },
    });
    expect(reading('到位及时率大于 90%的得满分，每低 5 个百分点，扣 1 分，扣完为止。')).toEqual({
      form: 'step', direction: 'below', step: { value: '5', percent: true }, perStep: '1', fullAt: { value: '90', percent: true },
    });
    expect(reading('预算执行率95%以上,得满分;低于95%,每下降1%扣权重的1%;预算执行率60%以下,不计分')).toEqual({
      form: 'step', direction: 'below', step: { value: '1', percent: true }, perStepOfWeight: '1', fullAt: { value: '95', percent: true }, zeroAt: { value: '60', percent: true },
    });
  });
  it('the zaozhuang finance evaluation scores by those texts (seed B41: 85.00% scores 8.5, the table gives 9.85)', () => {
    const satisfaction = '采取社会调查的方式，社会公众满意度大于90%的得满分，每少1个百分点扣0.3分，扣完为止。';
    expect(recomputed(satisfaction, { weight: '10', measured: '85.00%' })).toEqual({ mid: '8.5', lo: '8.5', hi: '8.5', expected: '8.5', ambiguous: false });
    const execution = '预算执行率95%以上,得满分;低于95%,每下降1%扣权重的1%;预算执行率60%以下,不计分';
    expect(recomputed(execution, { weight: '2', measured: '99.82%' })?.expected).toBe('2');
    // 95 − 90.5 = 4.5 steps of 1% of 2: pro rata 2 − 0.09 = 1.91, whole steps 2 − 0.08 = 1.92
    expect(recomputed(execution, { weight: '2', measured: '90.5%' })?.expected).toBe('1.91 / 1.92');
    expect(recomputed(execution, { weight: '2', measured: '59%' })?.expected).toBe('0');
    expect(recomputed('资金到位率大于 90%的得满分，每少 5 个百分点扣 0.5 分，扣完为止。', { weight: '1', measured: '100.00%' })?.expected).toBe('1');
  });
  it('a deduction for going over a lower-is-better target: 不超过预算得满分，每超出5%扣2分', () => {
    const t = '不超过预算得满分，每超出5%扣2分';
    expect(reading(t)).toEqual({ form: 'step', direction: 'above', step: { value: '5', percent: true }, perStep: '2' });
    // 21 over 20 is 5% of the target: one step
    expect(recomputed(t, { weight: '10', measured: '21万元', target: '≤20万元' })?.expected).toBe('8');
    expect(recomputed(t, { weight: '10', measured: '19万元', target: '≤20万元' })?.expected).toBe('10');
    expect(recomputed(t, { weight: '10', measured: '21万元', target: '≥20万元' })).toBeUndefined();
  });
  it('contradictory or unknown clauses: no reading', () => {
    expect(readRuleText('达到目标值得满分，每超出5%扣2分')).toBeUndefined();
    expect(readRuleText('每低于5%扣2分，每低于10%扣5分')).toBeUndefined();
    expect(readRuleText('每低于5%扣2分，情节严重的不得分')).toBeUndefined();
  });
});

describe('qualitative three tiers', () => {
  // issue 10 item 5 (no real form in the corpus prints the tiers)
  const text = '好（100%-80%）、中（80%-60%）、差（60%-0%）';
  it('reads the tiers as shares of the weight', () => {
    expect(reading(text)).toEqual({
      form: 'tiers', tiers: [{ label: '好', from: '0.8', to: '1' }, { label: '中', from: '0.6', to: '0.8' }, { label: '差', from: '0', to: '0.6' }],
    });
    expect(reading('分三档')).toEqual({ form: 'tiers', tiers: [{ from: '0.8', to: '1' }, { from: '0.6', to: '0.8' }, { from: '0', to: '0.6' }] });
  });
  it.each([
    ['好', '8.5', { mid: '8.5', lo: '8', hi: '10', expected: '8–10', ambiguous: false }],
    ['好', '7', { mid: '8', lo: '8', hi: '10', expected: '8–10', ambiguous: false }],
    ['一般', '7', { mid: '7', lo: '6', hi: '8', expected: '6–8', ambiguous: false }],
    ['基本达到', '9', { mid: '8', lo: '6', hi: '8', expected: '6–8', ambiguous: false }],
    ['差', '5', { mid: '5', lo: '0', hi: '6', expected: '0–6', ambiguous: false }],
    ['未达到', '6.5', { mid: '6', lo: '0', hi: '6', expected: '0–6', ambiguous: false }],
    // 较好 lies between 好 and 中: either tier
    ['较好', '7', { mid: '7', lo: '6', hi: '10', expected: '6–10', ambiguous: false }],
    // a word that is no tier's: every tier
    ['保障', '3', { mid: '3', lo: '0', hi: '10', expected: '0–10', ambiguous: false }],
  ])('%s, score %s', (word, score, want) => {
    expect(recomputed(text, { weight: '10', score, word })).toEqual(want);
  });
  it('the national template note (财预〔2020〕10号 自评表 填表说明, as usually reprinted; not in the corpus)', () => {
    const t = '根据指标完成情况分为：达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差三档，分别按照该指标对应分值区间100-80%（含）、80-60%（含）、60-0%合理确定分值';
    expect(reading(t)).toEqual({ form: 'tiers', tiers: [{ from: '0.8', to: '1' }, { from: '0.6', to: '0.8' }, { from: '0', to: '0.6' }] });
    expect(recomputed(t, { weight: '15', score: '11', word: '达到' })).toEqual({ mid: '12', lo: '12', hi: '15', expected: '12–15', ambiguous: false });
  });
  it('without a stated score there is nothing to compare', () => {
    expect(recomputed(text, { weight: '10', word: '好' })).toBeUndefined();
  });
});

describe('scoreByReading', () => {
  it('returns each reading by name', () => {
    const r = readRuleText('每低于5%扣2分') as RuleReading;
    const out = scoreByReading(r, { weight: fig('10'), measured: fig('87%'), target: fig('≥95%') }, config.tolerance);
    expect(out?.scores?.map((s) => [s.reading, s.quantity.mid.toString()])).toEqual([['pro-rata', '6.8'], ['whole-steps', '8']]);
  });
});
