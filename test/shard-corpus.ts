/**
 * A corpus of several project groups for the shard, merge and streaming tests: four regions of the
 * demo batch (each unit's forms, the summaries and the department / finance / third-party reports,
 * so cross-document rules fire), three with a jixiao.config.yaml of their own (one with other gap
 * thresholds), one governed by none; and three files at the top, governed by none (one sorted
 * before every region, so that the files of the groups interleave in the run's order).
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
