/** Checks files: reads each one on its own (one bad file never stops the others) and collects findings. */
import { readFile } from 'node:fs/promises';
import type { Finding } from './finding.js';
import { loadDocument, type LoadedDocument } from './format/load.js';
import { buildDocView, type DocView } from './facts/views.js';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig, type CheckConfig } from './config.js';
import { buildSubjects } from './facts/subjects.js';
import { loadPacks, runRules, type Rule } from './engine/rules.js';

/** The bundled rule packs: `rules/` next to the installed package, or at the repository root. */
export function findRulesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'rules');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('rule packs not found');
}

export interface FileResult {
  file: string;
  text: string;
  findings: Finding[];
  loaded: LoadedDocument | null;
}

export async function checkFile(file: string): Promise<FileResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { file, text: '', loaded: null, findings: [{ ruleId: 'io/unreadable', severity: 'error', message: { zh: `无法读取文件：${message}`, en: `cannot read file: ${message}` }, file, span: [0, 0], related: [] }] };
  }
  try {
    const loaded = loadDocument(file, text);
    return { file, text, loaded, findings: loaded.findings };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { file, text, loaded: null, findings: [{ ruleId: 'internal/error', severity: 'error', message: { zh: `内部错误：${message}`, en: `internal error: ${message}` }, file, span: [0, 0], related: [] }] };
  }
}

export async function checkFiles(files: readonly string[], options: { rules?: Rule[]; config?: CheckConfig } = {}): Promise<FileResult[]> {
  const config = options.config ?? defaultConfig();
  const rules = options.rules ?? loadPacks(findRulesDir());
  const results: FileResult[] = [];
  for (const file of files) results.push(await checkFile(file));
  const views: DocView[] = results.flatMap((r) => (r.loaded?.document ? [buildDocView(r.file, r.loaded.document, r.loaded.root)] : []));
  const byFile = new Map(results.map((r) => [r.file, r]));
  for (const f of runRules(rules, buildSubjects(views, config), config)) byFile.get(f.file)?.findings.push(f);
  return results;
}
