/** What the commands share: the bundled rule packs, the version, usage errors. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findRulesDir, loadPacks, type Rule } from '@jixiao/core';

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

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
