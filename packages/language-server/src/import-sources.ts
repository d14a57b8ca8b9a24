/**
 * The sidecar `jixiao import` writes beside a draft (`budget.jixiao.yaml` → `budget.jixiao.sources.json`,
 * packages/import/src/draft/sources.ts): the source file, each table's pages, and for each row of the
 * draft, by its document path, the page and box of each cell's text. Read safely — a regular file
 * only, at most MAX_SOURCES_BYTES, validated with zod — and any problem means no source information,
 * never an exception. Cached per draft and read again when the sidecar's mtime or size changes.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { z } from 'zod';

export const MAX_SOURCES_BYTES = 20 * 1024 * 1024;

const finite = z.number();
const box = z.object({ page: z.number().int().min(0), x0: finite, y0: finite, x1: finite, y1: finite });

const schema = z.object({
  format: z.literal('jixiao-import-sources/1'),
  source: z.string().min(1).max(4096),
  sourceFormat: z.enum(['pdf', 'text', 'xlsx', 'xls']),
  unit: z.enum(['pt', 'char', 'cell']),
  tables: z.array(z.object({
    path: z.string(),
    role: z.string(),
    title: z.string(),
    pages: z.array(z.number().int().min(0)),
    sheet: z.string().optional(),
  })),
  rows: z.record(z.string(), z.array(box.nullable())),
});

export type SourceBox = z.infer<typeof box>;
export type ImportSources = z.infer<typeof schema>;

/** The sidecar's path for a draft: the same rule as the importer's `sourcesPath`. */
export function sourcesPathOf(draft: string): string {
  return draft.replace(/\.ya?ml$/i, '') + '.sources.json';
}

/** The sidecar at `file`, or undefined when it is missing, not a regular file, too large or not a valid sidecar. */
export function readSources(file: string): ImportSources | undefined {
  let text: string;
  let fd: number | undefined;
  try {
    // Non-blocking, so that a FIFO opens at once (and is then refused) instead of waiting for a writer.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > MAX_SOURCES_BYTES) return undefined;
    const bytes = readFileSync(fd);
    if (bytes.length > MAX_SOURCES_BYTES) return undefined;
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // nothing to do
      }
    }
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

interface Cached {
  mtimeMs: number;
  size: number;
  ino: number;
  sources: ImportSources | undefined;
}

/** Drafts whose sidecar is remembered (the most recently asked last); a few hovered documents at a time. */
const CACHE_LIMIT = 32;
const cache = new Map<string, Cached>();

/** The sidecar of the draft at `draft` (cached; read again when it changed on disk), or undefined. */
export function sourcesOf(draft: string): ImportSources | undefined {
  const file = sourcesPathOf(draft);
  if (file === draft) return undefined;
  let info;
  try {
    info = statSync(file, { throwIfNoEntry: false });
  } catch {
    info = undefined;
  }
  if (!info) {
    cache.delete(draft);
    return undefined;
  }
  const hit = cache.get(draft);
  if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size && hit.ino === info.ino) {
    cache.delete(draft);
    cache.set(draft, hit);
    return hit.sources;
  }
  const sources = info.isFile() && info.size <= MAX_SOURCES_BYTES ? readSources(file) : undefined;
  cache.delete(draft);
  cache.set(draft, { mtimeMs: info.mtimeMs, size: info.size, ino: info.ino, sources });
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return sources;
}
