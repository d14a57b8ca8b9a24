/**
 * The VS Code extension (packages/vscode): it type-checks, packages offline to a .vsix holding the
 * bundles, the rule packs and the schema, its manifest contributes what the README promises, the
 * bundled @jixiao/core finds the extension's own rules (also from its worker thread), and the bundled
 * server, run as `node dist/server.js --stdio` from the unpacked .vsix, speaks LSP. "Import
 * PDF/spreadsheet…" runs the bundled importer (dist/import/) from a (fake) host: the same draft as
 * `jixiao import`, opened, and an existing draft overwritten only when the user says so.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
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
import { Matrix2D } from '../packages/import/src/source/dom-polyfill.js';
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
    // The importer: ES modules (its package.json says so), its two worker threads, pdf.js's data files.
    for (const name of ['cli.js', 'pdf-worker.js', 'sheet-worker.js', 'package.json', 'pdfjs/cmaps/UniGB-UCS2-H.bcmap', 'pdfjs/standard_fonts/FoxitSerif.pfb', 'pdfjs/LICENSE']) {
      expect(names).toContain(`extension/dist/import/${name}`);
    }
    expect(JSON.parse(entries.get('extension/dist/import/package.json')!.toString('utf8')).type).toBe('module');
    expect(names.some((n) => n.startsWith('extension/dist/import/pdfjs/wasm/'))).toBe(true);
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
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command).sort()).toEqual(['jixiao.importDocument', 'jixiao.restartServer', 'jixiao.showOutput']);
    // The kind the import command gives the importer: auto (from the titles, asked when they do not say) or one of --kind's.
    expect(manifest.contributes.configuration.properties['jixiao.import.kind']).toMatchObject({ enum: ['auto', 'final-accounts', 'budget', 'self-evaluation'], default: 'auto' });
    // The import command, also in the explorer's context menu for the files it reads (not for folders).
    expect(manifest.contributes.commands).toContainEqual({ command: 'jixiao.importDocument', title: '%command.importDocument%', category: 'jixiao' });
    const menu = manifest.contributes.menus['explorer/context'] as { command: string; when: string }[];
    expect(menu.map((m) => m.command)).toEqual(['jixiao.importDocument']);
    const when = menu[0]!.when;
    expect(when).toContain('resourceScheme == file');
    expect(when).toContain('!explorerResourceIsFolder');
    const extensionRule = new RegExp(/resourceExtname =~ \/(.+)\/i/.exec(when)![1]!, 'i');
    for (const ext of ['.pdf', '.PDF', '.xlsx', '.xls', '.txt']) expect(extensionRule.test(ext), ext).toBe(true);
    for (const ext of ['.yaml', '.json', '.pdfx', '.docx']) expect(extensionRule.test(ext), ext).toBe(false);
    // Titles are localized: every %key% has an English and a Chinese text.
    const nls = JSON.parse(entries.get('extension/package.nls.json')!.toString('utf8'));
    const zh = JSON.parse(entries.get('extension/package.nls.zh-cn.json')!.toString('utf8'));
    expect(zh['command.restartServer']).toBe('重启 jixiao 语言服务器');
    expect(nls['command.restartServer']).toBe('Restart jixiao language server');
    expect(zh['command.importDocument']).toBe('导入 PDF 或表格…');
    expect(nls['command.importDocument']).toBe('Import PDF/spreadsheet…');
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
    expect(on.commands.sort()).toEqual(['jixiao.importDocument', 'jixiao.restartServer', 'jixiao.showOutput']);
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

  it("the importer's DOMMatrix stand-in computes as @napi-rs/canvas's (the values checked against it)", () => {
    const six = (m: Matrix2D) => [m.a, m.b, m.c, m.d, m.e, m.f].map((v) => Math.round(v * 1e9) / 1e9 + 0);
    const m = () => new Matrix2D([2, 1, -1, 3, 5, 7]);
    // pdf.js's own use (an image mask's outline): scale to the unit square, flipped.
    expect(six(new Matrix2D().scaleSelf(1 / 7, -1 / 3).translateSelf(0, -3))).toEqual([0.142857143, 0, 0, -0.333333333, 0, 1]);
    expect(six(m().multiplySelf(new Matrix2D([1, 2, 3, 4, 5, 6])))).toEqual([0, 7, 2, 15, 9, 30]);
    expect(six(m().preMultiplySelf(new Matrix2D([1, 2, 3, 4, 5, 6])))).toEqual([5, 8, 8, 10, 31, 44]);
    expect(six(m().invertSelf())).toEqual([0.428571429, -0.142857143, 0.142857143, 0.285714286, -3.142857143, -1.285714286]);
    expect(six(m().scaleSelf(2, 3, 1, 4, 5))).toEqual([4, 2, -3, 9, 7, -27]);
    expect(six(m().translate(3, 4).scale(0.5))).toEqual([1, 0.5, -0.5, 1.5, 7, 22]);
    expect(six(m())).toEqual([2, 1, -1, 3, 5, 7]);
    expect(m().transformPoint({ x: 1, y: 2 })).toEqual({ x: 5, y: 14, z: 0, w: 1 });
    expect(six(new Matrix2D([1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 1, 0, 5, 6, 0, 1]))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('imports a PDF or a spreadsheet in a (fake) host: the draft of `jixiao import` beside it, opened; never overwritten without consent', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'jixiao-vscode-import-')));
    const expectedDir = join(dir, 'expected');
    mkdirSync(expectedDir);
    try {
      const pdf = join(dir, 'budget.pdf');
      const xls = join(dir, 'sample.xls');
      const broken = join(dir, 'broken.pdf');
      copyFileSync(join(repo, 'fixtures/import/putuo-welfarehome-2024-unit-budget.pdf'), pdf);
      copyFileSync(join(repo, 'fixtures/import/sample.xls'), xls);
      writeFileSync(broken, '%PDF-1.7\n1 0 obj <<>> garbage\n');
      const draft = join(dir, 'budget.jixiao.yaml');
      const sidecar = join(dir, 'budget.jixiao.sources.json');
      // What the CLI writes for the same file (a copy of the same name, so that the drafts name the same source).
      copyFileSync(pdf, join(expectedDir, 'budget.pdf'));
      const cli = await node([join(repo, 'packages/cli/bin/jixiao.js'), 'import', join(expectedDir, 'budget.pdf')], expectedDir);
      expect(cli.status, cli.stderr).toBe(0);
      const expectedDraft = readFileSync(join(expectedDir, 'budget.jixiao.yaml'), 'utf8');
      const expectedSidecar = readFileSync(join(expectedDir, 'budget.jixiao.sources.json'), 'utf8');

      /** One run of the command in test/vscode-host.cjs (jixiao.enable false: no server, just the command); its log without timestamps. */
      const host = async (step: { locale?: 'zh' | 'en'; clicked?: string; pick?: string | null; answer?: string | null; kind?: string; kindSetting?: string }) => {
        const r = await runProcess(process.execPath, [join(repo, 'test/vscode-host.cjs'), join(unpacked, 'extension'), 'false'], { cwd: repo, env: { ...process.env, JIXIAO_HOST_IMPORT: JSON.stringify(step) }, maxBuffer: 64 * 1024 * 1024 });
        expect(r.stderr).toBe('');
        const out = JSON.parse(r.stdout) as { commands: string[]; log: string[]; error?: string };
        expect(out.error).toBeUndefined();
        expect(out.commands).toContain('jixiao.importDocument');
        return out.log.map((line) => line.replace(/^\[[^\]]+\] /, ''));
      };
      const opened = (log: string[]) => log.filter((l) => /^(open|show) document: /.test(l));

      // From the explorer's context menu, in English: imported, opened, the summary line shown.
      const first = await host({ clicked: pdf });
      expect(first).toContain('progress: jixiao: importing budget.pdf…');
      expect(opened(first)).toEqual([`open document: ${draft}`, `show document: ${draft}`]);
      expect(first.filter((l) => /^(information|warning|error) message/.test(l))).toEqual([
        expect.stringMatching(/^information message: draft: budget\.jixiao\.yaml \(budget, 16 pages, 9 tables, \d+ rows, \d+ narrative sentences, \d+ unplaced\); 5 problems \(0 errors, 5 warnings, 0 info\)$/),
      ]);
      expect(readFileSync(draft, 'utf8')).toBe(expectedDraft);
      expect(readFileSync(sidecar, 'utf8')).toBe(expectedSidecar);

      // Again, with the draft edited: asked; Cancel or dismissing the question leaves it as it is.
      writeFileSync(draft, '# edited by hand\n');
      for (const answer of ['Cancel', null]) {
        const again = await host({ clicked: pdf, answer });
        expect(again).toContain('warning message: The draft budget.jixiao.yaml already exists. Overwrite it? (modal) [Overwrite | Cancel]');
        expect(again.some((l) => l.startsWith('progress: '))).toBe(false);
        expect(opened(again)).toEqual([]);
        expect(readFileSync(draft, 'utf8')).toBe('# edited by hand\n');
      }
      // In Chinese, answered 覆盖 (Overwrite): imported again and opened.
      const overwritten = await host({ clicked: pdf, answer: '覆盖', locale: 'zh' });
      expect(overwritten).toContain('warning message: 草稿 budget.jixiao.yaml 已存在。覆盖它吗？ (modal) [覆盖 | 取消]');
      expect(overwritten).toContain('progress: jixiao：正在导入 budget.pdf…');
      expect(opened(overwritten)).toEqual([`open document: ${draft}`, `show document: ${draft}`]);
      expect(overwritten).toContainEqual(expect.stringMatching(/^information message: 草稿：budget\.jixiao\.yaml（部门预算，16 页，9 张表，\d+ 行，\d+ 句说明，\d+ 处未能放置）；5 个问题（0 个错误，5 个警告，0 个提示）$/));
      expect(readFileSync(draft, 'utf8')).toBe(expectedDraft);
      expect(readFileSync(draft, 'utf8')).not.toBe('# edited by hand\n');

      // From the command palette: the open dialog (PDF, spreadsheets, text), then the file chosen.
      const picked = await host({ pick: xls, locale: 'zh' });
      const dialog = picked.find((l) => l.startsWith('open dialog: '));
      expect(JSON.parse(dialog!.slice('open dialog: '.length))).toMatchObject({ canSelectFiles: true, canSelectFolders: false, canSelectMany: false, filters: { 'PDF、表格或 pdftotext 文本': ['pdf', 'xlsx', 'xls', 'txt'] } });
      expect(opened(picked)).toEqual([`open document: ${join(dir, 'sample.jixiao.yaml')}`, `show document: ${join(dir, 'sample.jixiao.yaml')}`]);
      expect(picked).toContainEqual(expect.stringMatching(/^information message: 草稿：sample\.jixiao\.yaml（部门预算，2 页，2 张表，/));
      expect(existsSync(join(dir, 'sample.jixiao.sources.json'))).toBe(true);
      // The dialog dismissed: nothing else happens.
      const dismissed = await host({ pick: null });
      expect(dismissed.some((l) => l.startsWith('open dialog: '))).toBe(true);
      expect(dismissed.some((l) => /^(progress|open document|show document|information message|warning message|error message)/.test(l))).toBe(false);

      // A text whose titles do not say its kind: the importer asks for --kind, so the user is asked;
      // dismissed, nothing is written; answered, it is imported again with that kind.
      const unclear = join(dir, 'unclear.txt');
      writeFileSync(unclear, '单位：万元\n项目 金额\n合计 12.50\n');
      const notChosen = await host({ clicked: unclear });
      expect(notChosen).toContain('quick pick: jixiao: which kind of document is this? [final accounts (部门决算) (final-accounts) | budget (部门预算) (budget) | self-evaluation form (绩效自评表) (self-evaluation)]');
      expect(notChosen).toContain(`import ${unclear}: no kind chosen`);
      expect(existsSync(join(dir, 'unclear.jixiao.yaml'))).toBe(false);
      const chosen = await host({ clicked: unclear, kind: 'budget', locale: 'zh' });
      expect(chosen).toContain('quick pick: jixiao：看不出这份文件是哪类文档，请选择 [部门决算 (final-accounts) | 部门预算 (budget) | 绩效自评表 (self-evaluation)]');
      expect(chosen).toContain(`import ${unclear} → ${join(dir, 'unclear.jixiao.yaml')} (--kind budget)`);
      expect(opened(chosen)).toEqual([`open document: ${join(dir, 'unclear.jixiao.yaml')}`, `show document: ${join(dir, 'unclear.jixiao.yaml')}`]);
      expect(readFileSync(join(dir, 'unclear.jixiao.yaml'), 'utf8')).toMatch(/^kind: budget$/m);
      // The setting jixiao.import.kind gives the kind from the start: no question.
      const set = await host({ clicked: xls, kindSetting: 'budget', answer: 'Overwrite' });
      expect(set).toContain(`import ${xls} → ${join(dir, 'sample.jixiao.yaml')} (--kind budget)`);
      expect(set.some((l) => l.startsWith('quick pick: '))).toBe(false);

      // A PDF that cannot be read: the reason, no draft, nothing opened.
      const failed = await host({ clicked: broken });
      expect(failed).toContainEqual(expect.stringMatching(/^error message: jixiao: could not import broken\.pdf: .*Invalid PDF structure/));
      expect(opened(failed)).toEqual([]);
      expect(existsSync(join(dir, 'broken.jixiao.yaml'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
