#!/usr/bin/env node
/**
 * Builds the extension's contents (no network):
 *   dist/extension.js    the extension (CommonJS, `vscode` external)
 *   dist/server.js       the language server with @jixiao/core and all dependencies, one CommonJS file
 *   dist/check-worker.js core's worker thread (checkGroupParallel loads it from next to the server)
 *   rules/, schema/      the rule packs and the jixiao/1 JSON Schema, copied from the repository
 *   data/                the language server's code dictionary (account-codes.json), which it looks
 *                        for in a data/ directory above its own file
 *   dist/import/         the importer the "Import PDF/spreadsheet" command runs as a child process
 *                        (`jixiao import` with @jixiao/import, pdf.js and SheetJS): ES modules (its own
 *                        package.json says so), cli.js and the two worker threads it starts beside it
 *                        (pdf-worker.js, sheet-worker.js), and pdf.js's CMaps, standard fonts and wasm
 *                        decoders in pdfjs/ (read from files: nothing is fetched)
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
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * The importer's bundles are ES modules (pdf.js is one, with top-level `import.meta` and dynamic
 * imports) in dist/import/, whose package.json says `"type": "module"`. Two lines of @jixiao/import's
 * pdf-read.js are rewritten for the bundle: pdf.js's data directory is dist/import/pdfjs/ (not a
 * `node_modules/pdfjs-dist` looked up at run time), and its worker module is imported by a literal
 * name, so that esbuild bundles it. A build fails if either line is not found.
 */
const PDF_READ = /[\\/]import[\\/]dist[\\/]source[\\/]pdf-read\.js$/;
const PDF_READ_PATCHES = [
  ["dirname(require.resolve('pdfjs-dist/package.json'))", "dirname(__jixiaoFileURLToPath(new URL('./pdfjs/package.json', import.meta.url)))"],
  ['holder.pdfjsWorker = await import(workerModule);', "holder.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');"],
];
/**
 * And pdf.js's display module does not try to load the native `@napi-rs/canvas` (which would only
 * warn that it is missing): its DOMMatrix, ImageData and Path2D are set beforehand by
 * import/src/source/dom-polyfill.ts, and the importer never renders.
 */
const PDFJS_DISPLAY = /[\\/]pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf\.mjs$/;
const PDFJS_DISPLAY_PATCHES = [
  ['      canvas = require("@napi-rs/canvas");\n    } catch (ex) {', '      canvas = undefined;\n    } catch (ex) {'],
];
const patch = (file, contents, patches) => {
  for (const [from, to] of patches) {
    if (!contents.includes(from)) throw new Error(`${file}: “${from}” not found (update the patches in scripts/build.mjs)`);
    contents = contents.replace(from, to);
  }
  return contents;
};
const pdfReadPlugin = {
  name: 'jixiao-pdf-read',
  setup(b) {
    b.onLoad({ filter: PDF_READ }, async (args) => {
      const contents = patch(args.path, readFileSync(args.path, 'utf8'), PDF_READ_PATCHES);
      return { contents: `import { fileURLToPath as __jixiaoFileURLToPath } from 'node:url';\n${contents}`, loader: 'js' };
    });
    b.onLoad({ filter: PDFJS_DISPLAY }, async (args) => ({ contents: patch(args.path, readFileSync(args.path, 'utf8'), PDFJS_DISPLAY_PATCHES), loader: 'js' }));
  },
};

/** esbuild options for an ES module of the importer (dist/import/*.js). */
function importBundleOptions(entry, outfile, external = []) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node18',
    external,
    // CommonJS dependencies call require() for Node's modules; an ES module has none of its own.
    banner: { js: "import { createRequire as __jixiaoCreateRequire } from 'node:module';\nconst require = __jixiaoCreateRequire(import.meta.url);" },
    plugins: [pdfReadPlugin],
    logLevel: 'warning',
    legalComments: 'none',
  };
}

async function buildImporter() {
  const importSource = join(repo, 'packages/import/dist/source');
  const entries = [join(repo, 'packages/cli/dist/commands/import.js'), join(importSource, 'pdf-worker.js'), join(importSource, 'sheet-worker.js')];
  for (const file of entries) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build the workspace first (pnpm build)`);
  }
  const out = join(root, 'dist/import');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ name: 'jixiao-vscode-import', private: true, type: 'module' }, null, 2)}\n`);
  await Promise.all([
    // pdf.js runs only in the worker thread (pdf-worker.js); cli.js falls back to it only without that file.
    build(importBundleOptions(join(root, 'src/import-cli.ts'), join(out, 'cli.js'), ['pdfjs-dist', 'pdfjs-dist/*'])),
    build(importBundleOptions(join(root, 'src/import-pdf-worker.ts'), join(out, 'pdf-worker.js'))),
    build(importBundleOptions(join(importSource, 'sheet-worker.js'), join(out, 'sheet-worker.js'))),
  ]);
  const pdfjs = dirname(createRequire(join(repo, 'packages/import/package.json')).resolve('pdfjs-dist/package.json'));
  for (const dir of ['cmaps', 'standard_fonts', 'wasm']) cpSync(join(pdfjs, dir), join(out, 'pdfjs', dir), { recursive: true });
  const { version } = JSON.parse(readFileSync(join(pdfjs, 'package.json'), 'utf8'));
  writeFileSync(join(out, 'pdfjs/package.json'), `${JSON.stringify({ name: 'pdfjs-dist-data', private: true, version }, null, 2)}\n`);
  copyFileSync(join(pdfjs, 'LICENSE'), join(out, 'pdfjs/LICENSE'));
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
    buildImporter(),
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
