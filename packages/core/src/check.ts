/** Checks files: reads each one on its own (one bad file never stops the others) and collects findings. */
import { readTextFile } from './io/read.js';
import type { Finding } from './finding.js';
import { loadDocument, type LoadedDocument } from './format/load.js';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LinePositions } from './yaml/lines.js';
import type { Suppressions } from './suppressions.js';

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
}

export async function checkFile(file: string): Promise<FileResult> {
  const read = await readTextFile(file);
  if (!read.ok) return { file, text: read.text, loaded: null, findings: [{ ruleId: read.ruleId, severity: 'error', message: read.message, file, span: read.span, related: [] }] };
  return checkText(file, read.text, read.bom);
}

/** Loads text already in hand (an editor's buffer): parse and schema findings, never a throw. */
export function checkText(file: string, text: string, bom = false): FileResult {
  try {
    const loaded = loadDocument(file, text);
    return { file, text, loaded, findings: loaded.findings, bom };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { file, text, bom, loaded: null, findings: [{ ruleId: 'internal/error', severity: 'error', message: { zh: `内部错误：${message}`, en: `internal error: ${message}` }, file, span: [0, 0], related: [] }] };
  }
}
