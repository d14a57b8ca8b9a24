/**
 * Which indicators a retyped value reaches, for the subjects that keep their findings across an edit
 * (engine/subject-reuse.ts).
 *
 * What an indicator's facts read (subjects.ts): its own fields and its subtree's (sums of the
 * children), its twins' own fields and how many children they have, the names of its ancestors and
 * of its scorecard (twins and cost indicators are found by name), its scorecard's `id` and `level`,
 * and the config. A twin subject reads the own fields of the occurrences of its indicator.
 *
 * So a retyped value that is not a name reaches only the indicator whose mapping holds it and that
 * indicator's ancestors (the `chain`): a subject is unaffected when neither its indicator nor any
 * twin of it lies on the chain. A value outside every scorecard (the budget, the result, the
 * claims) or in a scorecard's total or block weight reaches no indicator. Anything else — a name, a scorecard's own fields, the document's
 * `kind` or `format` — may reach any of them: null, and every subject is checked again.
 */
import type { RetypedScalar } from '../../yaml/reparse.js';
import type { Span } from '../../yaml/tree.js';
import type { DocView, IndicatorNode } from '../../facts/views.js';

/** Keys whose value decides what the indicators are or how they are found. */
const STRUCTURAL_KEYS = new Set(['name', 'kind', 'format']);

const holds = (span: Span, edit: RetypedScalar) => span[0] <= edit.start && edit.oldEnd + edit.delta <= span[1] && span[0] < span[1];

/** The indicators on the chain of the edit (empty when it lies outside every scorecard), or null when it may reach any. */
export function editChain(view: DocView, edit: RetypedScalar): ReadonlySet<IndicatorNode> | null {
  if (edit.key !== null && STRUCTURAL_KEYS.has(edit.key)) return null;
  for (const card of view.cards) {
    // A scorecard's region is its mapping; a form's is its indicator list (the rest of the form is the document's).
    const region = view.spanAt(card.path.length === 0 ? [card.indicatorsKey] : card.path);
    if (!holds(region, edit)) continue;
    // Its total and block weight are read by their own subjects, which are always checked again.
    if (holds(view.spanAt(card.totalPath), edit) || (card.blockWeightPath && holds(view.spanAt(card.blockWeightPath), edit))) return new Set();
    const chain = new Set<IndicatorNode>();
    let list = card.roots;
    for (;;) {
      const node = list.find((n) => holds(view.spanAt(n.path), edit));
      if (!node) break;
      chain.add(node);
      list = node.children;
    }
    // Inside the scorecard but in no indicator: its own fields (id, level, total, weight).
    return chain.size === 0 ? null : chain;
  }
  return new Set();
}
