/**
 * `--fix`: applies the safe fixes of a run by minimal text edits (only the replaced figures change;
 * comments, quoting and layout stay) and writes each file atomically: a temporary file next to it,
 * then a rename. Files with parse errors are never touched.
 */
import { accessSync, closeSync, constants, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { applyEdits, pushTo, type FileResult, type Finding } from '@jixiao/core';

export interface FixOutcome {
  file: string;
  applied: number;
}

type Edit = { file: string; span: readonly [number, number]; text: string };

/** Why a file's fixes were not written (a finding `io/not-fixed` for that file; the others go on). */
class NotFixed extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(en);
  }
}

/** Writes the whole text from the start of the file (explicit positions: the descriptor may have been read). */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at, at);
}

/**
 * Writes a fixed file: at a link's target (the link stays a link), in place when other hard links
 * share the file (so they see the fix too), else whole through a temporary file and a rename with
 * the file's mode. Refuses a file that is read-only or changed since it was read.
 */
export function writeFixed(file: string, original: string, text: string): void {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    throw new NotFixed('文件已不存在', 'the file no longer exists');
  }
  try {
    accessSync(real, constants.W_OK);
  } catch {
    throw new NotFixed('文件只读', 'the file is read-only');
  }
  const fd = openSync(real, 'r');
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new NotFixed('不是普通文件', 'not a regular file');
    // No write bit is read-only for everyone, root included: the owner marked it so.
    if ((info.mode & 0o222) === 0) throw new NotFixed('文件只读', 'the file is read-only');
    if (readFileSync(fd, 'utf8') !== original) throw new NotFixed('读取后文件已被修改，未覆盖', 'the file changed after it was read; not overwritten');
    if (info.nlink > 1) {
      // Hard links: the same inode is rewritten, so no name is split off.
      const wfd = openSync(real, 'r+');
      try {
        ftruncateSync(wfd, 0);
        writeAll(wfd, text);
        fsyncSync(wfd);
      } finally {
        closeSync(wfd);
      }
      return;
    }
    const temp = join(dirname(real), `.${basename(real)}.jixiao-${process.pid}.tmp`);
    let tfd: number | null = null;
    try {
      tfd = openSync(temp, 'wx', info.mode & 0o7777);
      writeAll(tfd, text);
      fsyncSync(tfd);
      closeSync(tfd);
      tfd = null;
      renameSync(temp, real);
    } catch (err) {
      if (tfd !== null) closeSync(tfd);
      try {
        unlinkSync(temp);
      } catch {
        // nothing left behind
      }
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new NotFixed('所在目录不可写', 'its directory is not writable');
      throw err;
    }
  } finally {
    closeSync(fd);
  }
}

/** The safe edits of each file that parsed cleanly. Needs results checked with `keep` (their text). */
export function applySafeFixes(results: readonly FileResult[]): { fixed: FixOutcome[]; problems: Finding[] } {
  const byFile = new Map(results.map((r) => [r.file, r]));
  const edits = new Map<string, Edit[]>();
  for (const r of results) {
    for (const f of r.findings) {
      if (!f.fix?.safe) continue;
      for (const e of f.fix.edits) pushTo(edits, e.file, e);
    }
  }
  const fixed: FixOutcome[] = [];
  const problems: Finding[] = [];
  // One file under several names (a link and its target, hard links) is fixed once.
  const done = new Set<string>();
  // Its real path (a link's target, which a rename gives a new inode) and its inode (hard links, rewritten in place).
  const identities = (file: string): string[] => {
    try {
      const st = statSync(file);
      return [realpathSync(file), `${st.dev}:${st.ino}`];
    } catch {
      return [file];
    }
  };
  for (const [file, list] of edits) {
    const ids = identities(file);
    if (ids.some((id) => done.has(id))) continue;
    const r = byFile.get(file);
    if (!r || r.text === '' || r.findings.some((f) => f.ruleId.startsWith('parse/') || f.ruleId.startsWith('io/'))) continue;
    const { text, applied } = applyEdits(r.text, list);
    if (applied === 0 || text === r.text) continue;
    const bom = r.bom ? '\uFEFF' : '';
    try {
      writeFixed(file, bom + r.text, bom + text);
      for (const id of ids) done.add(id);
      fixed.push({ file, applied });
    } catch (err) {
      const why = err instanceof NotFixed ? err : new NotFixed((err as Error).message, (err as Error).message);
      problems.push({ ruleId: 'io/not-fixed', severity: 'warning', message: { zh: `未写入修复：${why.zh}`, en: `fixes not written: ${why.en}` }, file, span: [0, 0], related: [] });
    }
  }
  return { fixed, problems };
}
