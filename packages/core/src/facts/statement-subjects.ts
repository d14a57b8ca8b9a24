/** The subjects of the figures a document's sentences state (statements): each figure, and a total with its parts. */
import type { CheckConfig } from '../config.js';
import type { Statement } from '../format/model.js';
import { kindTermResolver } from '../kinds/subjects.js';
import { sumOf, type Comparable } from './computed.js';
import { evaluateExpression, isFigure, resolvePath } from './refs.js';
import type { Subject } from './subject.js';
import { num, type DocView } from './views.js';

/** The document a statement is about: this one, or another of the run found by project id and evaluator. */
export function aboutDocument(view: DocView, statement: Statement, views: readonly DocView[]): DocView | undefined {
  const about = statement.about;
  if (!about) return view;
  return views.find((v) => v.doc.project?.id === about.project
    && (about.evaluator === undefined || (v.doc.evaluator?.type ?? (v.doc.kind === 'self-evaluation' ? 'self' : undefined)) === about.evaluator)
    && (about.kind === undefined || v.doc.kind === about.kind));
}

export function statementSubjects(view: DocView, views: readonly DocView[], config: CheckConfig): Subject[] {
  const out: Subject[] = [];
  (view.doc.statements ?? []).forEach((st, i) => {
    const target = aboutDocument(view, st, views);
    (st.figures ?? []).forEach((fig, k) => {
      const path = `statements[${i}].figures[${k}].value`;
      let result: ReturnType<typeof evaluateExpression> | undefined;
      const evaluated = () => {
        if (!fig.equals || !target) return undefined;
        result ??= evaluateExpression(target.doc, fig.equals, config, kindTermResolver(target.file, target.doc, config));
        return result;
      };
      out.push({
        kind: 'statement-figure', file: view.file, path, span: view.spanAt(['statements', i, 'figures', k, 'value']),
        facts: {
          text: () => st.text,
          stated: () => (fig.value?.kind === 'number' ? fig.value : undefined),
          refers: () => fig.refers,
          aboutFound: () => target !== undefined,
          aboutFile: () => target?.file,
          referred: () => {
            if (!target || !fig.refers) return undefined;
            const v = resolvePath(target.doc, fig.refers);
            return isFigure(v) && v.kind === 'number' ? v : undefined;
          },
          referenceResolved: () => {
            if (!fig.refers) return true;
            if (!target) return st.about === undefined;
            return resolvePath(target.doc, fig.refers) !== undefined;
          },
          computed: () => evaluated()?.value,
          zeroDenominator: () => evaluated()?.zeroDenominator === true,
        },
      });
    });
    if (st.total && st.parts && st.parts.length > 0) {
      // The total as written, or the figure at the path it names (funds.total.adjusted).
      const total = () => {
        if (st.total?.kind === 'number') return st.total;
        if (st.total?.kind !== 'text' || !target) return undefined;
        const v = resolvePath(target.doc, st.total.text.trim());
        return isFigure(v) && v.kind === 'number' ? v : undefined;
      };
      out.push({
        kind: 'statement-split', file: view.file, path: `statements[${i}].total`, span: view.spanAt(['statements', i, 'total']),
        facts: {
          text: () => st.text,
          total,
          totalAt: () => ({ place: { file: view.file, path: `statements[${i}].total`, span: view.spanAt(['statements', i, 'total']) } }),
          partsSum: () => {
            const parts = (st.parts ?? []).map(num);
            return parts.every((p) => p !== undefined) ? sumOf(parts as Comparable[], config.tolerance) : undefined;
          },
        },
      });
    }
  });
  return out;
}
