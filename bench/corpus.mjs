#!/usr/bin/env node
/**
 * Deterministic generator of synthetic `jixiao/1` evaluation reports for the benchmark.
 *
 * Same seed and count → byte-identical files and manifest. Every file has its own PRNG stream
 * (mulberry32 seeded from the corpus seed and the file's index), so file N does not depend on how
 * many files come before it. All arithmetic is on integers (weights in points, scores and
 * deductions in tenths of a point, money in hundredths of 万元, rates in hundredths of a percent)
 * and only formatted at the end, so a clean file draws no finding at all.
 *
 * Faults are injected into a deterministic subset of files; `expected.json` lists exactly the
 * findings (file, ruleId, path, severity) they are expected to yield.
 *
 * Usage: node bench/corpus.mjs --out DIR [--count 200] [--seed 20240601] [--variant clean|dense]
 *   writes DIR/files/*.yaml, DIR/expected.json and DIR/corpus.json (the marker).
 * `generateReport` (for bench/lsp.mjs) gives one clean report of a chosen size instead.
 */
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const GENERATOR_VERSION = 2;
export const DEFAULT_SEED = 20240601;

// ---------------------------------------------------------------------------------------------
// PRNG

export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fileSeed(seed, index) {
  let h = (seed >>> 0) ^ Math.imul(index + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function rng(seed) {
  const next = mulberry32(seed);
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** k distinct elements of list, in list order. */
    sample: (list, k) => {
      const idx = list.map((_, i) => i);
      for (let i = idx.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [idx[i], idx[j]] = [idx[j], idx[i]];
      }
      return idx.slice(0, k).sort((a, b) => a - b).map((i) => list[i]);
    },
    /** total split into n integer parts, each at least min. */
    split: (total, n, min) => {
      const parts = new Array(n).fill(min);
      let rest = total - n * min;
      if (rest < 0) throw new Error(`cannot split ${total} into ${n} parts of at least ${min}`);
      while (rest > 0) {
        parts[Math.floor(next() * n)] += 1;
        rest -= 1;
      }
      return parts;
    },
  };
  return r;
}

// ---------------------------------------------------------------------------------------------
// Exact formatting (integers in, fixed decimals out)

const pad2 = (n) => String(n).padStart(2, '0');
/** tenths of a point → "3", "1.8" (as a transcriber would copy a score). */
const tenths = (t) => (t % 10 === 0 ? String(t / 10) : `${Math.trunc(t / 10)}.${t % 10}`);
/** tenths → always one decimal ("93.0"), for the overall result. */
const tenths1 = (t) => `${Math.trunc(t / 10)}.${t % 10}`;
/** hundredths → "248.19". */
const hundredths = (h) => `${Math.trunc(h / 100)}.${pad2(h % 100)}`;
/** hundredths of a percent → "97.03%". */
const pct = (h) => `${hundredths(h)}%`;
/** round-half-up of a / b for non-negative integers. */
const divRound = (a, b) => Math.floor((2 * a + b) / (2 * b));
/** rate of a score (tenths) over a weight (points), in hundredths of a percent. */
const rateOf = (scoreTenths, weight) => divRound(scoreTenths * 1000, weight);

const GRADE_BANDS = [['优', 900], ['良', 800], ['中', 600], ['差', 0]]; // min in tenths
const gradeOf = (t) => GRADE_BANDS.find(([, min]) => t >= min)[0];

// ---------------------------------------------------------------------------------------------
// Vocabulary (indicator system of 财预〔2020〕10号 style department evaluations)

const TREE = [
  {
    name: '决策', weight: [15, 20], seconds: [
      { name: '项目立项', leaves: ['立项依据充分性', '立项程序规范性'], take: [1, 2] },
      { name: '绩效目标', leaves: ['绩效目标合理性', '绩效指标明确性'], take: [1, 2] },
      { name: '资金投入', leaves: ['预算编制科学性', '资金分配合理性'], take: [1, 2] },
    ], takeSeconds: [2, 3],
  },
  {
    name: '过程', weight: [15, 20], seconds: [
      { name: '资金管理', leaves: ['资金到位率', '预算执行率', '资金使用合规性'], take: [2, 2] },
      { name: '组织实施', leaves: ['管理制度健全性', '制度执行有效性', '档案资料完整性'], take: [1, 2] },
    ], takeSeconds: [2, 2],
  },
  {
    name: '产出', weight: [32, 40], seconds: [
      { name: '产出数量', leaves: ['实际完成率', '热线受理量完成率', '培训人次完成率', '设备采购数量达标率'], take: [1, 2] },
      { name: '产出质量', leaves: ['质量达标率', '验收合格率', '平台正常运行率', '系统故障修复率'], take: [1, 2] },
      { name: '产出时效', leaves: ['完成及时性', '资金拨付及时率', '诉求处置及时率'], take: [1, 2] },
      { name: '产出成本', leaves: ['成本节约率', '成本控制率'], take: [1, 1] },
    ], takeSeconds: [3, 4],
  },
  {
    name: '效益', weight: null, seconds: [
      { name: '社会效益', leaves: ['群众诉求解决率', '政务服务水平提升', '社会关注问题回应度'], take: [1, 2] },
      { name: '经济效益', leaves: ['节约行政运行成本', '带动社会投资效果'], take: [1, 1] },
      { name: '生态效益', leaves: ['环境卫生改善程度', '节能减排效果'], take: [1, 1] },
      { name: '可持续影响', leaves: ['长效管理机制健全性', '运维保障持续性'], take: [1, 1] },
      { name: '满意度', leaves: ['服务对象满意度', '社会公众满意度'], take: [1, 2] },
    ], takeSeconds: [2, 3], mustHave: ['满意度'],
  },
];

const CITIES = ['郑州市', '洛阳市', '开封市', '新乡市', '许昌市', '南阳市', '枣庄市', '济宁市', '临沂市', '潍坊市', '襄阳市', '宜昌市', '株洲市', '衡阳市', '赣州市', '九江市'];
const TOPICS = [
  // [project, implementing unit (实施单位), competent department (主管部门)]
  ['12345政务服务便民热线运行保障', '政务服务便民热线中心', '政务服务和大数据管理局'],
  ['城市管理数字化平台升级改造', '数字化城市管理监督中心', '城市管理局'],
  ['农村人居环境整治提升', '农村人居环境服务中心', '农业农村局'],
  ['老旧小区改造配套基础设施', '城市更新服务中心', '住房和城乡建设局'],
  ['公共文化服务体系建设', '群众艺术馆', '文化广电和旅游局'],
  ['中小学校舍维修改造', '教育技术装备中心', '教育局'],
  ['基层医疗卫生机构能力提升', '基层卫生服务指导中心', '卫生健康委员会'],
  ['城市道路照明设施维护', '城市照明管理所', '城市管理局'],
  ['就业创业培训补贴', '公共就业和人才服务中心', '人力资源和社会保障局'],
  ['河道水环境综合治理', '河道管理处', '水利局'],
  ['智慧交通信号控制系统建设', '交通管理科技中心', '公安局'],
  ['养老服务体系建设补助', '社会福利服务中心', '民政局'],
];
const EVALUATORS = [
  ['department', (t) => t.authority],
  ['finance', (t) => `${t.city}财政局`],
  ['third-party', (t) => `${t.city.replace(/市$/, '')}正信会计师事务所有限公司`],
];

const EXPLANATION = {
  立项依据充分性: '项目立项是否符合法律法规、相关政策、发展规划以及部门职责，用以反映和考核项目立项依据情况。',
  立项程序规范性: '项目申请、设立过程是否符合相关要求，用以反映和考核项目立项的规范情况。',
  绩效目标合理性: '项目所设定的绩效目标是否依据充分，是否符合客观实际，用以反映和考核项目绩效目标与项目实施的相符情况。',
  绩效指标明确性: '依据绩效目标设定的绩效指标是否清晰、细化、可衡量等，用以反映和考核项目绩效目标的明细化情况。',
  预算编制科学性: '项目预算编制是否经过科学论证、有明确标准，资金额度与年度目标是否相适应。',
  资金分配合理性: '项目预算资金分配是否有测算依据，与补助单位或地方实际是否相适应。',
  资金到位率: '实际到位资金与预算资金的比率，用以反映和考核资金落实情况对项目实施的总体保障程度。',
  预算执行率: '项目预算资金是否按照计划执行，用以反映或考核项目预算执行情况。',
  资金使用合规性: '项目资金使用是否符合相关的财务管理制度规定，用以反映和考核项目资金的规范运行情况。',
  管理制度健全性: '项目实施单位的财务和业务管理制度是否健全，用以反映和考核财务和业务管理制度对项目顺利实施的保障情况。',
  制度执行有效性: '项目实施是否符合相关管理规定，用以反映和考核相关管理制度的有效执行情况。',
  档案资料完整性: '项目合同书、验收报告、技术鉴定等资料是否齐全并及时归档。',
};
// 指标解释 is printed for the common 决策 / 过程 indicators only (产出 / 效益 rows carry targets instead)
const explanationOf = (name) => EXPLANATION[name];

const REASONS = [
  '部分佐证资料不完整，无法准确反映指标完成情况',
  '实际完成值未达到年度绩效目标确定的指标值',
  '指标值设置不够细化、量化，可衡量性不足',
  '资金拨付存在滞后，个别合同付款超出约定时限',
  '部分制度执行记录缺失，过程管理不够规范',
  '项目验收资料归档不及时，个别环节手续不齐全',
  '未开展成本效益分析，成本控制依据不充分',
  '问卷样本量偏少，调查结果代表性不足',
];
const EVIDENCE_OK = [
  '经核查项目相关资料，该指标完成情况符合要求。',
  '根据项目实施单位提供的合同、验收报告等资料，该指标已按计划完成。',
  '经现场调研及查阅台账，相关工作落实到位，未发现问题。',
  '项目资料齐全，程序规范，达到年度绩效目标要求。',
];
const EVIDENCE_LOST = [
  '经核查，该指标存在不足：',
  '评价组现场核查发现：',
  '根据项目资料分析，',
];

// ---------------------------------------------------------------------------------------------
// Model

/** The third-level indicators with their parents and their path (first, second, third level index). */
const leavesOf = (roots) => {
  const leaves = [];
  roots.forEach((root, i) => root.children.forEach((sec, k) => sec.children.forEach((leaf, j) => leaves.push({ leaf, sec, root, path: [i, k, j] }))));
  return leaves;
};

/** Points lost per leaf (tenths): a `severity` share of the leaves lose up to `depth` of their weight. */
function drawLosses(r, leaves, severity, depth) {
  for (const { leaf } of leaves) {
    const max = leaf.weight * 10;
    let lost = 0;
    if (r.chance(severity)) lost = Math.max(1, Math.round(max * depth * r.next()));
    leaf.lost = lost;
  }
}

/** Leaves with extra cells (execution rate, satisfaction rule, per-failure rule); sets every leaf's score. */
function applyCells(r, leaves, execRate) {
  for (const { leaf } of leaves) {
    if (leaf.name === '预算执行率') {
      leaf.target = '≥95%';
      leaf.actual = pct(execRate);
      if (execRate < 9500 && leaf.lost === 0) leaf.lost = Math.min(leaf.weight * 10 - 1, Math.max(1, Math.ceil((9500 - execRate) / 100)));
    }
    if (leaf.name === '资金到位率') {
      leaf.target = '100%';
      leaf.actual = '100%';
      leaf.lost = 0;
    }
    if (leaf.name.endsWith('满意度')) {
      // linear rule: full marks at 90%, 0.5 points off per percentage point below
      const steps = Math.ceil(leaf.lost / 5);
      leaf.lost = Math.min(steps * 5, leaf.weight * 10);
      if (leaf.lost === leaf.weight * 10) leaf.lost = 0;
      const measured = leaf.lost === 0 ? 9000 + r.int(0, 850) : 9000 - (leaf.lost / 5) * 100; // hundredths of a percent
      leaf.target = '≥90%';
      leaf.actual = pct(measured);
      leaf.rule = { text: '满意度达到90%（含）以上的得满分，每降低1个百分点扣0.5分，扣完为止', kind: 'linear', full_at: '90%', per_step: '0.5' };
    }
    if (leaf.name === '管理制度健全性' || leaf.name === '资金使用合规性') {
      // per-failure rule: 0.5 points per failing item
      const failures = Math.ceil(leaf.lost / 5);
      leaf.lost = Math.min(failures * 5, leaf.weight * 10);
      leaf.rule = { text: '发现一项不符合要求的扣0.5分，扣完为止', kind: 'per-failure', per_failure: '0.5', failures: leaf.lost / 5 };
    }
    leaf.score = leaf.weight * 10 - leaf.lost;
  }
}

/** Second- and first-level scores as sums of their children; returns the total (tenths). */
function sumUp(roots) {
  for (const root of roots) {
    for (const sec of root.children) sec.score = sec.children.reduce((a, l) => a + l.score, 0);
    root.score = root.children.reduce((a, s) => a + s.score, 0);
  }
  return roots.reduce((a, x) => a + x.score, 0);
}

/** Reasons for lost points, evidence, explanations. */
function describe(r, leaves, execRate) {
  for (const { leaf } of leaves) {
    if (leaf.lost > 0) {
      leaf.reason = leaf.name === '预算执行率' && execRate < 9500 ? `预算执行率${pct(execRate)}，未达到设定的指标值` : r.pick(REASONS);
      leaf.evidence = `${r.pick(EVIDENCE_LOST)}${leaf.reason}，扣${tenths(leaf.lost)}分。`;
    } else {
      leaf.evidence = r.pick(EVIDENCE_OK);
    }
    leaf.explanation = explanationOf(leaf.name);
  }
}

/** Plans a clean report; `plan` may force a shape a fault needs (a sibling pair, a deduction). */
function buildModel(r, index, seed, plan) {
  const city = r.pick(CITIES);
  const [topic, unit, authorityName] = r.pick(TOPICS);
  const year = r.int(2021, 2024);
  const t = { city, topic, year, department: `${city}${unit}`, authority: `${city}${authorityName}` };
  const evaluatorEntry = r.pick(EVALUATORS);
  const evaluator = { type: evaluatorEntry[0], name: evaluatorEntry[1](t) };

  // money, in hundredths of 万元
  const planned = r.int(5000, 300000);
  const adjusted = r.chance(0.7) ? planned : planned + r.int(-Math.floor(planned / 10), Math.floor(planned / 10));
  const spent = r.chance(0.25) ? adjusted : adjusted - r.int(0, Math.floor(adjusted * 0.15));
  const execRate = divRound(spent * 10000, adjusted); // hundredths of a percent
  const budget = { planned, adjusted, received: adjusted, spent, execRate, receivedRate: 10000 };

  // first-level weights
  const w1 = r.int(...TREE[0].weight);
  const w2 = r.int(...TREE[1].weight);
  const w3 = r.int(...TREE[2].weight);
  const w4 = 100 - w1 - w2 - w3;
  const firstWeights = [w1, w2, w3, w4];

  const severity = 0.15 + r.next() * 0.5; // share of leaves that lose points
  const depth = 0.2 + r.next() * 0.4; // how deep a deduction goes, as a share of the weight

  const roots = TREE.map((def, i) => {
    let nSec = r.int(...def.takeSeconds);
    let secs = r.sample(def.seconds, nSec);
    for (const must of def.mustHave ?? []) {
      if (!secs.some((s) => s.name === must)) secs = [...secs.slice(1), def.seconds.find((s) => s.name === must)];
    }
    secs = def.seconds.filter((s) => secs.includes(s)); // keep the canonical order
    const leafLists = secs.map((s) => r.sample(s.leaves, r.int(...s.take)));
    const nLeaves = leafLists.reduce((a, l) => a + l.length, 0);
    // weight per second-level in proportion to its leaves, each leaf at least 2 points
    const secWeights = r.split(firstWeights[i] - 2 * nLeaves, secs.length, 0).map((extra, k) => extra + 2 * leafLists[k].length);
    const children = secs.map((s, k) => {
      const leafWeights = r.split(secWeights[k], leafLists[k].length, 2);
      return {
        name: s.name,
        weight: secWeights[k],
        children: leafLists[k].map((name, j) => ({ name, weight: leafWeights[j] })),
      };
    });
    return { name: def.name, weight: firstWeights[i], children };
  });

  const leaves = leavesOf(roots);

  // scores (tenths)
  drawLosses(r, leaves, severity, depth);
  // shapes a fault needs
  if (plan.forceLoss) {
    const { path, min } = plan.forceLoss(leaves);
    const entry = leaves.find((e) => e.path.join() === path.join());
    if (entry.leaf.lost < min) entry.leaf.lost = Math.min(min, entry.leaf.weight * 10 - 1);
  }
  applyCells(r, leaves, execRate);
  // plan again after the rules rounded the losses (the fault's leaf keeps what it needs)
  if (plan.forceLoss) {
    const { path, min } = plan.forceLoss(leaves);
    const entry = leaves.find((e) => e.path.join() === path.join());
    if (entry.leaf.lost < min) throw new Error(`file ${index}: planned leaf lost ${entry.leaf.lost} < ${min}`);
  }
  const total = sumUp(roots);
  const totalLost = 1000 - total;
  describe(r, leaves, execRate);
  // some narrative second-level rates
  for (const root of roots) for (const sec of root.children) sec.showRate = r.chance(0.4);

  const id = `bench-${seed}-${String(index + 1).padStart(5, '0')}`;
  return {
    id, city, topic, year, department: t.department, authority: t.authority, evaluator,
    budget, roots, leaves, total, totalLost, grade: gradeOf(total),
  };
}

// ---------------------------------------------------------------------------------------------
// YAML writer

function emit(m) {
  const L = [];
  const push = (s) => L.push(s);
  const b = m.budget;
  const name = `${m.year}年${m.city}${m.topic}专项资金`;
  const nSec = m.roots.reduce((a, x) => a + x.children.length, 0);
  const nLeaf = m.leaves.length;

  push(`# ${m.department} ${m.year} 年${m.topic}专项资金项目绩效评价报告（合成数据，基准测试用）`);
  push('format: jixiao/1');
  push('kind: evaluation');
  push('source:');
  push(`  document: synthetic-${m.id}.txt`);
  push(`  section: ${m.department}${m.year}年${m.topic}专项资金项目绩效评价报告`);
  push('project:');
  push(`  id: ${m.id}`);
  push(`  name: ${name}`);
  push(`  department: ${m.department}`);
  push(`  authority: ${m.authority}`);
  push(`  year: ${m.year}`);
  push('  scope: project');
  push(`evaluator: { type: ${m.evaluator.type}, name: ${m.evaluator.name} }`);
  push('unit: 万元');
  push('');
  push('budget:');
  push(`  planned: ${hundredths(b.planned)}`);
  push(`  adjusted: ${hundredths(b.adjusted)}`);
  push(`  received: ${hundredths(b.received)}`);
  push(`  spent: ${hundredths(b.spent)}`);
  push(`  execution_rate: ${pct(b.execRate)}`);
  push(`  received_rate: ${pct(b.receivedRate)}`);
  push('');
  push('funds:');
  push(`  total: { planned: ${hundredths(b.planned)}, adjusted: ${hundredths(b.adjusted)}, spent: ${hundredths(b.spent)}, rate: ${pct(b.execRate)} }`);
  push('  rows:');
  push(`    - { name: 政府预算资金, planned: ${hundredths(b.planned)}, adjusted: ${hundredths(b.adjusted)}, spent: ${hundredths(b.spent)}, rate: ${pct(b.execRate)} }`);
  push('    - { name: 财政专户管理资金, planned: 0.00, adjusted: 0.00, spent: 0.00, rate: 0.00% }');
  push('    - { name: 单位资金, planned: 0.00, adjusted: 0.00, spent: 0.00, rate: 0.00% }');
  push('');
  push('goal:');
  push(`  planned: ${m.year} 年度绩效目标：按期完成${m.topic}各项任务，提升公共服务质量和效率，确保资金使用规范、安全、有效，服务对象满意度达到90%以上。`);
  push('  achieved: 项目按计划实施，主要产出指标基本完成，部分指标未达到年度目标值。');
  push('');
  push(`result: { score: ${tenths1(m.total)}, rate: ${pct(m.total * 10)}, grade: ${m.grade} }`);
  push('');
  push('grading:');
  push('  text: 总分在 90（含）-100 分为“优”；总分在 80（含）—90 分为“良”；总分在 60（含）-80 分为“中”；总分在 60 分以下为“差”。');
  push('  bands: [ { grade: 优, min: 90 }, { grade: 良, min: 80 }, { grade: 中, min: 60 }, { grade: 差, min: 0 } ]');
  push('');
  push('scorecards:');
  // summary
  push('  - id: summary');
  push('    title: 绩效评价分值表');
  push('    source: 三、综合评价情况及评价结论 — 绩效评价分值表');
  push('    role: summary');
  push('    level: 1');
  push('    indicators:');
  for (const root of m.roots) push(`      - { name: ${root.name}, weight: ${root.weight}, score: ${tenths(root.score)}, rate: ${pct(root.rate ?? rateOf(root.score, root.weight))} }`);
  push(`    total: { weight: 100, score: ${tenths1(m.total)}, rate: ${pct(m.total * 10)} }`);
  push('');
  if (m.narrative !== false) {
    emitNarrative(push, { id: 'narrative', title: '绩效评价指标分析', source: '四、绩效评价指标分析' }, m.roots);
    push('');
  }
  emitScoring(push, { id: 'scoring', title: '绩效评价打分表', source: '附：绩效评价打分表' }, m.roots, m.total);
  for (const sub of m.subprojects ?? []) {
    push('');
    if (m.narrative !== false) {
      emitNarrative(push, { id: `narrative-${sub.k}`, title: `${sub.name}绩效评价指标分析`, source: `五、(${sub.k}) ${sub.name}绩效评价指标分析` }, sub.roots);
      push('');
    }
    emitScoring(push, { id: `scoring-${sub.k}`, title: `${sub.name}绩效评价打分表`, source: `附${sub.k}：${sub.name}绩效评价打分表` }, sub.roots, sub.total);
  }
  push('');
  push('claims:');
  const cards = m.narrative === false ? '[scoring]' : '[scoring, narrative]';
  const claimText = `将“决策、过程、产出、效益”四个一级指标对应的 ${nSec} 个二级指标，按照其指标特性分解为 ${nLeaf} 个三级指标`;
  push(`  - text: ${claimText}`);
  push('    source: 二、(二)1(1)');
  push('    count: 4');
  push('    items: [决策, 过程, 产出, 效益]');
  push('    scorecards: [scoring, narrative]');
  push('    level: 1');
  push(`  - text: ${claimText}`);
  push('    source: 二、(二)1(1)');
  push(`    count: ${nSec}`);
  push('    scorecards: [scoring, narrative]');
  push('    level: 2');
  push(`  - text: ${claimText}`);
  push('    source: 二、(二)1(1)');
  push(`    count: ${nLeaf}`);
  push('    scorecards: [scoring, narrative]');
  push('    level: 3');
  push('');
  push('statements:');
  push(`  - text: 项目预算资金 ${hundredths(b.adjusted)} 万元，实际支出资金 ${hundredths(b.spent)} 万元，预算执行率 ${pct(b.execRate)}。`);
  push('    source: 一、(一)2 资金预算及使用情况');
  push('    figures:');
  push(`      - { value: ${hundredths(b.adjusted)}万元, refers: budget.adjusted }`);
  push(`      - { value: ${hundredths(b.spent)}万元, refers: budget.spent }`);
  push(`      - { value: ${pct(b.execRate)}, refers: budget.execution_rate }`);
  push(`  - text: 本次项目绩效评价得分为 ${tenths1(m.total)} 分，得分率 ${pct(m.total * 10)}，本项目绩效等级为“${m.grade}”。`);
  push('    source: 三、综合评价情况及评价结论');
  push('    figures:');
  push(`      - { value: ${tenths1(m.total)}分, refers: result.score }`);
  push(`      - { value: ${pct(m.total * 10)}, refers: result.rate }`);
  push(`      - { value: ${m.grade}, refers: result.grade }`);
  const output = m.roots[2];
  push(`  - text: 产出指标共设分值 ${output.weight} 分，评价得分 ${tenths(output.score)} 分。`);
  push('    source: 四、(三) 项目产出情况');
  push('    figures:');
  push(`      - { value: ${output.weight}分, refers: scorecards.summary.indicators.产出.weight }`);
  push(`      - { value: ${tenths(output.score)}分, refers: scorecards.summary.indicators.产出.score }`);
  if (b.adjusted > b.spent) {
    push(`  - text: 该项目未超出预算成本，实际节约 ${hundredths(b.adjusted - b.spent)} 万元。`);
    push('    source: 四、(三)4 产出成本');
    push('    figures:');
    push(`      - { value: ${hundredths(b.adjusted - b.spent)}万元, equals: { difference: [budget.adjusted, budget.spent] } }`);
  }
  for (const sub of m.subprojects ?? []) {
    push(`  - text: ${sub.name}评价得分 ${tenths1(sub.total)} 分，扣 ${tenths(1000 - sub.total)} 分。`);
    push(`    source: 五、(${sub.k}) ${sub.name}`);
    push('    figures:');
    push(`      - { value: ${tenths1(sub.total)}分, refers: scorecards.scoring-${sub.k}.total.score }`);
    push(`      - { value: ${tenths(1000 - sub.total)}分, refers: scorecards.scoring-${sub.k}.total.deduction }`);
  }
  return L;
}

/** A narrative card: weights and scores on every level, some second-level rates, evidence. */
function emitNarrative(push, card, roots) {
  push(`  - id: ${card.id}`);
  push(`    title: ${card.title}`);
  push(`    source: ${card.source}`);
  push('    role: narrative');
  push('    level: 1');
  push('    indicators:');
  for (const root of roots) {
    push(`      - name: ${root.name}`);
    push(`        weight: ${root.weight}`);
    push(`        score: ${tenths(root.score)}`);
    push('        children:');
    for (const sec of root.children) {
      push(`          - name: ${sec.name}`);
      push(`            weight: ${sec.weight}`);
      push(`            score: ${tenths(sec.narrativeScore ?? sec.score)}`);
      if (sec.showRate) push(`            rate: ${pct(rateOf(sec.score, sec.weight))}`);
      push('            children:');
      for (const leaf of sec.children) {
        push(`              - { name: ${leaf.name}, weight: ${leaf.narrativeWeight ?? leaf.weight}, score: ${tenths(leaf.narrativeScore ?? leaf.score)}, evidence: ${leaf.evidence} }`);
      }
    }
  }
}

/** A scoring card: weights on every level; leaves with deductions, scores, targets, reasons, rules; the total row. */
function emitScoring(push, card, roots, total) {
  push(`  - id: ${card.id}`);
  push(`    title: ${card.title}`);
  push(`    source: ${card.source}`);
  push('    role: scoring');
  push('    level: 1');
  push('    indicators:');
  for (const root of roots) {
    push(`      - name: ${root.name}`);
    push(`        weight: ${root.weight}`);
    push('        children:');
    for (const sec of root.children) {
      push(`          - name: ${sec.name}`);
      push(`            weight: ${sec.weight}`);
      push('            children:');
      for (const leaf of sec.children) {
        push(`              - name: ${leaf.name}`);
        push(`                weight: ${leaf.weight}`);
        if (leaf.lost > 0) push(`                deduction: ${tenths(leaf.deduction ?? leaf.lost)}`);
        push(`                score: ${tenths(leaf.score)}`);
        if (leaf.target) push(`                target: ${leaf.target}`);
        if (leaf.actual) push(`                actual: ${leaf.actual}`);
        if (leaf.reason) push(`                reason: ${leaf.reason}`);
        if (leaf.explanation) push(`                explanation: ${leaf.explanation}`);
        if (leaf.rule) {
          push('                rule:');
          push(`                  text: ${leaf.rule.text}`);
          push(`                  kind: ${leaf.rule.kind}`);
          if (leaf.rule.kind === 'linear') {
            push(`                  full_at: ${leaf.rule.full_at}`);
            push(`                  per_step: ${leaf.rule.per_step}`);
          } else {
            push(`                  per_failure: ${leaf.rule.per_failure}`);
            push(`                  failures: ${leaf.rule.failures}`);
          }
        }
      }
    }
  }
  push(`    total: { weight: 100, deduction: ${tenths(1000 - total)}, score: ${tenths1(total)} }`);
}

// ---------------------------------------------------------------------------------------------
// Faults

const CARD = { summary: 0, narrative: 1, scoring: 2 };
const indPath = (card, [i, k, j]) => {
  let p = `scorecards[${CARD[card]}].indicators[${i}]`;
  if (k !== undefined) p += `.children[${k}]`;
  if (j !== undefined) p += `.children[${j}]`;
  return p;
};

/**
 * The fault kinds. `plan` may force a shape before the scores are fixed; `inject` edits the model
 * (or the emitted lines) and returns the findings the fault should yield.
 */
export const FAULTS = {
  /** A narrative third-level score lowered by 0.5: its second-level parent no longer adds up. */
  'children-score': {
    inject(m, r) {
      const eligible = m.leaves.filter((e) => e.leaf.score >= 10);
      const e = eligible[Math.floor(r.next() * eligible.length)];
      e.leaf.narrativeScore = e.leaf.score - 5;
      return [{ ruleId: 'sums/children-score', path: `${indPath('narrative', e.path.slice(0, 2))}.score`, severity: 'error' }];
    },
  },
  /** A first-level rate of the summary card off by one percentage point. */
  'stated-rate': {
    inject(m, r) {
      const i = r.int(0, 3);
      const root = m.roots[i];
      const right = rateOf(root.score, root.weight);
      root.rate = right + 100 <= 10000 ? right + 100 : right - 100;
      return [{ ruleId: 'grades/stated-rate', path: `${indPath('summary', [i])}.rate`, severity: 'error' }];
    },
  },
  /** The overall grade (result and the sentence restating it) one band off the score. */
  'grade-band': {
    inject(m) {
      m.grade = m.grade === '优' ? '良' : '优';
      return [{ ruleId: 'grades/grade-band', path: 'result.grade', severity: 'error' }];
    },
  },
  /**
   * One point of weight moved between two sibling third-level indicators of the narrative card
   * (sums stay right; the leaf that gives the point lost at least 1 point, so no score exceeds its
   * weight): both differ from their twins in the scoring card.
   */
  'twin-weight': {
    inject(m) {
      const { path } = m.twinPlan;
      const sec = m.roots[path[0]].children[path[1]];
      const a = sec.children[path[2]];
      const bIndex = path[2] === 0 ? 1 : 0;
      const b2 = sec.children[bIndex];
      a.narrativeWeight = a.weight - 1;
      b2.narrativeWeight = b2.weight + 1;
      const pa = [path[0], path[1], path[2]];
      const pb = [path[0], path[1], bIndex];
      return [pa, pb]
        .sort((x, y) => x[2] - y[2])
        .map((p) => ({ ruleId: 'weights/twin-weight', path: `${indPath('scoring', p)}.weight`, severity: 'error' }));
    },
  },
  /** A scoring-card deduction 0.5 larger than weight − score. */
  'deduction': {
    inject(m, r) {
      const eligible = m.leaves.filter((e) => e.leaf.lost > 0);
      const e = eligible[Math.floor(r.next() * eligible.length)];
      e.leaf.deduction = e.leaf.lost + 5;
      return [{ ruleId: 'sums/deduction', path: `${indPath('scoring', e.path)}.deduction`, severity: 'error' }];
    },
  },
};
export const FAULT_KINDS = Object.keys(FAULTS);

/**
 * Which fault a file (0-based index) gets: every 100th file from the 51st a YAML syntax error,
 * else every 7th file a semantic fault (the kinds in turn).
 */
export function faultOf(index) {
  const n = index + 1;
  if (n % 100 === 51) return ((n - 51) / 100) % 2 === 0 ? 'yaml-unclosed-flow' : 'yaml-duplicate-key';
  if (n % 7 === 0) return FAULT_KINDS[(n / 7 - 1) % FAULT_KINDS.length];
  return null;
}

/**
 * YAML errors (found by experiment: js-yaml fails, the tolerant parser recovers the rest of the
 * document, and nothing else fires):
 * - `yaml-unclosed-flow`: the `funds.total` flow mapping loses its closing brace → one
 *   `parse/unclosed` (placed at the opening brace; before the parse-problem ids were settled in
 *   issue 3 this was the `yaml` package's `parse/bad-indent`);
 * - `yaml-duplicate-key`: `unit:` written twice → one `parse/duplicate-key` ("Map keys must be unique").
 * Parse findings carry no document path.
 */
const SYNTAX = {
  'yaml-unclosed-flow': (lines) => {
    const at = lines.findIndex((l) => l.startsWith('  total: { planned:'));
    lines[at] = lines[at].replace(/ \}$/, '');
    return [{ ruleId: 'parse/unclosed', path: null, severity: 'error' }];
  },
  'yaml-duplicate-key': (lines) => {
    const at = lines.findIndex((l) => l.startsWith('unit: '));
    lines.splice(at + 1, 0, 'unit: 元');
    return [{ ruleId: 'parse/duplicate-key', path: null, severity: 'error' }];
  },
};

// ---------------------------------------------------------------------------------------------
// One file, the corpus

export function generateFile(seed, index) {
  const r = rng(fileSeed(seed, index));
  const fault = faultOf(index);
  const plan = {};
  let twinPlan = null;
  if (fault === 'twin-weight') {
    // a third-level indicator with a sibling, that will lose at least one point
    plan.forceLoss = (leaves) => {
      if (!twinPlan) {
        const withSibling = leaves.filter((e) => e.sec.children.length >= 2 && !e.leaf.name.endsWith('满意度') && e.leaf.name !== '资金到位率');
        twinPlan = { path: withSibling[Math.floor(r.next() * withSibling.length)].path };
      }
      return { path: twinPlan.path, min: 10 };
    };
  }
  if (fault === 'deduction') {
    plan.forceLoss = (leaves) => {
      if (!twinPlan) twinPlan = { path: leaves.find((e) => e.leaf.name !== '资金到位率').path };
      return { path: twinPlan.path, min: 5 };
    };
  }
  const m = buildModel(r, index, seed, plan);
  m.twinPlan = twinPlan;
  let expected = [];
  if (fault && FAULTS[fault]) expected = FAULTS[fault].inject(m, r);
  const lines = emit(m);
  if (fault && SYNTAX[fault]) expected = SYNTAX[fault](lines);
  const name = `eval-${String(index + 1).padStart(5, '0')}.yaml`;
  return { name, text: `${lines.join('\n')}\n`, fault, expected: expected.map((f) => ({ file: name, ...f })) };
}

/**
 * The dense variant (`--variant dense`): every file carries 10–20 findings of four rules, from
 * faults that cannot meet — the overall grade one band off (grades/grade-band), the stated rates of
 * two first-level indicators off by a point (grades/stated-rate), a narrative third-level score
 * lowered under up to three different second-level parents (sums/children-score, one per parent),
 * and deductions larger than weight − score on distinct scoring-card leaves (sums/deduction, one
 * each) to make up the file's count (topped up, when a file has too few deductions, by the other
 * two stated rates and more parents). No YAML faults: a file with schema or syntax problems is
 * measured by the clean corpus's own.
 */
export function generateDenseFile(seed, index) {
  const r = rng(fileSeed(seed, index));
  const m = buildModel(r, index, seed, {});
  const f = rng((fileSeed(seed, index) ^ 0x5bd1e995) >>> 0);
  const want = f.int(10, 20);
  const expected = [...FAULTS['grade-band'].inject(m, f)];
  const order = [0, 1, 2, 3].sort(() => f.next() - 0.5);
  const statedRate = (i) => {
    const root = m.roots[i];
    const right = rateOf(root.score, root.weight);
    root.rate = right + 100 <= 10000 ? right + 100 : right - 100;
    expected.push({ ruleId: 'grades/stated-rate', path: `${indPath('summary', [i])}.rate`, severity: 'error' });
  };
  for (const i of order.slice(0, 2)) statedRate(i);
  const parents = new Set();
  const childrenScore = (limit, skip) => {
    for (const e of m.leaves) {
      if (parents.size >= limit || expected.length >= want) return;
      const key = `${e.path[0]}.${e.path[1]}`;
      if (e.leaf.score < 10 || parents.has(key) || f.next() < skip) continue;
      parents.add(key);
      e.leaf.narrativeScore = e.leaf.score - 5;
      expected.push({ ruleId: 'sums/children-score', path: `${indPath('narrative', e.path.slice(0, 2))}.score`, severity: 'error' });
    }
  };
  childrenScore(3, 0.5);
  for (const e of m.leaves.filter((x) => x.leaf.lost > 0)) {
    if (expected.length >= want) break;
    e.leaf.deduction = e.leaf.lost + 5;
    expected.push({ ruleId: 'sums/deduction', path: `${indPath('scoring', e.path)}.deduction`, severity: 'error' });
  }
  // Too few deductions to make up the count: the other two stated rates, then more parents.
  for (const i of order.slice(2)) if (expected.length < want) statedRate(i);
  childrenScore(Infinity, 0);
  const lines = emit(m);
  const name = `dense-${String(index + 1).padStart(5, '0')}.yaml`;
  return { name, text: `${lines.join('\n')}\n`, fault: 'dense', expected: expected.map((x) => ({ file: name, ...x })) };
}

/**
 * A sub-project scored with the report's indicator system (same tree, names and weights, so the
 * cards agree on every weight), with its own losses, reasons and evidence from its own stream.
 */
function buildSubproject(m, seed, index, k) {
  const r = rng((fileSeed(seed, index) ^ Math.imul(k, 0x27d4eb2f)) >>> 0);
  const roots = m.roots.map((root) => ({
    name: root.name,
    weight: root.weight,
    children: root.children.map((sec) => ({ name: sec.name, weight: sec.weight, children: sec.children.map((leaf) => ({ name: leaf.name, weight: leaf.weight })) })),
  }));
  const leaves = leavesOf(roots);
  const severity = 0.15 + r.next() * 0.5;
  const depth = 0.2 + r.next() * 0.4;
  drawLosses(r, leaves, severity, depth);
  applyCells(r, leaves, m.budget.execRate);
  const total = sumUp(roots);
  describe(r, leaves, m.budget.execRate);
  for (const root of roots) for (const sec of root.children) sec.showRate = r.chance(0.4);
  return { k, name: `${m.topic}子项目${k}`, roots, total };
}

/**
 * One clean report of a chosen size (the language-server benchmark, bench/lsp.mjs, edits it);
 * the corpus is not affected. With the defaults it is byte for byte the corpus file `index` would
 * be without a fault.
 * - `narrative: false` leaves out the narrative card(s): a report that prints its summary and
 *   scoring tables only (about 200 lines);
 * - `subprojects: n` adds n sub-project blocks after the scoring card (a narrative card unless
 *   `narrative: false`, and a scoring card `scoring-<k>` each, ~230 lines per block) and one
 *   statement per block restating its total; every block has the report's indicator system, with
 *   its own scores.
 * Returns { name, text, lines } (lines: number of lines of text).
 */
export function generateReport({ seed = DEFAULT_SEED, index = 0, narrative = true, subprojects = 0 } = {}) {
  const r = rng(fileSeed(seed, index));
  const m = buildModel(r, index, seed, {});
  m.narrative = narrative;
  m.subprojects = Array.from({ length: subprojects }, (_, i) => buildSubproject(m, seed, index, i + 1));
  const lines = emit(m);
  const name = `report-${String(index + 1).padStart(5, '0')}${narrative ? '' : '-no-narrative'}${subprojects ? `-sub${subprojects}` : ''}.yaml`;
  return { name, text: `${lines.join('\n')}\n`, lines: lines.length };
}

/**
 * Writes `count` files made by `makeFile(seed, i)` (each `{ name, text, expected, fault }`) under
 * `dir/files`, their expected findings, and last the marker that says the corpus is complete.
 */
export function writeCorpus({ dir, count, seed, generator, makeFile, onProgress }) {
  const filesDir = join(dir, 'files');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(filesDir, { recursive: true });
  const expected = [];
  const faults = {};
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const f = makeFile(seed, i);
    writeFileSync(join(filesDir, f.name), f.text);
    bytes += Buffer.byteLength(f.text);
    expected.push(...f.expected);
    if (f.fault) faults[f.fault] = (faults[f.fault] ?? 0) + 1;
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  }
  writeFileSync(join(dir, 'expected.json'), `${JSON.stringify(expected, null, 1)}\n`);
  const marker = { generator, seed, count, bytes, faults, findings: expected.length };
  // written last: a corpus whose marker exists is complete
  writeFileSync(join(dir, 'corpus.json'), `${JSON.stringify(marker, null, 2)}\n`);
  return marker;
}

/** The corpus variants: `clean` (mostly clean files, a fault in every 7th, a YAML error in every 100th) and `dense` (10–20 findings in every file). */
export const VARIANTS = { clean: generateFile, dense: generateDenseFile };

export function generateCorpus({ dir, count, seed = DEFAULT_SEED, variant = 'clean', onProgress }) {
  const makeFile = VARIANTS[variant];
  if (!makeFile) throw new Error(`unknown variant ${variant} (${Object.keys(VARIANTS).join(' | ')})`);
  return writeCorpus({ dir, count, seed, generator: variant === 'clean' ? GENERATOR_VERSION : `${GENERATOR_VERSION}-${variant}`, makeFile, onProgress });
}

// ---------------------------------------------------------------------------------------------
// CLI

/** The value after `name` on a command line, or `fallback`. */
export function arg(argv, name, fallback) {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const argv = process.argv.slice(2);
  const out = arg(argv, '--out');
  if (!out) {
    console.error('usage: node bench/corpus.mjs --out DIR [--count 200] [--seed N] [--variant clean|dense]');
    process.exit(2);
  }
  const count = Number(arg(argv, '--count', '200'));
  const seed = Number(arg(argv, '--seed', String(DEFAULT_SEED)));
  const marker = generateCorpus({ dir: resolve(out), count, seed, variant: arg(argv, '--variant', 'clean') });
  console.log(JSON.stringify(marker));
}
