#!/usr/bin/env node
/**
 * Deterministic generator of synthetic `kind: final-accounts` documents (部门决算) for the benchmark.
 *
 * Each document has the nine public tables of the national template (公开01–公开09, ~300 rows: the
 * two-sided summary and fiscal summary, income, expenditure and general-public tables coded by
 * function, the economic-class table of basic expenditure, the government-fund table, an empty
 * state-capital table with its 空表说明, the 三公 table) and a narrative of ~50 statements that restate
 * the tables' figures (cells, shares, year-on-year changes, completion rates, splits), like
 * fixtures/zaozhuang-2023/final-accounts.yaml — about 30 printed pages.
 *
 * Consistent by construction: every amount is an integer number of hundredths of 万元 (the tables'
 * two decimals), drawn for the 项 rows (and the economic 款 rows, the 三公 parts) and summed exactly
 * upwards (款, 类, 合计, the summary lines, both sides, the fund balances, the cross-table totals), so
 * no identity is off even by rounding. Shares and rates are rounded half-up from exact integer
 * ratios, as the checker rounds them; so a clean document draws no finding at all, not even a
 * rounding note.
 *
 * Same seed and index → the same document (each file has its own PRNG stream, bench/corpus.mjs).
 * Every 4th file gets one fault, the kinds of FAULTS in turn; `expected.json` lists exactly the
 * findings (file, ruleId, path, severity) they yield.
 *
 * Usage: node bench/accounts-corpus.mjs --out DIR [--count 200] [--seed 20240601]
 *   writes DIR/files/*.yaml, DIR/expected.json and DIR/corpus.json (the marker).
 * `generateAccountsDocument` (for the in-process timing of bench/accounts.mjs) gives one clean document.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { arg, DEFAULT_SEED, fileSeed, rng, writeCorpus } from './corpus.mjs';

export const ACCOUNTS_GENERATOR_VERSION = 1;
export { DEFAULT_SEED };

// ---------------------------------------------------------------------------------------------
// Exact formatting (integers in hundredths of 万元 / of a percent, fixed decimals out)

const pad2 = (n) => String(n).padStart(2, '0');
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
/** hundredths of 万元 → "1,234.56" (as the tables print it). */
const money = (c) => `${grouped(Math.trunc(c / 100))}.${pad2(c % 100)}`;
/** A table cell: blank for nothing. */
const cellText = (c) => (c === 0 ? '' : money(c));
/** As the narrative writes an amount: trailing zeros dropped (5,013.30 → 5,013.3, 220.00 → 220). */
const say = (c) => money(c).replace(/\.?0+$/, '');
/**
 * hundredths of a percent → "14.47%", a trailing zero dropped ("23.3%", never fewer than one
 * decimal: a whole percent is read as exact, so "81%" would not stand for 80.9981%).
 */
const pct = (h) => `${Math.trunc(h / 100)}.${pad2(h % 100)}`.replace(/0$/, '') + '%';
/** round-half-up of a / b for non-negative integers (b > 0). */
const divRound = (a, b) => Math.floor((2 * a + b) / (2 * b));
/** a ÷ b in hundredths of a percent, half-up (the checker rounds the exact ratio the same way). */
const ratioPct = (a, b) => divRound(a * 10000, b);
/** a ÷ b as the narrative writes it: a whole percent only when exact ("100%"), else pct. */
const ratioText = (a, b) => ((a * 100) % b === 0 ? `${(a * 100) / b}%` : pct(ratioPct(a, b)));
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十', '二十一', '二十二', '二十三', '二十四', '二十五', '二十六'];
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

// ---------------------------------------------------------------------------------------------
// Vocabulary: 2023 政府收支分类科目 (function classes, 款, 项) and 部门支出经济分类

/** 项 kinds: B basic only, P project only, M both. `fund: 'gf'` 款 are financed by government funds. */
const FUNCTIONS = [
  { code: '201', name: '一般公共服务支出', always: true, take: [3, 5], kuan: [
    { code: '20101', name: '人大事务', items: [['01', '行政运行', 'B'], ['02', '一般行政管理事务', 'P'], ['04', '人大会议', 'P'], ['50', '事业运行', 'B']] },
    { code: '20103', name: '政府办公厅（室）及相关机构事务', items: [['01', '行政运行', 'B'], ['02', '一般行政管理事务', 'P'], ['03', '机关服务', 'M'], ['50', '事业运行', 'B'], ['99', '其他政府办公厅（室）及相关机构事务支出', 'P']] },
    { code: '20105', name: '统计信息事务', items: [['01', '行政运行', 'B'], ['05', '专项统计业务', 'P'], ['07', '专项普查活动', 'P'], ['50', '事业运行', 'B']] },
    { code: '20106', name: '财政事务', items: [['01', '行政运行', 'B'], ['02', '一般行政管理事务', 'P'], ['07', '信息化建设', 'P'], ['50', '事业运行', 'B']] },
    { code: '20111', name: '纪检监察事务', items: [['01', '行政运行', 'B'], ['02', '一般行政管理事务', 'P'], ['04', '大案要案查处', 'P']] },
    { code: '20129', name: '群众团体事务', items: [['01', '行政运行', 'B'], ['02', '一般行政管理事务', 'P']] },
    { code: '20131', name: '党委办公厅（室）及相关机构事务', items: [['01', '行政运行', 'B'], ['02', '一般行政管理事务', 'P'], ['50', '事业运行', 'B']] },
  ] },
  { code: '205', name: '教育支出', take: [1, 1], kuan: [
    { code: '20508', name: '进修及培训', items: [['01', '教师进修', 'P'], ['03', '培训支出', 'P']] },
  ] },
  { code: '206', name: '科学技术支出', take: [1, 2], kuan: [
    { code: '20601', name: '科学技术管理事务', items: [['01', '行政运行', 'B'], ['99', '其他科学技术管理事务支出', 'P']] },
    { code: '20604', name: '技术研究与开发', items: [['02', '应用技术研究与开发', 'P'], ['99', '其他技术研究与开发支出', 'P']] },
  ] },
  { code: '207', name: '文化旅游体育与传媒支出', take: [1, 1], kuan: [
    { code: '20701', name: '文化和旅游', items: [['01', '行政运行', 'B'], ['08', '文化活动', 'P'], ['09', '群众文化', 'P']] },
  ] },
  { code: '208', name: '社会保障和就业支出', always: true, take: [2, 3], must: ['20805'], kuan: [
    { code: '20801', name: '人力资源和社会保障管理事务', items: [['01', '行政运行', 'B'], ['09', '社会保险经办机构', 'M']] },
    { code: '20805', name: '行政事业单位养老支出', small: true, items: [['01', '行政单位离退休', 'B'], ['02', '事业单位离退休', 'B'], ['05', '机关事业单位基本养老保险缴费支出', 'B'], ['06', '机关事业单位职业年金缴费支出', 'B']] },
    { code: '20808', name: '抚恤', small: true, items: [['01', '死亡抚恤', 'B']] },
  ] },
  { code: '210', name: '卫生健康支出', always: true, take: [1, 1], kuan: [
    { code: '21011', name: '行政事业单位医疗', small: true, items: [['01', '行政单位医疗', 'B'], ['02', '事业单位医疗', 'B'], ['03', '公务员医疗补助', 'B']] },
  ] },
  { code: '211', name: '节能环保支出', take: [1, 2], kuan: [
    { code: '21101', name: '环境保护管理事务', items: [['01', '行政运行', 'B'], ['02', '一般行政管理事务', 'P'], ['04', '生态环境保护宣传', 'P']] },
    { code: '21103', name: '污染防治', items: [['01', '大气', 'P'], ['02', '水体', 'P']] },
  ] },
  { code: '212', name: '城乡社区支出', always: true, take: [2, 3], must: ['21201', '21208'], kuan: [
    { code: '21201', name: '城乡社区管理事务', items: [['01', '行政运行', 'B'], ['04', '城管执法', 'M']] },
    { code: '21208', name: '国有土地使用权出让收入安排的支出', fund: 'gf', items: [['01', '征地和拆迁补偿支出', 'P'], ['03', '城市建设支出', 'P'], ['99', '其他国有土地使用权出让收入安排的支出', 'P']] },
    { code: '21213', name: '城市基础设施配套费安排的支出', fund: 'gf', items: [['01', '城市公共设施', 'P'], ['99', '其他城市基础设施配套费安排的支出', 'P']] },
  ] },
  { code: '213', name: '农林水支出', take: [1, 1], kuan: [
    { code: '21301', name: '农业农村', items: [['01', '行政运行', 'B'], ['04', '事业运行', 'B'], ['08', '病虫害控制', 'P']] },
  ] },
  { code: '221', name: '住房保障支出', always: true, take: [1, 1], kuan: [
    { code: '22102', name: '住房改革支出', small: true, items: [['01', '住房公积金', 'B'], ['02', '提租补贴', 'B'], ['03', '购房补贴', 'B']] },
  ] },
  { code: '224', name: '灾害防治及应急管理支出', take: [1, 1], kuan: [
    { code: '22401', name: '应急管理事务', items: [['01', '行政运行', 'B'], ['06', '安全监管', 'P']] },
  ] },
];

/** The 26 expenditure lines of 公开01 / 公开04 (a class of the same name is that line). */
const LINES = ['一般公共服务支出', '外交支出', '国防支出', '公共安全支出', '教育支出', '科学技术支出', '文化旅游体育与传媒支出', '社会保障和就业支出', '卫生健康支出', '节能环保支出', '城乡社区支出', '农林水支出', '交通运输支出', '资源勘探工业信息等支出', '商业服务业等支出', '金融支出', '援助其他地区支出', '自然资源海洋气象等支出', '住房保障支出', '粮油物资储备支出', '国有资本经营预算支出', '灾害防治及应急管理支出', '其他支出', '债务还本支出', '债务付息支出', '抗疫特别国债安排的支出'];

/** 部门支出经济分类 for 公开06: [code, name, weight] (weight 0: printed, always blank). */
const ECONOMIC = {
  301: ['工资福利支出', [['01', '基本工资', 8], ['02', '津贴补贴', 5], ['03', '奖金', 2], ['06', '伙食补助费', 0.3], ['07', '绩效工资', 3], ['08', '机关事业单位基本养老保险缴费', 3], ['09', '职业年金缴费', 1.5], ['10', '职工基本医疗保险缴费', 1], ['11', '公务员医疗补助缴费', 0.5], ['12', '其他社会保障缴费', 0.2], ['13', '住房公积金', 3.5], ['14', '医疗费', 0.2], ['99', '其他工资福利支出', 0.5]]],
  302: ['商品和服务支出', [['01', '办公费', 3], ['02', '印刷费', 0.5], ['03', '咨询费', 0.3], ['04', '手续费', 0.1], ['05', '水费', 0.2], ['06', '电费', 0.6], ['07', '邮电费', 0.5], ['08', '取暖费', 0.4], ['09', '物业管理费', 1], ['11', '差旅费', 2], ['12', '因公出国（境）费用', 0.3], ['13', '维修（护）费', 0.6], ['14', '租赁费', 0.3], ['15', '会议费', 0.3], ['16', '培训费', 0.5], ['17', '公务接待费', 0.4], ['18', '专用材料费', 0.2], ['24', '被装购置费', 0], ['25', '专用燃料费', 0], ['26', '劳务费', 0.8], ['27', '委托业务费', 0.5], ['28', '工会经费', 2], ['29', '福利费', 0.5], ['31', '公务用车运行维护费', 1], ['39', '其他交通费用', 2], ['40', '税金及附加费用', 0], ['99', '其他商品和服务支出', 0.4]]],
  303: ['对个人和家庭的补助', [['01', '离休费', 0.5], ['02', '退休费', 3], ['03', '退职(役)费', 0], ['04', '抚恤金', 0.8], ['05', '生活补助', 0.6], ['06', '救济费', 0], ['07', '医疗费补助', 0.3], ['08', '助学金', 0], ['09', '奖励金', 1], ['10', '个人农业生产补贴', 0], ['11', '代缴社会保险费', 0], ['99', '其他对个人和家庭的补助', 0.3]]],
  307: ['债务利息及费用支出', [['01', '国内债务付息', 0], ['02', '国外债务付息', 0], ['03', '国内债务发行费用', 0], ['04', '国外债务发行费用', 0]]],
  310: ['资本性支出', [['01', '房屋建筑物购建', 0], ['02', '办公设备购置', 2], ['03', '专用设备购置', 1], ['05', '基础设施建设', 0], ['06', '大型修缮', 0], ['07', '信息网络及软件购置更新', 1], ['08', '物资储备', 0], ['09', '土地补偿', 0], ['10', '安置补助', 0], ['11', '地上附着物和青苗补偿', 0], ['12', '拆迁补偿', 0], ['13', '公务用车购置', 0], ['19', '其他交通工具购置', 0], ['21', '文物和陈列品购置', 0], ['22', '无形资产购置', 0], ['99', '其他资本性支出', 0.3]]],
  312: ['对企业补助', [['01', '资本金注入', 0], ['03', '政府投资基金股权投资', 0], ['04', '费用补贴', 0], ['05', '利息补贴', 0], ['99', '其他对企业补助', 0]]],
  399: ['其他支出', [['07', '国家赔偿费用支出', 0], ['08', '对民间非营利组织和群众性自治组织补贴', 0], ['09', '经常性赠与', 0], ['10', '资本性赠与', 0], ['99', '其他支出', 0]]],
};

const CITIES = ['枣庄市', '济宁市', '临沂市', '潍坊市', '郑州市', '洛阳市', '襄阳市', '宜昌市', '株洲市', '衡阳市', '赣州市', '九江市', '绵阳市', '遵义市', '柳州市', '芜湖市'];
const DEPARTMENTS = ['人民政府办公室', '财政局', '统计局', '生态环境局', '农业农村局', '应急管理局', '科学技术局', '文化和旅游局', '人力资源和社会保障局', '城市管理局', '机关事务服务中心', '审计局'];
const REASONS_UP = ['主要是年中追加专项经费。', '主要是在职人员增加，工资福利支出相应增加。', '主要是信息化项目建设专项资金较上年增加。', '主要是上年结转资金在本年支出。'];
const REASONS_DOWN = ['主要是厉行节约，压减一般性支出。', '主要是部分项目完成，专项资金较上年减少。', '主要是在职人员减少。', '主要是信息化项目建设专项资金较上年减少。'];

// ---------------------------------------------------------------------------------------------
// The model: 项 amounts drawn, everything else summed

/** log-uniform integer in [lo, hi] (hundredths of 万元). */
const logUniform = (r, lo, hi) => Math.round(Math.exp(Math.log(lo) + r.next() * (Math.log(hi) - Math.log(lo))));

/** total split into parts proportional to weights (each ≥ 1 when total allows), exactly. */
function splitBy(r, total, weights) {
  const w = weights.map((x) => x * (0.5 + r.next()));
  const W = sum(w);
  const parts = w.map((x) => Math.floor((total * x) / W));
  let rest = total - sum(parts);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i] += 1;
  return parts;
}

/** Last year's figure for this year's `cur`: 3–30% apart, never equal; with the change and its rate. */
function lastYear(r, cur) {
  const up = r.chance(0.5);
  const f = 0.03 + r.next() * 0.27;
  let prev = Math.max(1, Math.round(up ? cur / (1 + f) : cur / (1 - f)));
  if (prev === cur) prev += 1;
  const amount = Math.abs(cur - prev);
  return { prev, amount, up: cur > prev, rate: ratioPct(amount, prev), rateText: ratioText(amount, prev) };
}

function buildModel(r, index) {
  const year = 2021 + (index % 4);
  const entity = `${CITIES[index % CITIES.length]}${DEPARTMENTS[Math.floor(index / CITIES.length) % DEPARTMENTS.length]}`;
  // Classes: the always-present ones and 2–4 others, in code order.
  const optional = FUNCTIONS.filter((c) => !c.always);
  const chosen = new Set(r.sample(optional, r.int(2, 4)).map((c) => c.code));
  const classes = [];
  for (const fc of FUNCTIONS) {
    if (!fc.always && !chosen.has(fc.code)) continue;
    const must = fc.must ?? [];
    const others = fc.kuan.filter((k) => !must.includes(k.code));
    const extra = Math.max(0, r.int(fc.take[0], fc.take[1]) - must.length);
    const pickedKuan = new Set([...must, ...r.sample(others, Math.min(extra, others.length)).map((k) => k.code)]);
    const cls = { code: fc.code, name: fc.name, kuan: [] };
    for (const fk of fc.kuan) {
      if (!pickedKuan.has(fk.code)) continue;
      const basics = fk.items.filter((it) => it[2] !== 'P');
      const projects = fk.items.filter((it) => it[2] === 'P');
      // every basic 项 of a chosen 款 (most of the time), 1–2 project 项
      const take = new Set([
        ...basics.filter(() => r.chance(0.85)).map((it) => it[0]),
        ...r.sample(projects, Math.min(projects.length, r.int(1, 2))).map((it) => it[0]),
      ]);
      if (take.size === 0) take.add(fk.items[0][0]);
      const kuan = { code: fk.code, name: fk.name, fund: fk.fund ?? 'gp', items: [] };
      for (const [suffix, name, kind] of fk.items) {
        if (!take.has(suffix)) continue;
        const item = { code: fk.code + suffix, name, kind, fund: kuan.fund, b: 0, p: 0, nf: 0, nfColumn: null };
        if (kind === 'B') item.b = fk.small ? logUniform(r, 800, 60000) : logUniform(r, 3000, 300000);
        else if (kind === 'P') item.p = logUniform(r, 500, fk.fund ? 300000 : 200000);
        else {
          item.b = logUniform(r, 5000, 80000);
          item.p = logUniform(r, 1000, 50000);
        }
        // part of some general-public projects is paid from 事业收入 / 其他收入
        if (kuan.fund === 'gp' && item.p > 2000 && r.chance(0.2)) {
          item.nf = Math.round(item.p * (0.1 + r.next() * 0.5));
          item.nfColumn = r.chance(0.5) ? '事业收入' : '其他收入';
        }
        kuan.items.push(item);
      }
      cls.kuan.push(kuan);
    }
    classes.push(cls);
  }
  const items = classes.flatMap((c) => c.kuan.flatMap((k) => k.items));
  const gpItems = items.filter((it) => it.fund === 'gp');
  const gfItems = items.filter((it) => it.fund === 'gf');
  for (const it of gpItems) {
    it.gpB = it.b;
    it.gpP = it.p - it.nf;
    it.fiscalIncome = it.gpB + it.gpP;
  }
  // Government funds: opening + income − spent = closing, per 项.
  for (const it of gfItems) {
    it.open = r.chance(0.4) ? Math.round(it.p * (0.05 + r.next() * 0.25)) : 0;
    it.close = r.chance(0.4) ? Math.round(it.p * (0.05 + r.next() * 0.25)) : 0;
    it.fiscalIncome = it.p - it.open + it.close;
  }
  const Egp = sum(gpItems.map((it) => it.gpB + it.gpP));
  const Ogp = r.chance(0.5) ? Math.round(Egp * (0.001 + r.next() * 0.01)) : 0;
  const Cgp = r.chance(0.5) ? Math.round(Egp * (0.001 + r.next() * 0.01)) : 0;
  // this year's general-public income = spending − opening + closing: the difference on the largest 项
  const largest = gpItems.reduce((a, b) => (b.fiscalIncome > a.fiscalIncome ? b : a));
  largest.fiscalIncome += Cgp - Ogp;
  for (const it of items) {
    it.e = it.b + it.p;
    it.income = it.fiscalIncome + it.nf;
  }
  // Basic expenditure by economic class (公开06): Σ of the general-public 项's 基本支出.
  const B = sum(gpItems.map((it) => it.gpB));
  const personnel = Math.round(B * (0.75 + r.next() * 0.15));
  const c310 = r.chance(0.6) ? Math.round((B - personnel) * (0.02 + r.next() * 0.1)) : 0;
  const classTotals = { 301: Math.round(personnel * (0.88 + r.next() * 0.09)), 302: B - personnel - c310, 307: 0, 310: c310, 312: 0, 399: 0 };
  classTotals[303] = personnel - classTotals[301];
  const economic = [];
  for (const code of ['301', '302', '303', '307', '310', '312', '399']) {
    const [name, kuan] = ECONOMIC[code];
    const total = classTotals[code];
    // 款 with a weight get a share (a few drop out), the others stay blank
    let live = kuan.filter(([, , w]) => w > 0 && r.chance(0.85));
    if (total > 0 && live.length === 0) live = kuan.filter(([, , w]) => w > 0).slice(0, 1);
    const parts = total > 0 && live.length > 0 ? splitBy(r, total, live.map(([, , w]) => w)) : live.map(() => 0);
    const amounts = new Map(live.map(([s], i) => [s, parts[i]]));
    economic.push({ code, name, total, kuan: kuan.map(([s, n]) => ({ code: code + s, name: n, amount: amounts.get(s) ?? 0 })) });
  }
  // 三公: budget and outturn per part.
  const part = (p, lo, hi) => (r.chance(p) ? logUniform(r, lo, hi) : 0);
  const budget3 = { abroad: part(0.5, 200, 3000), purchase: part(0.3, 1500, 4000), running: part(0.95, 500, 4000), reception: part(0.9, 200, 3000) };
  const actual3 = {};
  for (const [k, v] of Object.entries(budget3)) actual3[k] = Math.round(v * (0.5 + r.next() * 0.5));
  const totals = {
    Egp, Ogp, Cgp,
    Egf: sum(gfItems.map((it) => it.p)), Ogf: sum(gfItems.map((it) => it.open)), Cgf: sum(gfItems.map((it) => it.close)),
    Igp: sum(gpItems.map((it) => it.fiscalIncome)), Igf: sum(gfItems.map((it) => it.fiscalIncome)),
    shiye: sum(items.filter((it) => it.nfColumn === '事业收入').map((it) => it.nf)),
    other: sum(items.filter((it) => it.nfColumn === '其他收入').map((it) => it.nf)),
    B, personnel, publicUse: B - personnel,
  };
  totals.I = totals.Igp + totals.Igf + totals.shiye + totals.other;
  totals.E = sum(items.map((it) => it.e));
  totals.basic = sum(items.map((it) => it.b));
  totals.project = sum(items.map((it) => it.p));
  totals.O = totals.Ogp + totals.Ogf;
  totals.C = totals.Cgp + totals.Cgf;
  totals.total = totals.I + totals.O;
  if (totals.total !== totals.E + totals.C) throw new Error('sides do not balance');
  return { year, entity, classes, items, gpItems, gfItems, economic, budget3, actual3, totals };
}

// ---------------------------------------------------------------------------------------------
// Tables: rows as arrays of cell texts (a fault edits one cell), joined with ` | ` when emitted

/** The coded rows of a function table: 合计, then each class, its 款 and its 项 (amounts per column). */
function codedRows(m, keepItem, columns) {
  const rows = [];
  const kept = m.classes.map((c) => ({ c, kuan: c.kuan.map((k) => ({ k, items: k.items.filter(keepItem) })).filter((k) => k.items.length > 0) })).filter((c) => c.kuan.length > 0);
  const add = (list, cols) => cols.map((f) => sum(list.map(f)));
  const all = kept.flatMap((c) => c.kuan.flatMap((k) => k.items));
  rows.push({ kind: 'total', cells: ['合计', '', ...add(all, columns).map(cellText)] });
  for (const { c, kuan } of kept) {
    rows.push({ kind: 'class', code: c.code, cells: [c.code, c.name, ...add(kuan.flatMap((k) => k.items), columns).map(cellText)] });
    for (const { k, items } of kuan) {
      const kuanRow = rows.length;
      rows.push({ kind: 'kuan', code: k.code, cells: [k.code, k.name, ...add(items, columns).map(cellText)] });
      for (const it of items) rows.push({ kind: 'item', code: it.code, item: it, parent: kuanRow, cells: [it.code, it.name, ...columns.map((f) => cellText(f(it)))] });
    }
  }
  return rows;
}

function buildTables(m) {
  const t = m.totals;
  const named = (name, no, amounts) => ({ cells: [name, String(no), ...amounts.map(cellText)] });
  const classTotal = (name, f) => sum(m.classes.filter((c) => c.name === name).flatMap((c) => c.kuan.flatMap((k) => k.items)).map(f));
  const gpOf = (it) => (it.fund === 'gp' ? it.gpB + it.gpP : 0);
  const gfOf = (it) => (it.fund === 'gf' ? it.p : 0);

  const summary = {
    role: 'summary', no: '公开01表', title: '收入支出决算总表',
    income: { columns: ['项目', '行次', '金额'], rows: [
      named('一、一般公共预算财政拨款收入', 1, [t.Igp]),
      named('二、政府性基金预算财政拨款收入', 2, [t.Igf]),
      named('三、国有资本经营预算财政拨款收入', 3, [0]),
      named('四、上级补助收入', 4, [0]),
      named('五、事业收入', 5, [t.shiye]),
      named('六、经营收入', 6, [0]),
      named('七、附属单位上缴收入', 7, [0]),
      named('八、其他收入', 8, [t.other]),
      named('本年收入合计', 27, [t.I]),
      named('使用非财政拨款结余（含专用结余）', 28, [0]),
      named('年初结转和结余', 29, [t.O]),
      named('总计', 31, [t.total]),
    ] },
    expenditure: { columns: ['项目', '行次', '金额'], rows: [
      ...LINES.map((name, i) => named(`${CN[i]}、${name}`, 32 + i, [classTotal(name, (it) => it.e)])),
      named('本年支出合计', 58, [t.E]),
      named('结余分配', 59, [0]),
      named('年末结转和结余', 60, [t.C]),
      named('总计', 62, [t.total]),
    ] },
  };
  const incomeColumns = [(it) => it.income, (it) => it.fiscalIncome, () => 0, (it) => (it.nfColumn === '事业收入' ? it.nf : 0), () => 0, () => 0, (it) => (it.nfColumn === '其他收入' ? it.nf : 0)];
  const income = {
    role: 'income', no: '公开02表', title: '收入决算表',
    columns: ['科目编码', '科目名称', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'],
    rows: codedRows(m, () => true, incomeColumns),
  };
  const expenditure = {
    role: 'expenditure', no: '公开03表', title: '支出决算表',
    columns: ['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'],
    rows: codedRows(m, () => true, [(it) => it.e, (it) => it.b, (it) => it.p, () => 0, () => 0, () => 0]),
  };
  const fiscalTotal = t.Igp + t.Igf + t.O;
  const fiscal = {
    role: 'fiscal-summary', no: '公开04表', title: '财政拨款收入支出决算总表',
    income: { columns: ['项目', '行次', '金额'], rows: [
      named('一、一般公共预算财政拨款', 1, [t.Igp]),
      named('二、政府性基金预算财政拨款', 2, [t.Igf]),
      named('三、国有资本经营预算财政拨款', 3, [0]),
      named('本年收入合计', 27, [t.Igp + t.Igf]),
      named('年初财政拨款结转和结余', 28, [t.O]),
      named('一般公共预算财政拨款', 29, [t.Ogp]),
      named('政府性基金预算财政拨款', 30, [t.Ogf]),
      named('国有资本经营预算财政拨款', 31, [0]),
      named('总计', 32, [fiscalTotal]),
    ] },
    expenditure: { columns: ['项目', '行次', '合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'], rows: [
      ...LINES.map((name, i) => {
        const gp = classTotal(name, gpOf);
        const gf = classTotal(name, gfOf);
        return named(`${CN[i]}、${name}`, 33 + i, [gp + gf, gp, gf, 0]);
      }),
      named('本年支出合计', 59, [t.Egp + t.Egf, t.Egp, t.Egf, 0]),
      named('年末财政拨款结转和结余', 60, [t.C, t.Cgp, t.Cgf, 0]),
      named('总计', 64, [fiscalTotal, t.Egp + t.Cgp, t.Egf + t.Cgf, 0]),
    ] },
  };
  if (t.Egp + t.Egf + t.C !== fiscalTotal) throw new Error('fiscal sides do not balance');
  const general = {
    role: 'general-public', no: '公开05表', title: '一般公共预算财政拨款支出决算表',
    columns: ['科目编码', '科目名称', '小计', '基本支出', '项目支出'],
    rows: codedRows(m, (it) => it.fund === 'gp', [(it) => it.gpB + it.gpP, (it) => it.gpB, (it) => it.gpP]),
  };
  const basicRows = [];
  for (const cls of m.economic) {
    basicRows.push({ cells: [cls.code, cls.name, cellText(cls.total)] });
    for (const k of cls.kuan) basicRows.push({ cells: [k.code, k.name, cellText(k.amount)] });
  }
  basicRows.push({ cells: ['人员经费合计', '', cellText(t.personnel)] });
  basicRows.push({ cells: ['公用经费合计', '', cellText(t.publicUse)] });
  const basic = { role: 'general-public-basic', no: '公开06表', title: '一般公共预算财政拨款基本支出决算明细表', columns: ['科目编码', '科目名称', '金额'], rows: basicRows };
  const fundColumns = ['科目编码', '科目名称', '年初结转和结余', '本年收入', '本年支出/小计', '本年支出/基本支出', '本年支出/项目支出', '年末结转和结余'];
  const fund = {
    role: 'government-fund', no: '公开07表', title: '政府性基金预算财政拨款收入支出决算表', columns: fundColumns,
    rows: codedRows(m, (it) => it.fund === 'gf', [(it) => it.open, (it) => it.fiscalIncome, (it) => it.p, () => 0, (it) => it.p, (it) => it.close]),
  };
  const capital = {
    role: 'state-capital', no: '公开08表', title: '国有资本经营预算财政拨款支出决算表', columns: fundColumns,
    rows: [{ cells: ['合计', '', '', '', '', '', '', ''] }],
    empty: '注：本部门没有使用国有资本经营预算安排的支出，故本表无数据。',
  };
  const b3 = m.budget3;
  const a3 = m.actual3;
  const threeRow = (name, x) => ({ cells: [name, ...[x.abroad + x.purchase + x.running + x.reception, x.abroad, x.purchase + x.running, x.purchase, x.running, x.reception].map(cellText)] });
  const three = {
    role: 'three-public', no: '公开09表', title: '财政拨款“三公”经费支出决算表',
    columns: ['项目', '合计', '因公出国（境）费', '公务用车购置及运行维护费/小计', '公务用车购置及运行维护费/公务用车购置费', '公务用车购置及运行维护费/公务用车运行维护费', '公务接待费'],
    rows: [threeRow('预算数', b3), threeRow('决算数', a3)],
  };
  return [summary, income, expenditure, fiscal, general, basic, fund, capital, three];
}

// ---------------------------------------------------------------------------------------------
// Narrative: statements restating the tables (objects; `faultable` marks what a fault may change)

function buildStatements(r, m) {
  const t = m.totals;
  const Y = m.year;
  const st = [];
  const push = (s) => {
    st.push(s);
    return s;
  };
  const amountFig = (c, cell) => ({ value: `${say(c)}万元`, cell });
  const shareFig = (text, part, whole) => ({ value: text, share: { part, whole } });
  /** A year-on-year change of `cur`: the clause and the change entry (previous printed or not). */
  const change = (cur, opts = {}) => {
    const ly = lastYear(r, cur);
    const dir = ly.up ? '增加' : '减少';
    const word = ly.up ? '增长' : '下降';
    const withPrevious = opts.previous ?? r.chance(0.3);
    const clause = withPrevious
      ? `${Y - 1} 年度为 ${say(ly.prev)} 万元，${dir} ${say(ly.amount)} 万元，${word} ${ly.rateText}`
      : `与 ${Y - 1} 年度相比，${opts.each ?? ''}${dir} ${say(ly.amount)} 万元，${word} ${ly.rateText}`;
    const entry = { current: `${say(cur)}万元`, ...(withPrevious ? { previous: `${say(ly.prev)}万元` } : {}), amount: `${say(ly.amount)}万元`, direction: dir, rate: ly.rateText, ...(opts.name ? { name: opts.name } : {}) };
    return { clause, entry, ly, word, reason: r.pick(ly.up ? REASONS_UP : REASONS_DOWN) };
  };
  /** A change a `change-rate` fault may pick: last year at least 100 万元, so its rate is stated precisely. */
  const rateFault = (ch) => (ch.ly.prev >= 10000 ? { change: 0, ...ch } : null);

  // 一、收入支出决算总体情况
  {
    const ch = change(t.total, { each: '收、支总计各', previous: false });
    const s = push({ text: `${Y} 年度收、支总计均为 ${say(t.total)} 万元。${ch.clause}。${ch.reason}`, source: '第三部分 一、',
      figures: [amountFig(t.total, 'summary/income/总计'), amountFig(t.total, 'summary/expenditure/总计')], changes: [ch.entry] });
    s.rate = rateFault(ch);
  }
  // 二、收入决算情况 (一) 结构
  {
    const parts = [['财政拨款收入', t.Igp + t.Igf], ['事业收入', t.shiye], ['其他收入', t.other]].filter(([, v]) => v > 0);
    const figures = [amountFig(t.I, 'income/合计/本年收入合计')];
    const said = [];
    for (const [name, v] of parts) {
      const h = ratioText(v, t.I);
      figures.push(amountFig(v, `income/合计/${name}`), shareFig(h, `income/合计/${name}`, 'income/合计/本年收入合计'));
      said.push(`${name} ${say(v)} 万元，占 ${h}`);
    }
    push({ text: `${Y} 年度收入合计 ${say(t.I)} 万元，其中：${said.join('；')}。`, source: '第三部分 二、(一)', shares: 'complete', figures });
  }
  // 二、(二) 具体情况
  const incomeLines = [['财政拨款收入', t.Igp + t.Igf], ['上级补助收入', 0], ['事业收入', t.shiye], ['经营收入', 0], ['附属单位上缴收入', 0], ['其他收入', t.other]];
  incomeLines.forEach(([name, v], i) => {
    if (v === 0) {
      push({ text: `${i + 1}、${name} 0 万元。与上年决算数一致。`, source: `第三部分 二、(二) ${i + 1}`, figures: [amountFig(0, `income/合计/${name}`)], changes: [{ current: '0万元', direction: '持平' }] });
      return;
    }
    const ch = change(v);
    const s = push({ text: `${i + 1}、${name} ${say(v)} 万元。${ch.clause}。${ch.reason}`, source: `第三部分 二、(二) ${i + 1}`, figures: [amountFig(v, `income/合计/${name}`)], changes: [ch.entry] });
    s.rate = rateFault(ch);
  });
  // 三、支出决算情况 (一) 结构
  {
    const hb = ratioText(t.basic, t.E);
    const hp = ratioText(t.project, t.E);
    push({ text: `${Y} 年度支出合计 ${say(t.E)} 万元，其中：基本支出 ${say(t.basic)} 万元，占 ${hb}；项目支出 ${say(t.project)} 万元，占 ${hp}。`, source: '第三部分 三、(一)', shares: 'complete',
      figures: [amountFig(t.E, 'expenditure/合计/本年支出合计'), amountFig(t.basic, 'expenditure/合计/基本支出'), shareFig(hb, 'expenditure/合计/基本支出', 'expenditure/合计/本年支出合计'),
        amountFig(t.project, 'expenditure/合计/项目支出'), shareFig(hp, 'expenditure/合计/项目支出', 'expenditure/合计/本年支出合计')] });
  }
  // 三、(二) 具体情况
  [['基本支出', t.basic], ['项目支出', t.project], ['上缴上级支出', 0], ['经营支出', 0], ['对附属单位补助支出', 0]].forEach(([name, v], i) => {
    if (v === 0) {
      push({ text: `${i + 1}、${name} 0 万元。与上年决算数一致。`, source: `第三部分 三、(二) ${i + 1}`, figures: [amountFig(0, `expenditure/合计/${name}`)], changes: [{ current: '0万元', direction: '持平' }] });
      return;
    }
    const ch = change(v);
    const s = push({ text: `${i + 1}、${name} ${say(v)} 万元。${ch.clause}。${ch.reason}`, source: `第三部分 三、(二) ${i + 1}`, figures: [amountFig(v, `expenditure/合计/${name}`)], changes: [ch.entry] });
    s.rate = rateFault(ch);
  });
  // 四、财政拨款收入支出决算总体情况
  const fiscalTotal = t.Igp + t.Igf + t.O;
  {
    const ch = change(fiscalTotal, { each: '财政拨款收、支总计各', previous: false });
    const s = push({ text: `${Y} 年度财政拨款收、支总计均为 ${say(fiscalTotal)} 万元。${ch.clause}。${ch.reason}`, source: '第三部分 四、',
      figures: [amountFig(fiscalTotal, 'fiscal-summary/income/总计'), amountFig(fiscalTotal, 'fiscal-summary/expenditure/总计/合计')], changes: [ch.entry] });
    s.rate = rateFault(ch);
  }
  // 五、一般公共预算财政拨款支出 (一) 总体情况
  {
    const h = ratioText(t.Egp, t.E);
    const ch = change(t.Egp);
    const s = push({ text: `${Y} 年度一般公共预算财政拨款支出 ${say(t.Egp)} 万元，占本年支出合计的 ${h}。${ch.clause}。${ch.reason}`, source: '第三部分 五、(一)',
      figures: [amountFig(t.Egp, 'general-public/合计/小计'), shareFig(h, 'general-public/合计/小计', 'expenditure/合计/本年支出合计')], changes: [ch.entry] });
    s.rate = rateFault(ch);
  }
  // 五、(二) 结构情况: the classes of 公开05
  {
    const gpClasses = m.classes.map((c) => ({ c, v: sum(c.kuan.flatMap((k) => k.items).filter((it) => it.fund === 'gp').map((it) => it.gpB + it.gpP)) })).filter((x) => x.v > 0);
    const figures = [amountFig(t.Egp, 'general-public/合计/小计')];
    const said = [];
    for (const { c, v } of gpClasses) {
      const h = ratioText(v, t.Egp);
      figures.push(amountFig(v, `general-public/${c.code}/小计`), shareFig(h, `general-public/${c.code}/小计`, 'general-public/合计/小计'));
      said.push(`${c.name.replace(/支出$/, '')}（类）支出 ${say(v)} 万元，占 ${h}`);
    }
    push({ text: `${Y} 年度一般公共预算财政拨款支出 ${say(t.Egp)} 万元，主要用于以下方面：${said.join('；')}。`, source: '第三部分 五、(二)', shares: 'complete', figures });
  }
  // 五、(三) 具体情况: 年初预算 per 项, their sum, the completion rates
  {
    const kuanOf = new Map(m.classes.flatMap((c) => c.kuan.map((k) => [k.code, { c, k }])));
    const budgets = m.gpItems.map((it) => {
      const actual = it.gpB + it.gpP;
      return r.chance(0.15) ? 0 : Math.max(1, Math.round(actual * (0.75 + r.next() * 0.4)));
    });
    const B0 = sum(budgets);
    const hAll = ratioText(t.Egp, B0);
    push({ text: `${Y} 年度一般公共预算财政拨款支出年初预算为 ${say(B0)} 万元，支出决算为 ${say(t.Egp)} 万元，完成年初预算的 ${hAll}。${t.Egp >= B0 ? '决算数大于年初预算数的主要原因是年中追加专项经费。' : '决算数小于年初预算数的主要原因是厉行节约，压减一般性支出。'}`,
      source: '第三部分 五、(三)',
      figures: [amountFig(t.Egp, 'general-public/合计/小计'), { value: hAll, equals: { ratio: ['general-public/合计/小计', `${say(B0)}万元`] } },
        { value: `${say(B0)}万元`, note: 'Σ 年初预算 of the items below', equals: { sum: budgets.map((b) => `${say(b)}万元`) } }] });
    m.gpItems.forEach((it, i) => {
      const { c, k } = kuanOf.get(it.code.slice(0, 5));
      const actual = it.gpB + it.gpP;
      const bud = budgets[i];
      const ref = `general-public/${it.code}/小计`;
      const head = `${i + 1}、${c.name}（类）${k.name}（款）${it.name}（项）。年初预算为 ${say(bud)} 万元，支出决算为 ${say(actual)} 万元，`;
      const figures = [amountFig(actual, ref)];
      let text;
      if (bud === 0) text = `${head}年初无预算。决算数大于年初预算数的主要原因是年中追加经费。`;
      else {
        const h = ratioPct(actual, bud);
        figures.push({ value: ratioText(actual, bud), equals: { ratio: [ref, `${say(bud)}万元`] } });
        text = `${head}完成年初预算的 ${ratioText(actual, bud)}。${h > 10200 ? '决算数大于年初预算数的主要原因是年中追加经费。' : h < 9800 ? '决算数小于年初预算数的主要原因是厉行节约。' : '与年初预算基本持平。'}`;
      }
      const s = push({ text, source: `第三部分 五、(三) ${i + 1}`, figures });
      s.amount = { figure: 0, prefix: '支出决算为 ', c: actual };
    });
  }
  // 六、基本支出
  {
    const names = (codes) => m.economic.filter((e) => codes.includes(e.code)).flatMap((e) => e.kuan.filter((k) => k.amount > 0).map((k) => k.name));
    push({ text: `${Y} 年度一般公共预算财政拨款基本支出决算 ${say(t.B)} 万元，包括人员经费和公用经费，支出具体情况如下：`, source: '第三部分 六、',
      figures: [amountFig(t.B, 'general-public/合计/基本支出'), { value: `${say(t.B)}万元`, equals: { sum: ['general-public-basic/人员经费合计', 'general-public-basic/公用经费合计'] } }] });
    const p = push({ text: `人员经费 ${say(t.personnel)} 万元，主要包括：${names(['301', '303']).join('、')}等。`, source: '第三部分 六、', figures: [amountFig(t.personnel, 'general-public-basic/人员经费合计')] });
    p.amount = { figure: 0, prefix: '人员经费 ', c: t.personnel };
    const u = push({ text: `公用经费 ${say(t.publicUse)} 万元，主要包括：${names(['302', '307', '310', '312', '399']).join('、')}等。`, source: '第三部分 六、', figures: [amountFig(t.publicUse, 'general-public-basic/公用经费合计')] });
    u.amount = { figure: 0, prefix: '公用经费 ', c: t.publicUse };
  }
  // 七、政府性基金
  {
    push({ text: `${Y}年度政府性基金预算财政拨款年初结转和结余${say(t.Ogf)}万元，本年收入${say(t.Igf)}万元，本年支出${say(t.Egf)}万元，年末结转和结余${say(t.Cgf)}万元。支出具体情况如下：`, source: '第三部分 七、',
      figures: [amountFig(t.Ogf, 'government-fund/合计/年初结转和结余'), amountFig(t.Igf, 'government-fund/合计/本年收入'), amountFig(t.Egf, 'government-fund/合计/本年支出/小计'), amountFig(t.Cgf, 'government-fund/合计/年末结转和结余')] });
    const kuanOf = new Map(m.classes.flatMap((c) => c.kuan.map((k) => [k.code, { c, k }])));
    m.gfItems.forEach((it, i) => {
      const { c, k } = kuanOf.get(it.code.slice(0, 5));
      const s = push({ text: `（${CN[i]}）${c.name}（类）${k.name}（款）${it.name}（项）。支出决算为 ${say(it.p)} 万元，主要用于${it.name.replace(/支出$/, '')}项目。`, source: `第三部分 七、(${CN[i]})`,
        figures: [amountFig(it.p, `government-fund/${it.code}/本年支出/小计`)] });
      s.amount = { figure: 0, prefix: '支出决算为 ', c: it.p };
    });
  }
  // 九、“三公”经费
  {
    const b = m.budget3;
    const a = m.actual3;
    const tb = b.abroad + b.purchase + b.running + b.reception;
    const ta = a.abroad + a.purchase + a.running + a.reception;
    const rateOf = (x, y, refA, refB) => (y > 0 ? { clause: `完成全年预算的 ${ratioText(x, y)}。`, figure: { value: ratioText(x, y), equals: { ratio: [refA, refB] } } } : { clause: '', figure: null });
    const part3 = (label, col, x, y, source, tail) => {
      const refA = `three-public/决算数/${col}`;
      const refB = `three-public/预算数/${col}`;
      const rt = rateOf(x, y, refA, refB);
      push({ text: `${label}全年预算为 ${say(y)} 万元，支出决算为 ${say(x)} 万元。${rt.clause}${tail}`, source,
        figures: [amountFig(y, refB), amountFig(x, refA), ...(rt.figure ? [rt.figure] : [])] });
    };
    part3(`${Y}年度财政拨款“三公”经费支出`, '合计', ta, tb, '第三部分 九、(一)', '');
    part3('1、因公出国（境）费', '因公出国（境）费', a.abroad, b.abroad, '第三部分 九、(二) 1', a.abroad > 0 ? '开支内容包括：工作人员公务出国（境）的国际旅费、住宿费、伙食费等支出。' : '本年度未安排因公出国（境）团组。');
    part3('2、公务用车购置及运行维护费', '公务用车购置及运行维护费/小计', a.purchase + a.running, b.purchase + b.running, '第三部分 九、(二) 2', '其中：');
    push({ text: `公务用车购置费支出 ${say(a.purchase)} 万元，本年度使用财政拨款购置公务用车 ${a.purchase > 0 ? 1 : 0} 辆。`, source: '第三部分 九、(二) 2', figures: [amountFig(a.purchase, 'three-public/决算数/公务用车购置及运行维护费/公务用车购置费')] });
    push({ text: `公务用车运行维护费 ${say(a.running)} 万元，主要是按规定保留的公务用车的燃料费、维修费、保险费等支出。`, source: '第三部分 九、(二) 2', figures: [amountFig(a.running, 'three-public/决算数/公务用车购置及运行维护费/公务用车运行维护费')] });
    part3('3、公务接待费', '公务接待费', a.reception, b.reception, '第三部分 九、(二) 3', '主要用于上级部门检查指导工作、外地学习交流等。');
  }
  // 十、机关运行经费 (in no table)
  {
    const cur = logUniform(r, 5000, 60000);
    const ch = change(cur, { name: '机关运行经费', previous: false });
    const s = push({ text: `${Y} 年度机关运行经费支出 ${say(cur)} 万元，比上年${ch.entry.direction} ${say(ch.ly.amount)} 万元，${ch.word} ${ch.ly.rateText}。${ch.reason}`, source: '第三部分 十、', changes: [ch.entry] });
    s.rate = rateFault(ch);
  }
  // 十一、政府采购 (in no table)
  {
    const goods = logUniform(r, 2000, 80000);
    const works = r.chance(0.3) ? logUniform(r, 5000, 100000) : 0;
    const services = logUniform(r, 5000, 200000);
    const total = goods + works + services;
    const sme = Math.round(total * (0.2 + r.next() * 0.6));
    const small = Math.round(sme * (0.5 + r.next() * 0.45));
    push({ text: `${Y} 年度政府采购支出总额 ${say(total)} 万元，其中：政府采购货物支出 ${say(goods)} 万元、政府采购工程支出 ${say(works)} 万元、政府采购服务支出 ${say(services)} 万元。`, source: '第三部分 十一、',
      total: `${say(total)}万元`, parts: [`${say(goods)}万元`, `${say(works)}万元`, `${say(services)}万元`] });
    const h1 = ratioText(sme, total);
    const h2 = ratioText(small, total);
    push({ text: `授予中小企业合同金额 ${say(sme)} 万元，占政府采购支出总额的 ${h1}，其中：授予小微企业合同金额 ${say(small)} 万元，占政府采购支出总额的 ${h2}。`, source: '第三部分 十一、',
      figures: [shareFig(h1, `${say(sme)}万元`, `${say(total)}万元`), shareFig(h2, `${say(small)}万元`, `${say(total)}万元`)] });
  }
  return st;
}

// ---------------------------------------------------------------------------------------------
// Faults

/** The units digit of an amount changed (by 1–9 万元): never within rounding of the original. */
function changeDigit(r, c) {
  const u = Math.trunc(c / 100) % 10;
  const v = (u + r.int(1, 9)) % 10;
  return c + (v - u) * 100;
}

export const FAULTS = {
  /**
   * A changed digit in a 项 row's total (本年收入合计 of 公开02 or 本年支出合计 of 公开03, in turn):
   * the row no longer adds up (row-sum at that cell) and neither does its 款 (code-sum at the 款's
   * cell in the same column). No narrative figure restates a 项 of these tables, and no cross-table
   * identity reads their 项 rows' total column.
   */
  'item-digit': {
    inject(doc, r, n) {
      const tableIndex = n % 2 === 0 ? 1 : 2;
      const table = doc.tables[tableIndex];
      const column = table.columns[2];
      const items = table.rows.map((row, i) => ({ row, i })).filter((x) => x.row.kind === 'item');
      const { row, i } = items[Math.floor(r.next() * items.length)];
      const c = tableIndex === 1 ? row.item.income : row.item.e;
      row.cells[2] = money(changeDigit(r, c));
      return [
        { ruleId: 'accounts/code-sum', path: `public_tables[${tableIndex}].rows[${row.parent}].${column}`, severity: 'error' },
        { ruleId: 'accounts/row-sum', path: `public_tables[${tableIndex}].rows[${i}].${column}`, severity: 'error' },
      ];
    },
  },
  /** A narrative amount (a 项's 支出决算 in 五、(三) or 七、, 人员经费, 公用经费) changed in the text and its figure. */
  'narrative-amount': {
    inject(doc, r) {
      const eligible = doc.statements.map((s, i) => ({ s, i })).filter((x) => x.s.amount);
      const { s, i } = eligible[Math.floor(r.next() * eligible.length)];
      const { figure, prefix, c } = s.amount;
      const wrong = changeDigit(r, c);
      const before = `${prefix}${say(c)} 万元`;
      if (!s.text.includes(before)) throw new Error(`narrative-amount: “${before}” not in “${s.text}”`);
      s.text = s.text.replace(before, `${prefix}${say(wrong)} 万元`);
      s.figures[figure] = { ...s.figures[figure], value: `${say(wrong)}万元` };
      return [{ ruleId: 'accounts/narrative-amount', path: `statements[${i}].figures[${figure}].value`, severity: 'error' }];
    },
  },
  /**
   * A year-on-year rate wrong (a change whose last-year figure is at least 100 万元, so the stated
   * rate's interval is narrow): divided by this year instead of last year, or, when that is within
   * half a percentage point, one to three points off.
   */
  'change-rate': {
    inject(doc, r) {
      const eligible = doc.statements.map((s, i) => ({ s, i })).filter((x) => x.s.rate);
      const { s, i } = eligible[Math.floor(r.next() * eligible.length)];
      const { ly, word, change } = s.rate;
      const right = ly.rate;
      const current = ly.prev + (ly.up ? ly.amount : -ly.amount);
      let wrong = ratioPct(ly.amount, current);
      let wrongText = ratioText(ly.amount, current);
      if (Math.abs(wrong - right) < 50) {
        wrong = right >= 300 && r.chance(0.5) ? right - 100 * r.int(1, 3) : right + 100 * r.int(1, 3);
        wrongText = pct(wrong);
      }
      const before = `${word} ${ly.rateText}`;
      if (!s.text.includes(before)) throw new Error(`change-rate: “${before}” not in “${s.text}”`);
      s.text = s.text.replace(before, `${word} ${wrongText}`);
      s.changes[change] = { ...s.changes[change], rate: wrongText };
      return [{ ruleId: 'accounts/change-rate', path: `statements[${i}].changes[${change}].rate`, severity: 'error' }];
    },
  },
};
export const FAULT_KINDS = Object.keys(FAULTS);

/** Which fault a file (0-based index) gets: every 4th file one, the kinds in turn. */
export function faultOf(index) {
  const n = index + 1;
  return n % 4 === 0 ? FAULT_KINDS[(n / 4 - 1) % FAULT_KINDS.length] : null;
}

// ---------------------------------------------------------------------------------------------
// Emitting YAML

function plainText(s) {
  if (/: |\s#|^[\s!&*%@`'"[\]{}|>,?-]/.test(s)) throw new Error(`text would need quoting: ${s}`);
  return s;
}

function flow(obj) {
  if (Array.isArray(obj)) return `[${obj.map(flow).join(', ')}]`;
  if (obj && typeof obj === 'object') return `{ ${Object.entries(obj).map(([k, v]) => `${k}: ${flow(v)}`).join(', ')} }`;
  return q(obj);
}

function emit(doc, name) {
  const m = doc.model;
  const out = [];
  const push = (s) => out.push(s);
  push(`# Synthetic 部门决算 for the benchmark (bench/accounts-corpus.mjs v${ACCOUNTS_GENERATOR_VERSION}): ${m.entity} ${m.year} 年度`);
  push('format: jixiao/1');
  push('kind: final-accounts');
  push('entity:');
  push(`  name: ${m.entity}`);
  push('  level: department');
  push(`year: ${m.year}`);
  push('unit: 万元');
  push('source:');
  push(`  document: ${name.replace(/\.yaml$/, '.txt')}`);
  push(`  section: 第二部分 ${m.year} 年度部门决算表；第三部分 ${m.year} 年度部门决算情况说明`);
  push('');
  push('public_tables:');
  const rows = (indent, list) => {
    push(`${indent}rows:`);
    for (const row of list) push(`${indent}  - ${row.cells.join(' | ').trimEnd()}`);
  };
  for (const t of doc.tables) {
    push(`  - role: ${t.role}`);
    push(`    no: ${t.no}`);
    push(`    title: ${t.title}`);
    push('    unit: 万元');
    for (const side of ['income', 'expenditure']) {
      if (!t[side]) continue;
      push(`    ${side}:`);
      push(`      columns: [${t[side].columns.join(', ')}]`);
      rows('      ', t[side].rows);
    }
    if (t.columns) {
      push(`    columns: [${t.columns.join(', ')}]`);
      rows('    ', t.rows);
    }
    if (t.empty) push(`    empty: ${t.empty}`);
    push('');
  }
  push('statements:');
  for (const s of doc.statements) {
    push(`  - text: ${plainText(s.text)}`);
    push(`    source: ${s.source}`);
    if (s.shares) push(`    shares: ${s.shares}`);
    if (s.total) {
      push(`    total: ${q(s.total)}`);
      push(`    parts: ${flow(s.parts)}`);
    }
    if (s.figures) {
      push('    figures:');
      for (const f of s.figures) push(`      - ${flow(f)}`);
    }
    if (s.changes) {
      push('    changes:');
      for (const c of s.changes) push(`      - ${flow(c)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// One file, the corpus

function build(seed, index, fault) {
  const r = rng(fileSeed(seed, index));
  const model = buildModel(r, index);
  const doc = { model, tables: buildTables(model), statements: buildStatements(r, model) };
  const expected = fault ? FAULTS[fault].inject(doc, r, Math.floor((index + 1) / 4)) : [];
  return { doc, expected };
}

const fileName = (index) => `accounts-${String(index + 1).padStart(5, '0')}.yaml`;

export function generateAccountsFile(seed, index) {
  const fault = faultOf(index);
  const { doc, expected } = build(seed, index, fault);
  const name = fileName(index);
  return { name, text: emit(doc, name), fault, expected: expected.map((f) => ({ file: name, ...f })) };
}

/**
 * One clean document (no fault, whatever its index), with its size: table rows and statements.
 * The in-process timing of bench/accounts.mjs checks it.
 */
export function generateAccountsDocument({ seed = DEFAULT_SEED, index = 0 } = {}) {
  const { doc } = build(seed, index, null);
  const name = fileName(index).replace(/\.yaml$/, '-clean.yaml');
  const text = emit(doc, name);
  const tableRows = doc.tables.reduce((n, t) => n + (t.rows?.length ?? 0) + (t.income?.rows.length ?? 0) + (t.expenditure?.rows.length ?? 0), 0);
  return { name, text, tableRows, statements: doc.statements.length, lines: text.split('\n').length - 1 };
}

export function generateAccountsCorpus({ dir, count, seed = DEFAULT_SEED }) {
  return writeCorpus({ dir, count, seed, generator: `accounts-${ACCOUNTS_GENERATOR_VERSION}`, makeFile: generateAccountsFile });
}

// ---------------------------------------------------------------------------------------------
// CLI

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const argv = process.argv.slice(2);
  const out = arg(argv, '--out');
  if (!out) {
    console.error('usage: node bench/accounts-corpus.mjs --out DIR [--count 200] [--seed N]');
    process.exit(2);
  }
  const count = Number(arg(argv, '--count', '200'));
  const seed = Number(arg(argv, '--seed', String(DEFAULT_SEED)));
  const marker = generateAccountsCorpus({ dir: resolve(out), count, seed });
  console.log(JSON.stringify(marker));
}
