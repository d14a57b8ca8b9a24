/** Paths and globs to the list of files to check: directories recurse to *.yaml, *.yml and *.json. */
import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
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

const DOCUMENT_FILE = /\.(?:ya?ml|json)$/;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * The document files under a directory. Never follows a linked directory (so `current -> .` or two
 * links into each other cannot loop); a linked file is listed, and so are a dangling link, a FIFO or
 * a device with a document's name: reading them (io/read.ts) says what they are instead of hanging.
 */
async function walk(dir: string, out: string[]): Promise<void> {
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const path = current === '.' ? e.name : join(current, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) stack.push(path);
        continue;
      }
      if (!DOCUMENT_FILE.test(e.name) || CONFIG_NAME.test(e.name)) continue;
      if (e.isSymbolicLink()) {
        // A link to a directory is not followed; to anything else (a file, nothing) it is listed.
        const target = await stat(path).catch(() => null);
        if (target?.isDirectory()) continue;
      }
      out.push(path);
    }
  }
}

export async function expandPaths(paths: readonly string[]): Promise<Expanded> {
  const files = new Set<string>();
  const unmatched: string[] = [];
  const named = new Set<string>();
  for (const p of paths) {
    // A named path that exists in any form (a link, even dangling or looping; a FIFO) is the user's to have checked.
    const kind = await stat(p).then((s) => (s.isDirectory() ? 'dir' : 'file'), () => lstat(p).then(() => 'file', () => 'none'));
    let found: string[];
    if (kind === 'dir') {
      found = [];
      await walk(p.replace(/[\\/]+$/, '') || p, found);
    } else if (kind === 'file') {
      found = [p];
      named.add(p);
    } else {
      found = await fg(p, { onlyFiles: true, ignore: ALWAYS_IGNORED, followSymbolicLinks: false });
    }
    if (found.length === 0 && kind !== 'dir') unmatched.push(p);
    for (const f of found) files.add(f);
  }
  return { files: [...files].sort(), unmatched, named };
}
