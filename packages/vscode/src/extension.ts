/**
 * The jixiao VS Code extension: starts the bundled language server (`dist/server.js`, run by the
 * extension host's Node over stdio) for YAML and JSON files, keeps it in step with the `jixiao`
 * settings and with files changing on disk, and registers the jixiao/1 JSON Schema. The command
 * "Import PDF/spreadsheet…" runs the bundled importer (import-command.ts).
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerYamlSchema } from './yaml-schema';
import { IMPORT_COMMAND, IMPORT_KINDS, importDocuments, type ImportKind } from './import-command';

const SECTION = 'jixiao';

let client: LanguageClient | undefined;
let watcher: vscode.FileSystemWatcher | undefined;
let output: vscode.OutputChannel | undefined;
/** Starts and stops run one after another (a settings change during a start waits for it). */
let queue: Promise<void> = Promise.resolve();

type Locale = 'zh' | 'en';
const texts = {
  disabled: { zh: 'jixiao 已在此工作区关闭（jixiao.enable 为 false）。', en: 'jixiao is turned off in this workspace (jixiao.enable is false).' },
} satisfies Record<string, Record<Locale, string>>;

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}
function enabled(): boolean {
  return settings().get<boolean>('enable', true) !== false;
}
function text(key: keyof typeof texts): string {
  return texts[key][settings().get<string>('locale', 'zh') === 'en' ? 'en' : 'zh'];
}
function log(line: string): void {
  output?.appendLine(`[${new Date().toISOString()}] ${line}`);
}
function enqueue(step: () => Promise<void>): Promise<void> {
  queue = queue.then(step).catch((err: unknown) => log(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
  return queue;
}

async function startServer(context: vscode.ExtensionContext): Promise<void> {
  if (client) return;
  if (!enabled()) {
    log('jixiao.enable is false: the server is not started');
    return;
  }
  const serverModule = context.asAbsolutePath('dist/server.js');
  // `module` + stdio: the client forks the extension host's Node on the file and adds `--stdio`.
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // One watcher covers every YAML/JSON file, jixiao.config.yaml/.yml included (a second watcher
  // for the config files would send their events twice).
  watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json}');
  const clientOptions: LanguageClientOptions = {
    // The server itself ignores YAML and JSON files that are not jixiao/1 documents.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { language: 'json' },
    ],
    // The settings at start (so the first diagnostics are in the right language); later the server
    // pulls them through workspace/configuration whenever they change.
    initializationOptions: () => ({ enable: enabled(), locale: settings().get<string>('locale', 'zh') === 'en' ? 'en' : 'zh', diagnostics: settings().get<string>('diagnostics', 'open') === 'workspace' ? 'workspace' : 'open' }),
    synchronize: { configurationSection: SECTION, fileEvents: watcher },
    outputChannel: output,
    diagnosticCollectionName: SECTION,
  };
  const next = new LanguageClient(SECTION, 'jixiao', serverOptions, clientOptions);
  client = next;
  try {
    await next.start();
    log(`server started: ${serverModule}`);
  } catch (err) {
    // The client has already said so (with a "Go to output" button) and may retry by itself.
    log(`server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function stopServer(): Promise<void> {
  const running = client;
  client = undefined;
  try {
    if (running?.needsStop()) await running.stop();
    else await running?.dispose();
  } finally {
    watcher?.dispose();
    watcher = undefined;
  }
  if (running) log('server stopped');
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('jixiao');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('jixiao.restartServer', () => {
      if (!enabled()) {
        void vscode.window.showInformationMessage(text('disabled'));
        return enqueue(stopServer);
      }
      return enqueue(async () => {
        await stopServer();
        await startServer(context);
      });
    }),
    vscode.commands.registerCommand('jixiao.showOutput', () => output?.show(true)),
    vscode.commands.registerCommand(IMPORT_COMMAND, (clicked?: unknown, selected?: unknown) =>
      importDocuments({
        cli: context.asAbsolutePath('dist/import/cli.js'),
        locale: () => (settings().get<string>('locale', 'zh') === 'en' ? 'en' : 'zh'),
        kind: () => {
          const k = settings().get<string>('import.kind', 'auto');
          return (IMPORT_KINDS as readonly string[]).includes(k) ? (k as ImportKind) : undefined;
        },
        log,
        showOutput: () => output?.show(true),
      }, clicked, selected).catch((err: unknown) => log(`import failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${SECTION}.enable`)) return; // locale etc.: the client forwards them
      void enqueue(() => (enabled() ? startServer(context) : stopServer()));
    }),
  );
  // Schema registration must not hold up the server (activating the YAML extension takes a while).
  void registerYamlSchema(context.asAbsolutePath('schema/jixiao-1.schema.json'), log);
  await enqueue(() => startServer(context));
}

export function deactivate(): Promise<void> {
  return enqueue(stopServer);
}
