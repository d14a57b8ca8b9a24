/**
 * One parse behaviour for the CLI and the language server: the fast js-yaml path for documents
 * that parse cleanly, the error-tolerant `yaml` path for the rest. Both build the same located tree
 * (a test proves they agree on every fixture), so a finding never depends on which path ran.
 *
 * Whatever the input, the tree handed on is at most MAX_DEPTH levels deep (else there is no tree and
 * a `parse/too-deep` problem), so no recursive pass downstream can overflow the call stack; aliases
 * are never expanded (tolerant-parse.ts), so an alias bomb costs nothing.
 */
import { parseFast } from './fast-parse.js';
import { parseTolerant } from './tolerant-parse.js';
import { canonicalSpans } from './spans.js';
import { tooDeep } from './problems.js';
import { firstTooDeep, type ParsedYaml } from './tree.js';

export function parseYaml(input: string): ParsedYaml {
  let parsed: ParsedYaml;
  try {
    parsed = { root: parseFast(input), problems: [] };
  } catch {
    try {
      parsed = parseTolerant(input);
    } catch (err) {
      // The tolerant path measures depth before it recurses; should a stack overflow still happen,
      // it is a problem of this input, not a crash.
      if (err instanceof RangeError) return { root: null, problems: [tooDeep(0)] };
      throw err;
    }
  }
  const deep = firstTooDeep(parsed.root);
  if (deep) return { root: null, problems: [tooDeep(deep.span[0])] };
  if (parsed.root) parsed.root = canonicalSpans(parsed.root, input);
  return parsed;
}
