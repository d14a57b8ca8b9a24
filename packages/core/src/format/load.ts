/**
 * Reads one file into the typed model: text → located YAML tree → plain values → zod schemas.
 * Every problem becomes a positioned finding; the schema pass repairs what it can (drops the
 * offending value and tries again) so that one bad value never hides the rest of the document.
 */
import type { z } from 'zod';
import { formatPath, type Finding } from '../finding.js';
import { parseYaml } from '../yaml/parse.js';
import { problemMessages } from '../yaml/problems.js';
import { keySpanAt, nodeAt, type ParsedYaml, type Span, type YNode } from '../yaml/tree.js';
import { locatedSchemas } from './located-schema.js';
import type { DocumentKind, JixiaoDocument } from './model.js';
import { DOCUMENT_KINDS } from './schema.js';
import { toPlain, type Plain } from './to-plain.js';
import { FilledLeaf, Leaf } from './leaf.js';
import { checkDeadline } from '../limits.js';
import type { RetypedScalar } from '../yaml/reparse.js';
import { retypedDocument } from './retype.js';

export interface LoadedDocument {
  file: string;
  text: string;
  root: YNode | null;
  /** The model, or null when the file is not a readable jixiao/1 document. */
  document: JixiaoDocument | null;
  /** Parse and schema findings. */
  findings: Finding[];
  /** Set when the text parsed without a problem: `root` is then its whole tree (an editor may derive the next one from it: yaml/reparse.ts). */
  parsedCleanly?: true;
}

const MAX_REPAIR_ROUNDS = 25;
type PathStep = string | number;

function finding(file: string, ruleId: string, zh: string, en: string, span: Span, path?: PathStep[]): Finding {
  return { ruleId, severity: 'error', message: { zh, en }, file, span, path: path ? formatPath(path) : undefined, related: [] };
}

/** The container holding `path`'s last step, if the path runs through containers. */
function parentOf(plain: Plain, path: readonly PathStep[]): Plain[] | Record<string, Plain> | undefined {
  let node: Plain | undefined = plain;
  for (const step of path.slice(0, -1)) {
    if (node === undefined || node instanceof Leaf) return undefined;
    node = Array.isArray(node) ? node[step as number] : (node as Record<string, Plain>)[String(step)];
  }
  return node === undefined || node instanceof Leaf ? undefined : node;
}

function deleteKey(plain: Plain, path: readonly PathStep[]): boolean {
  const parent = parentOf(plain, path);
  const last = path[path.length - 1];
  if (!parent || Array.isArray(parent) || last === undefined || !Object.hasOwn(parent, String(last))) return false;
  delete parent[String(last)];
  return true;
}

function setAt(plain: Plain, path: readonly PathStep[], value: Plain): boolean {
  const parent = parentOf(plain, path);
  const last = path[path.length - 1];
  if (!parent || last === undefined) return false;
  if (Array.isArray(parent)) {
    if (typeof last !== 'number' || last >= parent.length) return false;
    parent[last] = value;
  } else parent[String(last)] = value;
  return true;
}

const emptyMap = (): Plain => ({}) as Record<string, Plain>;

/** What a missing required value is replaced by: an empty list or mapping (whose own required keys are filled in turn), else a value that reads as absent. */
function fillFor(issue: z.core.$ZodIssue): Plain {
  const expected = issue.code === 'invalid_type' ? issue.expected : undefined;
  return expected === 'array' ? [] : expected === 'object' ? emptyMap() : new FilledLeaf();
}

/** A list element that is not what its list holds is replaced, in turn, by these (never removed: that would renumber the paths after it). */
const ELEMENT_STANDINS: (() => Plain)[] = [emptyMap, () => new FilledLeaf(), () => []];

/** Whether `path` is `prefix` or lies inside it. */
function within(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

function kindOf(root: YNode | null): string | null {
  const kind = nodeAt(root, ['kind']);
  return kind?.kind === 'scalar' ? kind.text : null;
}

/**
 * An editor's edited text (yaml/reparse.ts): its tree; and when the edit retyped one value of a
 * document whose load found nothing wrong, that load's model and the edit (format/retype.ts).
 */
export interface ReparsedText {
  tree: ParsedYaml;
  retyped?: { document: JixiaoDocument; edit: RetypedScalar };
}

/** `reparsed`: the text's tree (and maybe the model before) when the caller has it already, else the text is parsed here. */
export function loadDocument(file: string, text: string, reparsed?: ReparsedText): LoadedDocument {
  const findings: Finding[] = [];
  const { root, problems } = reparsed?.tree ?? parseYaml(text);
  const clean = problems.length === 0 ? ({ parsedCleanly: true } as const) : {};
  for (const p of problems) {
    const { zh, en } = problemMessages(p);
    findings.push(finding(file, p.code, zh, en, p.span));
  }
  // A value a syntax error garbled (an unclosed quote swallowing the next lines, an alias left
  // empty, a key run on into the next line) is reported once, by the syntax error, not again by the schema.
  const garbled = (span: Span) => problems.some((p) => span[0] === p.span[0] || (span[0] < p.span[1] && p.span[0] < span[1]));
  const report = (f: Finding) => {
    if (!garbled(f.span)) findings.push(f);
  };
  if (!root || root.kind !== 'map') {
    if (problems.length === 0 && !root) {
      // Nothing but blank lines, comments or a bare `---`.
      const blank = text.trim() === '';
      findings.push(finding(file, 'schema/empty', blank ? '文件为空' : '文件为空：只有注释，没有内容', blank ? 'the file is empty' : 'the file is empty: only comments, no content', [0, 0]));
    } else if (problems.length === 0) {
      findings.push(finding(file, 'schema/not-a-document', '不是 jixiao/1 文档：顶层应为键值映射', 'not a jixiao/1 document: the top level must be a mapping', root?.span ?? [0, 0]));
    }
    return { file, text, root, document: null, findings, ...clean };
  }
  const format = nodeAt(root, ['format']);
  if (!format || format.kind !== 'scalar' || format.text !== 'jixiao/1') {
    report(finding(file, 'schema/format', '缺少或错误的 format：应为 jixiao/1', 'missing or wrong format: expected jixiao/1', format?.span ?? keySpanAt(root, []) ?? [0, 0], ['format']));
    return { file, text, root, document: null, findings, ...clean };
  }
  const kind = kindOf(root);
  const schema = kind !== null && (DOCUMENT_KINDS as readonly string[]).includes(kind) ? locatedSchemas[kind as DocumentKind] : null;
  if (!schema) {
    const span = nodeAt(root, ['kind'])?.span ?? keySpanAt(root, ['format']) ?? [0, 0];
    const kinds = DOCUMENT_KINDS.join(' | ');
    report(finding(file, 'schema/kind', `未知的文档类型“${kind ?? ''}”：应为 ${kinds}`, `unknown document kind “${kind ?? ''}”: expected ${kinds}`, span, ['kind']));
    return { file, text, root, document: null, findings, ...clean };
  }
  const retyped = reparsed?.retyped;
  if (retyped && problems.length === 0 && retyped.document.kind === kind) {
    const document = retypedDocument(schema, retyped.document, root, retyped.edit);
    if (document) return { file, text, root, document, findings, ...clean };
  }
  const plain = toPlain(root);
  const reported = new Set<string>();
  // Paths the repair changed: what the schema says inside them next is a consequence, not a new problem.
  const repairedPaths: string[] = [];
  const standins = new Map<string, number>();
  for (let round = 0; round < MAX_REPAIR_ROUNDS; round++) {
    checkDeadline(true);
    const result = (schema as z.ZodType).safeParse(plain);
    if (result.success) return { file, text, root, document: result.data as JixiaoDocument, findings, ...clean };
    let repaired = false;
    for (const issue of result.error.issues) {
      checkDeadline();
      const path = issue.path.filter((p): p is PathStep => typeof p !== 'symbol');
      const where = formatPath(path);
      const causedByRepair = repairedPaths.some((d) => within(where, d));
      if (!causedByRepair) {
        for (const f of issueFindings(file, root, issue, path)) {
          const key = `${f.ruleId}@${f.path ?? ''}@${f.span[0]}`;
          if (!reported.has(key)) {
            reported.add(key);
            report(f);
          }
        }
      }
      repaired = repairIssue(plain, issue, path, repairedPaths, standins) || repaired;
    }
    if (!repaired) break;
  }
  return { file, text, root, document: null, findings, ...clean };
}

/**
 * Repairs one schema issue in place so that the next round checks the rest: unknown keys are
 * dropped; a missing required value is filled (it reads as absent); a wrong optional value is
 * dropped; a wrong list element is replaced by a stand-in. Returns false when nothing could be done.
 */
function repairIssue(plain: Plain, issue: z.core.$ZodIssue, path: PathStep[], repairedPaths: string[], standins: Map<string, number>): boolean {
  if (issue.code === 'unrecognized_keys') {
    let done = false;
    for (const key of issue.keys) done = deleteKey(plain, [...path, key]) || done;
    return done;
  }
  let target = path;
  while (target.length > 0) {
    const parent = parentOf(plain, target);
    const last = target[target.length - 1] as PathStep;
    const where = formatPath(target);
    if (parent && Array.isArray(parent)) {
      const tried = standins.get(where) ?? 0;
      const standin = ELEMENT_STANDINS[tried];
      if (standin && typeof last === 'number' && last < parent.length) {
        standins.set(where, tried + 1);
        parent[last] = standin();
        repairedPaths.push(where);
        return true;
      }
    } else if (parent) {
      const present = Object.hasOwn(parent, String(last));
      const value = present ? parent[String(last)] : undefined;
      if (!present) {
        repairedPaths.push(where);
        return setAt(plain, target, fillFor(issue));
      }
      if (!(value instanceof FilledLeaf) && !standins.has(where)) {
        // Dropped: an optional key is then simply absent; a required one is missing next round, and filled.
        standins.set(where, 1);
        repairedPaths.push(where);
        return deleteKey(plain, target);
      }
    }
    // Nothing more to try here: the part that holds it goes instead.
    target = target.slice(0, -1);
  }
  return false;
}

/** What a node is, for “found …” in a wrong-type message. */
function found(node: YNode): { zh: string; en: string } {
  if (node.kind === 'seq') return { zh: '列表', en: 'a list' };
  if (node.kind === 'map') return { zh: '映射（键: 值）', en: 'a mapping (key: value)' };
  const text = node.text.length > 40 ? `${node.text.slice(0, 40)}…` : node.text;
  return node.value === null && text === '' ? { zh: '空值', en: 'nothing' } : { zh: `“${text}”`, en: `“${text}”` };
}

/** The first scalar the path runs through before its end (a value the schema wanted to be a list or mapping). */
function scalarOnPath(root: YNode, path: readonly PathStep[]): number | null {
  let node: YNode | null = root;
  for (let i = 0; i < path.length && node; i++) {
    if (node.kind === 'scalar') return i;
    node = nodeAt(node, [path[i] as PathStep]);
  }
  return null;
}

function wrongType(file: string, root: YNode, path: PathStep[], expected: 'list' | 'mapping' | 'value' | 'collection'): Finding {
  const node = nodeAt(root, path) ?? root;
  const where = formatPath(path) || '(document)';
  const want = { list: { zh: '列表', en: 'a list' }, mapping: { zh: '映射（键: 值）', en: 'a mapping (key: value)' }, value: { zh: '单个值', en: 'a single value' }, collection: { zh: '列表或映射', en: 'a list or mapping' } }[expected];
  const got = found(node);
  return finding(file, 'schema/invalid', `“${where}”的类型不对：应为${want.zh}，实际是${got.zh}`, `wrong type at ${where}: expected ${want.en}, found ${got.en}`, node.span, path);
}

function issueFindings(file: string, root: YNode, issue: z.core.$ZodIssue, path: PathStep[]): Finding[] {
  const where = formatPath(path) || '(document)';
  // The schema looked inside a scalar (an indicator written as a string, `project: 5`): that scalar has the wrong type.
  const stop = scalarOnPath(root, path);
  if (stop !== null) return [wrongType(file, root, path.slice(0, stop), typeof path[stop] === 'number' ? 'list' : 'mapping')];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const span = keySpanAt(root, [...path, key]) ?? root.span;
      return finding(file, 'schema/unknown-key', `未知的键“${key}”（位于 ${where}）`, `unknown key “${key}” at ${where}`, span, [...path, key]);
    });
  }
  const node = nodeAt(root, path);
  const params = (issue as { params?: { jixiaoCode?: string; zh?: string; en?: string } }).params;
  if (params?.jixiaoCode) {
    // The leaf readers (located-schema.ts) give both languages, with {where} for the path.
    const fill = (text: string | undefined) => (text ?? issue.message).split('{where}').join(where);
    return [finding(file, params.jixiaoCode, fill(params.zh), fill(params.en), node?.span ?? keySpanAt(root, path) ?? root.span, path)];
  }
  if (!node) {
    const key = String(path[path.length - 1] ?? '');
    const parentSpan = nodeAt(root, path.slice(0, -1))?.span ?? root.span;
    return [finding(file, 'schema/missing-key', `缺少必需的键“${key}”（位于 ${formatPath(path.slice(0, -1)) || '(document)'}）`, `missing required key “${key}” at ${formatPath(path.slice(0, -1)) || '(document)'}`, parentSpan, path)];
  }
  if (issue.code === 'invalid_type' || (node.kind !== 'scalar' && issue.message === 'expected a single value here')) {
    const expected = issue.code === 'invalid_type' && issue.expected === 'array' ? 'list' : issue.code === 'invalid_type' && issue.expected === 'object' ? 'mapping' : node.kind === 'scalar' ? 'collection' : 'value';
    return [wrongType(file, root, path, expected)];
  }
  return [finding(file, 'schema/invalid', `“${where}”无效：${issue.message}`, `invalid value at ${where}: ${issue.message}`, node.span, path)];
}
