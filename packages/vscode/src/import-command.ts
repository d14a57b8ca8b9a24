/**
 * "jixiao: Import PDF/spreadsheet…" (`jixiao.importDocument`): a published PDF, spreadsheet or
 * `pdftotext -layout` text to a draft jixiao/1 document beside it (`report.pdf` → `report.jixiao.yaml`,
 * with its sidecar `report.jixiao.sources.json`, which the server's hover reads to say where each
 * figure came from). The file comes from the explorer's context menu or from an open dialog. The
 * import runs in a child process — the bundled importer, dist/import/cli.js, which is `jixiao import`
 * — so that pdf.js never runs in the extension host; an existing draft is overwritten only when the
 * user says so. Then the draft is opened, and the import's summary line shown (or why it failed).
 */
import { spawn } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import * as vscode from 'vscode';

export const IMPORT_COMMAND = 'jixiao.importDocument';
export const IMPORT_EXTENSIONS = ['pdf', 'xlsx', 'xls', 'txt'];

/** A stuck import is stopped after this long (a 30-page PDF takes a second or two). */
const IMPORT_TIMEOUT_MS = 10 * 60_000;
/** Output kept per stream of the importer (its findings can be long; the rest is cut). */
const OUTPUT_LIMIT = 4 * 1024 * 1024;

type Locale = 'zh' | 'en';

const texts = {
  dialogTitle: { zh: 'jixiao：选择要导入的 PDF 或表格', en: 'jixiao: choose a PDF or spreadsheet to import' },
  dialogOpen: { zh: '导入', en: 'Import' },
  dialogFilter: { zh: 'PDF、表格或 pdftotext 文本', en: 'PDF, spreadsheets or pdftotext text' },
  overwrite: { zh: '覆盖', en: 'Overwrite' },
  cancel: { zh: '取消', en: 'Cancel' },
  showOutput: { zh: '显示输出', en: 'Show output' },
  kindPrompt: { zh: 'jixiao：看不出这份文件是哪类文档，请选择', en: 'jixiao: which kind of document is this?' },
} satisfies Record<string, Record<Locale, string>>;

const say = {
  exists: (l: Locale, draft: string) => (l === 'zh' ? `草稿 ${draft} 已存在。覆盖它吗？` : `The draft ${draft} already exists. Overwrite it?`),
  existsDetail: (l: Locale) => (l === 'zh' ? '它和来源索引（.sources.json）都将被新导入的草稿替换，其中的修改会丢失。' : 'It and its sidecar (.sources.json) will be replaced by the new import; changes made to it are lost.'),
  importing: (l: Locale, file: string) => (l === 'zh' ? `jixiao：正在导入 ${file}…` : `jixiao: importing ${file}…`),
  busy: (l: Locale, file: string) => (l === 'zh' ? `jixiao：${file} 正在导入中。` : `jixiao: ${file} is being imported already.`),
  failed: (l: Locale, file: string, reason: string) => (l === 'zh' ? `jixiao：无法导入 ${file}：${reason}` : `jixiao: could not import ${file}: ${reason}`),
  notLocal: (l: Locale) => (l === 'zh' ? '只能导入本机上的文件' : 'only files on this machine can be imported'),
  unsupported: (l: Locale) => (l === 'zh' ? `只能导入 ${IMPORT_EXTENSIONS.map((e) => `.${e}`).join('、')} 文件` : `only ${IMPORT_EXTENSIONS.map((e) => `.${e}`).join(', ')} files can be imported`),
  missing: (l: Locale, cli: string) => (l === 'zh' ? `找不到导入程序 ${cli}（请重新安装扩展）` : `the importer ${cli} is missing (reinstall the extension)`),
  timedOut: (l: Locale) => (l === 'zh' ? `超过 ${IMPORT_TIMEOUT_MS / 60_000} 分钟仍未完成，已停止` : `stopped after ${IMPORT_TIMEOUT_MS / 60_000} minutes`),
  exitCode: (l: Locale, code: number | null, signal: string | null) => (l === 'zh' ? `导入程序退出（${signal ?? `代码 ${code}`}）` : `the importer exited (${signal ?? `code ${code}`})`),
  notWritten: (l: Locale, draft: string) => (l === 'zh' ? `导入程序没有写出 ${draft}` : `the importer did not write ${draft}`),
};

/** The kinds `jixiao import --kind` takes, as the quick pick offers them. */
export const IMPORT_KINDS = ['final-accounts', 'budget', 'self-evaluation'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
const kindLabels: Record<ImportKind, Record<Locale, string>> = {
  'final-accounts': { zh: '部门决算', en: 'final accounts (部门决算)' },
  budget: { zh: '部门预算', en: 'budget (部门预算)' },
  'self-evaluation': { zh: '绩效自评表', en: 'self-evaluation form (绩效自评表)' },
};

/** The importer's error output says it cannot tell the kind and asks for --kind. */
const asksForKind = (stderr: string) => /--kind/.test(stderr);

export interface ImportContext {
  /** The bundled importer: dist/import/cli.js. */
  cli: string;
  locale: () => Locale;
  /** The setting `jixiao.import.kind`: a kind, or undefined to let the importer tell it from the titles. */
  kind?: () => ImportKind | undefined;
  log: (line: string) => void;
  showOutput: () => void;
}

/** The draft beside a source, as `jixiao import` names it: report.pdf → report.jixiao.yaml. */
export function draftPathOf(file: string): string {
  return join(dirname(file), `${basename(file, extname(file))}.jixiao.yaml`);
}

const exists = (file: string) => {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
};

const isUri = (value: unknown): value is vscode.Uri => typeof value === 'object' && value !== null && typeof (value as vscode.Uri).fsPath === 'string' && typeof (value as vscode.Uri).scheme === 'string';

interface RunResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  error?: string;
  cancelled?: boolean;
  timedOut?: boolean;
}

/** Runs the importer with the extension host's Node (as vscode-languageclient runs the server). */
function runImporter(cli: string, args: string[], cwd: string, token: vscode.CancellationToken | undefined): Promise<RunResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const sizes = { out: 0, err: 0 };
    let settled = false;
    let cancelled = false;
    let timedOut = false;
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      // In VS Code, process.execPath is the editor's own binary: this makes it a plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const keep = (list: Buffer[], key: 'out' | 'err') => (chunk: Buffer) => {
      if (sizes[key] >= OUTPUT_LIMIT) return;
      list.push(chunk);
      sizes[key] += chunk.length;
    };
    child.stdout?.on('data', keep(out, 'out'));
    child.stderr?.on('data', keep(err, 'err'));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, IMPORT_TIMEOUT_MS);
    const cancel = token?.onCancellationRequested(() => {
      cancelled = true;
      child.kill();
    });
    const finish = (result: Omit<RunResult, 'stdout' | 'stderr'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      cancel?.dispose();
      resolve({ ...result, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), cancelled, timedOut });
    };
    child.on('error', (e) => finish({ code: null, signal: null, error: e.message }));
    child.on('close', (code, signal) => finish({ code, signal }));
  });
}

/** What the importer printed for the user: its summary line (草稿：… / draft: …) and how many problems the draft has. */
function summaryOf(stdout: string, l: Locale): string {
  const lines = stdout.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line !== '');
  const summary = lines.find((line) => /^(草稿：|draft: )/.test(line)) ?? lines[0] ?? '';
  // The findings' last line, `1 个文件，5 个问题（…）` / `1 file, 5 problems (…)`, without its file count.
  const problems = [...lines].reverse().map((line) => /^\d+ 个文件，(.+)$|^\d+ files?, (.+)$/.exec(line)).find((m) => m !== null);
  const count = problems?.[1] ?? problems?.[2];
  return count ? `${summary}${l === 'zh' ? '；' : '; '}${count}` : summary;
}

/** Why the importer failed, from its error output (its `jixiao: ` prefix dropped), for a message. */
function reasonOf(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim().replace(/^jixiao: /, '')).filter((l) => l !== '' && !/^Warning: /.test(l));
  const text = lines.slice(0, 3).join(' ');
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

const running = new Set<string>();

async function importOne(ctx: ImportContext, target: vscode.Uri): Promise<void> {
  const l = ctx.locale();
  const name = basename(target.fsPath || target.path || String(target));
  const fail = (reason: string) => {
    ctx.log(`import ${target.fsPath}: failed: ${reason}`);
    void vscode.window.showErrorMessage(say.failed(l, name, reason), texts.showOutput[l]).then((a) => (a ? ctx.showOutput() : undefined));
  };
  if (target.scheme !== 'file') return fail(say.notLocal(l));
  const file = target.fsPath;
  if (!IMPORT_EXTENSIONS.includes(extname(file).slice(1).toLowerCase())) return fail(say.unsupported(l));
  if (!exists(ctx.cli)) return fail(say.missing(l, ctx.cli));
  if (running.has(file)) {
    void vscode.window.showInformationMessage(say.busy(l, name));
    return;
  }
  const draft = draftPathOf(file);
  const args = ['import', file, '-o', draft, '--locale', l];
  const kind = ctx.kind?.();
  if (kind) args.push('--kind', kind);
  if (exists(draft)) {
    const overwrite: vscode.MessageItem = { title: texts.overwrite[l] };
    const cancel: vscode.MessageItem = { title: texts.cancel[l], isCloseAffordance: true };
    const answer = await vscode.window.showWarningMessage(say.exists(l, basename(draft)), { modal: true, detail: say.existsDetail(l) }, overwrite, cancel);
    if (answer !== overwrite) {
      ctx.log(`import ${file}: ${draft} exists; not overwritten`);
      return;
    }
    args.push('--force');
  }
  running.add(file);
  let result: RunResult;
  try {
    const run = (list: string[]) => {
      const given = list.indexOf('--kind');
      ctx.log(`import ${file} → ${draft}${given >= 0 ? ` (--kind ${list[given + 1]})` : ''}`);
      return vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: say.importing(l, name), cancellable: true },
        (_progress, token) => runImporter(ctx.cli, list, dirname(file), token),
      );
    };
    result = await run(args);
    // The titles did not say which kind it is: ask, and import again with the kind chosen.
    if (!kind && result.code === 2 && asksForKind(result.stderr)) {
      for (const line of result.stderr.split(/\r?\n/)) if (line.trim() !== '') ctx.log(`  ${line}`);
      const items = IMPORT_KINDS.map((k) => ({ label: kindLabels[k][l], description: k, value: k }));
      const chosen = await vscode.window.showQuickPick(items, { title: texts.kindPrompt[l], placeHolder: texts.kindPrompt[l] });
      if (!chosen) {
        ctx.log(`import ${file}: no kind chosen`);
        return;
      }
      result = await run([...args, '--kind', chosen.value]);
    }
  } finally {
    running.delete(file);
  }
  for (const line of `${result.stdout}${result.stderr}`.split(/\r?\n/)) if (line.trim() !== '') ctx.log(`  ${line}`);
  if (result.cancelled) {
    ctx.log(`import ${file}: cancelled`);
    return;
  }
  if (result.error !== undefined) return fail(result.error);
  if (result.timedOut) return fail(say.timedOut(l));
  // 0: a draft without errors; 1: a draft with errors (extraction errors or the source's own); 2: none.
  if (result.code !== 0 && result.code !== 1) return fail(reasonOf(result.stderr) || say.exitCode(l, result.code, result.signal));
  if (!exists(draft)) return fail(say.notWritten(l, basename(draft)));
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(draft));
  await vscode.window.showTextDocument(document, { preview: false });
  const summary = summaryOf(result.stdout, l);
  // A draft with errors is still a draft: said as a warning, to compare with the source.
  const shown = result.code === 0 ? vscode.window.showInformationMessage(summary, texts.showOutput[l]) : vscode.window.showWarningMessage(summary, texts.showOutput[l]);
  void shown.then((a) => (a ? ctx.showOutput() : undefined));
}

/**
 * The command: on the explorer's selection (the file clicked, or every file selected), else on the
 * files chosen in an open dialog; one after another.
 */
export async function importDocuments(ctx: ImportContext, clicked?: unknown, selected?: unknown): Promise<void> {
  const l = ctx.locale();
  let targets: vscode.Uri[] = Array.isArray(selected) && selected.length > 0 && selected.every(isUri) ? selected : isUri(clicked) ? [clicked] : [];
  if (targets.length === 0) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: false,
      title: texts.dialogTitle[l],
      openLabel: texts.dialogOpen[l],
      filters: { [texts.dialogFilter[l]]: IMPORT_EXTENSIONS },
    });
    targets = picked ?? [];
  }
  for (const target of targets) await importOne(ctx, target);
}
