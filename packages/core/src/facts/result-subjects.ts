/** The subjects of an overall result (综合评价 得分 and 等级, out of 100): a document's result, a summary's entries. */
import { Decimal as DecimalValue } from 'decimal.js';
import { canonicalGrade, type CheckConfig } from '../config.js';
import { formatPath } from '../finding.js';
import type { NumberFigure } from '../values/figure.js';
import { exactQuantity, quantityOf, ratio } from '../values/tolerance.js';
import { fraction, plain } from './computed.js';
import { gradeOfDocument } from './grading.js';
import type { Subject } from './subject.js';
import { num, type DocView } from './views.js';

/** Overall scores are out of 100 (财预〔2020〕10号: 总分一般设置为 100 分). */
const HUNDRED = plain(exactQuantity(new DecimalValue(100)));

/** An overall result: a score out of 100 with its grade (and rate), at `path`. */
export function resultSubject(view: DocView, path: (string | number)[], name: string, score: NumberFigure, grade: string | undefined, config: CheckConfig, rate?: NumberFigure): Subject {
  return {
    kind: 'scored', file: view.file, path: formatPath(path), span: score.span,
    facts: {
      role: () => 'result', name: () => name, score: () => score, rate: () => rate,
      effectiveWeight: () => HUNDRED,
      grade: () => (grade ? canonicalGrade(grade, config) : undefined),
      gradeText: () => grade,
      gradeAt: () => (grade ? { place: { file: view.file, path: formatPath([...path, 'grade']), span: view.spanAt([...path, 'grade']) } } : undefined),
      expectedGrade: () => gradeOfDocument(view.doc, score.value, config) ?? undefined,
      computedRate: () => {
        const q = ratio(quantityOf(score, config.tolerance), exactQuantity(new DecimalValue(100)));
        return rate && q ? fraction(q) : undefined;
      },
    },
  };
}

/** The document's own result (综合评价), when it states a score. */
export function documentResultSubjects(view: DocView, config: CheckConfig): Subject[] {
  const r = view.doc.result;
  const score = num(r?.score);
  return r && score ? [resultSubject(view, ['result'], '综合评价', score, r.grade, config, num(r.rate))] : [];
}
