/**
 * One parse behaviour for the CLI and the language server: the fast js-yaml path for documents
 * that parse cleanly, the error-tolerant `yaml` path for the rest. Both build the same located tree
 * (a test proves they agree on every fixture), so a finding never depends on which path ran.
 */
import { parseFast } from './fast-parse.js';
import { parseTolerant } from './tolerant-parse.js';
import { canonicalSpans } from './spans.js';
import type { ParsedYaml } from './tree.js';

export function parseYaml(input: string): ParsedYaml {
  let parsed: ParsedYaml;
  try {
    parsed = { root: parseFast(input), problems: [] };
  } catch {
    parsed = parseTolerant(input);
  }
  if (parsed.root) parsed.root = canonicalSpans(parsed.root, input);
  return parsed;
}
