#!/usr/bin/env node
/**
 * Makes `npm pack` (and `npm publish`) of packages/cli one self-contained tarball (run by the
 * package's prepack and postpack scripts; the workspace must be built first, `tsc -b`):
 *
 *   prepack   copies the rule packs (rules/), the JSON Schema (schema/) and the README from the
 *             repository into the package, and replaces the workspace links node_modules/@jixiao/core,
 *             language-server, review and import with real directories holding what each package ships
 *             (its package.json and its `files`: dist without source maps, bin, data). These four
 *             are the package's bundleDependencies, so npm puts them in the tarball and
 *             `import '@jixiao/core'` resolves inside the installed package. Their third-party
 *             dependencies are the CLI's own `dependencies`, which npm installs.
 *   postpack  puts the workspace links back and removes the copies.
 *
 * Each directory is swapped in with renames, so a process running the workspace's CLI meanwhile
 * sees either the link or a complete copy of the same build. A prepack after an interrupted pack
 * starts over; a postpack always restores the links (after a pack that died half-way,
 * `node scripts/pack.mjs postpack` puts the workspace back). Do not pack with --ignore-scripts: npm
 * then walks the workspace links into pnpm's store (and hangs on them).
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(cli, '../..');
const scope = join(cli, 'node_modules/@jixiao');
/** Bundled workspace packages: name under @jixiao/ = folder under packages/. */
const BUNDLED = ['core', 'language-server', 'review', 'import'];
/** Copied from the repository into the package for the tarball. */
const COPIED = [
  ['rules', 'rules'],
  ['schema', 'schema'],
  ['README.md', 'README.md'],
];

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Replaces `target` (a link, a directory or nothing) with `staged`, by renames. */
function swapIn(staged, target) {
  const old = `${target}.old-${process.pid}`;
  if (exists(target)) renameSync(target, old);
  renameSync(staged, target);
  rmSync(old, { recursive: true, force: true });
}

function exists(path) {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The package.json of a bundled package: as published, without dependencies. npm bundles the
 * dependencies of a bundled package as well (npm-packlist), and installs none of them; so its
 * third-party dependencies are the CLI's own (checked below), resolved from the CLI's node_modules.
 */
function manifestOf(pkg) {
  const { scripts: _scripts, devDependencies: _dev, dependencies: _deps, ...rest } = pkg;
  return rest;
}

function prepack() {
  const cliPkg = readJson(join(cli, 'package.json'));
  const versions = new Map(BUNDLED.map((dir) => {
    const pkg = readJson(join(repo, 'packages', dir, 'package.json'));
    return [pkg.name, pkg.version];
  }));

  // The third-party dependencies of the bundled packages must be the CLI's own, with the same ranges.
  for (const dir of BUNDLED) {
    const pkg = readJson(join(repo, 'packages', dir, 'package.json'));
    for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
      if (versions.has(name)) continue;
      if (cliPkg.dependencies?.[name] !== range) {
        throw new Error(`packages/cli/package.json: dependency ${name} must be ${range}, as in ${pkg.name} (it is bundled, npm installs only the CLI's dependencies)`);
      }
    }
  }

  for (const dir of ['cli', ...BUNDLED]) {
    if (!existsSync(join(repo, 'packages', dir, 'dist'))) throw new Error(`packages/${dir}/dist is missing: build the workspace first (npx tsc -b)`);
  }

  for (const [from, to] of COPIED) {
    if (to === 'README.md' && existsSync(join(cli, to)) && readFileSync(join(cli, to), 'utf8') !== readFileSync(join(repo, from), 'utf8')) continue;
    const staged = join(cli, `.${to}.staged-${process.pid}`);
    rmSync(staged, { recursive: true, force: true });
    cpSync(join(repo, from), staged, { recursive: true });
    swapIn(staged, join(cli, to));
  }

  mkdirSync(scope, { recursive: true });
  for (const dir of BUNDLED) {
    const source = join(repo, 'packages', dir);
    const pkg = readJson(join(source, 'package.json'));
    const staged = join(scope, `.${dir}.staged-${process.pid}`);
    rmSync(staged, { recursive: true, force: true });
    mkdirSync(staged);
    writeFileSync(join(staged, 'package.json'), `${JSON.stringify(manifestOf(pkg), null, 2)}\n`);
    for (const entry of pkg.files ?? ['dist']) {
      cpSync(join(source, entry), join(staged, entry), {
        recursive: true,
        filter: (file) => !file.endsWith('.map') && !file.endsWith('.tsbuildinfo'),
      });
    }
    swapIn(staged, join(scope, dir));
  }
}

function postpack() {
  mkdirSync(scope, { recursive: true });
  for (const dir of BUNDLED) {
    const link = join(scope, `.${dir}.link-${process.pid}`);
    rmSync(link, { recursive: true, force: true });
    symlinkSync(relative(scope, join(repo, 'packages', dir)), link, 'dir');
    swapIn(link, join(scope, dir));
  }
  for (const [from, to] of COPIED) {
    const copy = join(cli, to);
    // The README is removed only when it is the copy (a README of the package's own would stay).
    if (to === 'README.md' && existsSync(copy) && readFileSync(copy, 'utf8') !== readFileSync(join(repo, from), 'utf8')) continue;
    rmSync(copy, { recursive: true, force: true });
  }
}

const step = process.argv[2];
if (step === 'prepack') prepack();
else if (step === 'postpack') postpack();
else {
  console.error('usage: node scripts/pack.mjs prepack|postpack');
  process.exitCode = 2;
}
