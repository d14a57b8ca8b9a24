/**
 * A corpus of several config groups for the shard, merge and streaming tests: four regions of the
 * demo batch (each unit's forms, the summaries and the department / finance / third-party reports,
 * so cross-document rules fire), three with a jixiao.config.yaml of their own (one with other gap
 * thresholds), one governed by none; and three files at the top, governed by none (one sorted
 * before every region, so that the files of the groups interleave in the run's order).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { writeBatch } from '../demo/batch.mjs';

const root = process.cwd();

/** A temporary directory holding `corpus/`; run the CLI with it as the working directory and `corpus` as the path. */
export function shardCorpus(forms = 16): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-shard-'));
  const corpus = join(dir, 'corpus');
  ['r1', 'r2', 'r3', 'r4'].forEach((region, i) => writeBatch(join(corpus, region), { forms, seed: 7100 + i }));
  writeFileSync(join(corpus, 'r1/jixiao.config.yaml'), 'rules:\n  weights/form-guidance: off\n');
  writeFileSync(join(corpus, 'r2/jixiao.config.yaml'), 'gaps: { warn: 3, error: 6 }\n');
  writeFileSync(join(corpus, 'r3/jixiao.config.yaml'), 'rules:\n  claims/*: warning\n');
  mkdirSync(corpus, { recursive: true });
  cpSync(join(root, 'fixtures/zhengzhou-12319-2022/evaluation.yaml'), join(corpus, 'zhengzhou.yaml'));
  cpSync(join(root, 'fixtures/zaozhuang-2023/evaluation-12345-finance.yaml'), join(corpus, 'zaozhuang-finance.yaml'));
  // Sorted before r1/ but in the group of r4/ (no config): the groups' files interleave in the run's order.
  cpSync(join(root, 'fixtures/zaozhuang-2023/evaluation-12345-department.yaml'), join(corpus, 'a-top.yaml'));
  return dir;
}

export interface JsonlLine { type: string; file?: string; [key: string]: unknown }

export function jsonlLines(text: string): JsonlLine[] {
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as JsonlLine);
}

/**
 * One config over many projects (for --shard by project): eight departments of the demo batch
 * (each a summary listing its unit's three projects, so each department's files are peers; ids made
 * distinct per department), three
 * fixtures on their own, and one written as JSON (the pre-scan leaves it to the loader) that is a
 * peer of another by its project id. `one/` under the temporary directory returned.
 */
export function oneConfigCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-shard-one-'));
  const one = join(dir, 'one');
  for (let i = 0; i < 8; i++) {
    const dept = join(one, `dept-${i}`);
    writeBatch(dept, { forms: 3, seed: 8100 + i });
    // Each department's projects ids of its own (the batch's are the same for every seed).
    for (const f of readdirSync(dept, { recursive: true, encoding: 'utf8' })) {
      if (!f.endsWith('.yaml')) continue;
      writeFileSync(join(dept, f), readFileSync(join(dept, f), 'utf8').replaceAll('demo-2024-', `demo-2024-d${i}-`));
    }
  }
  writeFileSync(join(one, 'jixiao.config.yaml'), 'gaps: { warn: 3, error: 6 }\n');
  cpSync(join(root, 'fixtures/zhengzhou-12319-2022/evaluation.yaml'), join(one, 'zhengzhou.yaml'));
  mkdirSync(join(one, 'top'), { recursive: true });
  cpSync(join(root, 'fixtures/zaozhuang-2023/evaluation-12345-department.yaml'), join(one, 'top/zaozhuang-department.yaml'));
  cpSync(join(root, 'fixtures/huangshi-library-2022/self-evaluation.yaml'), join(one, 'huangshi.yaml'));
  const finance = yaml.load(readFileSync(join(root, 'fixtures/zaozhuang-2023/evaluation-12345-finance.yaml'), 'utf8'));
  writeFileSync(join(one, 'zz-finance-as-json.yaml'), `${JSON.stringify(finance, null, 2)}\n`);
  return dir;
}

/**
 * The peers of a run as the checker sees them, read independently of the CLI (js-yaml): files that
 * name a common project id (own, a summary entry's, a statement's `about`) joined; a file's
 * component by the smallest id, or the file itself.
 */
export function peerComponents(files: readonly string[], cwd: string): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x) as string;
    return x;
  };
  const idsOf = new Map<string, string[]>();
  for (const f of files) {
    let doc: Record<string, unknown> | null = null;
    try {
      doc = yaml.load(readFileSync(join(cwd, f), 'utf8')) as Record<string, unknown> | null;
    } catch {
      doc = null;
    }
    const ids = new Set<string>();
    const add = (v: unknown) => typeof v === 'string' && v !== '' && ids.add(v);
    if (doc && typeof doc === 'object') {
      add((doc.project as { id?: unknown } | undefined)?.id);
      for (const e of (doc.entries as { project_id?: unknown }[] | undefined) ?? []) add(e?.project_id);
      for (const s of (doc.statements as { about?: { project?: unknown } }[] | undefined) ?? []) add(s?.about?.project);
    }
    const list = [...ids];
    idsOf.set(f, list);
    for (const id of list) if (!parent.has(id)) parent.set(id, id);
    for (const id of list.slice(1)) {
      const a = find(list[0] as string);
      const b = find(id);
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
    }
  }
  return new Map(files.map((f) => {
    const ids = idsOf.get(f) ?? [];
    return [f, ids.length > 0 ? `project:${find(ids[0] as string)}` : `file:${f}`];
  }));
}
