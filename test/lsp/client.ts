/**
 * A real LSP client over stdio for the tests: spawns the built server, speaks JSON-RPC through
 * vscode-languageserver-protocol, collects published diagnostics and answers the server's
 * configuration and registration requests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic, type ProtocolConnection,
  type PublishDiagnosticsParams, type InitializeResult,
} from 'vscode-languageserver-protocol/node.js';

export const SERVER_BIN = join(process.cwd(), 'packages/language-server/bin/jixiao-language-server.js');

/** How long a wait for diagnostics may take before it fails with what the server said: generous, for a loaded machine. */
export const DIAGNOSTICS_TIMEOUT = 5 * 60_000;

export interface ClientOptions {
  root: string;
  settings?: { enable?: boolean; locale?: 'zh' | 'en'; diagnostics?: 'open' | 'workspace' };
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; test: (d: PublishDiagnosticsParams) => boolean; resolve: (d: PublishDiagnosticsParams) => void }[] = [];
  settings: { enable?: boolean; locale?: 'zh' | 'en'; diagnostics?: 'open' | 'workspace' };
  readonly stderr: string[] = [];
  private versions = new Map<string, number>();

  constructor(private readonly options: ClientOptions) {
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.test(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', () => [this.settings]);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  async initialize(): Promise<InitializeResult> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.options.root).href,
      workspaceFolders: [{ uri: pathToFileURL(this.options.root).href, name: 'root' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { publishDiagnostics: { relatedInformation: true }, inlayHint: {}, hover: { contentFormat: ['markdown'] } },
      },
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  uri(file: string): string {
    return pathToFileURL(file).href;
  }

  async open(file: string, text = readFileSync(file, 'utf8')): Promise<string> {
    const uri = this.uri(file);
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: file.endsWith('.json') ? 'json' : 'yaml', version: 1, text } });
    return uri;
  }

  /** Replaces the whole text (the simplest didChange). */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** An incremental edit of a range. */
  async edit(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  latest(uri: string): Diagnostic[] | undefined {
    return this.diagnostics.get(uri)?.diagnostics;
  }

  /** The next diagnostics for `uri` that pass `test` (or the latest, if they already do). */
  waitFor(uri: string, test: (d: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = DIAGNOSTICS_TIMEOUT): Promise<PublishDiagnosticsParams> {
    const now = this.diagnostics.get(uri);
    if (now && test(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr.join('')}`)), timeoutMs);
      this.waiters.push({ uri, test, resolve: (d) => { clearTimeout(timer); resolve(d); } });
    });
  }

  /** Waits for diagnostics of a given document version. */
  waitForVersion(uri: string, version: number, timeoutMs = DIAGNOSTICS_TIMEOUT): Promise<PublishDiagnosticsParams> {
    return this.waitFor(uri, (d) => d.version === version, timeoutMs);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.process.kill();
  }
}
