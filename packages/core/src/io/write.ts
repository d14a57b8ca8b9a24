/**
 * Writing outputs (reports, reviews, a starter config) safely inside a repository nobody vetted:
 * never through a symbolic link (a committed `jixiao-review/findings.csv → ~/.bashrc` is refused),
 * never onto something that is not a regular file, and always whole: a temporary file beside the
 * target, then a rename, so a reader never sees half a file and a failure leaves the old one.
 */
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Why an output cannot be written, in both languages. */
export class OutputError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(en);
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Throws unless `file` can be written as an output: absent, or a regular file that is not a link, in a directory that is no link. */
export function checkOutputFile(file: string): void {
  const target = resolve(file);
  const st = lstatOrNull(target);
  if (st?.isSymbolicLink()) throw new OutputError(`拒绝写入符号链接：${file}（请先删除该链接）`, `refusing to write through a symbolic link: ${file} (remove the link first)`);
  if (st && st.isDirectory()) throw new OutputError(`输出位置是目录，不是文件：${file}`, `the output is a directory, not a file: ${file}`);
  if (st && !st.isFile()) throw new OutputError(`输出位置不是普通文件：${file}`, `the output is not a regular file: ${file}`);
  const dir = lstatOrNull(dirname(target));
  if (dir?.isSymbolicLink()) throw new OutputError(`拒绝写入符号链接目录：${dirname(file)}`, `refusing to write into a symbolically linked directory: ${dirname(file)}`);
}

/** Throws unless `dir` can hold outputs: absent (it is made), or a directory that is not a link. */
export function checkOutputDir(dir: string): void {
  const st = lstatOrNull(resolve(dir));
  if (st?.isSymbolicLink()) throw new OutputError(`拒绝写入符号链接目录：${dir}（请先删除该链接）`, `refusing to write into a symbolically linked directory: ${dir} (remove the link first)`);
  if (st && !st.isDirectory()) throw new OutputError(`输出目录已存在且不是目录：${dir}`, `the output directory exists and is not a directory: ${dir}`);
}

/** Makes an output directory (and its parents) after checking it. */
export function prepareOutputDir(dir: string): void {
  checkOutputDir(dir);
  mkdirSync(resolve(dir), { recursive: true });
  checkOutputDir(dir);
}

/** Writes `data` to `file` whole (temporary file, then rename), after checking the target again. */
export function writeOutputFile(file: string, data: string | Uint8Array, mode = 0o644): void {
  checkOutputFile(file);
  replaceWhole(resolve(file), data, mode, () => checkOutputFile(file));
}

/**
 * Writes `data` as a new temporary file beside `target`, then renames it onto `target` (which
 * replaces whatever entry is there, a link included, never following it). `beforeRename` may
 * throw to stop it; the temporary file is then removed.
 */
export function replaceWhole(target: string, data: string | Uint8Array, mode = 0o644, beforeRename?: () => void): void {
  const temp = join(dirname(target), `.${basename(target)}.jixiao-${process.pid}-${Date.now().toString(36)}.tmp`);
  let fd: number | null = null;
  try {
    // `wx`: the temporary name is new, so nothing (no planted link) is followed.
    fd = openSync(temp, 'wx', mode);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    beforeRename?.();
    renameSync(temp, target);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // nothing left behind
    }
    throw err;
  }
}
