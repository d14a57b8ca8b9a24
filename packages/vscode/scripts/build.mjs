#!/usr/bin/env node
/**
 * Builds the extension's contents (no network):
 *   dist/extension.js    the extension (CommonJS, `vscode` external)
 *   dist/server.js       the language server with @jixiao/core and all dependencies, one CommonJS file
 *   dist/check-worker.js core's worker thread (checkGroupParallel loads it from next to the server)
 *   rules/, schema/      the rule packs and the jixiao/1 JSON Schema, copied from the repository
 *   data/                the language server's code dictionary (account-codes.json), which it looks
 *                        for in a data/ directory above its own file
 *
 * The extension's package.json has no "type", so dist/*.js are CommonJS and plain
 * `node dist/server.js --stdio` runs the server. @jixiao/core is ESM and uses `import.meta.url`
 * (findRulesDir walks up from its own file to a `rules/` directory; the worker pool resolves
 * `./check-worker.js` against it): in the bundles `import.meta` is defined as an object built from
 * `__filename`, so from dist/server.js findRulesDir finds the extension's `rules/` (dist/rules does not
 * exist, ../rules does).
 *
 * Exports the esbuild options so the test can bundle a probe the same way.
 */
import { build } from 'esbuild';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(root, '../..');
const require = createRequire(join(root, 'package.json'));

/** `import.meta` of an ESM module, rebuilt in a CommonJS bundle from the bundle's own path. */
const IMPORT_META = '__jixiao_import_meta';
const importMetaShim = join(root, 'scripts/import-meta-shim.js');

/** esbuild options for a Node program bundled with @jixiao/core (the server, its worker, a test probe). */
export function nodeBundleOptions(entry, outfile) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    define: { 'import.meta': IMPORT_META },
    inject: [importMetaShim],
    logLevel: 'warning',
    legalComments: 'none',
  };
}

export async function buildAll() {
  const serverEntry = join(repo, 'packages/language-server/dist/index.js');
  const workerEntry = join(repo, 'packages/core/dist/parallel/check-worker.js');
  for (const file of [serverEntry, workerEntry]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build the workspace first (pnpm build)`);
  }
  for (const dir of ['dist', 'rules', 'schema', 'data']) rmSync(join(root, dir), { recursive: true, force: true });

  await Promise.all([
    build({
      entryPoints: [join(root, 'src/extension.ts')],
      outfile: join(root, 'dist/extension.js'),
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node18',
      external: ['vscode'],
      logLevel: 'warning',
      legalComments: 'none',
    }),
    build(nodeBundleOptions(join(root, 'src/server.ts'), join(root, 'dist/server.js'))),
    build(nodeBundleOptions(workerEntry, join(root, 'dist/check-worker.js'))),
  ]);

  // vscode-languageclient kills a server that does not exit after shutdown with this script, which it
  // looks for next to its own code (__dirname: dist/ once bundled).
  const terminate = join(dirname(require.resolve('vscode-languageclient/node')), 'lib/node/terminateProcess.sh');
  copyFileSync(terminate, join(root, 'dist/terminateProcess.sh'));
  chmodSync(join(root, 'dist/terminateProcess.sh'), 0o755);

  cpSync(join(repo, 'rules'), join(root, 'rules'), { recursive: true });
  mkdirSync(join(root, 'schema'), { recursive: true });
  copyFileSync(join(repo, 'schema/jixiao-1.schema.json'), join(root, 'schema/jixiao-1.schema.json'));
  cpSync(join(repo, 'packages/language-server/data'), join(root, 'data'), { recursive: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = Date.now();
  await buildAll();
  console.log(`jixiao-vscode: built dist/, rules/, schema/ in ${Date.now() - started} ms`);
}
