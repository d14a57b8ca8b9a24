/**
 * The pre-scan of `--shard` (packages/cli/src/shard.ts): the project ids of a file read from its
 * text as the loader reads them, or null (the file is then loaded) whenever the text is in a form
 * the scan does not follow; and every fixture's ids read by the scan include the loader's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '@jixiao/core';
import { scanProjectIds } from '../packages/cli/src/shard.js';

describe('scanProjectIds', () => {
  it('reads the own id, summary entries and statements about a project', () => {
    const text = [
      '# 合成',
      'format: jixiao/1',
      'project:',
      '  id: p-001   # 项目编号',
      '  name: 项目',
      'entries:',
      '  - { no: 1, name: 甲（乙）, score: 98.5, project_id: p-002 }',
      '  - project_id: "p-003"',
      '    score: 90',
      'statements:',
      '  - text: 说明',
      "    about: { project: 'p-004', evaluator: department }",
      'funds:',
      '  project: { planned: 1 }',
      '',
    ].join('\n');
    expect(scanProjectIds(text)).toEqual(['p-001', 'p-002', 'p-003', 'p-004']);
    expect(scanProjectIds('format: jixiao/1\nproject: { id: q-1, name: x }\n')).toEqual(['q-1']);
    expect(scanProjectIds('format: jixiao/1\nkind: evaluation\n')).toEqual([]);
  });

  it('leaves to the loader what it does not follow', () => {
    const unsure = [
      '{"format": "jixiao/1", "project": {"id": "a"}}',
      'format: jixiao/1\nproject: &p\n  id: a\n',
      'format: jixiao/1\nproject: *p\n',
      'format: jixiao/1\n"project":\n  id: a\n',
      'format: jixiao/1\nproject:\n  id:\n    a\n',
      'format: jixiao/1\nproject:\n  id: 2024001\n',
      'format: jixiao/1\nproject:\n  id: "a\\x62"\n',
      'format: jixiao/1\nproject:\n  { id: a }\n',
      'format: jixiao/1\nstatements:\n  - about:\n      project: a\n',
      '  format: jixiao/1\n  project:\n    id: a\n',
      'format: jixiao/1\nproject: !!map { id: a }\n',
      '? project\n: { id: a }\n',
      'format: jixiao/1\n---\nproject: { id: a }\n',
    ];
    for (const t of unsure) expect(scanProjectIds(t), t).toBeNull();
  });

  it('never misses an id the loader reads in the fixtures', () => {
    const dirs = readdirSync('fixtures', { withFileTypes: true }).filter((d) => d.isDirectory());
    let scanned = 0;
    for (const d of dirs) {
      for (const name of readdirSync(join('fixtures', d.name)).filter((n) => n.endsWith('.yaml'))) {
        const file = join('fixtures', d.name, name);
        const text = readFileSync(file, 'utf8');
        const doc = loadDocument(file, text).document;
        const ids = new Set<string>();
        const add = (v: unknown) => typeof v === 'string' && v !== '' && ids.add(v);
        add(doc?.project?.id);
        for (const e of doc?.entries ?? []) add(e.project_id);
        for (const st of doc?.statements ?? []) add(st.about?.project);
        const s = scanProjectIds(text);
        if (s === null) continue;
        scanned++;
        for (const id of ids) expect(s, `${file}: ${id}`).toContain(id);
      }
    }
    expect(scanned).toBeGreaterThan(10);
  });
});
