import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRuleIds, findRulesDir, jixiaoJsonSchema, loadPacks } from '@jixiao/core';
import fg from 'fast-glob';
import { rulePage } from '../packages/cli/dist/commands/rules.js';
import { runProcess } from './run-process.js';

describe('generated files are current', () => {
  it('schema/jixiao-1.schema.json equals the schema generated from the zod schemas', () => {
    const shipped = JSON.parse(readFileSync('schema/jixiao-1.schema.json', 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(jixiaoJsonSchema())));
    expect(JSON.stringify(shipped)).toContain('scorecards');
  });
  it("the README's rule table equals `jixiao rules --markdown`", async () => {
    const table = (await runProcess(process.execPath, ['packages/cli/dist/cli.js', 'rules', '--markdown'])).stdout.trim();
    const readme = readFileSync('README.md', 'utf8');
    const inside = readme.slice(readme.indexOf('<!-- rules:start -->') + '<!-- rules:start -->'.length, readme.indexOf('<!-- rules:end -->')).trim();
    expect(inside).toBe(table);
    expect(table.split('\n').length).toBeGreaterThan(10);
  });
  it('every built-in finding id the sources emit is in the catalogue of the core (so rules, explain and SARIF document it)', () => {
    const emitted = new Set<string>();
    for (const file of fg.sync('packages/*/src/**/*.ts')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['`](?:parse|schema|value|io|config|suppress|internal)\/[a-z-]+['`]/g)) emitted.add(m[0].slice(1, -1));
    }
    expect([...emitted].filter((id) => !builtinRuleIds().includes(id)).sort()).toEqual([]);
    expect(emitted.size).toBeGreaterThan(20);
  });
  it('each rule has its readable page beside its YAML, as `jixiao rules --pages` writes it', () => {
    const rules = loadPacks(findRulesDir());
    for (const rule of rules) expect(readFileSync(rule.file.replace(/\.yaml$/, '.md'), 'utf8'), rule.id).toBe(rulePage(rule));
    expect(rules.length).toBeGreaterThan(50);
  });
});
