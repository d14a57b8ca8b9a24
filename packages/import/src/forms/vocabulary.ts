/**
 * The words of a self-evaluation form (项目支出 / 部门整体支出绩效自评表): its titles, header fields,
 * the labels and columns of its funds block (预算执行情况), its goal box, the labels and columns of its
 * indicator table (一级 / 二级 / 三级), its 总分 row and its closing boxes. Every label is matched on
 * its folded text (no spaces, brackets and colons of either width as ASCII), whole.
 */

/** A label as compared: no spaces; full-width brackets, colons and signs folded to ASCII. */
export function fold(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[（【]/g, '(')
    .replace(/[）】]/g, ')')
    .replace(/：/g, ':')
    .replace(/＊/g, '*');
}

/** A weight printed inside a label: “产出指标（40分）”, “预算执行情况(10分)”, “分值(10分)”. */
export function labelWeight(text: string): { name: string; weight?: string } {
  const m = /^(.*?)\s*[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*(.*)$/.exec(text.trim());
  if (!m) return { name: text.trim() };
  const name = `${m[1] ?? ''}${m[3] ?? ''}`.trim();
  return { name, weight: m[2] as string };
}

/** A form's title: …绩效自评表, …自评报告 (not a 汇总表, not a sentence, not a table of contents' line). */
export function isFormTitle(text: string): boolean {
  const t = fold(text);
  if (t.length > 64 || /[。；，]|\.{3}|…/.test(t)) return false;
  if (/汇总|结果表|情况表$/.test(t)) return false;
  // It ends with the form's name, give or take a bracket (the year, 修改) or a file extension.
  return /自评(表|报告)(\([^)]*\)|\.xlsx?|\d{4}年度\)?)*$/.test(t);
}

/** A line that only says the form's year: “(2023 年度)”, “2019年度)”. */
export function yearOf(text: string): string | undefined {
  return /^[(（]?\s*(\d{4})\s*年度?\s*[)）]?$/.exec(text.trim())?.[1] ?? /(?:^|[^\d])(\d{4})\s*年度/.exec(text)?.[1];
}

export type FieldKey = 'name' | 'authority' | 'department' | 'unit-name' | 'note' | 'skip';

/** Header fields printed as a label cell followed by the value cell. */
export function fieldLabel(text: string): FieldKey | undefined {
  const t = fold(text).replace(/:$/, '');
  if (/^项目名称$/.test(t)) return 'name';
  if (/^主管(部门|单位)$/.test(t)) return 'authority';
  if (/^(项目)?实施单位$/.test(t)) return 'department';
  if (/^(部门\(单位\)|部门|单位)名称$/.test(t)) return 'unit-name';
  if (/^(项目类别|项目属性|项目类型|部门\(单位\)主要负责人|部门\(单位\)财务负责人|项目负责人|财务负责人|填表人|联系电话|项目编码|项目代码)$/.test(t)) return 'note';
  return undefined;
}

/** “label:value” fields printed in one cell: 单位(盖章):…, 填报日期:…, 评价方式:… */
export function inlineFields(text: string): { key: FieldKey; label: string; value: string }[] | undefined {
  const t = text.trim();
  const re = /(单位\s*[(（]盖章[)）]|项目单位\s*[(（]盖章[)）]|填报单位|填报日期|主要领导签字|评价方式|评价机构|项目负责人|财务负责人|填表人|联系电话|单位|金额单位)\s*[:：]\s*/g;
  const hits = [...t.matchAll(re)];
  if (hits.length === 0 || hits[0]?.index !== 0) return undefined;
  return hits.map((h, i) => {
    const next = hits[i + 1];
    const value = t.slice((h.index ?? 0) + h[0].length, next ? next.index : undefined).trim();
    const label = fold(h[1] as string);
    const key: FieldKey = /^(单位\(盖章\)|项目单位\(盖章\)|填报单位)$/.test(label) ? 'department' : /^(单位|金额单位)$/.test(label) ? 'skip' : label === '主要领导签字' && !value ? 'skip' : 'note';
    return { key, label: h[1] as string, value };
  });
}

/** Keys of a funds row, as docs/format.md names them. */
export type FundsColumn = 'planned' | 'adjusted' | 'received' | 'spent' | 'rate' | 'weight' | 'score' | 'reason' | 'note';

/** The heading of the funds block: 项目资金(万元), 预算执行情况(10分), 部门(单位)总体资金(万元) … */
export function isFundsBlockLabel(text: string): boolean {
  const t = fold(labelWeight(text).name);
  return /^(项目资金|项目预算执行情况|预算执行情况|部门\(单位\)总体资金|部门整体资金|资金情况|项目资金情况|资金投入情况)(\(万元\))*(\(\d+分\))?$/.test(t);
}

/** A column heading of the funds block, with a weight printed in it (分值(10分)) and a formula (得分(20分*执行率)). */
export function fundsColumn(text: string): { key: FundsColumn | 'label'; weight?: string; formula?: string } | undefined {
  const raw = fold(text);
  const formula = /^得分\(([^)]*[*×][^)]*)\)$/.exec(raw)?.[1];
  if (formula) return { key: 'score', formula };
  const { name, weight } = labelWeight(text);
  const t = fold(name).replace(/\((A|B|B\/A|C|万元)\)/g, '');
  const key: FundsColumn | 'label' | undefined =
    /^年初预算(数)?$/.test(t) ? 'planned'
      : /^(全年预算(数)?|调整后预算(数)?|调整预算(数)?|预算数|预算安排(数)?)$/.test(t) ? 'adjusted'
      : /^(全年执行(数)?|执行数|预算执行数|实际支出(数)?|全年实际支出(数)?)$/.test(t) ? 'spent'
      : /^(实际到位(数|资金)?|到位数|资金到位数)$/.test(t) ? 'received'
      : /^(执行率|预算执行率)$/.test(t) ? 'rate'
      : /^(分值|权重)$/.test(t) ? 'weight'
      : /^得分$/.test(t) ? 'score'
      : /^得分计算方法$/.test(t) ? 'note'
      : /^(原因|偏差原因|未完成原因|执行偏差原因)$/.test(t) ? 'reason'
      : /^(资金来源|年度预算数|项目|资金类别|资金性质)$/.test(t) ? 'label'
      : undefined;
  if (!key) return undefined;
  return weight ? { key, weight } : { key };
}

/** A row of the funds block and where docs/format.md keeps it. */
export type FundsRowKey =
  | { key: 'total' | 'current_year' | 'carried_over' | 'other' }
  | { key: 'spending'; part: 'basic' | 'personnel' | 'public_use' | 'project' }
  | { key: 'rows'; name: string }
  | { key: 'spending-rows'; name: string };

/** The printed name of a funds row, without 其中 and a trailing colon. */
export function fundsRowName(text: string): string {
  return text.trim().replace(/^其中\s*[:：]\s*/, '').replace(/[:：]\s*$/, '').trim();
}

export function fundsRow(text: string, spendingBlock: boolean): FundsRowKey {
  const name = fundsRowName(text);
  const t = fold(name);
  if (/^(年度资金总额|资金总额|总额|年度财政资金总额|项目资金总额|合计|总计)$/.test(t)) return { key: 'total' };
  if (/^(当年财政拨款|财政拨款|本年财政拨款)$/.test(t)) return { key: 'current_year' };
  if (/^(上年结转资金|上年结转|上年结余结转资金|上年结转结余)$/.test(t)) return { key: 'carried_over' };
  if (/^其他资金$/.test(t)) return { key: 'other' };
  if (/^基本支出$/.test(t)) return { key: 'spending', part: 'basic' };
  if (/^人员经费$/.test(t)) return { key: 'spending', part: 'personnel' };
  if (/^公用经费$/.test(t)) return { key: 'spending', part: 'public_use' };
  if (/^项目支出$/.test(t)) return { key: 'spending', part: 'project' };
  if (spendingBlock && /^其他$/.test(t)) return { key: 'spending-rows', name };
  return { key: 'rows', name };
}

/** A word that may name a row of a funds block (a source or a kind of spending). */
export function isFundsRowWord(text: string): boolean {
  const k = fundsRow(text, true);
  return k.key !== 'rows' || /(资金|财政|拨款|经费|支出)$/.test(fold(fundsRowName(text)));
}

/** The goal box: its heading and the headings of its two texts. */
export function goalLabel(text: string): 'block' | 'planned' | 'achieved' | undefined {
  const t = fold(text).replace(/^\d+[.、]/, '');
  if (/^(年度总体目标|项目基本情况|总体目标|项目年度目标完成情况)$/.test(t)) return 'block';
  if (/^(年初预期目标|预期目标|年初设定目标|项目年度目标|年初目标|年度预期目标|年度目标)$/.test(t)) return 'planned';
  if (/^(目标实际完成情况|实际完成情况|年度总体目标完成情况|年度目标完成情况|完成情况|实际完成)$/.test(t)) return 'achieved';
  return undefined;
}

/** A narrative box of the project's basics that has no key (项目实施内容及过程概述): kept in notes. */
export function isNoteBox(text: string): boolean {
  return /^(\d+[.、])?(项目实施内容及过程概述|项目实施情况|项目概况|实施内容)$/.test(fold(text));
}

export type IndicatorColumn = 'nature' | 'target' | 'measure_unit' | 'actual' | 'weight' | 'score' | 'deduction' | 'rate' | 'reason' | 'note' | 'rule';

/** The header of the indicator table: 一级指标 / 二级指标 / 三级指标. */
export function levelHeading(text: string): 1 | 2 | 3 | undefined {
  const t = fold(text);
  return t === '一级指标' ? 1 : t === '二级指标' ? 2 : t === '三级指标' ? 3 : undefined;
}

/** The heading of the indicator block: 绩效指标(90分), 年度绩效指标, 年度绩效目标1 (80分). */
export function isIndicatorBlockLabel(text: string): boolean {
  const t = fold(labelWeight(text).name);
  return /^(绩效指标|年度绩效指标|年度绩效目标\d*|绩效目标\d*|绩效指标完成情况)$/.test(t);
}

export function indicatorColumn(text: string): IndicatorColumn | undefined {
  const t = fold(text).replace(/\((A|B|B\/A|C)\)/g, '');
  if (/^指标性质$/.test(t)) return 'nature';
  if (/^(年度指标值|指标值|年初目标值|目标值|年度目标值|预期指标值|计划指标值|预期目标值)$/.test(t)) return 'target';
  if (/^(度量单位|计量单位)$/.test(t)) return 'measure_unit';
  if (/^(实际完成值|完成值|全年实际值|实际完成指标值|实际值|实际完成)$/.test(t)) return 'actual';
  if (/^(分值|权重|指标分值)$/.test(t)) return 'weight';
  if (/^得分$/.test(t)) return 'score';
  if (/^扣分$/.test(t)) return 'deduction';
  if (/^得分率$/.test(t)) return 'rate';
  if (/^(偏差原因分析及改进措施|未完成原因分析|偏差原因分析|偏差原因|原因分析|未完成原因|扣分原因|原因)$/.test(t)) return 'reason';
  if (/^(评分标准|评分规则|得分计算方法|得分计算)/.test(t)) return 'rule';
  if (/^备注$/.test(t)) return 'note';
  return undefined;
}

/** Pieces of a column heading wrapped over several cells (年度 / 指标值, 实际 / 完成值). */
export function isHeadingFragment(text: string): boolean {
  return /^(年度|实际|年初|全年|指标值|完成值|预算数|执行数|指标|分值|得分)$/.test(fold(text));
}

/** The levels a hierarchy label can stand at: 1 (一级), 2 (二级), or both (成本指标). */
export function hierarchyLevel(text: string): 1 | 2 | 12 | undefined {
  const t = fold(labelWeight(text).name);
  if (/^(产出指标|效益指标|满意度指标|效果指标|影响指标|产出|效益|满意度)$/.test(t)) return 1;
  if (/^成本指标$/.test(t)) return 12;
  if (/^(数量|质量|时效|进度)指标$/.test(t)) return 2;
  if (/^(经济|社会|生态环境|生态|环境)成本(指标)?$/.test(t)) return 2;
  if (/^(经济|社会|生态|环境)效益(指标)?$/.test(t)) return 2;
  if (/^可持续影响(指标)?$/.test(t)) return 2;
  if (/^.{1,8}满意度(指标)?$/.test(t) && t !== '满意度指标') return 2;
  return undefined;
}

/** The 总分 row (合计 in some templates). */
export function isTotalLabel(text: string): boolean {
  return /^(总分|合计|总计|自评总分|综合得分|自评得分)$/.test(fold(text));
}

export function isGradeLabel(text: string): boolean {
  return /^(自评等级|评价等级|等级|自评结果)$/.test(fold(text));
}

/** The boxes after the table (评价结论, 存在问题, 改进措施 …): kept in notes. */
export function isTailLabel(text: string): boolean {
  return /^(评价结论|存在问题|改进措施|主要问题|整改措施|问题及改进措施|自评结论|存在的问题|主要经验及做法|其他需说明的问题)$/.test(fold(text));
}

/** A 三级 cell of the template: “指标1工程资金金额”, “指标1:居民健康档案”; “指标2” alone is an unfilled row. */
export function templateName(text: string): { no: string; name: string } | undefined {
  const m = /^(指标\s*\d+)\s*[:：]?\s*(.*)$/.exec(text.trim());
  return m ? { no: (m[1] as string).replace(/\s+/g, ''), name: (m[2] as string).trim() } : undefined;
}

/** A placeholder row of the template (……). */
export function isPlaceholder(text: string): boolean {
  return /^(…+|\.{3,}|。{3,}|等)$/.test(text.trim());
}

// ── values ──

const DASHES = new Set(['-', '—', '――', '–', '/', '／', '--', '——', '－', '―', '\\']);

export function isDash(text: string): boolean {
  return DASHES.has(text.trim());
}

/** A plain amount: 43.2, 1,057.54, 0.00, 207.4538. */
export function isAmount(text: string): boolean {
  return /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(text.trim());
}

export function isPercent(text: string): boolean {
  return /^[+-]?\d+(\.\d+)?\s*[%％]$/.test(text.trim());
}

/** A points figure: 10, 8.95, 9分. */
export function isPoints(text: string): boolean {
  return /^\d+(\.\d+)?\s*分?$/.test(text.trim());
}

export function pointsValue(text: string): number {
  return Number(text.trim().replace(/分$/, ''));
}

/** A comparator printed alone in 指标性质: ≥, ≤, =, 不低于 … */
export function isComparator(text: string): boolean {
  return /^(≥|≤|=|＝|>|<|＞|＜|≧|≦|>=|<=|不低于|不少于|不高于|不超过|大于|小于|等于|大于等于|小于等于)$/.test(text.trim());
}

/** A unit printed alone in 度量单位. */
export function isUnitWord(text: string): boolean {
  return /^([\p{Script=Han}]{1,4}|[A-Za-z]{1,6}|%|‰|[\p{Script=Han}]{1,3}\/[\p{Script=Han}]{1,3})$/u.test(text.trim()) && !/[\d]/.test(text);
}

export function isGrade(text: string): boolean {
  return /^(优|良|中|差|优秀|良好|合格|不合格|较差|一般)$/.test(text.trim());
}

/** Any cell that is a figure rather than words: an amount, a percent, a dash, a comparator figure. */
export function isFigure(text: string): boolean {
  const t = text.trim();
  return isAmount(t) || isPercent(t) || isDash(t) || /^(≥|≤|=|＝|>|<|＞|＜)\s*\d/.test(t);
}

/** Some label of the form's vocabulary (used to tell labels from values in a stream of cells). */
export function isAnyLabel(text: string): boolean {
  return (
    isFormTitle(text) || fieldLabel(text) !== undefined || isFundsBlockLabel(text) || fundsColumn(text) !== undefined ||
    goalLabel(text) !== undefined || isNoteBox(text) || levelHeading(text) !== undefined || isIndicatorBlockLabel(text) ||
    indicatorColumn(text) !== undefined || hierarchyLevel(text) !== undefined || isTotalLabel(text) || isTailLabel(text) ||
    isGradeLabel(text) || inlineFields(text) !== undefined
  );
}
