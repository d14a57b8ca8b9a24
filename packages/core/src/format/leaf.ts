/** A YAML scalar handed to the schemas: its value, its text as written and where it stands. */
import type { Span } from '../yaml/tree.js';

export class Leaf {
  constructor(
    readonly value: string | number | boolean | null,
    readonly text: string,
    readonly span: Span,
  ) {}

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
