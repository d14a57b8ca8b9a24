/**
 * JSON Lines, streamed: one JSON object per line, each with a `type` (docs/jsonl.md). A `run` line
 * first (tool, version, locale, the paths and shard); then for each checked file a `document` line
 * (the file and the config that governed it) followed by one `finding` line per finding (the fields
 * of a `json` finding, and the messages in both languages); a `summary` line last, so that a
 * truncated output is told from a complete one. What `jixiao review --merge` reads back.
 */
import type { Located } from '../locate.js';
import type { Locale } from '../locale.js';
import type { Out } from '../output.js';
import { jsonFinding } from './json.js';
import type { FileEntry, FormatWriter, Totals } from './writer.js';

/** The version of the line types (docs/jsonl.md): a reader refuses a later one. */
export const JSONL_SCHEMA = 'jixiao-jsonl/1';

export interface RunInfo {
  version: string;
  locale: Locale;
  paths: readonly string[];
  shard: { index: number; count: number } | null;
  quiet: boolean;
  /** The run's --config: a file, false for --no-config, null to look for each file's (the default). */
  config: string | false | null;
}

export function jsonlFinding(l: Located, locale: Locale) {
  const json = jsonFinding(l, locale);
  return {
    type: 'finding' as const,
    ...json,
    related: json.related.map((r, i) => ({ ...r, messages: { zh: l.related[i]?.message.zh ?? r.message, en: l.related[i]?.message.en ?? r.message } })),
    messages: { zh: l.finding.message.zh, en: l.finding.message.en },
  };
}

export class JsonlWriter implements FormatWriter {
  constructor(private readonly out: Out, private readonly locale: Locale, run: RunInfo) {
    out.write(`${JSON.stringify({ type: 'run', schema: JSONL_SCHEMA, tool: 'jixiao', version: run.version, locale: run.locale, paths: run.paths, shard: run.shard, quiet: run.quiet, config: run.config })}\n`);
  }

  file(entry: FileEntry): void {
    this.out.write(`${JSON.stringify({ type: 'document', file: entry.result.file, config: entry.config ?? null })}\n`);
    for (const l of entry.located) this.out.write(`${JSON.stringify(jsonlFinding(l, this.locale))}\n`);
  }

  end(t: Totals): void {
    this.out.write(`${JSON.stringify({ type: 'summary', files: t.files, errors: t.errors, warnings: t.warnings, infos: t.infos })}\n`);
  }
}
