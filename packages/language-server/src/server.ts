/**
 * The language server over stdio: the same engine and rule packs as `jixiao check`, run as the
 * transcriber types. Diagnostics are debounced (a change in a quiet moment is checked at once,
 * bursts of changes are checked once), cover every open jixiao/1 file, and are recomputed for the
 * other files of a project when one of them changes. No request ever lets an exception out.
 */
import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fg from 'fast-glob';
import {
  CodeActionKind, createConnection, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocumentSyncKind, TextDocuments,
  type Connection, type InitializeParams, type InitializeResult, type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileSize, findRulesDir, LARGE_TEXT, LineSource, OUTLINE_LIMIT, type Rule } from '@jixiao/core';
import { toDiagnostic, type Locale } from './diagnostics.js';
import { Workspace } from './workspace.js';
import { hover } from './features/hover.js';
import { inlayHints } from './features/inlay-hints.js';
import { codeActions } from './features/code-actions.js';
import { completion } from './features/completion.js';
import { documentSymbols } from './features/symbols.js';
import { definition, references } from './features/definition.js';
import { Scheduler } from './scheduler.js';

const DOCUMENT = /\.(ya?ml|json)$/i;
const CONFIG = /(^|[\\/])jixiao\.config\.ya?ml$/;

export interface ServerOptions {
  /** Rule packs (default: the bundled ones, found next to @jixiao/core). */
  rulesDir?: string;
  /** Quiet time after a burst of edits before checking, in ms. */
  debounceMs?: number;
}

interface ClientSettings {
  enable: boolean;
  locale: Locale;
  /** Diagnostics for open documents only (default), or for every jixiao file of the workspace. */
  diagnostics: 'open' | 'workspace';
}

/** Client settings from the `jixiao` section (or initializationOptions), with defaults. */
function readSettings(section: Partial<ClientSettings> | null | undefined): ClientSettings {
  return { enable: section?.enable !== false, locale: section?.locale === 'en' ? 'en' : 'zh', diagnostics: section?.diagnostics === 'workspace' ? 'workspace' : 'open' };
}

export function startServer(options: ServerOptions = {}): Connection {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  const rulesDir = options.rulesDir ?? process.env.JIXIAO_RULES_DIR ?? findRulesDir();
  const workspace = new Workspace(rulesDir);
  let folders: string[] = [];
  let settings: ClientSettings = readSettings(undefined);
  let canPullConfiguration = false;
  let canWatchFiles = false;
  const published = new Map<string, string>();

  const log = (message: string) => connection.console.log(`[jixiao] ${message}`);
  const guard = <A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R) => (...args: A): R => {
    try {
      return fn(...args);
    } catch (err) {
      log(`${name} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return fallback;
    }
  };

  const pathOf = (uri: string): string | null => (uri.startsWith('file:') ? fileURLToPath(uri) : null);
  const rulesById = (): Map<string, Rule> => workspace.rulesById();

  /** Paths in messages relative to their workspace folder, as `jixiao check` run there prints them. */
  const display = (text: string): string => {
    for (const folder of [...folders].sort((a, b) => b.length - a.length)) text = text.split(folder + sep).join('');
    return text;
  };

  /**
   * Set once the workspace is indexed (before, cross-file findings would be missing), or after
   * INDEX_GRACE_MS in a workspace so large that indexing takes longer: then the open documents'
   * own findings come first and the cross-file ones when indexing ends.
   */
  let indexed = false;
  /** Files with a check running off the thread (checkOffThread), by how many. */
  const offThread = new Map<string, number>();
  const INDEX_GRACE_MS = 1500;
  /** While indexing, the cross-document checks run for the files indexed meanwhile this often. */
  const CROSS_SLICE_MS = 200;
  /** Indexing that takes longer than this is shown as work-done progress. */
  const PROGRESS_AFTER_MS = 250;

  /**
   * Sends the diagnostics of the `touched` files (checked, or their cross-document findings changed)
   * whose findings changed or that were checked at a new version, labelled with the version that was
   * checked: open documents, and with the `workspace` setting every other jixiao file of the
   * workspace (without a version); files no longer shown get an empty list. Without `touched`, or
   * forced, every open document (and with `workspace` every file) is gone over.
   */
  const publish = (force = false, touched?: ReadonlySet<string>) => {
    if (!indexed) return;
    const rules = rulesById();
    // Lines of the open documents; a related place in a closed file reads its lines on need.
    const lines = new LineSource(documents.all().flatMap((doc) => {
      const file = pathOf(doc.uri);
      const l = file ? workspace.get(file)?.outcome.result.lines : undefined;
      return file && l ? [[file, l] as [string, NonNullable<typeof l>]] : [];
    }));
    const shown = new Set<string>();
    const send = (uri: string, file: string, version: number | undefined) => {
      shown.add(uri);
      const findings = settings.enable ? workspace.findingsOf(file) : [];
      const diagnostics = findings.map((f) => toDiagnostic(f, settings.locale, rules, (p, span) => lines.range(p, span), display));
      const key = `${version ?? ''}:${JSON.stringify(diagnostics)}`;
      if (!force && published.get(uri) === key) return;
      published.set(uri, key);
      void connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    };
    const sendOpen = (uri: string, file: string, version: number) => {
      const entry = workspace.get(file);
      // A large document still being checked off the thread: its diagnostics follow when the check ends.
      if (offThread.has(file) && entry?.version !== version) {
        shown.add(uri);
        return;
      }
      send(uri, file, entry?.version ?? version);
    };
    if (!force && touched) {
      // Only what changed: the files checked and those whose cross-document findings changed.
      for (const file of touched) {
        const uri = pathToFileURL(file).href;
        const doc = documents.get(uri);
        if (doc) sendOpen(uri, file, doc.version);
        else if (settings.diagnostics === 'workspace' && workspace.get(file)) send(uri, file, undefined);
        else if (published.has(uri)) {
          published.delete(uri);
          void connection.sendDiagnostics({ uri, diagnostics: [] });
        }
      }
      return;
    }
    for (const doc of documents.all()) {
      const file = pathOf(doc.uri);
      if (file) sendOpen(doc.uri, file, doc.version);
    }
    if (settings.diagnostics === 'workspace') {
      for (const file of workspace.files()) {
        const uri = pathToFileURL(file).href;
        if (!shown.has(uri)) send(uri, file, undefined);
      }
    }
    for (const uri of [...published.keys()]) {
      if (shown.has(uri)) continue;
      published.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  };

  /** A closed file keeps what the cross-document checks and its diagnostics need, not its outline. */
  const slim = (file: string) => {
    const entry = workspace.get(file);
    if (entry && entry.version === null) delete entry.outcome.outline;
  };

  /**
   * Files large enough to hold this thread for a second or more (LARGE_TEXT) are checked on a worker
   * thread; their diagnostics follow when that check ends, and requests are answered meanwhile.
   */
  const saidLarge = new Set<string>();
  const checkOffThread = (files: { file: string; text: string | null; version: number | null }[]) => {
    for (const f of files) offThread.set(f.file, (offThread.get(f.file) ?? 0) + 1);
    for (const f of files) {
      if (f.version === null || saidLarge.has(f.file)) continue;
      saidLarge.add(f.file);
      log(`${display(f.file)}: over ${LARGE_TEXT / 1024 / 1024} MB, checked on a separate thread; the outline shows at most ${OUTLINE_LIMIT} entries, and hover, inlay hints, completion and go to definition are off for it`);
    }
    void Promise.all(files.map((f) => workspace.updateOffThread(f.file, f.text, f.version).catch((err: unknown) => {
      log(`checking ${f.file} failed: ${err instanceof Error ? err.message : String(err)}`);
      return 'stale' as const;
    }))).then((done) => {
      for (const f of files) {
        const left = (offThread.get(f.file) ?? 1) - 1;
        if (left > 0) offThread.set(f.file, left);
        else offThread.delete(f.file);
      }
      for (const f of files) if (f.version === null) slim(f.file);
      if (done.every((d) => d === 'stale')) return;
      const touched = new Set(files.map((f) => f.file));
      for (const file of workspace.refreshCrossChanged()) touched.add(file);
      publish(false, touched);
    });
  };

  const scheduler = new Scheduler(options.debounceMs ?? 40, (uris) => {
    const touched = new Set<string>();
    const large: { file: string; text: string | null; version: number | null }[] = [];
    for (const uri of uris) {
      const file = pathOf(uri);
      if (!file) continue;
      touched.add(file);
      const doc = documents.get(uri);
      if (doc) {
        const text = doc.getText();
        if (text.length > LARGE_TEXT) large.push({ file, text, version: doc.version });
        else workspace.update(file, text, doc.version);
      } else if (existsSync(file)) {
        if (fileSize(file) > LARGE_TEXT) large.push({ file, text: null, version: null });
        else workspace.updateFromDisk(file);
      } else workspace.remove(file);
    }
    if (large.length > 0) checkOffThread(large);
    for (const file of workspace.refreshCrossChanged()) touched.add(file);
    publish(false, touched);
  }, (err) => log(`check failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`));

  /**
   * Reads every jixiao file of the workspace folders on a worker thread (one at a time, so that
   * requests and the open documents are served in between); the cross-document checks run for the files
   * indexed so far every CROSS_SLICE_MS, and for the rest at the end. Reported as work-done progress
   * (`$/progress`, title "jixiao: indexing", once it has taken PROGRESS_AFTER_MS) to a client that
   * supports it, and in the log when done.
   */
  const index = async () => {
    const started = Date.now();
    // Shown once indexing has taken a moment (a small workspace is done before a progress would show).
    let progress: WorkDoneProgressServerReporter | null = null;
    let progressAsked = false;
    const lists: string[][] = [];
    for (const folder of folders) {
      lists.push(await fg('**/*.{yaml,yml,json}', { cwd: folder, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'], onlyFiles: true }));
    }
    const total = lists.reduce((n, l) => n + l.length, 0);
    let seen = 0;
    let jixiao = 0;
    let reported = 0;
    // The cross-document checks of what was indexed so far, in slices (each a few milliseconds).
    let sliced = Date.now();
    const slice = () => {
      sliced = Date.now();
      const changed = workspace.refreshCrossChanged();
      if (changed.size > 0) publish(false, changed);
    };
    for (const files of lists) {
      for (const file of files) {
        seen += 1;
        if (CONFIG.test(file) || documents.get(pathToFileURL(file).href)) continue;
        try {
          if ((await workspace.updateOffThread(file, null, null)) === true) jixiao += 1;
          slim(file);
        } catch (err) {
          log(`indexing ${file} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
        if (Date.now() - sliced >= CROSS_SLICE_MS) slice();
        if (!progressAsked && Date.now() - started >= PROGRESS_AFTER_MS) {
          progressAsked = true;
          progress = await connection.window.createWorkDoneProgress().catch(() => null);
          progress?.begin('jixiao: indexing', Math.floor((seen * 100) / total), `${seen} / ${total}`, false);
        }
        const percent = Math.floor((seen * 100) / total);
        if (progress && percent > reported) {
          reported = percent;
          progress?.report(percent, `${seen} / ${total}`);
        }
      }
    }
    slice();
    log(`${jixiao} jixiao files of ${total} indexed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    progress?.done();
    // The thread's heap goes with it (a large document starts it again); one checking such a document stays.
    if (offThread.size === 0) await workspace.close();
  };

  const pullSettings = async () => {
    if (!canPullConfiguration) return;
    try {
      const [section] = (await connection.workspace.getConfiguration([{ section: 'jixiao' }])) as [Partial<ClientSettings> | null];
      settings = readSettings(section);
    } catch {
      // a client without configuration support keeps the defaults
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    folders = (params.workspaceFolders ?? []).map((f) => pathOf(f.uri)).filter((p): p is string => p !== null);
    if (folders.length === 0 && params.rootUri) {
      const root = pathOf(params.rootUri);
      if (root) folders = [root];
    }
    const init = params.initializationOptions as Partial<ClientSettings> | undefined;
    if (init) settings = readSettings(init);
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        inlayHintProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        completionProvider: { triggerCharacters: [':', ' ', '-'] },
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
      },
      serverInfo: { name: 'jixiao-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (canWatchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,json}' }] });
    }
    await pullSettings();
    const grace = setTimeout(() => {
      indexed = true;
      publish(true);
    }, INDEX_GRACE_MS);
    try {
      await index();
    } catch (err) {
      log(`indexing failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    clearTimeout(grace);
    indexed = true;
    publish(true);
  });

  connection.onDidChangeConfiguration(async (change) => {
    const section = (change.settings as { jixiao?: Partial<ClientSettings> } | null)?.jixiao;
    if (section) settings = readSettings(section);
    else await pullSettings();
    publish(true);
  });

  connection.onDidChangeWatchedFiles(guard('watched files', undefined, (params) => {
    let configChanged = false;
    for (const change of params.changes) {
      const file = pathOf(change.uri);
      if (!file) continue;
      if (CONFIG.test(file)) {
        configChanged = true;
        continue;
      }
      if (!DOCUMENT.test(file) || documents.get(change.uri)) continue;
      // Created, changed or deleted: the check reads the file again (or forgets it) and refreshes the others.
      scheduler.add(change.uri);
    }
    if (configChanged) {
      workspace.reloadConfig();
      for (const file of workspace.files()) scheduler.add(pathToFileURL(file).href);
      for (const doc of documents.all()) scheduler.add(doc.uri);
    }
  }));

  documents.onDidOpen((e) => scheduler.add(e.document.uri, true));
  documents.onDidChangeContent((e) => scheduler.add(e.document.uri));
  documents.onDidClose((e) => {
    // Back to the file on disk (or gone): its diagnostics go, unless the whole workspace is shown.
    if (settings.diagnostics !== 'workspace') {
      published.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }
    scheduler.add(e.document.uri);
  });

  /**
   * What a request on `uri` works with. A check of that document still waiting for its quiet moment
   * runs first: the answer's positions must be those of the text the client has now.
   */
  const ctx = (uri: string) => {
    if (scheduler.has(uri)) scheduler.flushNow();
    return { workspace, documents, settings, pathOf, rules: rulesById };
  };
  connection.onHover(guard('hover', null, (p) => hover(ctx(p.textDocument.uri), p)));
  connection.languages.inlayHint.on(guard('inlay hints', [], (p) => inlayHints(ctx(p.textDocument.uri), p)));
  connection.onCodeAction(guard('code actions', [], (p) => codeActions(ctx(p.textDocument.uri), p)));
  connection.onCompletion(guard('completion', [], (p) => completion(ctx(p.textDocument.uri), p)));
  connection.onDocumentSymbol(guard('symbols', [], (p) => documentSymbols(ctx(p.textDocument.uri), p)));
  connection.onDefinition(guard('definition', [], (p) => definition(ctx(p.textDocument.uri), p)));
  connection.onReferences(guard('references', [], (p) => references(ctx(p.textDocument.uri), p)));

  documents.listen(connection);
  connection.listen();
  return connection;
}
