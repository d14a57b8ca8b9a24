/** The subjects of the rates a document states over its funds (预算执行率, 资金到位率, each funds row's 执行率). */
import { Decimal as DecimalValue } from 'decimal.js';
import type { CheckConfig } from '../config.js';
import { formatPath } from '../finding.js';
import type { FundsRow } from '../format/model.js';
import type { NumberFigure } from '../values/figure.js';
import { clamp, fractionQuantityOf, product, quantityOf, ratio } from '../values/tolerance.js';
import { fraction, plain } from './computed.js';
import type { Subject } from './subject.js';
import { num, type DocView } from './views.js';

export function ratioSubjects(view: DocView, config: CheckConfig): Subject[] {
  const out: Subject[] = [];
  const push = (path: (string | number)[], label: { zh: string; en: string }, stated: NumberFigure | undefined, numerator: NumberFigure | undefined, denominator: NumberFigure | undefined, weight?: NumberFigure, score?: NumberFigure) => {
    // A scored line that prints only its rate (分值 10, 执行率 100%, 得分 10) is scored on the stated rate.
    const onStated = (!numerator || !denominator) && stated !== undefined && weight !== undefined && score !== undefined;
    if ((!numerator || !denominator) && !onStated) return;
    const computed = () => {
      const q = numerator && denominator ? ratio(quantityOf(numerator, config.tolerance), quantityOf(denominator, config.tolerance)) : stated ? fractionQuantityOf(stated, config.tolerance) : null;
      return q ? fraction(q) : undefined;
    };
    out.push({
      kind: 'ratio', file: view.file, path: formatPath(path), span: (stated ?? numerator ?? score ?? weight)?.span ?? [0, 0],
      facts: {
        label: () => label.zh, labelEn: () => label.en, stated: () => stated, numerator: () => numerator, denominator: () => denominator, computed,
        weight: () => weight, score: () => score,
        computedScore: () => {
          const c = computed();
          if (!weight || !c) return undefined;
          const capped = clamp(c.quantity, new DecimalValue(0), new DecimalValue(1));
          return plain(product(quantityOf(weight, config.tolerance), capped));
        },
      },
    });
  };
  const b = view.doc.budget;
  if (b) {
    push(['budget', 'execution_rate'], { zh: '预算执行率', en: 'budget execution rate' }, num(b.execution_rate), num(b.spent), num(b.adjusted));
    push(['budget', 'received_rate'], { zh: '资金到位率', en: 'funds received rate' }, num(b.received_rate), num(b.received), num(b.adjusted));
  }
  const f = view.doc.funds;
  if (f) {
    // A row's rate is over its 全年预算数, or its 年初预算数 when the form prints no 全年预算数 (部门整体 forms).
    const budgetOf = (row: FundsRow) => num(row.adjusted) ?? num(row.planned);
    const line = (path: (string | number)[], label: { zh: string; en: string }, row: FundsRow, scored: boolean) =>
      push(path, label, num(row.rate), num(row.spent), budgetOf(row), scored ? num(row.weight) : undefined, scored ? num(row.score) : undefined);
    const rows: [string, FundsRow | undefined][] = [['total', f.total], ['current_year', f.current_year], ['carried_over', f.carried_over], ['other', f.other]];
    for (const [key, row] of rows) {
      if (!row) continue;
      const label = key === 'total' ? { zh: '年度资金总额执行率', en: 'execution rate of the year\'s funds' } : { zh: `${key} 执行率`, en: `${key} execution rate` };
      if (key === 'total') push(['funds', key, 'rate'], label, num(row.rate), num(row.spent), budgetOf(row), num(row.weight) ?? num(f.weight), num(row.score));
      else line(['funds', key, 'rate'], label, row, false);
    }
    (f.rows ?? []).forEach((row, i) => line(['funds', 'rows', i, 'rate'], { zh: `${row.name ?? ''} 执行率`, en: `execution rate of ${row.name ?? ''}` }, row, false));
    // Department-wide forms score the spending rows too (基本支出 / 项目支出, 分值 and 得分 each).
    const s = f.spending;
    if (s) {
      const spending: [string, FundsRow | undefined, { zh: string; en: string }][] = [
        ['basic', s.basic, { zh: '基本支出执行率', en: 'execution rate of basic expenditure' }],
        ['personnel', s.personnel, { zh: '人员经费执行率', en: 'execution rate of personnel' }],
        ['public_use', s.public_use, { zh: '公用经费执行率', en: 'execution rate of public use' }],
        ['project', s.project, { zh: '项目支出执行率', en: 'execution rate of project expenditure' }],
      ];
      for (const [key, row, label] of spending) if (row) line(['funds', 'spending', key, 'rate'], label, row, true);
      (s.rows ?? []).forEach((row, i) => line(['funds', 'spending', 'rows', i, 'rate'], { zh: `${row.name ?? ''} 执行率`, en: `execution rate of ${row.name ?? ''}` }, row, true));
    }
  }
  return out;
}
