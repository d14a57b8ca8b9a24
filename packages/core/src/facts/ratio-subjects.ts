/** The subjects of the rates a document states over its funds (预算执行率, 资金到位率, each funds row's 执行率). */
import { Decimal as DecimalValue } from 'decimal.js';
import type { CheckConfig } from '../config.js';
import { formatPath } from '../finding.js';
import type { NumberFigure } from '../values/figure.js';
import { clamp, product, quantityOf, ratio } from '../values/tolerance.js';
import { fraction, plain } from './computed.js';
import type { Subject } from './subject.js';
import { num, type DocView } from './views.js';

export function ratioSubjects(view: DocView, config: CheckConfig): Subject[] {
  const out: Subject[] = [];
  const push = (path: (string | number)[], label: { zh: string; en: string }, stated: NumberFigure | undefined, numerator: NumberFigure | undefined, denominator: NumberFigure | undefined, weight?: NumberFigure, score?: NumberFigure) => {
    if (!numerator || !denominator) return;
    const computed = () => {
      const q = ratio(quantityOf(numerator, config.tolerance), quantityOf(denominator, config.tolerance));
      return q ? fraction(q) : undefined;
    };
    out.push({
      kind: 'ratio', file: view.file, path: formatPath(path), span: (stated ?? numerator).span,
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
    const rows: [string, typeof f.total][] = [['total', f.total], ['current_year', f.current_year], ['carried_over', f.carried_over], ['other', f.other]];
    for (const [key, row] of rows) if (row) push(['funds', key, 'rate'], key === 'total' ? { zh: '年度资金总额执行率', en: 'execution rate of the year\'s funds' } : { zh: `${key} 执行率`, en: `${key} execution rate` }, num(row.rate), num(row.spent), num(row.adjusted), key === 'total' ? num(row.weight) ?? num(f.weight) : undefined, key === 'total' ? num(row.score) : undefined);
    (f.rows ?? []).forEach((row, i) => push(['funds', 'rows', i, 'rate'], { zh: `${row.name ?? ''} 执行率`, en: `execution rate of ${row.name ?? ''}` }, num(row.rate), num(row.spent), num(row.adjusted)));
  }
  return out;
}
