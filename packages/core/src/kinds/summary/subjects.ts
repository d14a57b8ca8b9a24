/** The subjects of a result summary: each entry's score and grade, an overall result like a report's. */
import type { CheckConfig } from '../../config.js';
import { resultSubject } from '../../facts/result-subjects.js';
import type { Subject } from '../../facts/subject.js';
import { num, type DocView } from '../../facts/views.js';

export function summarySubjects(view: DocView, config: CheckConfig): Subject[] {
  return (view.doc.entries ?? []).flatMap((e, i) => {
    const score = num(e.score);
    return score ? [resultSubject(view, ['entries', i], e.name, score, e.grade, config)] : [];
  });
}
