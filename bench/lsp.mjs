#!/usr/bin/env node
/**
 * Benchmark of the language server's responsiveness (issue 4): the time from a
 * `textDocument/didChange` to the `textDocument/publishDiagnostics` of that document version,
 * measured through the stdio protocol, on a ~3,000-line and a ~200-line evaluation report.
 *
 * Builds nothing: run it after `tsc -b` (`pnpm bench:lsp` does both). For each document it writes
 * the report (bench/corpus.mjs generateReport: deterministic, clean) into a fresh temporary
 * workspace folder, starts the built server as a child process
 * (`node --import bench/rss-reporter.mjs packages/language-server/bin/jixiao-language-server.js --stdio`),
 * initializes it with that folder, opens the report and checks that it draws no diagnostic. Then:
 *
 * - spaced edits: each edit changes one scoring-card score by 0.5 (the deduction and the card's
 *   total no longer add up) or restores it, so every version's diagnostics differ from the last
 *   published ones (the server publishes only changes); the next edit is sent `--pause` ms after
 *   the previous version's diagnostics arrived, so each one finds the server quiet and is checked
 *   at once. The edited scores are spread over the whole document.
 * - bursts: 10 edits 10 ms apart (each a different value, so the last version's diagnostics differ
 *   from any earlier ones); the figure is the time from the last edit to the diagnostics of the
 *   last version. The server checks the first edit of a burst at once and then coalesces: its
 *   40 ms debounce runs from the first edit after a check, so the last edit waits for what is left
 *   of it (0–40 ms, depending on the phase) and one check. Then the score is restored.
 *
 * Times are process.hrtime.bigint() from just before the didChange is written to the receipt of
 * the matching publishDiagnostics. Prints per document: lines, KB, edits, median / p95 / max of the
 * spaced edits, the median burst, the first check after didOpen, and the server's peak RSS
 * (process.resourceUsage().maxRSS, written on exit by the preloaded bench/rss-reporter.mjs).
 * The bar — median under 50 ms on the ~3,000-line report — is reported, never enforced. Exit 1
 * only when the benchmark itself fails (a document not clean, an edit that draws no or unexpected
 * diagnostics, a timeout, the server dying).
 *
 * Then the workspace run (issue 13, item 3; runWorkspace below): a 20,000-file corpus as the
 * workspace folder, the ~3,000-line report open from the start; the time to the end of the server's
 * indexing progress, hovers meanwhile, then edits, hovers and a hover right behind an edit, and the
 * server's peak RSS (VmHWM, worker threads included). Its bars (edit median ≤ 20 ms, hover p95
 * ≤ 10 ms, peak RSS ≤ 500 MB) are reported, never enforced.
 *
 * Options: --edits N         spaced edits per document (default 100)
 *          --warmup N        unmeasured spaced edits first (default 10)
 *          --bursts N        bursts per document (default 5; the median is reported)
 *          --pause MS        quiet time after each version's diagnostics (default 60)
 *          --only large|small|workspace
 *          --files N         files of the workspace run (default 20000)
 *          --corpus DIR      use DIR/files (from `node bench/corpus.mjs --out DIR`) instead of generating
 *          --ws-edits N      measured edits of the workspace run (default 40)
 *          --seed N          generator seed (default: corpus.mjs DEFAULT_SEED)
 *          --cpu-prof DIR    run the server with --cpu-prof, profiles written to DIR
 *          --node-args "…"   further flags for the server's node (space-separated)
 *          --keep            keep the temporary workspaces (the reports)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node.js';
import { DEFAULT_SEED, generateCorpus, generateReport } from './corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const serverBin = join(root, 'packages/language-server/bin/jixiao-language-server.js');
const serverDist = join(root, 'packages/language-server/dist/index.js');
const reporter = pathToFileURL(join(here, 'rss-reporter.mjs')).href;

/** The two documents: generateReport options chosen for ~3,000 and ~200 lines (default seed). */
const DOCUMENTS = [
  { key: 'large', label: '~3,000 lines', options: { index: 1, subprojects: 11 } },
  { key: 'small', label: '~200 lines', options: { index: 31, narrative: false } },
];
const BAR = { key: 'large', medianMs: 50 };
const BURST = { edits: 10, gapMs: 10 };
const TIMEOUT_MS = 15000;
/** The workspace run's bars (issue 13): reported, never enforced. */
const WS_BAR = { editMedianMs: 20, hoverP95Ms: 10, rssMB: 500 };
const HOVER_GAP_MS = 20;

function parseArgs(argv) {
  const opts = { edits: 100, warmup: 10, bursts: 5, pause: 60, only: null, seed: DEFAULT_SEED, cpuProf: null, nodeArgs: [], keep: false, files: 20000, wsEdits: 40, corpus: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = (name, v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${name}: a non-negative integer`);
      return n;
    };
    if (a === '--edits') opts.edits = int(a, value());
    else if (a === '--warmup') opts.warmup = int(a, value());
    else if (a === '--bursts') opts.bursts = int(a, value());
    else if (a === '--pause') opts.pause = int(a, value());
    else if (a === '--only') opts.only = value();
    else if (a === '--seed') opts.seed = int(a, value());
    else if (a === '--cpu-prof') opts.cpuProf = resolve(value());
    else if (a === '--node-args') opts.nodeArgs = value().split(/\s+/).filter(Boolean);
    else if (a === '--keep') opts.keep = true;
    else if (a === '--files') opts.files = int(a, value());
    else if (a === '--ws-edits') opts.wsEdits = int(a, value());
    else if (a === '--corpus') opts.corpus = resolve(value());
    else throw new Error(`unknown option ${a}\nusage: node bench/lsp.mjs [--edits N] [--warmup N] [--bursts N] [--pause MS] [--only large|small|workspace] [--files N] [--ws-edits N] [--corpus DIR] [--seed N] [--cpu-prof DIR] [--node-args "…"] [--keep]`);
  }
  if (opts.edits < 2) throw new Error('--edits: at least 2');
  if (opts.only && opts.only !== 'workspace' && !DOCUMENTS.some((d) => d.key === opts.only)) throw new Error(`--only: ${[...DOCUMENTS.map((d) => d.key), 'workspace'].join(' or ')}`);
  if (opts.wsEdits < 2) throw new Error('--ws-edits: at least 2');
  return opts;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ms = (ns) => Number(ns) / 1e6;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
/** Nearest-rank percentile. */
function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

/** tenths of a point → "3", "1.8" (as the generator writes scores). */
const fmtTenths = (t) => (t % 10 === 0 ? String(t / 10) : `${Math.trunc(t / 10)}.${t % 10}`);

/**
 * The scores of scoring-card leaves (`                score: 3.2`), as edit targets: `count` of
 * them spread evenly over the document.
 */
function editTargets(text, count) {
  const all = [];
  text.split('\n').forEach((line, n) => {
    const m = /^( {16}score: )(\d+(?:\.\d)?)$/.exec(line);
    if (m) all.push({ line: n, character: m[1].length, original: m[2], tenths: Math.round(Number(m[2]) * 10) });
  });
  if (all.length === 0) throw new Error('no scoring-card score to edit');
  const k = Math.min(count, all.length);
  return Array.from({ length: k }, (_, i) => all[Math.floor(((i + 0.5) * all.length) / k)]).map((t) => ({ ...t, current: t.original }));
}

/** A client over stdio for one server process. */
class Client {
  constructor({ nodeArgs, rssFile, cwd }) {
    this.published = new Map(); // uri → last PublishDiagnosticsParams
    this.waiters = [];
    this.stderr = [];
    this.exited = null;
    this.child = spawn(process.execPath, [...nodeArgs, '--import', reporter, serverBin, '--stdio'], {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, JIXIAO_BENCH_RSS_FILE: rssFile },
    });
    this.child.stderr.on('data', (chunk) => this.stderr.push(chunk.toString()));
    this.exitPromise = new Promise((res) => this.child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      for (const w of this.waiters.splice(0)) w.reject(new Error(`server exited (${code ?? signal}); stderr: ${this.stderr.join('')}`));
      res(this.exited);
    }));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = process.hrtime.bigint();
      this.published.set(p.uri, p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.version === p.version) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve({ params: p, at });
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params) => (params?.items ?? [{}]).map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest(() => null); // any other server → client request
    /** Work-done progress the server reported ($/progress), by token: { title, begin, end, message }. */
    this.progress = new Map();
    this.onProgress = null;
    this.connection.onNotification('$/progress', (p) => {
      const at = process.hrtime.bigint();
      const entry = this.progress.get(p.token) ?? { title: '', begin: null, end: null, message: '' };
      if (p.value?.kind === 'begin') Object.assign(entry, { title: p.value.title ?? '', begin: at });
      if (p.value?.kind === 'end') Object.assign(entry, { end: at, message: p.value.message ?? '' });
      this.progress.set(p.token, entry);
      this.onProgress?.(entry);
    });
    this.logs = [];
    this.connection.onNotification('window/logMessage', (p) => this.logs.push(p.message));
    this.connection.onNotification(() => undefined); // the like
    this.connection.listen();
  }

  /** Sends a request; resolves with { result, ms }. */
  async timed(method, params) {
    const start = process.hrtime.bigint();
    const result = await this.connection.sendRequest(method, params);
    return { result, ms: ms(process.hrtime.bigint() - start) };
  }

  /** Peak and current resident set size of the server process (all its threads), in MB, from /proc. */
  memory() {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { hwmMB: kb('VmHWM') / 1024, rssMB: kb('VmRSS') / 1024 };
    } catch {
      return { hwmMB: NaN, rssMB: NaN };
    }
  }

  async initialize(folder) {
    const uri = pathToFileURL(folder).href;
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, synchronization: { didSave: false } },
        window: { workDoneProgress: true },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves with { params, at } when diagnostics of this version of uri arrive. */
  waitFor(uri, version, timeoutMs = TIMEOUT_MS) {
    if (this.exited) return Promise.reject(new Error(`server exited (${this.exited.code ?? this.exited.signal})`));
    return new Promise((resolvePromise, reject) => {
      const waiter = { uri, version };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no diagnostics for version ${version} within ${timeoutMs} ms; stderr: ${this.stderr.join('')}`));
      }, timeoutMs);
      waiter.resolve = (v) => { clearTimeout(timer); resolvePromise(v); };
      waiter.reject = (e) => { clearTimeout(timer); reject(e); };
      this.waiters.push(waiter);
    });
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), sleep(3000)]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const exited = await Promise.race([this.exitPromise, sleep(5000).then(() => null)]);
    if (!exited) this.child.kill();
    this.connection.dispose();
  }
}

/**
 * Edits of one open report: `edit(target, value)` sets a target's score and resolves with that
 * version's diagnostics and latency; `spaced(count, record)` breaks and restores scores in turn
 * (`opts.pause` after each), checking that a broken score draws diagnostics and a restored one none.
 */
function makeEditor(client, uri, text, label, opts, getVersion, setVersion) {
  const targets = editTargets(text, 10);
  const edit = async (target, value) => {
    const v = getVersion() + 1;
    setVersion(v);
    const range = { start: { line: target.line, character: target.character }, end: { line: target.line, character: target.character + target.current.length } };
    target.current = value;
    const waiting = client.waitFor(uri, v);
    const start = process.hrtime.bigint();
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: value }] });
    const got = await waiting;
    return { diagnostics: got.params.diagnostics, latency: ms(got.at - start), version: v };
  };
  const broken = (t) => fmtTenths(t.tenths >= 10 ? t.tenths - 5 : t.tenths + 5);
  // spaced edits: break (even i) and restore (odd i) the score of one target, targets in turn
  const spaced = async (count, record) => {
    for (let i = 0; i < count; i++) {
      const target = targets[Math.floor(i / 2) % targets.length];
      const breaking = i % 2 === 0;
      const r = await edit(target, breaking ? broken(target) : target.original);
      if (breaking ? r.diagnostics.length === 0 : r.diagnostics.length > 0) {
        throw new Error(`${label}: edit ${i} (line ${target.line + 1}) drew ${r.diagnostics.length} diagnostics, expected ${breaking ? 'some' : 'none'}`);
      }
      if (record) record.push(r.latency);
      await sleep(opts.pause);
    }
    // an odd count leaves a score broken: restore it
    const open = targets.find((t) => t.current !== t.original);
    if (open) {
      await edit(open, open.original);
      await sleep(opts.pause);
    }
  };
  return { targets, edit, broken, spaced };
}

/** One document: start a server, open, edit, stop; returns the measurements. */
async function runDocument(doc, opts) {
  const report = generateReport({ seed: opts.seed, ...doc.options });
  const work = mkdtempSync(join(tmpdir(), `jixiao-bench-lsp-${doc.key}-`));
  const folder = join(work, 'workspace');
  const file = join(folder, report.name);
  const rssFile = join(work, 'maxrss.txt');
  mkdirSync(folder); // the workspace folder holds the document only
  writeFileSync(file, report.text);
  const uri = pathToFileURL(file).href;
  const nodeArgs = [...opts.nodeArgs];
  if (opts.cpuProf) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', opts.cpuProf, '--cpu-prof-name', `lsp-${doc.key}-${Date.now()}.cpuprofile`);
  const client = new Client({ nodeArgs, rssFile, cwd: root });
  let version = 1;
  try {
    await client.initialize(folder);
    const opened = client.waitFor(uri, 1);
    const openStart = process.hrtime.bigint();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: report.text } });
    const first = await opened;
    const openMs = ms(first.at - openStart);
    if (first.params.diagnostics.length > 0) {
      throw new Error(`${doc.label}: the generated report is not clean: ${first.params.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`).join('; ')}`);
    }

    const editor = makeEditor(client, uri, report.text, doc.label, opts, () => version, (v) => { version = v; });
    const { targets, edit, spaced } = editor;

    await spaced(opts.warmup, null);
    const latencies = [];
    await spaced(opts.edits, latencies);

    // bursts: BURST.edits edits BURST.gapMs apart, each a different value; then restore
    const bursts = [];
    for (let b = 0; b < opts.bursts; b++) {
      const target = targets[b % targets.length];
      const down = target.tenths >= 5 + BURST.edits;
      let lastWait = null;
      let lastStart = 0n;
      for (let k = 0; k < BURST.edits; k++) {
        const value = fmtTenths(down ? target.tenths - 5 - k : target.tenths + 5 + k);
        version += 1;
        const v = version;
        const range = { start: { line: target.line, character: target.character }, end: { line: target.line, character: target.character + target.current.length } };
        target.current = value;
        if (k === BURST.edits - 1) lastWait = client.waitFor(uri, v);
        lastStart = process.hrtime.bigint();
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: value }] });
        if (k < BURST.edits - 1) await sleep(BURST.gapMs);
      }
      const got = await lastWait;
      if (got.params.diagnostics.length === 0) throw new Error(`${doc.label}: burst ${b} ended without diagnostics`);
      bursts.push(ms(got.at - lastStart));
      await sleep(opts.pause);
      const r = await edit(target, target.original);
      if (r.diagnostics.length > 0) throw new Error(`${doc.label}: restoring after burst ${b} left ${r.diagnostics.length} diagnostics`);
      await sleep(opts.pause);
    }

    await client.stop();
    let rssMB = null;
    if (existsSync(rssFile)) rssMB = readFileSync(rssFile, 'utf8').trim().split('\n').reduce((a, l) => a + Number(l), 0) / 1024;
    return {
      doc, report, lines: report.lines, kb: Buffer.byteLength(report.text) / 1024, edits: latencies.length,
      median: median(latencies), p95: percentile(latencies, 95), max: Math.max(...latencies),
      burst: bursts.length ? median(bursts) : null, burstMax: bursts.length ? Math.max(...bursts) : null,
      openMs, rssMB, work,
    };
  } catch (err) {
    client.child.kill();
    throw err;
  } finally {
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The workspace run (issue 13, item 3): a folder of `opts.files` corpus reports (bench/corpus.mjs
 * generateCorpus, or `--corpus DIR` from an earlier `node bench/corpus.mjs --out DIR`) plus the
 * ~3,000-line report, opened before indexing starts. Measures: the time from `initialized` to the
 * end of the server's indexing (its `$/progress` end; a server without it: the forced second
 * publication of the open report's first version), hovers on the report every `HOVER_GAP_MS`
 * meanwhile (p50 / p95); after indexing, spaced edits of the report (median / p95), 100 quiet hovers
 * (p95), a hover on another open document sent right after an edit of the report (median: how long
 * an edit holds the next request), and the server's peak RSS (VmHWM of /proc/<pid>/status: the
 * process with its worker threads).
 */
async function runWorkspace(opts) {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-bench-lsp-workspace-'));
  const rssFile = join(work, 'maxrss.txt');
  let folder;
  const genStart = process.hrtime.bigint();
  if (opts.corpus) folder = join(opts.corpus, 'files');
  else {
    generateCorpus({ dir: join(work, 'corpus'), count: opts.files, seed: opts.seed });
    folder = join(work, 'corpus', 'files');
  }
  const genMs = ms(process.hrtime.bigint() - genStart);
  const report = generateReport({ seed: opts.seed, ...DOCUMENTS[0].options });
  const reportFile = join(folder, `lsp-bench-${report.name}`);
  writeFileSync(reportFile, report.text);
  const files = readdirSync(folder).filter((f) => f.endsWith('.yaml')).length;
  const otherFile = join(folder, readdirSync(folder).find((f) => f.startsWith('eval-')));
  const uri = pathToFileURL(reportFile).href;
  const otherUri = pathToFileURL(otherFile).href;
  const nodeArgs = [...opts.nodeArgs];
  if (opts.cpuProf) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', opts.cpuProf, '--cpu-prof-name', `lsp-workspace-${Date.now()}.cpuprofile`);
  const client = new Client({ nodeArgs, rssFile, cwd: root });
  let version = 1;
  try {
    const targets = editTargets(report.text, 10);
    const hoverAt = { textDocument: { uri }, position: { line: targets[0].line, character: targets[0].character } };
    const otherLines = readFileSync(otherFile, 'utf8').split('\n');
    const otherLine = otherLines.findIndex((l) => /^\s+score: \d/.test(l));
    const hoverOther = { textDocument: { uri: otherUri }, position: { line: otherLine, character: otherLines[otherLine].indexOf('score: ') + 8 } };

    // indexing: done at the end of the server's indexing progress (or, a server without one, at its
    // forced second publication of the open report's first version)
    let doneAt = null;
    let progressSeen = false;
    let publishedV1 = 0;
    const done = new Promise((resolveDone) => {
      client.onProgress = (entry) => {
        progressSeen = true;
        if (entry.end !== null && /index|索引/i.test(entry.title)) { doneAt ??= entry.end; resolveDone(); }
      };
      const onV1 = () => client.waitFor(uri, 1, 30 * 60_000).then(({ at }) => {
        publishedV1 += 1;
        if (!progressSeen && publishedV1 >= 2) { doneAt ??= at; resolveDone(); }
        else if (doneAt === null) { client.published.delete(uri); onV1(); }
      }, () => undefined);
      onV1();
    });
    const start = process.hrtime.bigint();
    await client.initialize(folder);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: report.text } });
    const during = [];
    while (doneAt === null) {
      const h = await Promise.race([client.timed('textDocument/hover', hoverAt), done.then(() => null)]);
      if (h === null) break;
      if (!h.result) throw new Error('workspace: a hover on the report answered nothing');
      during.push(h.ms);
      await Promise.race([sleep(HOVER_GAP_MS), done]);
    }
    await done;
    const indexMs = ms(doneAt - start);
    const afterIndex = client.memory();
    const first = client.published.get(uri);
    if (first && first.diagnostics.length > 0) throw new Error(`workspace: the report is not clean: ${first.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`).join('; ')}`);

    const { edit, spaced, broken } = makeEditor(client, uri, report.text, 'workspace', opts, () => version, (v) => { version = v; });
    await spaced(Math.min(opts.warmup, 4), null);
    const latencies = [];
    await spaced(opts.wsEdits, latencies);

    const quiet = [];
    for (let i = 0; i < 100; i++) {
      const h = await client.timed('textDocument/hover', hoverAt);
      if (!h.result) throw new Error('workspace: a hover on the report answered nothing');
      quiet.push(h.ms);
      await sleep(HOVER_GAP_MS);
    }

    // a request right behind an edit: a hover on another open document sent just after the edit
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: otherUri, languageId: 'yaml', version: 1, text: otherLines.join('\n') } });
    await client.waitFor(otherUri, 1).catch(() => undefined);
    const behind = [];
    for (let i = 0; i < 20; i++) {
      const target = targets[i % targets.length];
      const breaking = i % 2 === 0;
      const v = version + 1;
      version = v;
      const range = { start: { line: target.line, character: target.character }, end: { line: target.line, character: target.character + target.current.length } };
      const value = breaking ? broken(target) : target.original;
      target.current = value;
      const waiting = client.waitFor(uri, v);
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: value }] });
      const h = await client.timed('textDocument/hover', hoverOther);
      if (!h.result) throw new Error('workspace: a hover on the other document answered nothing');
      behind.push(h.ms);
      await waiting;
      await sleep(opts.pause);
    }
    const open = targets.find((t) => t.current !== t.original);
    if (open) await edit(open, open.original);

    const mem = client.memory();
    await client.stop();
    let maxRssMB = null;
    if (existsSync(rssFile)) maxRssMB = readFileSync(rssFile, 'utf8').trim().split('\n').reduce((a, l) => a + Number(l), 0) / 1024;
    return {
      files, genMs, indexMs, lines: report.lines,
      during: during.length ? { n: during.length, first: during[0], p50: median(during), p95: percentile(during, 95), max: Math.max(...during) } : null,
      edits: { n: latencies.length, median: median(latencies), p95: percentile(latencies, 95), max: Math.max(...latencies) },
      quiet: { p50: median(quiet), p95: percentile(quiet, 95), max: Math.max(...quiet) },
      behind: { median: median(behind), p95: percentile(behind, 95) },
      rss: { afterIndexMB: afterIndex.rssMB, indexHwmMB: afterIndex.hwmMB, hwmMB: Math.max(mem.hwmMB, afterIndex.hwmMB), maxRssMB },
      work,
    };
  } catch (err) {
    client.child.kill();
    throw err;
  } finally {
    // a corpus given with --corpus is left as it was
    if (opts.corpus) rmSync(reportFile, { force: true });
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
  }
}

function printWorkspace(r) {
  const f = (x) => (x === null || x === undefined || Number.isNaN(x) ? '?' : x.toFixed(1));
  console.log(`workspace: ${r.files} files (generated in ${(r.genMs / 1000).toFixed(1)} s), the ${r.lines}-line report open from the start`);
  console.log(`  indexing                         ${(r.indexMs / 1000).toFixed(1)} s (initialized → end of indexing)`);
  if (r.during) console.log(`  hover while indexing             p50 ${f(r.during.p50)} ms, p95 ${f(r.during.p95)} ms, max ${f(r.during.max)} ms (${r.during.n} hovers; the first, behind the report's first check: ${f(r.during.first)} ms)`);
  else console.log('  hover while indexing             — (indexing ended before the first hover)');
  console.log(`  after indexing: edit → diagnostics  median ${f(r.edits.median)} ms, p95 ${f(r.edits.p95)} ms, max ${f(r.edits.max)} ms (${r.edits.n} edits)`);
  console.log(`  after indexing: hover            p50 ${f(r.quiet.p50)} ms, p95 ${f(r.quiet.p95)} ms, max ${f(r.quiet.max)} ms`);
  console.log(`  hover on another document right after an edit  median ${f(r.behind.median)} ms, p95 ${f(r.behind.p95)} ms`);
  console.log(`  server RSS: ${f(r.rss.afterIndexMB)} MB after indexing; peak ${f(r.rss.indexHwmMB)} MB while indexing, ${f(r.rss.hwmMB)} MB in all (VmHWM, with its worker threads)`);
  const met = [
    ['edit median ≤ 20 ms', r.edits.median <= WS_BAR.editMedianMs],
    ['hover p95 ≤ 10 ms', r.quiet.p95 <= WS_BAR.hoverP95Ms],
    ['peak RSS ≤ 500 MB', r.rss.hwmMB <= WS_BAR.rssMB],
  ];
  console.log(`  bar: ${met.map(([l, ok]) => `${l} ${ok ? 'met' : 'NOT met'}`).join('; ')}`);
}

function table(rows) {
  const head = ['document', 'lines', 'KB', 'edits', 'median ms', 'p95 ms', 'max ms', 'burst ms', 'open ms', 'peak RSS MB'];
  const body = rows.map((r) => [
    r.doc.label, String(r.lines), r.kb.toFixed(1), String(r.edits), r.median.toFixed(1), r.p95.toFixed(1), r.max.toFixed(1),
    r.burst === null ? '—' : r.burst.toFixed(1), r.openMs.toFixed(1), r.rssMB === null ? '?' : r.rssMB.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    return 2;
  }
  if (!existsSync(serverDist)) {
    console.error(`${serverDist} not found: build first (pnpm build), or run pnpm bench:lsp`);
    return 2;
  }
  console.log(`node ${process.version}; ${opts.warmup} warm-up + ${opts.edits} spaced edits (${opts.pause} ms pause) and ${opts.bursts} bursts of ${BURST.edits} edits ${BURST.gapMs} ms apart per document`);
  const rows = [];
  for (const doc of DOCUMENTS.filter((d) => !opts.only || d.key === opts.only)) {
    try {
      const r = await runDocument(doc, opts);
      rows.push(r);
      if (opts.keep) console.log(`${doc.label}: kept ${r.work}`);
    } catch (err) {
      console.error(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  }
  if (rows.length > 0) {
    console.log('');
    console.log(table(rows));
    console.log('');
    console.log('median / p95 / max: spaced edits, didChange → publishDiagnostics of that version; burst: median over the bursts,');
    console.log('last edit → diagnostics of the last version (what is left of the 40 ms debounce, then a check); open: didOpen → first diagnostics');
    const barRow = rows.find((r) => r.doc.key === BAR.key);
    if (barRow) {
      const met = barRow.median < BAR.medianMs;
      console.log(`bar (${barRow.doc.label}: median < ${BAR.medianMs} ms): ${met ? 'met' : 'NOT met'} (${barRow.median.toFixed(1)} ms)`);
    }
  }
  if (!opts.only || opts.only === 'workspace') {
    console.log('');
    try {
      const r = await runWorkspace(opts);
      printWorkspace(r);
      if (opts.keep) console.log(`workspace: kept ${r.work}`);
    } catch (err) {
      console.error(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  }
  if (opts.cpuProf) console.log(`CPU profiles in ${opts.cpuProf}`);
  return 0;
}

process.exitCode = await main();
