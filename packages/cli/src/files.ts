/** Paths and globs to the list of files to check: directories recurse to *.yaml, *.yml and *.json. */
import { stat } from 'node:fs/promises';
import fg from 'fast-glob';

export const DOCUMENT_GLOB = '**/*.{yaml,yml,json}';
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];
const CONFIG_NAME = /(^|\/)jixiao\.config\.ya?ml$/;

export interface Expanded {
  files: string[];
  /** Arguments that matched nothing. */
  unmatched: string[];
  /** Files named on the command line (not found by walking a directory or a glob). */
  named: Set<string>;
}

export async function expandPaths(paths: readonly string[]): Promise<Expanded> {
  const files = new Set<string>();
  const unmatched: string[] = [];
  const named = new Set<string>();
  for (const p of paths) {
    const kind = await stat(p).then((s) => (s.isDirectory() ? 'dir' : 'file'), () => 'none');
    let found: string[];
    if (kind === 'dir') {
      const base = fg.convertPathToPattern(p).replace(/\/$/, '');
      found = await fg(`${base}/${DOCUMENT_GLOB}`, { onlyFiles: true, ignore: ALWAYS_IGNORED, dot: false });
      found = found.filter((f) => !CONFIG_NAME.test(f));
    } else if (kind === 'file') {
      found = [p];
      named.add(p);
    } else {
      found = await fg(p, { onlyFiles: true, ignore: ALWAYS_IGNORED });
    }
    if (found.length === 0 && kind !== 'dir') unmatched.push(p);
    for (const f of found) files.add(f);
  }
  return { files: [...files].sort(), unmatched, named };
}
