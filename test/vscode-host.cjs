/**
 * A stand-in for the VS Code extension host, for test/vscode-extension.test.ts: loads an unpacked
 * extension's dist/extension.js with a fake `vscode` module (just what the extension and
 * vscode-languageclient touch while starting; anything else is a no-op), activates it — which
 * starts the bundled server with vscode-languageclient, exactly as in VS Code — runs the restart
 * command, flips `jixiao.enable` twice, asks the YAML schema contributor about the given files,
 * deactivates, and prints one JSON line with what happened.
 *
 *   node test/vscode-host.cjs <extension dir> <jixiao.enable at start: true|false> <yaml file>…
 *
 * With JIXIAO_HOST_IMPORT set (JSON: { locale?, clicked?: file, pick?: file | null, answer?: button
 * title | null }), it instead activates, runs "Import PDF/spreadsheet…" once — on `clicked` as from
 * the explorer's context menu, else with `pick` as the open dialog's answer (null: dismissed) and
 * `answer` as the overwrite question's (null: dismissed), `kind` as the kind question's (by its
 * --kind value; absent: dismissed) and `kindSetting` as `jixiao.import.kind` — waits for it, deactivates and prints what
 * it asked, showed and opened.
 */
'use strict';
const Module = require('node:module');
const { join, resolve } = require('node:path');
const { fileURLToPath, pathToFileURL } = require('node:url');

const [extArg, enableArg, ...yamlFiles] = process.argv.slice(2);
const extDir = resolve(extArg);
const settings = { enable: enableArg !== 'false', locale: 'en' };
const importStep = process.env.JIXIAO_HOST_IMPORT ? JSON.parse(process.env.JIXIAO_HOST_IMPORT) : undefined;
if (importStep?.locale) settings.locale = importStep.locale;
if (importStep?.kindSetting) settings['import.kind'] = importStep.kindSetting;
const log = [];
/** Called after every line the extension writes to its output channel (see `waitForLog`). */
const logWaiters = new Set();
const record = (line) => {
  log.push(String(line));
  for (const check of [...logWaiters]) check();
};
/** Resolves once `test()` holds, re-checked whenever a line is logged; no deadline of its own (see `timer`). */
const waitForLog = (test) =>
  new Promise((done) => {
    const check = () => {
      if (!test()) return;
      logWaiters.delete(check);
      done();
    };
    logWaiters.add(check);
    check();
  });
const commands = new Map();
const contributors = [];
const configListeners = [];

/** Any API not modelled below: callable, constructible, every property another no-op. */
function noop() {
  const target = function () {};
  return new Proxy(target, {
    get: (_t, prop) => (prop === 'then' ? undefined : prop === Symbol.iterator ? function* () {} : noop()),
    apply: () => noop(),
    construct: () => noop(),
  });
}
const withFallback = (object) => new Proxy(object, { get: (t, p) => (p in t ? t[p] : noop()) });
const disposable = { dispose() {} };
const event = () => disposable;
const output = { name: 'jixiao', append: (t) => record(t), appendLine: (t) => record(t), show() {}, hide() {}, clear() {}, replace() {}, dispose() {} };
const uri = (text) => {
  const url = new URL(text);
  return { scheme: url.protocol.slice(0, -1), fsPath: url.protocol === 'file:' ? fileURLToPath(url) : url.pathname, toString: () => text };
};

const vscode = withFallback({
  version: '1.82.0',
  env: withFallback({ language: 'en', appName: 'fake host' }),
  Uri: { parse: uri, file: (p) => uri(pathToFileURL(p).href) },
  Disposable: class {
    static from(...items) {
      return { dispose: () => items.forEach((d) => d.dispose()) };
    }
    constructor(f) {
      this.dispose = f;
    }
  },
  EventEmitter: class {
    listeners = [];
    event = (l) => (this.listeners.push(l), disposable);
    fire(e) {
      this.listeners.forEach((l) => l(e));
    }
    dispose() {}
  },
  workspace: withFallback({
    getConfiguration: (section) => ({
      get: (key, fallback) => (section === 'jixiao' && key in settings ? settings[key] : fallback),
      has: () => false,
      inspect: () => undefined,
      update: async () => undefined,
    }),
    createFileSystemWatcher: (glob) => (record(`watch ${glob}`), { onDidCreate: event, onDidChange: event, onDidDelete: event, dispose() {} }),
    textDocuments: [],
    notebookDocuments: [],
    workspaceFolders: [],
    onDidChangeConfiguration: (listener) => (configListeners.push(listener), disposable),
    openTextDocument: async (u) => (record(`open document: ${u.fsPath}`), { uri: u }),
  }),
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  window: withFallback({
    createOutputChannel: () => output,
    showErrorMessage: async (m) => void record(`error message: ${m}`),
    showInformationMessage: async (m) => void record(`information message: ${m}`),
    // A modal question is answered with the scenario's button (by its title); other warnings are only recorded.
    showWarningMessage: async (m, ...rest) => {
      const options = rest[0] && typeof rest[0] === 'object' && !('title' in rest[0]) ? rest.shift() : undefined;
      const titles = rest.map((item) => (typeof item === 'string' ? item : item.title));
      record(`warning message: ${m}${options?.modal ? ' (modal)' : ''} [${titles.join(' | ')}]`);
      return options?.modal ? rest.find((item) => (typeof item === 'string' ? item : item.title) === importStep?.answer) : undefined;
    },
    // The kind question is answered with the scenario's `kind` (by the item's description: the --kind value); null or absent: dismissed.
    showQuickPick: async (items, options) => {
      record(`quick pick: ${options?.title ?? ''} [${items.map((i) => `${i.label} (${i.description})`).join(' | ')}]`);
      return items.find((i) => i.description === importStep?.kind);
    },
    showOpenDialog: async (options) => {
      record(`open dialog: ${JSON.stringify(options)}`);
      return importStep?.pick ? [uri(pathToFileURL(importStep.pick).href)] : undefined;
    },
    withProgress: async (options, task) => {
      record(`progress: ${options.title}`);
      return task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: event });
    },
    showTextDocument: async (document) => void record(`show document: ${document.uri.fsPath}`),
    visibleTextEditors: [],
    tabGroups: { all: [], onDidChangeTabs: event, onDidChangeTabGroups: event },
  }),
  commands: withFallback({ registerCommand: (id, run) => (commands.set(id, run), disposable), executeCommand: async () => undefined }),
  extensions: withFallback({
    getExtension: (id) =>
      id === 'redhat.vscode-yaml'
        ? { activate: async () => ({ registerContributor: (name, requestSchema, requestSchemaContent, label) => (contributors.push({ name, requestSchema, requestSchemaContent, label }), true) }) }
        : undefined,
  }),
  languages: withFallback({ createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, forEach() {}, dispose() {} }), match: () => 0 }),
});

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const context = withFallback({ subscriptions: [], extensionPath: extDir, asAbsolutePath: (p) => join(extDir, p) });
// Only a guard against a hung host (the test has no deadline below the suite's): generous for a loaded machine.
const timer = setTimeout(() => {
  process.stdout.write(JSON.stringify({ timeout: true, log }) + '\n');
  process.exit(3);
}, 10 * 60_000);

/** What the extension did so far, from its output: started, stopped, not started, told the user. */
const events = () =>
  log.flatMap((line) =>
    /server started: /.test(line) ? ['started'] : /server stopped$/.test(line) ? ['stopped'] : /server is not started$/.test(line) ? ['not started'] : /^information message/.test(line) ? ['told'] : [],
  );
const settled = (count) => waitForLog(() => events().length >= count);
/** The user changes `jixiao.enable` (the extension reacts on its own; wait until it did). */
const setEnable = async (value) => {
  const before = events().length;
  settings.enable = value;
  for (const listener of configListeners) listener({ affectsConfiguration: (section) => section === 'jixiao' || section === 'jixiao.enable' });
  await settled(before + 1);
};

(async () => {
  const extension = require(join(extDir, 'dist/extension.js'));
  await extension.activate(context);
  if (importStep) {
    const clicked = importStep.clicked ? vscode.Uri.file(importStep.clicked) : undefined;
    await (clicked ? commands.get('jixiao.importDocument')(clicked, [clicked]) : commands.get('jixiao.importDocument')());
    await extension.deactivate();
    clearTimeout(timer);
    process.stdout.write(JSON.stringify({ commands: [...commands.keys()], log }) + '\n');
    return;
  }
  await commands.get('jixiao.restartServer')();
  await setEnable(!settings.enable);
  await setEnable(!settings.enable);
  // The schema registration is not awaited by activate; it logs its outcome when done.
  await waitForLog(() => log.some((line) => /jixiao\/1 schema (registered|contributor already registered)|could not register the jixiao\/1 schema|has no registerContributor API/.test(line)));
  const schema = contributors.map((c) => ({
    name: c.name,
    label: c.label,
    schemas: yamlFiles.map((f) => c.requestSchema(pathToFileURL(f).href) ?? null),
    content: c.requestSchemaContent(c.requestSchema(pathToFileURL(yamlFiles[0]).href) ?? ''),
  }));
  await extension.deactivate();
  clearTimeout(timer);
  process.stdout.write(JSON.stringify({ commands: [...commands.keys()], events: events(), schema, log }) + '\n');
})().catch((err) => {
  process.stdout.write(JSON.stringify({ error: String(err && err.stack ? err.stack : err), log }) + '\n');
  process.exit(1);
});
