/**
 * `--shard i/n`: which files shard i checks. Documents are peers (checked against each other in
 * phase 2, core run.ts) when they are governed by the same config and share a project id: a
 * document's own `project.id`, a summary entry's `project_id`, a statement's `about.project`. So
 * within each config group the files are joined into components (a summary listing ten projects
 * joins them), and a component goes to the shard of its smallest project id (with its config's
 * text, so regions reusing ids under configs of their own spread); a file naming no project has no
 * peers and goes by its path relative to its config's folder (the working directory without a
 * config). The same on every machine (no absolute path, no file order), every file in
 * exactly one shard.
 *
 * The ids come from a bounded text pre-scan (every shard scans every file, so it must cost far less
 * than a check); a file the pre-scan cannot read with certainty (JSON, flow style at the top,
 * anchors, quoted or explicit keys, ids over lines, odd values) is loaded as the check loads it,
 * a file that does not load names no project. A wrong guess can only join
 * more files (coarser shards), never part two peers: every key occurrence that could name an id
 * must be read, or the file is loaded.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileSize, loadDocument, readTextFile } from '@jixiao/core';
import type { Group } from './run-check.js';

/** 32-bit FNV-1a of a text's UTF-8 bytes: the same on every machine and Node version. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h >>> 0;
}

/** Files larger than this are not pre-scanned but loaded, as the check loads them. */
export const PRESCAN_MAX_BYTES = 8 * 1024 * 1024;

/** An id the pre-scan takes as the loader would: no quotes needed, not a number, bool or null. */
const SAFE_ID = /^[\p{L}\p{N}_][\p{L}\p{N}_.\-/（）()·]*$/u;
const NOT_TEXT = /^(?:[-+]?[\d.]|(?:null|true|false|yes|no|on|off|~)$)/i;

/** Something the line scan does not follow: the file is loaded instead. */
const UNSURE = [
  /^\s*[{[]/, // JSON or a flow collection at the top
  /^[ \t-]*\?(?:\s|$)/m, // explicit keys
  /(?:^|[\s:,[{-])[&*][^\s,\]}]/m, // anchors and aliases (a merged or shared map)
  /<<\s*:/, // merge keys
  /["'][^"'\n]*["']\s*:/, // quoted keys
  /(?:^|\s)!/m, // tags
  /^---/m, // more than one document
];

/** An id value: plain, or in simple quotes without escapes; what follows must end it. */
function idValue(raw: string, flow: boolean): string | null {
  const m = (flow ? /^\s*(?:'([^'\n]*)'|"([^"\\\n]*)"|([^\s,{}[\]#'"]+))\s*(?:[,}]|#|$)/ : /^\s*(?:'([^'\n]*)'|"([^"\\\n]*)"|([^\s#'"]+))\s*(?:#.*)?$/).exec(raw);
  if (!m) return null;
  const v = m[1] ?? m[2] ?? m[3] ?? '';
  if (m[3] !== undefined && NOT_TEXT.test(v)) return null;
  // A copy of its own: a slice would keep the whole file's text alive as long as the id (every file of the run).
  return SAFE_ID.test(v) ? Buffer.from(v, 'utf8').toString('utf8') : null;
}

/**
 * The project ids a text names, or null when the scan cannot be sure. Over-collects rather than
 * misses: an `id`, `project_id` or `project` in prose only joins more files.
 */
export function scanProjectIds(text: string): string[] | null {
  if (UNSURE.some((re) => re.test(text))) return null;
  const ids = new Set<string>();
  const lines = text.split('\n');
  // The root map must start at column 0 (an indented one is valid YAML, but not followed here).
  const first = lines.find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (first !== undefined && /^\s/.test(first)) return null;
  let inProject = false;
  for (const line of lines) {
    const l = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (/^\S/.test(l) && !l.startsWith('#')) inProject = false;
    // top level `project:` — a block (its `id:` below) or a flow map on the line
    const top = /^project\s*:(.*)$/.exec(l);
    if (top) {
      const rest = (top[1] as string).replace(/\s+#.*$/, '').trim();
      if (rest === '') {
        inProject = true;
        continue;
      }
      if (!rest.startsWith('{') || !rest.endsWith('}')) return null;
      const id = /[{,]\s*id\s*:(.*)$/.exec(rest);
      if (id) {
        const v = idValue(id[1] as string, true);
        if (v === null) return null;
        ids.add(v);
      }
      continue;
    }
    if (inProject) {
      // the map's entries on lines of their own only
      if (/^\s+[{[]/.test(l)) return null;
      const id = /^[\s-]+id\s*:(.*)$/.exec(l);
      if (id) {
        const v = idValue(id[1] as string, false);
        if (v === null) return null;
        ids.add(v);
      }
    }
    // `project_id:` anywhere (a summary's entries), block or flow
    for (const m of l.matchAll(/(^|[\s{,])project_id\s*:(.*)$/g)) {
      const rest = m[2] as string;
      const v = idValue(rest, /[{,]/.test(m[1] as string) || /^[^#]*\}/.test(rest));
      if (v === null) return null;
      ids.add(v);
    }
    // `about:` anywhere: on the line as a flow map `{ project: X, … }`, else not sure
    for (const m of l.matchAll(/(^|[\s{,])about\s*:(.*)$/g)) {
      const rest = (m[2] as string).trim();
      if (!rest.startsWith('{')) return null;
      const p = /[{,]\s*project\s*:(.*)$/.exec(rest);
      if (!p) {
        if (!/^\{[^}]*\}/.test(rest)) return null;
        continue;
      }
      const v = idValue(p[1] as string, true);
      if (v === null) return null;
      ids.add(v);
    }
  }
  return [...ids].sort();
}

/** The project ids of a loaded document (the loader's own reading; for files the scan leaves). */
function loadedIds(file: string, text: string): string[] {
  try {
    const doc = loadDocument(file, text).document;
    if (!doc) return [];
    const ids = new Set<string>();
    const add = (v: unknown) => {
      if (typeof v === 'string' && v !== '') ids.add(Buffer.from(v, 'utf8').toString('utf8'));
    };
    add(doc.project?.id);
    for (const e of doc.entries ?? []) add(e.project_id);
    for (const st of doc.statements ?? []) add(st.about?.project);
    return [...ids].sort();
  } catch {
    // Does not load: no peers.
    return [];
  }
}

/** How a file's ids were found (for tests and `JIXIAO_SHARD_DEBUG`). */
export interface FileKey {
  file: string;
  ids: string[];
  how: 'scan' | 'load' | 'unreadable';
}

/** The project ids of one file: scanned, else loaded; an unreadable file names none. */
export async function fileKey(file: string): Promise<FileKey> {
  const size = fileSize(file);
  const read = await readTextFile(file);
  if (!read.ok) return { file, ids: [], how: 'unreadable' };
  if (size <= PRESCAN_MAX_BYTES) {
    const ids = scanProjectIds(read.text);
    if (ids) return { file, ids, how: 'scan' };
  }
  return { file, ids: loadedIds(file, read.text), how: 'load' };
}

/** A file's path as every machine sees it: relative to its config's folder, else to the working directory. */
function homePath(file: string, group: Group): string {
  const base = group.config.file === null ? process.cwd() : dirname(resolve(group.config.file));
  return relative(base, resolve(file)).split(sep).join('/');
}

/**
 * What tells a group's components from another group's with the same ids (regions reusing a
 * numbering): its config's text (line ends aside), the same in every checkout wherever it lies;
 * '' without one. Two groups with the same config text share shards for the same ids: no harm.
 */
function configSalt(group: Group): string {
  if (group.config.file === null) return '';
  try {
    return stableHash(readFileSync(group.config.file, 'utf8').replace(/\r\n/g, '\n')).toString(16);
  } catch {
    return '';
  }
}

/**
 * The shard (1..count) of every file of the groups: the components of each group (files sharing a
 * project id), each in the shard of its smallest id; a file naming none by its path.
 */
export async function assignShards(groups: readonly Group[], count: number, keys?: Map<string, FileKey>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const g of groups) {
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let r = x;
      while (parent.get(r) !== r) r = parent.get(r) as string;
      let c = x;
      while (c !== r) {
        const next = parent.get(c) as string;
        parent.set(c, r);
        c = next;
      }
      return r;
    };
    // the root of a component is its smallest id: independent of the order of files
    const union = (a: string, b: string) => {
      const ra = find(a);
      const rb = find(b);
      if (ra === rb) return;
      if (ra < rb) parent.set(rb, ra);
      else parent.set(ra, rb);
    };
    const idsOf = new Map<string, string[]>();
    // a few files read at a time
    let next = 0;
    const workers = Array.from({ length: Math.min(16, g.files.length) }, async () => {
      for (let f = g.files[next++]; f !== undefined; f = g.files[next++]) {
        const k = await fileKey(f);
        keys?.set(f, k);
        idsOf.set(f, k.ids);
      }
    });
    await Promise.all(workers);
    for (const ids of idsOf.values()) {
      for (const id of ids) if (!parent.has(id)) parent.set(id, id);
      for (let i = 1; i < ids.length; i++) union(ids[0] as string, ids[i] as string);
    }
    const salt = configSalt(g);
    for (const f of g.files) {
      const ids = idsOf.get(f) ?? [];
      const key = ids.length > 0 ? `project\0${salt}\0${find(ids[0] as string)}` : `file\0${salt}\0${homePath(f, g)}`;
      out.set(f, (stableHash(key) % count) + 1);
    }
  }
  return out;
}

/** The groups of shard `index` of `count`: each group with only its files of that shard (groups left empty dropped). */
export async function shardGroups(groups: readonly Group[], shard: { index: number; count: number }): Promise<Group[]> {
  const of = await assignShards(groups, shard.count);
  return groups.map((g) => ({ ...g, files: g.files.filter((f) => of.get(f) === shard.index) })).filter((g) => g.files.length > 0);
}
