/**
 * The error-tolerant path: the `yaml` package's parser and composer, which recover from errors and
 * still yield the nodes they could read. Produces the same tree shape as fast-parse.ts.
 *
 * Two guards run before the composer sees the input:
 * - depth: the concrete syntax tree (built without recursion) is measured first; a document nested
 *   deeper than MAX_DEPTH is reported as `parse/too-deep` and never composed, because the composer
 *   recurses once per level and a stack overflow deep inside V8 can abort the whole process (it may
 *   strike while a regular expression is compiled, which is a fatal out-of-memory, not a RangeError);
 * - aliases: never expanded (see aliasProblem). jixiao/1 documents have no use for anchors and
 *   aliases, and expanding them is what makes an alias bomb ("billion laughs") explode: each alias
 *   becomes a `parse/alias` error and an empty value in its place. An anchor that no alias uses is
 *   inert (the anchored value is just the value written there) and passes silently, as on the fast path.
 */
import { Composer, CST, Parser, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import { aliasProblem, problem, tooDeep, yamlProblem } from './problems.js';
import { MAX_DEPTH, type MapEntry, type ParseProblem, type ParsedYaml, type Span, type YNode } from './tree.js';

const OPTIONS = { schema: 'core', prettyErrors: false, uniqueKeys: true, strict: false } as const;

function spanOf(node: { range?: [number, number, number] | null } | null | undefined, fallback: number): Span {
  const r = node?.range;
  return r ? [r[0], r[1]] : [fallback, fallback];
}

interface CstFacts {
  /** Offset of the first token nested deeper than MAX_DEPTH, or null. */
  tooDeepAt: number | null;
  /** Offsets of flow collections that never close, and of quoted scalars that never close. */
  unclosedFlows: number[];
  unclosedQuotes: number[];
}

/** A quoted scalar whose closing quote is missing. */
function unclosedQuote(token: CST.Token): boolean {
  if (token.type !== 'double-quoted-scalar' && token.type !== 'single-quoted-scalar') return false;
  const quote = token.type === 'double-quoted-scalar' ? '"' : "'";
  const s = token.source;
  // `"…\"` ends with an escaped quote (an odd number of backslashes before it): still open.
  return s.length < 2 || !s.endsWith(quote) || (quote === '"' && /(^|[^\\])(\\\\)*\\"$/.test(s));
}

/** Walks the concrete syntax tree without recursion: depth, and the openers that never close. */
function cstFacts(tokens: readonly CST.Token[]): CstFacts {
  const facts: CstFacts = { tooDeepAt: null, unclosedFlows: [], unclosedQuotes: [] };
  const stack: [CST.Token, number][] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i] as CST.Token;
    if (t.type === 'document' && t.value) stack.push([t.value, 1]);
  }
  while (stack.length > 0) {
    const [token, depth] = stack.pop() as [CST.Token, number];
    if (depth > MAX_DEPTH) {
      facts.tooDeepAt = token.offset;
      return facts;
    }
    switch (token.type) {
      case 'double-quoted-scalar':
      case 'single-quoted-scalar':
        if (unclosedQuote(token)) facts.unclosedQuotes.push(token.offset);
        break;
      case 'flow-collection': {
        const close = token.start.source === '[' ? 'flow-seq-end' : 'flow-map-end';
        if (!token.end.some((e) => e.type === close)) facts.unclosedFlows.push(token.offset);
      }
      // falls through
      case 'block-map':
      case 'block-seq': {
        const items = token.items as CST.CollectionItem[];
        for (let i = items.length - 1; i >= 0; i--) {
          const item = items[i] as CST.CollectionItem;
          if (item.value) stack.push([item.value, depth + 1]);
          // A scalar key is no level of its own (the located tree keeps keys on their entries).
          if (item.key && CST.isCollection(item.key)) stack.push([item.key, depth + 1]);
          else if (item.key && unclosedQuote(item.key)) facts.unclosedQuotes.push(item.key.offset);
        }
        break;
      }
      default:
        break;
    }
  }
  return facts;
}

/** The last opener at or before `pos`. */
function openerBefore(openers: readonly number[], pos: number): number | null {
  let found: number | null = null;
  for (const o of openers) if (o <= pos && (found === null || o > found)) found = o;
  return found;
}

/** The errors as problems: clear rule ids, unclosed things placed at their opener, bad keys at the bad line. */
function problemsOf(doc: Document.Parsed, input: string, facts: CstFacts): ParseProblem[] {
  const out: ParseProblem[] = [];
  const seen = new Set<string>();
  const errors = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  // Bad indentation is reported twice by `yaml` (block as implicit key, multiline implicit key) at one place.
  const multiline = new Set(errors.filter((e) => e.code === 'MULTILINE_IMPLICIT_KEY').map((e) => e.pos[0]));
  for (const err of errors) {
    if (err.code === 'BLOCK_AS_IMPLICIT_KEY' && multiline.has(err.pos[0])) continue;
    // Positions may point one past the end (an error at the end of the input): keep spans inside the text.
    const start = Math.min(err.pos[0], input.length);
    let span: Span = [start, Math.min(Math.max(err.pos[1], start), input.length)];
    let p = yamlProblem(err.code, err.message, span, input);
    const unclosedFlow = /end with a [\]}]/.test(err.message) ? openerBefore(facts.unclosedFlows, span[0]) : null;
    if (unclosedFlow !== null) {
      const bracket = input[unclosedFlow] ?? '[';
      const closer = bracket === '{' ? '}' : ']';
      p = problem('parse/unclosed', `“${bracket}”没有对应的“${closer}”`, `“${bracket}” is never closed by “${closer}”`, [unclosedFlow, unclosedFlow + 1]);
    } else if (p.code === 'parse/unclosed') {
      const quote = openerBefore(facts.unclosedQuotes, span[0]);
      if (quote !== null) {
        const q = input[quote] ?? '"';
        p = problem('parse/unclosed', `引号 ${q} 没有闭合`, `the quote ${q} is never closed`, [quote, quote + 1]);
      }
    } else if (err.code === 'MULTILINE_IMPLICIT_KEY') {
      // The key runs on into the next line: that line is the one badly indented (or missing its colon).
      const text = input.slice(span[0], span[1]);
      const nl = text.lastIndexOf('\n');
      if (nl >= 0) {
        let lineStart = span[0] + nl + 1;
        while (lineStart < span[1] && (input[lineStart] === ' ' || input[lineStart] === '\t')) lineStart++;
        span = [lineStart, span[1]];
        p = { ...p, span };
      }
    }
    const key = `${p.code}@${p.span[0]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

export function parseTolerant(input: string): ParsedYaml {
  const tokens = [...new Parser().parse(input)];
  const facts = cstFacts(tokens);
  if (facts.tooDeepAt !== null) return { root: null, problems: [tooDeep(facts.tooDeepAt)] };

  let doc: Document.Parsed | null = null;
  let second: Span | null = null;
  for (const d of new Composer(OPTIONS).compose(tokens, true, input.length)) {
    if (doc) {
      second = [d.range[0], d.range[1]];
      break;
    }
    doc = d;
  }
  if (!doc) return { root: null, problems: [] };
  const problems = problemsOf(doc, input, facts);
  if (second) problems.push(yamlProblem('MULTIPLE_DOCS', '', second, input));

  const convert = (node: unknown, depth: number): YNode => {
    if (depth > MAX_DEPTH) {
      // Unreachable after the CST check; kept so that no caller ever gets a deeper tree.
      const span = spanOf(node as never, 0);
      problems.push(tooDeep(span[0]));
      return { kind: 'scalar', span: [span[0], span[0]], value: null, text: '' };
    }
    if (isAlias(node)) {
      const span = spanOf(node, 0);
      problems.push(aliasProblem(node.source, span));
      return { kind: 'scalar', span, value: null, text: '' };
    }
    if (isMap(node)) {
      const entries: MapEntry[] = [];
      const keys = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as YamlNode | null;
        if (isAlias(key)) problems.push(aliasProblem(key.source, spanOf(key, 0)));
        const keyText = isScalar(key) ? String(key.value ?? '') : '';
        // A duplicate key (reported as parse/duplicate-key) is dropped: the first one counts, as in every key lookup.
        if (keys.has(keyText)) continue;
        keys.add(keyText);
        const keySpan = spanOf(key as never, node.range?.[0] ?? 0);
        const value = pair.value === null || pair.value === undefined
          ? ({ kind: 'scalar', span: [keySpan[1], keySpan[1]], value: null, text: '' } as YNode)
          : convert(pair.value, depth + 1);
        entries.push({ key: keyText, keySpan, value });
      }
      return { kind: 'map', span: spanOf(node, 0), entries };
    }
    if (isSeq(node)) {
      return { kind: 'seq', span: spanOf(node, 0), items: node.items.map((item) => convert(item, depth + 1)) };
    }
    if (isScalar(node)) {
      const span = spanOf(node, 0);
      const value = node.value;
      if (typeof value === 'string') return { kind: 'scalar', span, value, text: value };
      const source = (node as { source?: string }).source ?? input.slice(span[0], span[1]);
      if (value === null || value === undefined) return { kind: 'scalar', span, value: null, text: source };
      if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'scalar', span, value, text: source };
      return { kind: 'scalar', span, value: source, text: source };
    }
    return { kind: 'scalar', span: [0, 0], value: null, text: '' };
  };
  const root = doc.contents === null || doc.contents === undefined ? null : convert(doc.contents, 1);
  problems.sort((a, b) => a.span[0] - b.span[0]);
  return { root, problems };
}
