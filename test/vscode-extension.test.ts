/**
 * The VS Code extension (packages/vscode): it type-checks, packages offline to a .vsix holding the
 * bundles, the rule packs and the schema, its manifest contributes what the README promises, the
 * bundled @jixiao/core finds the extension's own rules (also from its worker thread), and the bundled
 * server, run as `node dist/server.js --stdio` from the unpacked .vsix, speaks LSP.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node.js';
import { checkFiles } from '@jixiao/core';
import { declaresJixiao1, SCHEMA_URI } from '../packages/vscode/src/detect.js';
import { runProcess } from './run-process.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const extRoot = join(repo, 'packages/vscode');
const vsixPath = join(extRoot, 'jixiao-vscode-0.1.0.vsix');

/** The entries of a zip file (a .vsix), read from its central directory; stored or deflated only. */
function readZip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file}: not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`${name}: compression method ${method}`);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
  }
  return entries;
}

const node = (args: string[], cwd = repo) => runProcess(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
const fixtures = fg.sync('fixtures/**/*.yaml', { cwd: repo, absolute: true }).sort();
const key = (f: { file: string; ruleId: string; span: readonly number[] }) => `${f.file} ${f.ruleId} ${f.span.join('-')}`;

let entries: Map<string, Buffer>;
let unpacked: string;
let manifest: any;

beforeAll(async () => {
  // What `pnpm --filter jixiao-vscode run package` runs (no pnpm needed on PATH).
  const packaged = await node([join(extRoot, 'scripts/package.mjs')], extRoot);
  expect(packaged.stderr + packaged.stdout, 'package script').toContain('jixiao-vscode-0.1.0.vsix');
  expect(packaged.status).toBe(0);
  entries = readZip(vsixPath);
  unpacked = realpathSync(mkdtempSync(join(tmpdir(), 'jixiao-vsix-')));
  for (const [name, data] of entries) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(unpacked, name)), { recursive: true });
    writeFileSync(join(unpacked, name), data);
  }
  manifest = JSON.parse(entries.get('extension/package.json')!.toString('utf8'));
});

afterAll(() => {
  if (unpacked) rmSync(unpacked, { recursive: true, force: true });
});

describe('VS Code extension', () => {
  it('type-checks (strict)', async () => {
    const r = await node([join(repo, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', extRoot]);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('packages the bundles, rule packs and schema, and nothing from node_modules or src', () => {
    const names = [...entries.keys()];
    for (const name of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/check-worker.js', 'extension/schema/jixiao-1.schema.json', 'extension/package.nls.json', 'extension/package.nls.zh-cn.json']) {
      expect(names).toContain(name);
    }
    const rules = fg.sync('rules/**/*.{yaml,md}', { cwd: repo }).map((f) => `extension/${f}`).sort();
    expect(rules.length).toBeGreaterThan(20);
    expect(names.filter((n) => n.startsWith('extension/rules/')).sort()).toEqual(rules);
    expect(names.filter((n) => /node_modules|extension\/src\/|extension\/scripts\/|\.map$|\.ts$/.test(n))).toEqual([]);
    expect(entries.get('extension/schema/jixiao-1.schema.json')!.equals(readFileSync(join(repo, 'schema/jixiao-1.schema.json')))).toBe(true);
  });

  it('contributes activation, settings, commands and the schema', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:yaml', 'onLanguage:json', 'workspaceContains:**/jixiao.config.yaml']));
    const props = manifest.contributes.configuration.properties;
    expect(props['jixiao.enable']).toMatchObject({ type: 'boolean', default: true, scope: 'window' });
    expect(props['jixiao.locale']).toMatchObject({ type: 'string', enum: ['zh', 'en'], default: 'zh' });
    expect(props['jixiao.trace.server']).toMatchObject({ enum: ['off', 'messages', 'verbose'], default: 'off' });
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command).sort()).toEqual(['jixiao.restartServer', 'jixiao.showOutput']);
    // Titles are localized: every %key% has an English and a Chinese text.
    const nls = JSON.parse(entries.get('extension/package.nls.json')!.toString('utf8'));
    const zh = JSON.parse(entries.get('extension/package.nls.zh-cn.json')!.toString('utf8'));
    expect(zh['command.restartServer']).toBe('重启 jixiao 语言服务器');
    expect(nls['command.restartServer']).toBe('Restart jixiao language server');
    for (const ref of JSON.stringify(manifest.contributes).match(/%[\w.]+%/g) ?? []) {
      expect(nls).toHaveProperty([ref.slice(1, -1)]);
      expect(zh).toHaveProperty([ref.slice(1, -1)]);
    }
    const url = './schema/jixiao-1.schema.json';
    expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: '*.jixiao.json', url }]);
    expect(manifest.contributes.yamlValidation).toEqual([{ fileMatch: ['*.jixiao.yaml', '*.jixiao.yml'], url }]);
    // The extension bundle keeps `vscode` external and starts the server it ships.
    const extension = entries.get('extension/dist/extension.js')!.toString('utf8');
    expect(extension).toMatch(/require\("vscode"\)/);
    expect(extension).toContain('dist/server.js');
    expect(extension).toContain('redhat.vscode-yaml');
  });

  it('recognises YAML files that declare format: jixiao/1', () => {
    expect(declaresJixiao1('# 注释\nformat: jixiao/1\nkind: summary\n')).toBe(true);
    expect(declaresJixiao1('\uFEFFformat: "jixiao/1"   # 版本\r\nkind: evaluation\r\n')).toBe(true);
    expect(declaresJixiao1("kind: form\n'format': 'jixiao/1'\n")).toBe(true);
    expect(declaresJixiao1('project:\n  format: jixiao/1\n')).toBe(false);
    expect(declaresJixiao1('format: jixiao/2\n')).toBe(false);
    expect(declaresJixiao1('format: jixiao/10\n')).toBe(false);
    expect(declaresJixiao1('on: push\njobs: {}\n')).toBe(false);
    expect(new URL(SCHEMA_URI).protocol).toBe('jixiao:'); // the YAML extension routes content requests by scheme
    for (const f of fixtures) expect(declaresJixiao1(readFileSync(f, 'utf8')), f).toBe(true);
  });

  it('bundled @jixiao/core finds the extension rules and its worker, with the same findings', async () => {
    // A probe bundled exactly like dist/server.js and placed next to it in the unpacked extension.
    const { nodeBundleOptions } = (await import(pathToFileURL(join(extRoot, 'scripts/build.mjs')).href)) as { nodeBundleOptions: (entry: string, out: string) => Record<string, unknown> };
    const { build } = (await import(pathToFileURL(join(extRoot, 'node_modules/esbuild/lib/main.js')).href)) as typeof import('esbuild');
    const dist = join(unpacked, 'extension/dist');
    const { entryPoints: _entry, ...options } = nodeBundleOptions('probe.js', join(dist, 'probe.js'));
    await build({
      ...options,
      logLevel: 'silent',
      stdin: {
        resolveDir: extRoot,
        sourcefile: 'probe.js',
        contents: `
          import { checkFiles, checkGroupParallel, findRulesDir, loadPacks } from '@jixiao/core';
          (async () => {
            const files = JSON.parse(process.argv[2]);
            const rulesDir = findRulesDir();
            const key = (f) => f.file + ' ' + f.ruleId + ' ' + f.span.join('-');
            const serial = (await checkFiles(files)).flatMap((r) => r.findings.map(key));
            const parallel = (await checkGroupParallel(files, { rules: loadPacks(rulesDir), workers: 1, setup: { configFile: null, rulesDir } })).flatMap((r) => r.findings.map(key));
            process.stdout.write(JSON.stringify({ rulesDir, serial, parallel }));
          })();`,
      },
    });
    const r = await node([join(dist, 'probe.js'), JSON.stringify(fixtures)]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { rulesDir: string; serial: string[]; parallel: string[] };
    expect(out.rulesDir).toBe(join(unpacked, 'extension/rules'));
    const expected = (await checkFiles(fixtures)).flatMap((f) => f.findings.map(key)).sort();
    expect(expected.length).toBeGreaterThan(10);
    expect(out.serial.sort()).toEqual(expected);
    expect(out.parallel.sort()).toEqual(expected);
  });

  it('activates in a (fake) extension host: starts the bundled server, restarts, follows jixiao.enable, registers the YAML schema', async () => {
    // test/vscode-host.cjs loads dist/extension.js with a stand-in `vscode` module; vscode-languageclient
    // really forks dist/server.js and completes the initialize handshake ("started" is logged after it).
    const yaml = [join(repo, 'fixtures/zaozhuang-2023/summary.yaml'), join(repo, 'pnpm-workspace.yaml')];
    const run = async (enable: boolean) => {
      const r = await node([join(repo, 'test/vscode-host.cjs'), join(unpacked, 'extension'), String(enable), ...yaml]);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { events: string[]; commands: string[]; schema: { name: string; schemas: (string | null)[]; content: string }[]; log: string[]; error?: string };
    };
    const on = await run(true);
    expect(on.error).toBeUndefined();
    expect(on.commands.sort()).toEqual(['jixiao.restartServer', 'jixiao.showOutput']);
    // activate, restart (stop + start), enable → false, enable → true, deactivate
    expect(on.events).toEqual(['started', 'stopped', 'started', 'stopped', 'started', 'stopped']);
    expect(on.log).toContain('watch **/*.{yaml,yml,json}');
    expect(on.log.join('\n')).toContain(join(unpacked, 'extension/dist/server.js'));
    // The Red Hat YAML extension gets the schema for files saying `format: jixiao/1`, not for others.
    expect(on.schema).toHaveLength(1);
    expect(on.schema[0]!.name).toBe('jixiao');
    expect(on.schema[0]!.schemas).toEqual([SCHEMA_URI, null]);
    expect(on.schema[0]!.content).toBe(readFileSync(join(repo, 'schema/jixiao-1.schema.json'), 'utf8'));
    // Turned off for the workspace: not started, the restart command says why; turned on: starts.
    const off = await run(false);
    expect(off.error).toBeUndefined();
    expect(off.events).toEqual(['not started', 'told', 'started', 'stopped']);
  });

  it('bundled server speaks LSP over stdio (node dist/server.js --stdio) and checks with the extension rules', async () => {
    const root = join(repo, 'fixtures/zhengzhou-12319-2022');
    const file = join(root, 'evaluation.yaml');
    const uri = pathToFileURL(file).href;
    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [join(unpacked, 'extension/dist/server.js'), '--stdio'], { cwd: unpacked, env: { ...process.env, JIXIAO_RULES_DIR: undefined } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const died = exited.then((code) => Promise.reject(new Error(`server exited (${code}): ${stderr}`)));
    died.catch(() => undefined);
    const connection: ProtocolConnection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    // Answer what the server asks the client like VS Code does: the `jixiao` section, registrations.
    const asked: unknown[] = [];
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      asked.push(...params.items);
      return params.items.map(() => ({ enable: true, locale: 'en' }));
    });
    connection.onRequest(() => null);
    connection.onNotification(() => undefined);
    const diagnostics = new Promise<PublishDiagnosticsParams>((done) =>
      connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
        // The first publish may come before the settings were pulled; wait for the English one.
        if (p.uri === uri && p.diagnostics.some((d) => d.message.includes(' but lists '))) done(p);
      }),
    );
    connection.listen();
    try {
      const result = await Promise.race([
        connection.sendRequest(InitializeRequest.type, {
          processId: process.pid,
          rootUri: pathToFileURL(root).href,
          workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'zhengzhou' }],
          capabilities: { workspace: { configuration: true } },
        }) as Promise<InitializeResult>,
        died,
      ]);
      expect(result.capabilities.textDocumentSync).toBeDefined();
      expect(result.serverInfo?.name).toBe('jixiao-language-server');
      await connection.sendNotification(InitializedNotification.type, {});
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') } });
      const published = await Promise.race([diagnostics, died]);
      // The findings `jixiao check` gives on this file (README), in English as configured.
      const expected = (await checkFiles([file])).flatMap((f) => f.findings.map((x) => x.ruleId)).sort();
      expect(expected).toContain('claims/count-items');
      expect(published.diagnostics.map((d) => d.code).sort()).toEqual(expected);
      expect(published.diagnostics.find((d) => d.code === 'claims/count-items')?.message).toMatch(/states 4 but lists 3$/);
      expect(asked).toContainEqual(expect.objectContaining({ section: 'jixiao' }));
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      expect(await exited).toBe(0);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
