/** Checks files: reads each one on its own (one bad file never stops the others) and collects findings. */
import { readTextFile } from './io/read.js';
import type { Finding } from './finding.js';
import { loadDocument, type LoadedDocument, type ReparsedText } from './format/load.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LinePositions } from './yaml/lines.js';
import type { Suppressions } from './suppressions.js';
import { OverBudget, overBudgetFinding, withDeadline, type FileBudget } from './limits.js';

/** The packages that ship the rule packs in a `rules/` directory at their root. */
const PACK_OWNERS = new Set(['jixiao', 'jixiao-monorepo', 'jixiao-vscode']);

/**
 * The bundled rule packs, found from this module's own file and never from the working directory:
 * the `rules/` of the jixiao package this file is part of. That is the package this file is in (the
 * VS Code extension's bundle, dist/server.js), the one it is bundled in
 * (jixiao/node_modules/@jixiao/core/dist/), or the repository (packages/core/dist/). Any other
 * `rules/` on the way up (a project's, next to an installed @jixiao/core) is never used.
 */
export function findRulesDir(): string {
  const self = fileURLToPath(import.meta.url);
  let own = dirname(self);
  while (!existsSync(join(own, 'package.json'))) {
    const parent = dirname(own);
    if (parent === own) break;
    own = parent;
  }
  const owners = [own, join(own, '../../..'), join(own, '../..')];
  for (const dir of owners) {
    const rules = join(dir, 'rules');
    if (existsSync(rules) && PACK_OWNERS.has(packageName(join(dir, 'package.json')) ?? '')) return rules;
  }
  throw new Error(`rule packs not found: ${self} is not inside the jixiao package (no rules/ of ${[...PACK_OWNERS].join(', ')} in ${owners.join(', ')})`);
}

function packageName(file: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

export interface FileResult {
  file: string;
  /** The text as read (empty once a multi-file run has checked the file, unless asked to keep it). */
  text: string;
  findings: Finding[];
  loaded: LoadedDocument | null;
  /** The file starts with a UTF-8 byte-order mark (not part of `text`; a writer puts it back). */
  bom?: boolean;
  /** Line starts, for line:column of any finding in this file (kept when the text is not). */
  lines?: LinePositions;
  /** The file's jixiao-disable comments. */
  suppressions?: Suppressions;
  /** When its check began (Date.now()): the file's time budget runs from here. */
  startedAt?: number;
}

export async function checkFile(file: string, budget?: FileBudget): Promise<FileResult> {
  const startedAt = Date.now();
  const read = await readTextFile(file);
  if (!read.ok) return { file, text: read.text, loaded: null, findings: [{ ruleId: read.ruleId, severity: 'error', message: read.message, file, span: read.span, related: [] }] };
  return checkText(file, read.text, read.bom, budget, startedAt);
}

/**
 * Loads text already in hand (an editor's buffer): parse and schema findings, never a throw. With a
 * budget, loading stops at its deadline (`startedAt`: when the file's check began) with limits/time.
 */
export function checkText(file: string, text: string, bom = false, budget?: FileBudget, startedAt = Date.now(), reparsed?: ReparsedText): FileResult {
  try {
    const loaded = withDeadline(budget, startedAt, () => loadDocument(file, text, reparsed));
    return { file, text, loaded, findings: loaded.findings, bom, startedAt };
  } catch (err) {
    if (err instanceof OverBudget) return { file, text, bom, loaded: null, startedAt, findings: [overBudgetFinding(file, err.limit, err.budget)] };
    const message = err instanceof Error ? err.message : String(err);
    return { file, text, bom, loaded: null, findings: [{ ruleId: 'internal/error', severity: 'error', message: { zh: `内部错误：${message}`, en: `internal error: ${message}` }, file, span: [0, 0], related: [] }] };
  }
}
