import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jixiaoJsonSchema } from '@jixiao/core';
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
});
