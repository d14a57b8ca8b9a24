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
}
