#!/usr/bin/env node
/**
 * Deterministic demo batch for `jixiao review`: what a finance bureau receives in a year. Every
 * unit files one 项目支出绩效自评表 per project; each competent department (主管部门) files a
 * 项目支出绩效自评结果汇总表 of its units' projects; a sample of projects also has a department
 * evaluation (部门评价), a finance evaluation (财政评价) or a third-party evaluation (第三方评价).
 * Indicator names and value styles follow the seed documents (≥90%, =100%, ≤19.5万元, 按时, 是,
 * 1988人次, 分值 "10.00" …). The city, "演示市", and every unit in it are made up.
 *
 * Known faults are injected into a deterministic subset of documents; manifest.json lists each
 * (file, fault, what it is) and exactly the findings (file, ruleId, path) jixiao must report.
 * A clean document draws no finding at all: all arithmetic is on integers (money in hundredths of
 * 万元, scores in hundredths of a point, rates in hundredths of a percent), formatted at the end.
 *
 * Same seed and size → byte-identical files. Each unit has its own PRNG stream, so unit N does
 * not depend on how many come before it.
 *
 * Usage: node demo/batch.mjs [--out demo/batch] [--forms 300] [--seed 20250301]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const GENERATOR_VERSION = 2;
export const DEFAULT_SEED = 20250301;
export const DEFAULT_FORMS = 300;
const YEAR = 2024;
const CITY = '演示市';

// ---------------------------------------------------------------------------------------------
// PRNG: splitmix32 streams, one per unit (and one for the batch-wide choices)

function splitmix32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

function rng(seed, stream) {
  const next = splitmix32((Math.imul(seed >>> 0, 0x27d4eb2d) ^ Math.imul(stream + 1, 0x165667b1)) >>> 0);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** An entry of [[weight, value], …] drawn by weight. */
    weighted: (pairs) => {
      const total = pairs.reduce((a, [w]) => a + w, 0);
      let x = next() * total;
      for (const [w, v] of pairs) if ((x -= w) < 0) return v;
      return pairs[pairs.length - 1][1];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Exact formatting (integers in, printed text out)

const pad2 = (n) => String(n).padStart(2, '0');
/** hundredths → "12.34" */
const fixed2 = (h) => `${h < 0 ? '-' : ''}${Math.trunc(Math.abs(h) / 100)}.${pad2(Math.abs(h) % 100)}`;
/** hundredths → as a transcriber copies a score: "15", "8.95", "9.5" */
const score2 = (h) => (h % 100 === 0 ? String(h / 100) : h % 10 === 0 ? `${Math.trunc(h / 100)}.${(h % 100) / 10}` : fixed2(h));
/** hundredths of a percent → "97.03%" */
const pct = (h) => `${fixed2(h)}%`;
/** tenths → "92.9", "100" */
const tenths = (t) => (t % 10 === 0 ? String(t / 10) : `${Math.trunc(t / 10)}.${t % 10}`);
/** round-half-up of a / b for non-negative integers */
const divRound = (a, b) => Math.floor((2 * a + b) / (2 * b));
const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
const fullWidth = (text) => text.replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[Number(d)]).replace('.', '．').replace('%', '％');

const BANDS = [['优', 9000], ['良', 8000], ['中', 6000], ['差', 0]]; // min in hundredths
const gradeOf = (h) => BANDS.find(([, min]) => h >= min)[0];

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Competent departments and their units; each project template: [name, [output leaves]]. */
const DEPARTMENTS = [
  {
    code: '01', name: '教育局', units: ['第一中学', '第三中学', '实验小学', '教育技术装备中心', '教育考试院'],
    projects: [
      ['学生资助经费', [['资助学生人数', '≥', 1200, '人'], ['资助资金发放及时率', '=', 100, '%']]],
      ['校舍维修改造经费', [['维修改造面积', '≥', 3000, '平方米'], ['工程验收合格率', '=', 100, '%']]],
      ['教师培训经费', [['培训教师人次', '≥', 800, '人次'], ['培训合格率', '≥', 95, '%']]],
      ['实验室设备购置经费', [['购置实验设备数量', '≥', 120, '台套'], ['设备验收合格率', '=', 100, '%']]],
    ],
  },
  {
    code: '02', name: '卫生健康委员会', units: ['疾病预防控制中心', '妇幼保健院', '卫生健康综合监督执法支队', '急救中心'],
    projects: [
      ['基本公共卫生服务经费', [['建立居民健康档案人数', '≥', 52000, '人'], ['老年人健康管理率', '≥', 65, '%']]],
      ['疫苗冷链运维经费', [['冷链设备巡检次数', '≥', 48, '次'], ['冷链设备完好率', '≥', 98, '%']]],
      ['妇幼健康项目经费', [['孕产妇系统管理人数', '≥', 3500, '人'], ['儿童健康管理率', '≥', 90, '%']]],
      ['院前急救能力提升经费', [['急救车辆配备数量', '≥', 12, '辆'], ['急救呼叫响应及时率', '≥', 98, '%']]],
    ],
  },
  {
    code: '03', name: '城市管理局', units: ['数字化城市管理监督中心', '环境卫生管理处', '城市照明管理所', '园林绿化服务中心'],
    projects: [
      ['环卫作业经费', [['道路清扫保洁面积', '≥', 860, '万平方米'], ['垃圾日产日清率', '=', 100, '%']]],
      ['路灯维护经费', [['维护路灯数量', '≥', 21000, '盏'], ['路灯亮灯率', '≥', 98, '%']]],
      ['园林绿化养护经费', [['绿化养护面积', '≥', 450, '万平方米'], ['苗木成活率', '≥', 95, '%']]],
      ['数字城管平台运维经费', [['案件受理数量', '≥', 60000, '件'], ['案件按期结案率', '≥', 90, '%']]],
    ],
  },
  {
    code: '04', name: '人力资源和社会保障局', units: ['公共就业和人才服务中心', '社会保险事业中心', '劳动人事争议仲裁院'],
    projects: [
      ['就业创业培训补贴', [['培训人数', '≥', 2600, '人'], ['培训后就业率', '≥', 60, '%']]],
      ['社会保险经办经费', [['参保登记人次', '≥', 150000, '人次'], ['待遇按时发放率', '=', 100, '%']]],
      ['劳动争议调解仲裁经费', [['受理仲裁案件数', '≥', 900, '件'], ['案件法定期限内结案率', '≥', 95, '%']]],
    ],
  },
  {
    code: '05', name: '农业农村局', units: ['农业技术推广中心', '动物疫病预防控制中心', '农村经济经营管理站'],
    projects: [
      ['农业技术推广补助经费', [['示范推广面积', '≥', 30000, '亩'], ['技术入户率', '≥', 90, '%']]],
      ['重大动物疫病防控经费', [['免疫畜禽数量', '≥', 85, '万头（只）'], ['免疫密度', '≥', 90, '%']]],
      ['农村集体资产管理经费', [['清产核资村数', '≥', 320, '个'], ['账务公开率', '=', 100, '%']]],
    ],
  },
  {
    code: '06', name: '民政局', units: ['社会福利院', '救助管理站', '殡仪馆'],
    projects: [
      ['特困人员供养经费', [['集中供养特困人员数', '≥', 260, '人'], ['供养标准落实率', '=', 100, '%']]],
      ['临时救助资金', [['救助人次', '≥', 1800, '人次'], ['救助资金发放及时率', '=', 100, '%']]],
      ['惠民殡葬补贴经费', [['减免基本殡葬服务费人数', '≥', 4200, '人'], ['补贴发放准确率', '=', 100, '%']]],
    ],
  },
  {
    code: '07', name: '人民政府办公室', units: ['大数据中心', '政府决策研究中心', '12345政务服务便民热线中心'],
    projects: [
      ['12345热线运行保障经费', [['热线受理量', '≥', 400000, '件'], ['热线接通率', '≥', 98, '%']]],
      ['政务信息化运维经费', [['运维系统数量', '≥', 36, '个'], ['系统正常运行率', '≥', 99, '%']]],
      ['决策咨询研究经费', [['完成调研报告数量', '≥', 24, '篇'], ['报告采纳率', '≥', 60, '%']]],
    ],
  },
  {
    code: '08', name: '文化广电和旅游局', units: ['图书馆', '群众艺术馆', '博物馆'],
    projects: [
      ['公共文化设施免费开放经费', [['接待读者（观众）人次', '≥', 350000, '人次'], ['免费开放天数', '≥', 300, '天']]],
      ['群众文化活动经费', [['举办文化活动场次', '≥', 160, '场'], ['活动计划完成率', '=', 100, '%']]],
      ['文物保护经费', [['文物保护修缮数量', '≥', 40, '件（套）'], ['修缮验收合格率', '=', 100, '%']]],
    ],
  },
  {
    code: '09', name: '水利局', units: ['水文中心', '河道管理处'],
    projects: [
      ['河道维修养护经费', [['河道养护长度', '≥', 180, '公里'], ['工程验收合格率', '=', 100, '%']]],
      ['水文监测经费', [['监测站点数量', '≥', 64, '个'], ['监测数据到报率', '≥', 95, '%']]],
    ],
  },
  {
    code: '10', name: '交通运输局', units: ['公路事业发展中心', '交通运输综合执法支队'],
    projects: [
      ['农村公路养护经费', [['养护里程', '≥', 2100, '公里'], ['优良路率', '≥', 80, '%']]],
      ['交通执法装备购置经费', [['购置执法记录仪数量', '≥', 150, '台'], ['装备验收合格率', '=', 100, '%']]],
    ],
  },
];
const DISTRICTS = ['', '东城区', '西城区', '南湖区', '北山区', '高新区', '临江区', '青岭县', '白河县', '石门县', '柳溪县'];

/** Projects every unit may have (with the seeds' indicators). */
const COMMON_PROJECTS = [
  ['单位运行经费', [['办公设备维修维护完成率', '≥', 90, '%'], ['大宗材料印刷数量', '≥', 1, '批次']]],
  ['信息化运维经费', [['运维服务响应次数', '≥', 120, '次'], ['系统故障修复率', '≥', 95, '%']]],
  ['物业管理服务经费', [['物业服务面积', '≥', 12000, '平方米'], ['服务考核合格率', '=', 100, '%']]],
];

const REASONS = ['部分工作受天气影响未能按期完成，下一步将加强统筹', '实际需求低于年初预计，下一步将科学测算', '项目招标延后，部分任务结转下年实施', '资金拨付较晚，影响工作进度', '统计口径调整，数量略低于年初目标'];
const EVAL_REASONS = ['绩效目标设置不够细化、量化', '部分佐证资料不完整', '资金支付进度滞后于计划', '部分制度执行记录缺失', '实际完成值未达到年度目标值', '满意度调查样本偏少'];

// ---------------------------------------------------------------------------------------------
// YAML writing (flow mappings as in the fixtures; names never carry YAML specials)

const flow = (entries) => `{ ${entries.filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;

// ---------------------------------------------------------------------------------------------
// Units and projects

/** The units of the batch in order, until `forms` projects are reached; each with its projects' count. */
function unitsFor(forms, seed) {
  const units = [];
  let total = 0;
  for (let d = 0; total < forms; d++) {
    const district = DISTRICTS[d % DISTRICTS.length] + (d >= DISTRICTS.length ? `第${Math.floor(d / DISTRICTS.length) + 1}片区` : '');
    for (const dept of DEPARTMENTS) {
      dept.units.forEach((unitName, u) => {
        if (total >= forms) return;
        const index = units.length;
        const r = rng(seed, index);
        const projects = Math.min(forms - total, r.int(6, 12));
        const prefix = `${CITY}${district}`;
        units.push({ index, r, dept, district: d, code: `${dept.code}${pad2(d)}${u + 1}`, name: `${prefix}${unitName}`, authority: `${prefix}${dept.name}`, projects });
        total += projects;
      });
    }
  }
  return units;
}

// ---------------------------------------------------------------------------------------------
// A self-evaluation form

const FORM_FAULTS = [
  [5, 'total-score'], [4, 'execution-rate'], [3, 'execution-score'], [3, 'score-over-weight'], [4, 'missed-target-full-marks'],
  [4, 'deduction-without-reason'], [2, 'full-width-figure'], [3, 'weights-not-100'], [3, 'weight-guidance'], [1, 'parse-error'],
];

/** Draws a form's figures (no fault yet). Scores in hundredths, money in hundredths of 万元. */
function drawForm(r, template) {
  const [projectName, outputs] = template;
  const adjusted = r.weighted([[3, r.int(500, 6000)], [5, r.int(6000, 60000)], [2, r.int(60000, 300000)]]);
  const planned = r.chance(0.8) ? adjusted : adjusted - r.int(1, Math.floor(adjusted / 5));
  const rateBp = r.weighted([[5, 10000], [4, r.int(9500, 9999)], [2, r.int(8200, 9499)]]);
  const spent = Math.min(adjusted, divRound(adjusted * rateBp, 10000));
  const rate = divRound(spent * 10000, adjusted); // hundredths of a percent, as printed
  const execScore = Math.min(1000, divRound(spent * 1000, adjusted)); // hundredths: 10 × spent / adjusted
  // Leaves: cost 10 (one or two), outputs 40 (quantity, quality, timeliness), effect 30, satisfaction 10.
  const costSplit = r.chance(0.5) ? [10] : [r.int(3, 7)].flatMap((a) => [a, 10 - a]);
  const cost = costSplit.map((w, i) => ({ name: i === 0 ? `${projectName.replace(/经费|资金|补贴|补助经费/g, '')}支出` : '差旅费', target: `≤${fixed2(i === 0 ? adjusted : Math.max(100, Math.floor(adjusted / 20)))}万元`, actual: `${fixed2(i === 0 ? spent : Math.max(100, Math.floor(adjusted / 20)) - r.int(0, 50))}万元`, weight: w * 100, score: w * 100 }));
  const [q1, q2] = outputs;
  const outputWeights = r.pick([[15, 10, 8, 7], [10, 10, 10, 10], [12, 10, 10, 8], [15, 15, 5, 5]]);
  const quantity = [q1, q2].map(([name, cmp, value, unit], i) => ({ name, cmp, value, unit, weight: outputWeights[i] * 100 }));
  const out = [
    { group: '数量指标', leaves: [quantity[0]] },
    { group: '质量指标', leaves: [quantity[1]] },
    { group: '时效指标', leaves: [{ name: '按时完成年度工作任务', text: ['按时', '按时'], weight: outputWeights[2] * 100 }, { name: '资金支付及时率', cmp: '=', value: 100, unit: '%', weight: outputWeights[3] * 100 }] },
  ];
  const effectWeights = r.pick([[15, 15], [20, 10], [10, 20]]);
  const effect = [
    { group: '社会效益指标', leaves: [{ name: r.pick(['提升公共服务水平', '保障单位正常运转', '群众获得感明显增强']), text: ['有效提升', '有效提升'], weight: effectWeights[0] * 100 }] },
    { group: '可持续影响指标', leaves: [{ name: '长效管理机制健全性', text: ['健全', '健全'], weight: effectWeights[1] * 100 }] },
  ];
  const satisfaction = [{ group: '服务对象满意度指标', leaves: [{ name: r.pick(['服务对象满意度', '群众满意度', '在职人员满意度']), cmp: '≥', value: 90, unit: '%', weight: 1000 }] }];
  const form = {
    projectName, planned, adjusted, spent, rate, execScore,
    groups: [
      { name: '成本指标', seconds: [{ group: '经济成本指标', leaves: cost }] },
      { name: '产出指标', seconds: out },
      { name: '效益指标', seconds: effect },
      { name: '满意度指标', seconds: satisfaction },
    ],
    weightText: r.chance(0.2) ? (w) => fixed2(w) : (w) => score2(w),
  };
  // Actual values: most targets met; some quantitative ones missed, with points lost and a reason.
  for (const leaf of leavesOf(form)) {
    if (leaf.text) {
      leaf.target = leaf.text[0];
      leaf.actual = leaf.text[1];
      leaf.score = leaf.weight;
      continue;
    }
    if (leaf.target) continue; // cost lines
    const unitText = leaf.unit === '%' ? '%' : leaf.unit;
    leaf.target = `${leaf.cmp}${leaf.value}${unitText}`;
    const missed = leaf.cmp === '≥' && r.chance(0.14);
    if (leaf.unit === '%') {
      const actual = missed ? leaf.value * 100 - r.int(50, 600) : leaf.cmp === '=' ? 10000 : r.int(leaf.value * 100, 10000);
      leaf.actual = actual % 100 === 0 ? `${actual / 100}%` : pct(actual);
      leaf.score = missed ? leaf.weight - r.int(10, Math.min(200, leaf.weight - 10)) : leaf.weight;
    } else {
      const actual = missed ? Math.max(1, leaf.value - Math.max(1, Math.round(leaf.value * r.int(1, 8) / 100))) : leaf.value + (r.chance(0.5) ? 0 : Math.round(leaf.value * r.int(1, 10) / 100));
      leaf.actual = `${actual}${unitText}`;
      leaf.score = missed ? leaf.weight - r.int(5, Math.min(200, leaf.weight - 10)) : leaf.weight;
    }
    if (missed) leaf.reason = r.pick(REASONS);
  }
  return form;
}

function leavesOf(form) {
  return form.groups.flatMap((g) => g.seconds.flatMap((s) => s.leaves));
}

const formTotal = (form) => form.execScore + leavesOf(form).reduce((a, l) => a + l.score, 0);

/** Applies a fault to a drawn form; returns the expected findings (paths as jixiao reports them). */
function applyFormFault(r, form, fault) {
  const leafPath = (leaf) => {
    for (const [i, g] of form.groups.entries()) for (const [k, s] of g.seconds.entries()) { const j = s.leaves.indexOf(leaf); if (j >= 0) return `indicators[${i}].children[${k}].children[${j}]`; }
    throw new Error('leaf not found');
  };
  const fullLeaves = () => leavesOf(form).filter((l) => l.score === l.weight && l.weight >= 500);
  switch (fault) {
    case 'total-score': {
      // The total typed with two digits swapped, or one point off.
      form.totalOverride = (t) => (t % 100 >= 10 && Math.floor(t / 10) % 10 !== t % 10 ? t - (t % 100) + (t % 10) * 10 + Math.floor((t % 100) / 10) : t - 100);
      return [{ ruleId: 'sums/children-score', path: 'total.score' }];
    }
    case 'execution-rate': {
      // The rate typed wrong (digits of the whole part swapped, or 100% although not all was spent).
      if (form.rate === 10000) {
        // At least 2 % not spent: well beyond the rounding of a rate printed as "100%".
        form.spent -= r.int(Math.ceil(form.adjusted / 50), Math.ceil(form.adjusted / 12));
        form.rateText = '100%';
        form.scoreText = '10';
        form.execScore = 1000;
        // jixiao recomputes both from 执行数 ÷ 全年预算数: the rate and the score it gives are both off.
        return [{ ruleId: 'grades/execution-rate', path: 'funds.total.rate' }, { ruleId: 'grades/execution-score', path: 'funds.total.score' }];
      }
      const whole = Math.floor(form.rate / 100);
      const swapped = (whole % 10) * 10 + Math.floor(whole / 10);
      form.rateText = pct((swapped !== whole ? swapped : whole - 10) * 100 + (form.rate % 100));
      return [{ ruleId: 'grades/execution-rate', path: 'funds.total.rate' }];
    }
    case 'execution-score': {
      // Full execution points although not all was spent.
      if (form.execScore === 1000) {
        form.spent = form.adjusted - r.int(Math.ceil(form.adjusted / 50), Math.ceil(form.adjusted / 10));
        form.rate = divRound(form.spent * 10000, form.adjusted);
      }
      form.execScore = 1000;
      return [{ ruleId: 'grades/execution-score', path: 'funds.total.score' }];
    }
    case 'score-over-weight': {
      if (fullLeaves().length === 0) return null;
      const leaf = r.pick(fullLeaves());
      leaf.score = leaf.weight + r.pick([100, 200, 500]);
      return [{ ruleId: 'grades/score-range', path: `${leafPath(leaf)}.score` }];
    }
    case 'missed-target-full-marks': {
      const candidates = leavesOf(form).filter((l) => l.unit === '%' && l.cmp === '≥' && l.score === l.weight);
      if (candidates.length === 0) return null;
      const leaf = r.pick(candidates);
      leaf.actual = pct(leaf.value * 100 - r.int(100, 800));
      return [{ ruleId: 'grades/missed-target-full-marks', path: `${leafPath(leaf)}.score` }];
    }
    case 'deduction-without-reason': {
      const leaf = r.pick(fullLeaves().filter((l) => l.text));
      leaf.score = leaf.weight - r.int(1, 3) * 100;
      leaf.actual = '基本完成';
      return [{ ruleId: 'grades/deduction-without-reason', path: `${leafPath(leaf)}.score` }];
    }
    case 'full-width-figure': {
      if (fullLeaves().length === 0) return null;
      const leaf = r.pick(fullLeaves());
      leaf.scoreText = fullWidth(score2(leaf.score));
      return [{ ruleId: 'style/full-width-figure', path: `${leafPath(leaf)}.score` }];
    }
    case 'weights-not-100': {
      // An output line's weight (and full marks) 5 lower: the weights add up to 95, not the 100 the form prints.
      const candidates = form.groups[1].seconds.flatMap((s) => s.leaves).filter((l) => l.score === l.weight && l.weight >= 1000);
      if (candidates.length === 0) return null;
      const leaf = r.pick(candidates);
      leaf.weight -= 500;
      leaf.score -= 500;
      // (成本 counts with 产出: the guidance finding is on the first of the two.)
      return [{ ruleId: 'sums/children-weight', path: 'total.weight' }, { ruleId: 'weights/form-guidance', path: 'indicators[0]', severity: 'info' }];
    }
    case 'weight-guidance': {
      // As in the seed: 5 points moved from output to satisfaction (advisory only).
      const candidates = form.groups[1].seconds.flatMap((s) => s.leaves).filter((l) => l.score === l.weight && l.weight >= 1000);
      if (candidates.length === 0) return null;
      const leaf = r.pick(candidates);
      leaf.weight -= 500;
      leaf.score -= 500;
      const sat = form.groups[3].seconds[0].leaves[0];
      sat.weight += 500;
      sat.score += sat.score === 1000 ? 500 : 0;
      if (sat.score < sat.weight && !sat.reason) sat.reason = r.pick(REASONS);
      return [{ ruleId: 'weights/form-guidance', path: 'indicators[0]', severity: 'info' }, { ruleId: 'weights/form-guidance', path: 'indicators[3]', severity: 'info' }];
    }
    case 'parse-error':
      form.parseError = true;
      return [{ ruleId: 'parse/*', path: null }];
    default:
      throw new Error(`unknown fault ${fault}`);
  }
}

function formYaml(unit, form, projectId) {
  const w = form.weightText;
  const total = form.totalOverride ? form.totalOverride(formTotal(form)) : formTotal(form);
  const rateText = form.rateText ?? pct(form.rate);
  const scoreText = form.scoreText ?? fixed2(form.execScore);
  const lines = [
    `# ${unit.authority} ${YEAR} 年度项目支出绩效自评表 — ${form.projectName}（${unit.name}）`,
    '# 演示数据（demo/batch.mjs 生成），单位与数字均为虚构。',
    'format: jixiao/1',
    'kind: self-evaluation',
    'project:',
    `  id: ${projectId}`,
    `  name: ${form.projectName}`,
    `  department: ${unit.name}`,
    `  authority: ${unit.authority}`,
    `  year: ${YEAR}`,
    '  scope: project',
    `evaluator: { type: self, name: ${unit.name} }`,
    'unit: 万元',
    '',
    '# 项目预算执行情况 (年初预算数 / 全年预算数(A) / 全年执行数(B) / 分值 / 执行率(B/A) / 得分)',
    'funds:',
    '  weight: 10',
    `  total:        ${flow([['planned', fixed2(form.planned)], ['adjusted', fixed2(form.adjusted)], ['spent', fixed2(form.spent)], ['weight', 10], ['rate', rateText], ['score', scoreText]])}`,
    `  current_year: ${flow([['planned', fixed2(form.planned)], ['adjusted', fixed2(form.adjusted)], ['spent', fixed2(form.spent)], ['weight', "'-'"], ['rate', pct(divRound(form.spent * 10000, form.adjusted))], ['score', "'-'"]])}`,
    `  carried_over: ${flow([['planned', 0], ['adjusted', 0], ['spent', 0], ['weight', "'-'"], ['rate', "'-'"], ['score', "'-'"]])}`,
    `  other:        ${flow([['planned', 0], ['adjusted', 0], ['spent', 0], ['weight', "'-'"], ['rate', "'-'"], ['score', "'-'"]])}`,
    '',
    'goal:',
    `  planned: 按计划完成${form.projectName.replace(/经费|资金$/, '')}各项任务，保障工作正常开展`,
    `  achieved: ${total >= 9500 ? '已完成年度目标' : '基本完成年度目标'}`,
    '',
    '# 绩效指标 (一级 › 二级 › 三级; 年度指标值, 实际完成指标值, 分值, 得分, 偏差原因分析及改进措施)',
    'indicators:',
  ];
  for (const g of form.groups) {
    lines.push(`  - name: ${g.name}`, '    children:');
    for (const s of g.seconds) {
      lines.push(`      - name: ${s.group}`, '        children:');
      for (const l of s.leaves) lines.push(`          - ${flow([['name', l.name], ['target', l.target], ['actual', l.actual], ['weight', w(l.weight)], ['score', l.scoreText ?? score2(l.score)], ['reason', l.reason]])}`);
    }
  }
  lines.push('', '# 总分', `total: ${flow([['weight', '100.00'], ['score', fixed2(total)]])}`, '');
  let text = lines.join('\n');
  // A transcriber's slip that YAML cannot read: the comma between two cells of the total left out.
  if (form.parseError) text = text.replace('total: { weight: 100.00, score:', 'total: { weight: 100.00 score:');
  return { text, total };
}

// ---------------------------------------------------------------------------------------------
// An evaluation report (department, finance or third party)

const EVAL_TREE = [
  ['决策', [['项目立项', ['立项依据充分性', '立项程序规范性']], ['绩效目标', ['绩效目标合理性', '绩效指标明确性']]]],
  ['过程', [['资金管理', ['资金到位率', '预算执行率', '资金使用合规性']], ['组织实施', ['管理制度健全性', '制度执行有效性']]]],
  ['产出', [['产出数量', ['实际完成率']], ['产出质量', ['质量达标率']], ['产出时效', ['完成及时性']], ['产出成本', ['成本节约率']]]],
  ['效益', [['社会效益', ['社会效益实现程度']], ['可持续影响', ['长效管理机制健全性']], ['满意度', ['服务对象满意度']]]],
];
const FIRST_WEIGHTS = [[15, 20, 40, 25], [20, 20, 35, 25], [15, 15, 40, 30], [20, 15, 35, 30]];

/** Splits `total` into `n` integer parts of at least `min`. */
function split(r, total, n, min) {
  const parts = new Array(n).fill(min);
  for (let rest = total - n * min; rest > 0; rest--) parts[Math.floor(r.next() * n)]++;
  return parts;
}

/** An evaluation scoring `score` (tenths), with deductions spread over its leaves (each with a reason). */
function drawEvaluation(r, score) {
  const firsts = r.pick(FIRST_WEIGHTS);
  const tree = EVAL_TREE.map(([name, seconds], i) => {
    const secondWeights = split(r, firsts[i], seconds.length, seconds.reduce((a, [, leaves]) => Math.max(a, leaves.length * 2), 2));
    return {
      name, weight: firsts[i] * 10,
      children: seconds.map(([sname, leaves], k) => ({
        name: sname, weight: secondWeights[k] * 10,
        children: split(r, secondWeights[k], leaves.length, 2).map((w, j) => ({ name: leaves[j], weight: w * 10, score: w * 10 })),
      })),
    };
  });
  const leaves = tree.flatMap((f) => f.children.flatMap((s) => s.children));
  let lost = 1000 - score;
  for (let guard = 0; lost > 0 && guard < 10000; guard++) {
    const leaf = r.pick(leaves);
    if (leaf.score === 0) continue;
    const take = Math.min(lost, leaf.score, r.int(1, 15));
    leaf.score -= take;
    lost -= take;
    leaf.reason ??= r.pick(EVAL_REASONS);
  }
  for (const f of tree) {
    for (const s of f.children) s.score = s.children.reduce((a, l) => a + l.score, 0);
    f.score = f.children.reduce((a, s) => a + s.score, 0);
  }
  return tree;
}

function evaluationYaml(unit, form, projectId, kind, evaluatorName, score, statedGrade, budget) {
  const tree = drawEvaluation(unit.r, score);
  const title = { department: '部门评价', finance: '财政评价', 'third-party': '第三方评价' }[kind];
  const lines = [
    `# ${form.projectName}（${unit.name}）${YEAR} 年度项目支出绩效评价报告 — ${title}（${evaluatorName}）`,
    '# 演示数据（demo/batch.mjs 生成），单位与数字均为虚构。',
    'format: jixiao/1',
    'kind: evaluation',
    'project:',
    `  id: ${projectId}`,
    `  name: ${form.projectName}`,
    `  department: ${unit.name}`,
    `  authority: ${unit.authority}`,
    `  year: ${YEAR}`,
    '  scope: project',
    `evaluator: { type: ${kind}, name: ${evaluatorName} }`,
    'unit: 万元',
    '',
    'budget:',
    `  adjusted: ${budget.adjusted}`,
    `  spent: ${budget.spent}`,
    ...(budget.rate ? [`  execution_rate: ${budget.rate}`] : []),
    '',
    `result: ${flow([['score', tenths(score)], ['grade', statedGrade]])}`,
    '',
    'scorecards:',
    '  - id: scoring',
    '    title: 绩效评价指标体系及评分表',
    '    role: scoring',
    '    level: 1',
    '    indicators:',
  ];
  for (const f of tree) {
    lines.push(`      - name: ${f.name}`, `        weight: ${tenths(f.weight)}`, `        score: ${tenths(f.score)}`, '        children:');
    for (const s of f.children) {
      lines.push(`          - name: ${s.name}`, `            weight: ${tenths(s.weight)}`, `            score: ${tenths(s.score)}`, '            children:');
      for (const l of s.children) lines.push(`              - ${flow([['name', l.name], ['weight', tenths(l.weight)], ['score', tenths(l.score)], ['reason', l.reason]])}`);
    }
  }
  lines.push(`    total: ${flow([['weight', 100], ['score', tenths(score)]])}`, '');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The batch

/** External scores (tenths) for a self-score (hundredths): agreeing, or below it by a known gap. */
function externalScore(r, self, inflation) {
  const selfT = Math.floor(self / 10);
  const sameBand = (t) => gradeOf(t * 10) === gradeOf(self);
  if (inflation === 'large') return Math.max(500, selfT - r.int(110, 200));
  if (inflation === 'small') {
    for (let tries = 0; tries < 20; tries++) {
      const t = selfT - r.int(55, 90);
      if (sameBand(t) && self - t * 10 >= 550) return t;
    }
    return null;
  }
  for (let tries = 0; tries < 20; tries++) {
    const t = selfT - r.int(-30, 40);
    if (t <= 1000 && sameBand(t) && self - t * 10 < 450) return t;
  }
  return Math.min(1000, selfT + 10);
}

export function generateBatch({ forms = DEFAULT_FORMS, seed = DEFAULT_SEED } = {}) {
  const files = new Map();
  const faults = [];
  const expect = (file, fault, found) => {
    for (const f of found) faults.push({ file, fault, ruleId: f.ruleId, path: f.path, severity: f.severity ?? (f.ruleId.startsWith('grades/missed') || f.ruleId.startsWith('grades/deduction') || f.ruleId.startsWith('style/') || f.ruleId === 'gaps/score-gap' ? 'warning' : 'error') });
  };
  const units = unitsFor(forms, seed);
  const byDepartment = new Map();
  for (const unit of units) {
    const r = unit.r;
    const dir = `d${unit.dept.code}-${pad2(unit.district)}/u${unit.code}`;
    const templates = [...unit.dept.projects, ...COMMON_PROJECTS];
    const used = new Set();
    for (let p = 0; p < unit.projects; p++) {
      let template = r.pick(templates);
      let name = template[0];
      for (let n = 2; used.has(name); n++) name = `${template[0]}（第${n}批）`;
      used.add(name);
      template = [name, template[1]];
      const projectId = `demo-${YEAR}-${unit.code}-${pad2(p + 1)}`;
      const form = drawForm(r, template);
      const file = `${dir}/self-evaluation-${pad2(p + 1)}.yaml`;
      let fault = r.chance(0.24) ? r.weighted(FORM_FAULTS) : null;
      let found = [];
      if (fault) found = applyFormFault(r, form, fault);
      // A fault that does not fit this form (no line it could be on) becomes a wrong total.
      if (found === null) found = applyFormFault(r, form, (fault = 'total-score'));
      const { text, total } = formYaml(unit, form, projectId);
      // A score above its weight can lift the form's total over 100: that total is out of range too.
      if (total > 10000 && fault) found = [...found, { ruleId: 'grades/score-range', path: 'total.score' }];
      files.set(file, text);
      if (fault) expect(file, fault, found);
      const entry = { name: `${name}（${unit.name.replace(CITY, '')}）`, score: fixed2(total), projectId, total, files: [file], externals: [], gaps: [] };
      const list = byDepartment.get(unit.authority) ?? { authority: unit.authority, dept: unit.dept, district: unit.district, entries: [] };
      list.entries.push(entry);
      byDepartment.set(unit.authority, list);

      // External evaluations for a sample of projects (never for a form YAML cannot read).
      // (Forms whose rate is wrong are left out too: the report would restate a different rate.)
      if (form.parseError || fault === 'execution-rate' || !r.chance(0.16)) continue;
      const kinds = r.weighted([[6, ['department']], [3, ['finance']], [2, ['third-party']], [1, ['department', 'finance']]]);
      const inflation = r.weighted([[6, 'none'], [2, 'small'], [2, 'large']]);
      const selfFound = [];
      let previous = null;
      for (const kind of kinds) {
        let ext = externalScore(r, total, kind === kinds[kinds.length - 1] ? inflation : 'none');
        if (ext === null) ext = externalScore(r, total, 'none');
        // Department and finance of one project agree within the thresholds too (the more independent not lower by 5 or more).
        if (previous !== null && (previous - ext >= 45 || gradeOf(previous * 10) !== gradeOf(ext * 10))) ext = previous;
        const evaluatorName = kind === 'department' ? unit.authority : kind === 'finance' ? `${CITY}财政局` : `${CITY}正信会计师事务所有限公司`;
        const efile = `${dir}/evaluation-${pad2(p + 1)}-${kind}.yaml`;
        const budget = { adjusted: fixed2(form.adjusted), spent: fixed2(form.spent), rate: pct(form.rate) };
        const efaults = [];
        let stated = gradeOf(ext * 10);
        const wrongGrade = kinds.length === 1 && r.chance(0.08);
        if (wrongGrade) {
          stated = BANDS[Math.max(0, BANDS.findIndex(([g]) => g === stated) - 1)][0];
          if (stated === gradeOf(ext * 10)) stated = '良';
          efaults.push({ fault: 'grade-band', found: [{ ruleId: 'grades/grade-band', path: 'result.grade' }] });
        }
        // The report states another budget than the form (and no rate): only for a project with one report,
        // so that the form is the document that differs from the reference.
        const figureDiffers = kinds.length === 1 && r.chance(0.1);
        if (figureDiffers) {
          budget.adjusted = fixed2(form.adjusted + r.pick([100, 1000, 10000]));
          budget.rate = null;
        }
        files.set(efile, evaluationYaml(unit, form, projectId, kind, evaluatorName, ext, stated, budget));
        for (const e of efaults) expect(efile, e.fault, e.found);
        if (figureDiffers) selfFound.push({ fault: 'figure-differs', file, found: [{ ruleId: 'gaps/figure-differs', path: 'funds.total.adjusted' }], efile });
        previous = ext;
        entry.files.push(efile);
        entry.externals.push({ kind, score: ext * 10, grade: stated });
      }
      // The self-score against each evaluation (as gaps/score-gap and gaps/score-gap-large compare them, with the
      // evaluation's stated grade): on the form and on the summary's line. Department and finance agree by construction.
      for (const e of entry.externals) {
        const gap = total - e.score;
        const large = gap >= 1000 || (gap >= 0 && gradeOf(total) !== e.grade);
        if (!large && gap < 500) continue;
        const ruleId = large ? 'gaps/score-gap-large' : 'gaps/score-gap';
        entry.gaps.push(ruleId);
        expect(file, large ? 'inflated-large' : 'inflated', [{ ruleId, path: 'total.score' }]);
      }
      for (const s of selfFound) expect(s.file, s.fault, s.found);
    }
  }

  // One summary table per competent department, with the department's statement of its count.
  for (const [, d] of byDepartment) {
    const r = rng(seed, 100000 + Number(d.dept.code) * 1000 + d.district);
    const file = `d${d.dept.code}-${pad2(d.district)}/summary.yaml`;
    const wrongCount = r.chance(0.25);
    const stated = wrongCount ? d.entries.length + r.pick([-2, -1, 1, 2, 3]) : d.entries.length;
    const good = d.entries.filter((e) => gradeOf(e.total) === '优').length;
    const lines = [
      `# ${d.authority} ${YEAR} 年度项目支出绩效自评结果汇总表`,
      '# 演示数据（demo/batch.mjs 生成），单位与数字均为虚构。',
      'format: jixiao/1',
      'kind: summary',
      'project:',
      `  department: ${d.authority}`,
      `  year: ${YEAR}`,
      '  scope: department',
      `evaluator: { type: self, name: ${d.authority} }`,
      '',
      '# 序号 / 项目名称 / 得分',
      'entries:',
      ...d.entries.map((e, i) => `  - ${flow([['no', i + 1], ['name', e.name], ['score', e.score], ['project_id', e.projectId]])}`),
      '',
      'claims:',
      `  - text: ${d.authority}组织对 ${YEAR} 年度预算项目全面开展绩效自评，涵盖项目 ${stated} 个`,
      `    count: ${stated}`,
      '    entries: true',
      `  - text: 其中 ${good} 个项目自评等级为优`,
      `    count: ${good}`,
      '    entries: true',
      '    grade: 优',
      '',
    ];
    files.set(file, lines.join('\n'));
    if (wrongCount) expect(file, 'count-entries', [{ ruleId: 'claims/count-entries', path: 'claims[0].count' }]);
    d.entries.forEach((e, i) => {
      for (const ruleId of e.gaps) expect(file, ruleId === 'gaps/score-gap' ? 'inflated' : 'inflated-large', [{ ruleId, path: `entries[${i}].score` }]);
      // The table restates each form's total: one over 100 is out of range there as well.
      if (e.total > 10000) expect(file, 'score-over-weight', [{ ruleId: 'grades/score-range', path: `entries[${i}].score` }]);
    });
  }

  const sorted = new Map([...files.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  faults.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : String(a.path) < String(b.path) ? -1 : 1));
  const count = (re) => [...sorted.keys()].filter((f) => re.test(f)).length;
  const manifest = {
    generator: 'demo/batch.mjs',
    version: GENERATOR_VERSION,
    seed,
    forms,
    counts: {
      files: sorted.size,
      forms: count(/self-evaluation-/),
      summaries: count(/summary\.yaml$/),
      department: count(/-department\.yaml$/),
      finance: count(/-finance\.yaml$/),
      thirdParty: count(/-third-party\.yaml$/),
      faultyFiles: new Set(faults.map((f) => f.file)).size,
    },
    expected: faults,
  };
  return { files: sorted, manifest };
}

export function writeBatch(out, options = {}) {
  const { files, manifest } = generateBatch(options);
  rmSync(out, { recursive: true, force: true });
  for (const [name, text] of files) {
    const file = join(out, name);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function parseCli(argv) {
  const opts = { out: 'demo/batch', forms: DEFAULT_FORMS, seed: DEFAULT_SEED };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--out' && v) (opts.out = v), i++;
    else if (a === '--forms' && v && /^\d+$/.test(v)) (opts.forms = Number(v)), i++;
    else if (a === '--seed' && v && /^\d+$/.test(v)) (opts.seed = Number(v)), i++;
    else throw new Error(`usage: node demo/batch.mjs [--out DIR] [--forms N] [--seed N]  (unknown: ${a})`);
  }
  return opts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const opts = parseCli(process.argv.slice(2));
  const manifest = writeBatch(resolve(opts.out), opts);
  const c = manifest.counts;
  console.log(`${opts.out}: ${c.files} files (${c.forms} self-evaluation forms, ${c.summaries} summaries, ${c.department} department, ${c.finance} finance, ${c.thirdParty} third-party evaluations); ${c.faultyFiles} files with known faults, ${manifest.expected.length} expected findings (manifest.json)`);
}
