/** What the schemas are built from: one builder per kind of leaf (located for the validator, JSON for the JSON Schema). */
import type { z } from 'zod';

export interface LeafBuilders {
  /** A printed number (or a dash for not applicable): weight, score, amount, rate. */
  figure: z.ZodType;
  /** A printed value that may be a number or a qualitative text: target, actual. */
  value: z.ZodType;
  /** The same, where the value is what the part is about (a statement's figure): a blank one is a finding. */
  requiredValue: z.ZodType;
  text: z.ZodType;
  integer: z.ZodType;
  boolean: z.ZodType;
  literal: (value: string) => z.ZodType;
  oneOf: (values: readonly string[]) => z.ZodType;
  /** A table row written as one string of `|`-separated cells (final accounts and budgets). */
  row: z.ZodType;
}
