/** What the commands share: the bundled rule packs, the version, usage errors. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FILE_BUDGET, findRulesDir, loadPacks, type FileBudget, type Rule } from '@jixiao/core';

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** The parseArgs options of a file's budget (check and review). */
export const BUDGET_OPTIONS = {
  'max-file-seconds': { type: 'string' },
  'max-file-memory': { type: 'string' },
} as const;

/** `--max-file-seconds` (a positive number) and `--max-file-memory` (whole megabytes ≥ 64), over the defaults. */
export function parseBudget(values: { 'max-file-seconds'?: string; 'max-file-memory'?: string }, locale: string): FileBudget {
  const budget = { ...DEFAULT_FILE_BUDGET };
  const seconds = values['max-file-seconds'];
  if (seconds !== undefined) {
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(seconds) || Number(seconds) <= 0) throw new UsageError(locale === 'en' ? `--max-file-seconds: ${seconds}?  (a number of seconds > 0)` : `--max-file-seconds：${seconds}？应为大于 0 的秒数`);
    budget.seconds = Number(seconds);
  }
  const memory = values['max-file-memory'];
  if (memory !== undefined) {
    if (!/^\d+$/.test(memory) || Number(memory) < 64) throw new UsageError(locale === 'en' ? `--max-file-memory: ${memory}?  (whole megabytes ≥ 64)` : `--max-file-memory：${memory}？应为 ≥ 64 的整数（MB）`);
    budget.megabytes = Number(memory);
  }
  return budget;
}

/** The packs shipped inside the published package (copied at prepack), else the repository's. */
export function rulesDir(): string {
  const own = fileURLToPath(new URL('../rules', import.meta.url));
  return existsSync(own) ? own : findRulesDir();
}

let cached: Rule[] | undefined;
export function bundledRules(): Rule[] {
  cached ??= loadPacks(rulesDir());
  return cached;
}

export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function localeOf(argv: readonly string[]): 'zh' | 'en' {
  const i = argv.indexOf('--locale');
  return i >= 0 && argv[i + 1] === 'en' ? 'en' : 'zh';
}
