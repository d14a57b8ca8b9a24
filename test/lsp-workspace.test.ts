/**
 * The language server on a workspace of a few hundred files (issue 13, item 3), through a real
 * client over stdio: indexing runs in the background (reported as work-done progress) and a request
 * is answered before it ends; afterwards an edit re-checks only its own project — an unrelated file,
 * even one changed on disk behind the server's back, is not checked or published again, nor is a
 * file of the group whose findings did not change — while the cross-document findings of the
 * edited document's project still follow the edit, the file on disk and a deleted file.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic, type Hover, type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node.js';
import { generateFile } from '../bench/corpus.mjs';
import { DIAGNOSTICS_TIMEOUT, SERVER_BIN } from './lsp/client.js';
import { lineOf, rangeOn } from './lsp/text.js';

const ZAOZHUANG = join(process.cwd(), 'fixtures/zaozhuang-2023');
const ZHENGZHOU = join(process.cwd(), 'fixtures/zhengzhou-12319-2022/evaluation.yaml');
/** Generated reports (bench/corpus.mjs), each its own project: enough that indexing takes a while. */
const FILLER = 500;

/** A client that also sees work-done progress, the log, and every publication in order. */
class WorkspaceClient {
  readonly connection: ProtocolConnection;
  readonly child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  /** Every publishDiagnostics, in order of arrival. */
  readonly publications: PublishDiagnosticsParams[] = [];
  /** What happened, in order: 'progress:begin', 'progress:end', 'hover', … */
  readonly events: string[] = [];
  private readonly waiters: { test: () => boolean; resolve: () => void }[] = [];
  private versions = new Map<string, number>();

  constructor(private readonly root: string) {
    this.child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.publications.push(p);
      this.check();
    });
    this.connection.onNotification('$/progress', (p: { value?: { kind?: string; title?: string } }) => {
      if (p.value?.kind === 'begin' || p.value?.kind === 'end') this.events.push(`progress:${p.value.kind}${p.value.title ? `:${p.value.title}` : ''}`);
      this.check();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/configuration', () => [{ diagnostics: 'workspace' }]);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    const uri = pathToFileURL(this.root).href;
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'root' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, hover: { contentFormat: ['markdown'] } },
        window: { workDoneProgress: true },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  uri(file: string): string {
    return pathToFileURL(file).href;
  }

  async open(file: string): Promise<string> {
    const uri = this.uri(file);
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(file, 'utf8') } });
    return uri;
  }

  async edit(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  latest(uri: string): Diagnostic[] | undefined {
    for (let i = this.publications.length - 1; i >= 0; i--) if (this.publications[i]!.uri === uri) return this.publications[i]!.diagnostics;
    return undefined;
  }

  /** Resolves once `test` holds (checked on every publication and progress notification). */
  until(test: () => boolean, what: string): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what}: not within ${DIAGNOSTICS_TIMEOUT} ms; stderr: ${this.stderr.join('')}`)), DIAGNOSTICS_TIMEOUT);
      this.waiters.push({ test, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  private check(): void {
    for (const w of [...this.waiters]) {
      if (w.test()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.child.kill();
  }
}

const codes = (ds: Diagnostic[] | undefined) => (ds ?? []).map((d) => `${d.code}@${d.range.start.line}`).sort();

describe('a workspace of a few hundred files in the language server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-lsp-workspace-'));
  const group = join(dir, 'zaozhuang');
  const SUMMARY = join(group, 'summary.yaml');
  const FINANCE = join(group, 'evaluation-12345-finance.yaml');
  const DEPARTMENT = join(group, 'evaluation-12345-department.yaml');
  /** In the summary's project group, but of another project than the one edited. */
  const BIGDATA = join(group, 'self-evaluation-bigdata-operating.yaml');
  const UNRELATED = join(dir, 'zhengzhou', 'evaluation.yaml');
  /** Another group of the same shape (its project ids renamed), unrelated to the edited one. */
  const other = join(dir, 'other');
  const OTHER_SUMMARY = join(other, 'summary.yaml');
  const OTHER_DEPARTMENT = join(other, 'evaluation-12345-department.yaml');
  const departmentText = readFileSync(join(ZAOZHUANG, 'evaluation-12345-department.yaml'), 'utf8');
  const financeText = readFileSync(join(ZAOZHUANG, 'evaluation-12345-finance.yaml'), 'utf8');
  const summaryText = readFileSync(join(ZAOZHUANG, 'summary.yaml'), 'utf8');
  const RESULT = lineOf(financeText, /^result: \{ score: 92\.85,/);
  /** summary.yaml's entry of the 12345 hotline's self score (100), where the score gap is reported. */
  const HOTLINE = lineOf(summaryText, /^ {2}- \{ no: 17, .* score: 100, project_id: zaozhuang-2023-12345-hotline \}$/);
  let client: WorkspaceClient;
  let summary: string;

  beforeAll(() => {
    cpSync(ZAOZHUANG, group, { recursive: true });
    mkdirSync(join(dir, 'zhengzhou'));
    cpSync(ZHENGZHOU, UNRELATED);
    mkdirSync(other);
    for (const name of readdirSync(ZAOZHUANG)) {
      if (name.endsWith('.yaml')) writeFileSync(join(other, name), readFileSync(join(ZAOZHUANG, name), 'utf8').replaceAll('zaozhuang-2023-', 'other-2023-'));
    }
    mkdirSync(join(dir, 'generated'));
    for (let i = 0; i < FILLER; i++) {
      const f = generateFile(20240601, i);
      writeFileSync(join(dir, 'generated', f.name), f.text);
    }
    client = new WorkspaceClient(dir);
  });
  afterAll(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes in the background: a hover is answered while indexing goes on, and its end is reported', async () => {
    await client.initialize();
    summary = await client.open(SUMMARY);
    const lines = summaryText.split('\n');
    const position = { line: HOTLINE, character: (lines[HOTLINE] ?? '').indexOf('score: ') + 8 };
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: summary }, position }) as Hover | null;
    client.events.push('hover');
    expect(hover).not.toBeNull();
    await client.until(() => client.events.includes('progress:end'), 'the end of indexing');
    // The hover was answered before indexing ended (one progress, from its beginning to its end).
    expect(client.events.filter((e) => e.startsWith('progress:'))).toEqual(['progress:begin:jixiao: indexing', 'progress:end']);
    expect(client.events.indexOf('hover')).toBeLessThan(client.events.indexOf('progress:end'));
    expect(client.logs.some((l) => /\d+ jixiao files of \d+ indexed in/.test(l))).toBe(true);
    // Then every file of the workspace is shown (the `workspace` setting), the summary with its score gap.
    await client.until(() => codes(client.latest(summary)).includes(`gaps/score-gap@${HOTLINE}`), 'the summary\'s score gap');
    await client.until(() => client.latest(client.uri(join(dir, 'generated', generateFile(20240601, FILLER - 1).name))) !== undefined, 'the last generated file\'s diagnostics');
    await client.until(() => client.latest(client.uri(UNRELATED)) !== undefined, 'the unrelated file\'s diagnostics');
    await client.until(() => client.latest(client.uri(BIGDATA)) !== undefined, 'the other project\'s diagnostics');
  });

  it('re-checks only the edited document\'s project; its cross-document findings follow the edit, the disk and a deletion', async () => {
    const finance = await client.open(FINANCE);
    await client.until(() => client.publications.some((p) => p.uri === finance && p.version === 1), 'the finance evaluation\'s diagnostics');
    const before = codes(client.latest(summary));

    await client.until(() => client.latest(client.uri(OTHER_SUMMARY)) !== undefined, 'the other summary\'s diagnostics');
    const otherBefore = codes(client.latest(client.uri(OTHER_SUMMARY)));

    // Behind the server's back (no file event): an unrelated file breaks a sum, and the other group's
    // department states another budget, which the other summary restates. Checking that group again
    // (its statements read their peers from disk) would publish a change.
    const unrelatedText = readFileSync(UNRELATED, 'utf8');
    const scoreLine = lineOf(unrelatedText, /^\s+score: \d/);
    const scoreText = /score: ([\d.]+)/.exec(unrelatedText.split('\n')[scoreLine] ?? '')?.[1] ?? '';
    writeFileSync(UNRELATED, unrelatedText.split('\n').map((l, n) => (n === scoreLine ? l.replace(`score: ${scoreText}`, 'score: 0.01') : l)).join('\n'));
    const budget = lineOf(departmentText, /^ {2}adjusted: 1059\.5 /);
    const otherDepartment = departmentText.replaceAll('zaozhuang-2023-', 'other-2023-').split('\n');
    otherDepartment[budget] = otherDepartment[budget]!.replace('1059.5', "'1,057.54'");
    writeFileSync(OTHER_DEPARTMENT, otherDepartment.join('\n'));

    const mark = client.publications.length;
    // Finance says 85: the gap to the self score becomes large.
    const at = rangeOn(financeText, RESULT, '92.85');
    const v = await client.edit(finance, at, '85');
    await client.until(() => client.publications.slice(mark).some((p) => p.uri === finance && p.version === v), 'the edit\'s diagnostics');
    await client.until(() => codes(client.latest(summary)).includes(`gaps/score-gap-large@${HOTLINE}`), 'the large score gap in the summary');
    expect(codes(client.latest(summary))).not.toEqual(before);
    // A request after the edit, so that all the edit's publications have been written before the answer.
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: finance }, position: { line: RESULT, character: at.start.character + 1 } });
    const since = client.publications.slice(mark).map((p) => p.uri);
    // Only the edited document and the summary whose findings changed: not the unrelated file (nor was
    // it read again), not the generated ones, not the other project of the summary's group.
    expect([...new Set(since)].every((u) => u === finance || u === summary || u === client.uri(DEPARTMENT))).toBe(true);
    expect(since).not.toContain(client.uri(UNRELATED));
    expect(since).not.toContain(client.uri(BIGDATA));
    expect(since).not.toContain(client.uri(OTHER_SUMMARY));

    // Closed without saving: back to the file on disk, and the summary back to what it was.
    const mark2 = client.publications.length;
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: finance } });
    await client.until(() => client.publications.slice(mark2).some((p) => p.uri === summary) && JSON.stringify(codes(client.latest(summary))) === JSON.stringify(before), 'the summary as before');

    // The department's report deleted on disk (a file event): the statements about it lose their peer.
    rmSync(DEPARTMENT);
    const mark3 = client.publications.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(DEPARTMENT), type: 3 }] });
    await client.until(() => client.publications.slice(mark3).some((p) => p.uri === summary), 'the summary after the deletion');
    expect(codes(client.latest(summary))).not.toEqual(before);
    expect(client.publications.slice(mark3).map((p) => p.uri)).not.toContain(client.uri(UNRELATED));
    expect(codes(client.latest(client.uri(OTHER_SUMMARY)))).toEqual(otherBefore);

    // The other group's change told (a file event): now its summary follows.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(OTHER_DEPARTMENT), type: 2 }] });
    await client.until(() => JSON.stringify(codes(client.latest(client.uri(OTHER_SUMMARY)))) !== JSON.stringify(otherBefore), 'the other summary after its department changed');
    expect(client.logs.filter((l) => /failed/.test(l))).toEqual([]);
  });
});
