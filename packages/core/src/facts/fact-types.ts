/** The shape of a fact catalogue (facts/catalogue.ts lists the catalogues). */
/** What a fact's value is. */
export type FactType =
  | 'figure' // a stated figure (NumberFigure), with its place in the document
  | 'comparable' // a figure or a value computed from figures (compared with decimal operators)
  | 'figures' // a list of figures (for `related`)
  | 'text'
  | 'number'
  | 'boolean'
  | 'place' // an explicit place ({ place: { file, path, span } }) for `at` or `related`
  | 'value'; // anything else (an enum word, a path)

export interface FactEntry {
  type: FactType;
  doc: string;
}

export type Catalogue = Record<string, Record<string, FactEntry>>;

/** One catalogue entry. */
export const fact = (type: FactType, doc: string): FactEntry => ({ type, doc });
