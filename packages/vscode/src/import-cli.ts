/**
 * Entry of the bundled importer (`dist/import/cli.js`): `jixiao import` of the CLI, with @jixiao/import,
 * pdf.js and the spreadsheet reader, run by the extension as a child process (never in the extension
 * host), with the same arguments, output and exit codes as `jixiao import`:
 *
 *   node dist/import/cli.js import <file> -o <draft> [--force] [--locale zh|en]
 */
import { OutputError } from '@jixiao/core';
import { importCommand } from '../../cli/dist/commands/import.js';
import { UsageError } from '../../cli/dist/shared.js';

const [command, ...rest] = process.argv.slice(2);
const locale = rest[rest.indexOf('--locale') + 1] === 'en' ? 'en' : 'zh';

async function main(): Promise<number> {
  if (command !== 'import') {
    console.error('usage: cli.js import <file> [-o draft.yaml] [--force] [--locale zh|en]');
    return 2;
  }
  try {
    return await importCommand(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`jixiao: ${err.message}`);
      return 2;
    }
    if (err instanceof OutputError) {
      console.error(`jixiao: ${locale === 'zh' ? err.zh : err.en}`);
      return 2;
    }
    throw err;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`jixiao: internal error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
