/** Checks files: reads each one on its own (one bad file never stops the others) and collects findings. */
import { readFile } from 'node:fs/promises';
import type { Finding } from './finding.js';
import { loadDocument, type LoadedDocument } from './format/load.js';
import { buildDocView } from './facts/views.js';

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
    if (loaded.document) buildDocView(file, loaded.document);
    return { file, text, loaded, findings: loaded.findings };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { file, text, loaded: null, findings: [{ ruleId: 'internal/error', severity: 'error', message: { zh: `内部错误：${message}`, en: `internal error: ${message}` }, file, span: [0, 0], related: [] }] };
  }
}

export async function checkFiles(files: readonly string[]): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const file of files) results.push(await checkFile(file));
  return results;
}
