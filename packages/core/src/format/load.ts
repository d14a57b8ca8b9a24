/**
 * Reads one file into the typed model: text → located YAML tree → plain values → zod schemas.
 * Every problem becomes a positioned finding; the schema pass repairs what it can (drops the
 * offending value and tries again) so that one bad value never hides the rest of the document.
 */
import type { z } from 'zod';
import { formatPath, type Finding } from '../finding.js';
import { parseYaml } from '../yaml/parse.js';
import { keySpanAt, nodeAt, type Span, type YNode } from '../yaml/tree.js';
import { locatedSchemas } from './located-schema.js';
import type { JixiaoDocument } from './model.js';
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
    findings.push(finding(file, p.code, `YAML 语法错误：${p.message}`, `YAML syntax error: ${p.message}`, p.span));
  }
  if (!root || root.kind !== 'map') {
    if (problems.length === 0) {
      findings.push(finding(file, 'schema/not-a-document', '不是 jixiao/1 文档：顶层应为键值映射', 'not a jixiao/1 document: the top level must be a mapping', root?.span ?? [0, 0]));
    }
    return { file, text, root, document: null, findings };
  }
  const format = nodeAt(root, ['format']);
  if (!format || format.kind !== 'scalar' || format.text !== 'jixiao/1') {
    findings.push(finding(file, 'schema/format', '缺少或错误的 format：应为 jixiao/1', 'missing or wrong format: expected jixiao/1', format?.span ?? keySpanAt(root, []) ?? [0, 0], ['format']));
    return { file, text, root, document: null, findings };
  }
  const kind = kindOf(root);
  const schema = kind === 'evaluation' || kind === 'self-evaluation' || kind === 'summary' ? locatedSchemas[kind] : null;
  if (!schema) {
    const span = nodeAt(root, ['kind'])?.span ?? keySpanAt(root, ['format']) ?? [0, 0];
    findings.push(finding(file, 'schema/kind', `未知的文档类型“${kind ?? ''}”：应为 evaluation | self-evaluation | summary`, `unknown document kind “${kind ?? ''}”: expected evaluation | self-evaluation | summary`, span, ['kind']));
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
          findings.push(f);
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

function issueFindings(file: string, root: YNode, issue: z.core.$ZodIssue, path: PathStep[]): Finding[] {
  const where = formatPath(path) || '(document)';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const span = keySpanAt(root, [...path, key]) ?? root.span;
      return finding(file, 'schema/unknown-key', `未知的键“${key}”（位于 ${where}）`, `unknown key “${key}” at ${where}`, span, [...path, key]);
    });
  }
  const node = nodeAt(root, path);
  const params = (issue as { params?: { jixiaoCode?: string } }).params;
  if (params?.jixiaoCode) {
    return [finding(file, params.jixiaoCode, issue.message, issue.message, node?.span ?? keySpanAt(root, path) ?? root.span, path)];
  }
  if (!node) {
    const key = String(path[path.length - 1] ?? '');
    const parentSpan = nodeAt(root, path.slice(0, -1))?.span ?? root.span;
    return [finding(file, 'schema/missing-key', `缺少必需的键“${key}”（位于 ${formatPath(path.slice(0, -1)) || '(document)'}）`, `missing required key “${key}” at ${formatPath(path.slice(0, -1)) || '(document)'}`, parentSpan, path)];
  }
  const expected = node.kind === 'scalar' ? 'a list or mapping' : 'a single value';
  const zh = issue.code === 'invalid_type' ? `“${where}”的类型不对：此处${node.kind === 'scalar' ? '应为列表或映射' : '应为单个值'}` : `“${where}”无效：${issue.message}`;
  const en = issue.code === 'invalid_type' ? `wrong type at ${where}: expected ${expected}` : `invalid value at ${where}: ${issue.message}`;
  return [finding(file, 'schema/invalid', zh, en, node.span, path)];
}
