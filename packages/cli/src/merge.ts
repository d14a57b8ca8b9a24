/**
 * Reading back the jsonl outputs of sharded checks (docs/jsonl.md) for `jixiao review --merge`:
 * each shard's documents and their findings, as the results of one run over every file. Refused
 * (MergeError, both languages): a line that is not jixiao jsonl, a later schema, an output cut
 * short (no summary line), a --quiet run (findings left out), shards of different --config or
 * counts, a shard missing or given twice, a file in two shards.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { FileResult, Finding, Range } from '@jixiao/core';
import { JSONL_SCHEMA } from './formats/jsonl.js';

export class MergeError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(en);
  }
}

interface Place { file: string; startLine: number; startColumn: number; endLine: number; endColumn: number }
interface RunLine { type: 'run'; schema: string; paths: string[]; shard: { index: number; count: number } | null; quiet: boolean; config: string | false | null }
interface FindingLine extends Place {
  type: 'finding';
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  messages?: { zh: string; en: string };
  path: string | null;
  related: (Place & { path: string | null; message: string; messages?: { zh: string; en: string } })[];
  fix: { message: string; safe: boolean; edits: { file: string; start: number; end: number; text: string }[] } | null;
}

const rangeOf = (p: Place): Range => ({ start: { line: p.startLine, column: p.startColumn }, end: { line: p.endLine, column: p.endColumn } });

/** A finding line as the finding it was (messages in both languages; the place as its range). */
function findingOf(l: FindingLine): Finding {
  const messages = l.messages ?? { zh: l.message, en: l.message };
  return {
    ruleId: l.ruleId,
    severity: l.severity,
    message: messages,
    file: l.file,
    span: [0, 0],
    range: rangeOf(l),
    ...(l.path !== null ? { path: l.path } : {}),
    related: l.related.map((r) => ({ file: r.file, span: [0, 0] as [number, number], range: rangeOf(r), ...(r.path !== null ? { path: r.path } : {}), message: r.messages ?? { zh: r.message, en: r.message } })),
    ...(l.fix ? { fix: { message: { zh: l.fix.message, en: l.fix.message }, safe: l.fix.safe, edits: l.fix.edits.map((e) => ({ file: e.file, span: [e.start, e.end] as [number, number], text: e.text })) } } : {}),
  } as Finding;
}

export interface Merged {
  /** Every document of every shard, with its findings. */
  results: Map<string, FileResult>;
  /** The shards' --config (the same for all). */
  config: string | false | undefined;
  /** The paths the (first) shard was given: the review's default title. */
  paths: string[];
}

export async function readShards(inputs: readonly string[]): Promise<Merged> {
  const results = new Map<string, FileResult>();
  const from = new Map<string, string>();
  const runs: RunLine[] = [];
  for (const input of inputs) {
    let run: RunLine | null = null;
    let current: FileResult | null = null;
    let complete = false;
    let n = 0;
    const stream = createReadStream(input, { encoding: 'utf8' });
    try {
      await new Promise<void>((ok, fail) => stream.once('open', () => ok()).once('error', fail));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new MergeError(`无法读取 ${input}：${why}`, `cannot read ${input}: ${why}`);
    }
    for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
      n++;
      if (text.trim() === '') continue;
      const where = `${input}:${n}`;
      let line: { type?: unknown } & Record<string, unknown>;
      try {
        line = JSON.parse(text) as typeof line;
      } catch {
        throw new MergeError(`${where}：不是 JSON`, `${where}: not JSON`);
      }
      if (complete) throw new MergeError(`${where}：summary 行之后还有内容`, `${where}: lines after the summary line`);
      if (run === null) {
        if (line.type !== 'run') throw new MergeError(`${where}：不是 jixiao check --format jsonl 的输出（第一行应为 run 行）`, `${where}: not the output of jixiao check --format jsonl (the first line must be the run line)`);
        run = line as unknown as RunLine;
        if (run.schema !== JSONL_SCHEMA) throw new MergeError(`${where}：格式 ${String(run.schema)}，本版本只读 ${JSONL_SCHEMA}`, `${where}: schema ${String(run.schema)}; this version reads ${JSONL_SCHEMA}`);
        if (run.quiet) throw new MergeError(`${where}：该分片以 --quiet 运行，缺少警告和提示；审核需要全部问题`, `${where}: this shard ran with --quiet, so its warnings and info are missing; a review needs every finding`);
        runs.push(run);
        continue;
      }
      if (line.type === 'document') {
        const file = String(line.file);
        const seen = from.get(file);
        if (seen !== undefined) throw new MergeError(`${where}：文件 ${file} 已出现在 ${seen}（同一分片给了两次，或分片数不同？）`, `${where}: file ${file} is already in ${seen} (a shard given twice, or different shard counts?)`);
        from.set(file, input);
        current = { file, text: '', loaded: null, findings: [] };
        results.set(file, current);
      } else if (line.type === 'finding') {
        const f = findingOf(line as unknown as FindingLine);
        if (!current || current.file !== f.file) throw new MergeError(`${where}：问题不在其文件的 document 行之后`, `${where}: a finding not after its file's document line`);
        current.findings.push(f);
      } else if (line.type === 'summary') {
        complete = true;
      }
      // Other types (of a later minor version) are skipped.
    }
    if (run === null) throw new MergeError(`${input}：空文件`, `${input}: empty`);
    if (!complete) throw new MergeError(`${input}：没有 summary 行，输出不完整（该分片的检查是否中断了？）`, `${input}: no summary line, the output is cut short (did the shard's check stop early?)`);
  }
  const first = runs[0] as RunLine;
  const sameConfig = (a: RunLine, b: RunLine) => JSON.stringify(a.config ?? null) === JSON.stringify(b.config ?? null);
  if (runs.some((r) => !sameConfig(r, first))) throw new MergeError('各分片的 --config / --no-config 不同', 'the shards ran with different --config / --no-config');
  const sharded = runs.filter((r) => r.shard);
  if (sharded.length > 0) {
    const count = (sharded[0] as RunLine).shard?.count as number;
    if (sharded.length !== runs.length || sharded.some((r) => r.shard?.count !== count)) throw new MergeError('各输入的分片数不同（或混有未分片的运行）', 'the inputs have different shard counts (or mix sharded and unsharded runs)');
    const seen = new Set(sharded.map((r) => r.shard?.index));
    if (seen.size !== sharded.length) throw new MergeError('同一分片给了两次', 'a shard is given twice');
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
    if (missing.length > 0) throw new MergeError(`缺少分片 ${missing.map((i) => `${i}/${count}`).join('、')}`, `missing shard ${missing.map((i) => `${i}/${count}`).join(', ')}`);
  }
  return { results, config: first.config === null ? undefined : first.config, paths: first.paths };
}
