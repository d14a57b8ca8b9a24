/** A YAML scalar handed to the schemas: its value, its text as written and where it stands. */
import type { Span } from '../yaml/tree.js';
import { readFigure, type Figure } from '../values/figure.js';

export class Leaf {
  /** The figure this leaf reads as, once read: a schema repair re-validates the whole document, and its unchanged leaves are not read again. */
  private read: Figure | undefined = undefined;

  constructor(
    readonly value: string | number | boolean | null,
    readonly text: string,
    readonly span: Span,
  ) {}

  /** The leaf read as a printed figure (readFigure over its text and span); the same object on every call. */
  figure(): Figure {
    return (this.read ??= readFigure(this.text, this.span));
  }

  get isBlank(): boolean {
    return this.value === null && this.text.trim() === '';
  }

  /** True for a value the schema repair put in place of a missing one (load.ts): it reads as absent. */
  get filled(): boolean {
    return false;
  }
}

/** What the schema repair puts where a required value is missing, so that the rest of its part is still checked. */
export class FilledLeaf extends Leaf {
  constructor() {
    super(null, '', [0, 0]);
  }

  override get filled(): boolean {
    return true;
  }
}
