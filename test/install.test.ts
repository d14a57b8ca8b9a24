/**
 * One install: `npm pack` of packages/cli gives one tarball that `npm install -g` on an empty prefix
 * turns into a working `jixiao` and `jixiao-language-server` (the workspace packages bundled, the
 * rule packs and the JSON Schema inside), run from a directory that has a `rules/` folder of its own
 * with junk YAML in it (never to be taken for the packs). And the tarball is ready to publish:
 * `npm publish --dry-run` of it exits 0 without warnings about its package.json.
 *
 * Needs npm and the built workspace (tsc -b); npm fetches the third-party dependencies from the
 * registry, or from its cache when they are there (--prefer-offline). Slow (a real install).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, type RunResult } from './run-process.js';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const cliDir = join(repo, 'packages/cli');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The environment without the npm_* variables a parent `npm run` / `pnpm test` sets (npm warns about unknown ones). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return env;
}

const show = (r: RunResult) => `exit ${r.status} ${r.signal ?? ''} ${r.error?.message ?? ''}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

let tmp: string;
let tarball: string;
let packed: { name: string; version: string; files: { path: string }[]; bundled: string[] };
let prefix: string;
let work: string;
let bin: (name: string) => string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'jixiao-install-'));
  const out = join(tmp, 'pack');
  mkdirSync(out);
  // The recipe of the README: npm pack in packages/cli (its prepack bundles the workspace packages).
  const pack = await runProcess(npm, ['pack', '--json', '--pack-destination', out], { cwd: cliDir, env: cleanEnv() });
  expect(pack.status, show(pack)).toBe(0);
  // Lifecycle banners may precede the JSON on stdout (older npm).
  const json = pack.stdout.slice(pack.stdout.search(/^\[/m));
  [packed] = JSON.parse(json) as [typeof packed];
  tarball = join(out, (JSON.parse(json) as [{ filename: string }])[0].filename);

  // An empty prefix: nothing of the workspace is reachable from it.
  prefix = join(tmp, 'prefix');
  mkdirSync(prefix);
  const install = await runProcess(npm, ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: tmp, env: cleanEnv() });
  expect(install.status, show(install)).toBe(0);
  bin = (name) => (process.platform === 'win32' ? join(prefix, `${name}.cmd`) : join(prefix, 'bin', name));

  // An unrelated working directory with a `rules/` folder of junk YAML, and the fixtures copied in.
  work = join(tmp, 'work');
  mkdirSync(join(work, 'rules/junk'), { recursive: true });
  writeFileSync(join(work, 'rules/junk.yaml'), 'id: not-a-rule\nthis is: [not, closed\n');
  writeFileSync(join(work, 'rules/junk/pack.yaml'), 'pack: junk\nrules: 42\n');
  cpSync(join(repo, 'fixtures'), join(work, 'fixtures'), { recursive: true });
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('one tarball', () => {
  it('holds the CLI, the bundled workspace packages, both bins, the rule packs, the schema and the licence', () => {
    expect(packed.name).toBe('jixiao');
    const files = new Set(packed.files.map((f) => f.path));
    for (const f of [
      'package.json', 'LICENSE', 'README.md', 'bin/jixiao.js', 'bin/jixiao-language-server.js', 'dist/cli.js',
      'schema/jixiao-1.schema.json', 'rules/sums/pack.yaml',
      'node_modules/@jixiao/core/package.json', 'node_modules/@jixiao/core/dist/index.js', 'node_modules/@jixiao/core/dist/parallel/check-worker.js',
      'node_modules/@jixiao/language-server/dist/index.js', 'node_modules/@jixiao/language-server/data/account-codes.json',
      'node_modules/@jixiao/review/dist/index.js',
      'node_modules/@jixiao/import/dist/index.js', 'node_modules/@jixiao/import/dist/source/pdf-worker.js', 'node_modules/@jixiao/import/dist/source/sheet-worker.js',
    ]) expect(files, f).toContain(f);
    expect(packed.bundled.sort()).toEqual(['@jixiao/core', '@jixiao/import', '@jixiao/language-server', '@jixiao/review']);
    // Only the workspace packages are bundled: third-party code is installed by npm.
    expect([...files].filter((f) => f.startsWith('node_modules/') && !f.startsWith('node_modules/@jixiao/'))).toEqual([]);
    expect([...files].filter((f) => f.endsWith('.map') || f.includes('/src/') || f.endsWith('.tsbuildinfo'))).toEqual([]);
    // The workspace is as it was: the links are back, the copies gone.
    expect(readFileSync(join(cliDir, 'node_modules/@jixiao/core/package.json'), 'utf8')).toBe(readFileSync(join(repo, 'packages/core/package.json'), 'utf8'));
  });

  it('jixiao import from the installed package reads a PDF (pdf.js found in the install, its worker thread included) and a text', async () => {
    for (const source of ['import/putuo-welfarehome-2024-unit-budget.pdf', 'import/putuo-welfarehome-2024-unit-budget.layout.txt']) {
      const r = await runProcess(bin('jixiao'), ['import', join('fixtures', source), '-o', '-', '--locale', 'en'], { cwd: work, env: cleanEnv() });
      expect(r.status, show(r)).toBe(0);
      expect(r.stdout).toContain('- 208 | | | 社会保障和就业支出 | 11,281,624 | 8,661,624 | 2,620,000 | |');
      expect(r.stderr).toContain('(budget, 16 pages, 9 tables');
      // pdf.js never reaches for the optional native @napi-rs/canvas (its DOM stand-ins are set first), so it never warns.
      expect(r.stderr).not.toMatch(/canvas|DOMMatrix|^Warning: /m);
    }
  });

  it('jixiao check from the installed package gives the same findings as the repository, a rules/ folder in the working directory notwithstanding', async () => {
    const installed = await runProcess(bin('jixiao'), ['check', 'fixtures', '--format', 'json'], { cwd: work, env: cleanEnv() });
    const fromRepo = await runProcess(process.execPath, [join(cliDir, 'dist/cli.js'), 'check', 'fixtures', '--format', 'json'], { cwd: work, env: cleanEnv() });
    expect(fromRepo.status, show(fromRepo)).toBe(1);
    expect(installed.stderr).toBe('');
    expect(installed.status, show(installed)).toBe(1);
    const findings = JSON.parse(installed.stdout) as { ruleId: string }[];
    expect(findings.length).toBeGreaterThan(10);
    expect(findings.map((f) => f.ruleId)).toContain('grades/stated-rate');
    expect(findings).toEqual(JSON.parse(fromRepo.stdout));
  });

  it('jixiao rules lists the bundled rules, jixiao --version the package version', async () => {
    const installed = await runProcess(bin('jixiao'), ['rules'], { cwd: work, env: cleanEnv() });
    const fromRepo = await runProcess(process.execPath, [join(cliDir, 'dist/cli.js'), 'rules'], { cwd: work, env: cleanEnv() });
    expect(installed.status, show(installed)).toBe(0);
    expect(installed.stdout).toMatch(/^sums\/children-score\s/m);
    expect(installed.stdout).not.toContain('not-a-rule');
    expect(installed.stdout).toBe(fromRepo.stdout);
    const version = await runProcess(bin('jixiao'), ['--version'], { cwd: work, env: cleanEnv() });
    expect(version.stdout.trim()).toBe(packed.version);
  });

  it('never takes a project’s rules/ for the packs: @jixiao/core outside the jixiao package finds none', async () => {
    // A project with a rules/ folder and the installed core copied into its node_modules (its
    // third-party imports still resolve, from the jixiao package's node_modules further up).
    const installed = join(prefix, process.platform === 'win32' ? '' : 'lib', 'node_modules/jixiao');
    const project = join(installed, 'node_modules/my-reports');
    mkdirSync(join(project, 'rules'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "name": "my-reports", "private": true }\n');
    writeFileSync(join(project, 'rules/junk.yaml'), 'id: not-a-rule\n');
    cpSync(join(installed, 'node_modules/@jixiao/core'), join(project, 'node_modules/@jixiao/core'), { recursive: true });
    const probe = `
      const load = async (dir) => (await import(dir + '/node_modules/@jixiao/core/dist/index.js')).findRulesDir;
      const found = (await load(process.argv[1]))();
      let elsewhere;
      try { elsewhere = (await load(process.argv[2]))(); } catch (e) { elsewhere = e.message; }
      console.log(JSON.stringify({ found, elsewhere }));`;
    const r = await runProcess(process.execPath, ['--input-type=module', '-e', probe, pathToFileURL(installed).href, pathToFileURL(project).href], { cwd: work, env: cleanEnv() });
    expect(r.status, show(r)).toBe(0);
    const out = JSON.parse(r.stdout) as { found: string; elsewhere: string };
    expect(out.found).toBe(join(installed, 'rules'));
    expect(out.elsewhere).toMatch(/^rule packs not found/);
  });

  it('jixiao-language-server --stdio answers initialize and publishes the diagnostics of an opened file', async () => {
    const child = spawn(bin('jixiao-language-server'), ['--stdio'], { cwd: work, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    const send = (message: object) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
      child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    };
    /** Resolves with the first message from the server that `want` accepts (or null once it has exited). */
    let buffer = Buffer.alloc(0);
    const waiting: { want: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown> | null) => void }[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, end).toString('ascii'))?.[1]);
        if (buffer.length < end + 4 + length) return;
        const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Record<string, unknown>;
        buffer = buffer.subarray(end + 4 + length);
        const i = waiting.findIndex((w) => w.want(message));
        if (i >= 0) waiting.splice(i, 1)[0]!.resolve(message);
      }
    });
    void exited.then(() => waiting.splice(0).forEach((w) => w.resolve(null)));
    const next = (want: (m: Record<string, unknown>) => boolean) => new Promise<Record<string, unknown> | null>((res) => waiting.push({ want, resolve: res }));

    try {
      const initialized = next((m) => m.id === 1);
      send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: pathToFileURL(work).href, workspaceFolders: null, capabilities: {} } });
      const response = await initialized;
      expect(response, stderr).not.toBeNull();
      const result = response!.result as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
      expect(result.serverInfo.name).toBe('jixiao-language-server');
      expect(result.capabilities).toHaveProperty('hoverProvider', true);
      send({ method: 'initialized', params: {} });

      // A file with a known error: the rules of the package are loaded (the junk rules/ is not).
      const file = join(work, 'fixtures/zaozhuang-2023/evaluation-12345-department.yaml');
      const uri = pathToFileURL(file).href;
      const published = next((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri);
      send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') } } });
      const diagnostics = ((await published)?.params as { diagnostics: { code?: string; source?: string }[] } | undefined)?.diagnostics;
      expect(diagnostics, stderr).toBeDefined();
      expect(diagnostics!.length).toBeGreaterThan(0);
      expect(stderr).not.toContain('rule packs not found');
    } finally {
      child.kill();
      await exited;
    }
  });
});

describe('ready to publish', () => {
  it('npm publish --dry-run of the tarball exits 0 with no warnings about package.json', async () => {
    const r = await runProcess(npm, ['publish', '--dry-run', tarball], { cwd: tmp, env: cleanEnv() });
    expect(r.status, show(r)).toBe(0);
    const output = `${r.stdout}\n${r.stderr}`;
    expect(output).toContain('jixiao@0.1.0');
    // The one warning a dry run gives without credentials is about logging in, not about the package.
    const warnings = output.split('\n').filter((l) => /^npm warn/i.test(l) && !/requires you to be logged in/.test(l));
    expect(warnings).toEqual([]);
    expect(output).not.toMatch(/auto-corrected|npm pkg fix|invalid/i);
  });

  it('declares what the registry shows: licence, repository, engines, bins, files, both descriptions', () => {
    const pkg = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      name: 'jixiao',
      license: 'MIT',
      engines: { node: '>=20' },
      bin: { jixiao: 'bin/jixiao.js', 'jixiao-language-server': 'bin/jixiao-language-server.js' },
      repository: { type: 'git', directory: 'packages/cli' },
    });
    expect(pkg.description).toMatch(/[\u4e00-\u9fff]/);
    expect(pkg.description).toMatch(/Consistency checker/);
    expect(pkg.files).toEqual(expect.arrayContaining(['bin', 'dist', 'rules', 'schema']));
    expect(pkg.private).toBeUndefined();
  });
});
