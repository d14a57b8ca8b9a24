/**
 * Reads one file into the typed model: text → located YAML tree → plain values → zod schemas.
 * Every problem becomes a positioned finding; the schema pass repairs what it can (drops the
 * offending value and tries again) so that one bad value never hides the rest of the document.
 */
import type { z } from 'zod';
import { formatPath, type Finding } from '../finding.js';
import { parseYaml } from '../yaml/parse.js';
import { problemMessages } from '../yaml/problems.js';
import { keySpanAt, nodeAt, type Span, type YNode } from '../yaml/tree.js';
import { locatedSchemas } from './located-schema.js';
import type { DocumentKind, JixiaoDocument } from './model.js';
import { DOCUMENT_KINDS } from './schema.js';
import { toPlain, type Plain } from './to-plain.js';
import { Leaf } from './leaf.js';

export interface LoadedDocument {
  file: string;
  text: string;
  root: YNode | null;
  /** The model, or null when the file is not a readable jixiao/1 document. */
  document: JixiaoDocument | null;
  /** Parse and schema findings. */
  findings: Finding[];
}

const MAX_REPAIR_ROUNDS = 25;
type PathStep = string | number;

function finding(file: string, ruleId: string, zh: string, en: string, span: Span, path?: PathStep[]): Finding {
  return { ruleId, severity: 'error', message: { zh, en }, file, span, path: path ? formatPath(path) : undefined, related: [] };
}

function deleteAt(plain: Plain, path: readonly PathStep[]): boolean {
  if (path.length === 0) return false;
  let node: Plain | undefined = plain;
  for (const step of path.slice(0, -1)) {
    if (node === undefined || node instanceof Leaf) return false;
    node = Array.isArray(node) ? node[step as number] : (node as Record<string, Plain>)[String(step)];
  }
  const last = path[path.length - 1] as PathStep;
  if (node === undefined || node instanceof Leaf) return false;
  if (Array.isArray(node)) {
    if (typeof last !== 'number' || last >= node.length) return false;
    node.splice(last, 1, new Leaf(null, '', [0, 0]));
    return true;
  }
  const record = node as Record<string, Plain>;
  if (!(String(last) in record)) return false;
  delete record[String(last)];
  return true;
}

function kindOf(root: YNode | null): string | null {
  const kind = nodeAt(root, ['kind']);
  return kind?.kind === 'scalar' ? kind.text : null;
}

export function loadDocument(file: string, text: string): LoadedDocument {
  const findings: Finding[] = [];
  const { root, problems } = parseYaml(text);
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
    return { file, text, root, document: null, findings };
  }
  const format = nodeAt(root, ['format']);
  if (!format || format.kind !== 'scalar' || format.text !== 'jixiao/1') {
    report(finding(file, 'schema/format', '缺少或错误的 format：应为 jixiao/1', 'missing or wrong format: expected jixiao/1', format?.span ?? keySpanAt(root, []) ?? [0, 0], ['format']));
    return { file, text, root, document: null, findings };
  }
  const kind = kindOf(root);
  const schema = kind !== null && (DOCUMENT_KINDS as readonly string[]).includes(kind) ? locatedSchemas[kind as DocumentKind] : null;
  if (!schema) {
    const span = nodeAt(root, ['kind'])?.span ?? keySpanAt(root, ['format']) ?? [0, 0];
    const kinds = DOCUMENT_KINDS.join(' | ');
    report(finding(file, 'schema/kind', `未知的文档类型“${kind ?? ''}”：应为 ${kinds}`, `unknown document kind “${kind ?? ''}”: expected ${kinds}`, span, ['kind']));
    return { file, text, root, document: null, findings };
  }
  const plain = toPlain(root);
  const reported = new Set<string>();
  const deleted: string[] = [];
  for (let round = 0; round < MAX_REPAIR_ROUNDS; round++) {
    const result = (schema as z.ZodType).safeParse(plain);
    if (result.success) return { file, text, root, document: result.data as JixiaoDocument, findings };
    let repaired = false;
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p): p is PathStep => typeof p !== 'symbol');
      const causedByRepair = deleted.some((d) => formatPath(path).startsWith(d));
      for (const f of issueFindings(file, root, issue, path)) {
        const key = `${f.ruleId}@${f.path ?? ''}@${f.span[0]}`;
        if (!reported.has(key) && !causedByRepair) {
          reported.add(key);
          report(f);
        }
      }
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) repaired = deleteAt(plain, [...path, key]) || repaired;
      } else {
        // Drop the offending value; when that is not possible (a missing key), drop its parent.
        let target = path;
        while (target.length > 0 && !deleteAt(plain, target)) target = target.slice(0, -1);
        if (target.length > 0) {
          deleted.push(formatPath(target));
          repaired = true;
        }
      }
    }
    if (!repaired) break;
  }
  return { file, text, root, document: null, findings };
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
