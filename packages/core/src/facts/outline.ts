/**
 * A document's outline as plain data: each scorecard (or a form's indicators) and its indicator
 * tree, with the text of each weight and score and the source spans an editor shows. Plain, so that
 * a worker thread can make it for a document too large to load on the editor's thread.
 *
 * At most OUTLINE_LIMIT nodes, in document order (as yaml-language-server's `maxItemsComputed`):
 * an outline of 200,000 entries helps no one and costs the editor seconds to draw.
 */
import type { Span } from '../yaml/tree.js';
import type { DocView, IndicatorNode } from './views.js';

export const OUTLINE_LIMIT = 5000;

export interface OutlineNode {
  name: string;
  weight?: string;
  score?: string;
  span: Span;
  /** The name's span (the node's own when it has no name). */
  nameSpan: Span;
  children: OutlineNode[];
}

export interface OutlineCard {
  /** The card's title, or its id; null for a form's indicators (the editor names them). */
  title: string | null;
  id: string;
  span: Span;
  idSpan: Span;
  children: OutlineNode[];
}

export interface Outline {
  cards: OutlineCard[];
  /** Nodes left out beyond the limit. */
  omitted: number;
}

const nonEmpty = (s: Span, fallback: Span): Span => (s[1] > s[0] ? s : fallback);

export function outlineOf(view: DocView, limit = OUTLINE_LIMIT): Outline {
  let room = limit;
  let omitted = 0;
  const nodes = (list: readonly IndicatorNode[]): OutlineNode[] => {
    const out: OutlineNode[] = [];
    for (const n of list) {
      if (room <= 0) {
        omitted += 1 + countBelow(n);
        continue;
      }
      room--;
      const span = view.spanAt(n.path);
      out.push({
        name: n.indicator.name || '—',
        ...(n.indicator.weight?.text ? { weight: n.indicator.weight.text } : {}),
        ...(n.indicator.score?.text ? { score: n.indicator.score.text } : {}),
        span,
        nameSpan: nonEmpty(view.spanAt([...n.path, 'name']), span),
        children: nodes(n.children),
      });
    }
    return out;
  };
  const cards = view.cards.map((card): OutlineCard => {
    const inCard = card.path.length > 0;
    const span = view.spanAt(inCard ? card.path : [card.indicatorsKey]);
    return {
      title: inCard ? (view.doc.scorecards?.[card.path[1] as number]?.title ?? card.id) : null,
      id: card.id,
      span,
      idSpan: inCard ? nonEmpty(view.spanAt([...card.path, 'id']), span) : span,
      children: nodes(card.roots),
    };
  });
  return { cards, omitted };
}

function countBelow(n: IndicatorNode): number {
  let count = 0;
  for (const c of n.children) count += 1 + countBelow(c);
  return count;
}
