/**
 * An open document's subjects the edit since the check before left alone keep their findings from
 * that check (engine/subject-reuse.ts, kinds/evaluation/edit-reach.ts). Whatever is kept, the
 * project's findings after each edit must be a fresh check's: here for values spread over every
 * scored fixture, retyped one after another (each edit on top of the ones before, some undone), so
 * findings kept over several edits, moved each time, are compared too.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fg from 'fast-glob';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { findRulesDir, Project } from '@jixiao/core';
import { parseYaml } from '../packages/core/dist/yaml/parse.js';
import type { ScalarNode } from '../packages/core/dist/yaml/tree.js';
import { keyedScalarValues, nextTurn, splice } from './scalar-values.js';

const SCORED = /^kind: (evaluation|self-evaluation)$/m;
/** A value the editor's reparse takes (yaml/reparse.ts): the edits that can keep findings. */
const WORD = /^[\p{L}\p{N}._%+-]+$/u;
/** The scored fixtures, and the rule packs' examples of scored documents (small, each aimed at one rule's facts). */
const fixtures: [string, string][] = fg.sync('fixtures/**/*.yaml').sort().map((f) => [f, readFileSync(f, 'utf8')]);
const examples: [string, string][] = fg.sync('rules/*/*.yaml', { ignore: ['**/pack.yaml'] }).sort().flatMap((f) => {
  const rule = yaml.load(readFileSync(f, 'utf8')) as { examples: Record<'valid' | 'invalid', { doc: string }[]> };
  return (['valid', 'invalid'] as const).flatMap((which) => rule.examples[which].map((e, i): [string, string] => [`${f} ${which} ${i + 1}`, e.doc]));
});
/** Every value that is one word, but the document's format and kind (another kind is another document). */
const wordValues = (text: string) =>
  keyedScalarValues(parseYaml(text).root)
    .map((v, i) => ({ i, ...v }))
    .filter(({ node, key }) => key !== 'format' && key !== 'kind' && WORD.test(text.slice(node.span[0], node.span[1])));
const scored = [...fixtures, ...examples].filter(([, text]) => SCORED.test(text) && !/^---/m.test(text) && wordValues(text).length > 0);


/** How a value is retyped at step k: a digit more, another number, a word, nothing. */
const retyped = (word: string, k: number) => [`${word}9`, '0', word.length > 1 ? word.slice(0, -1) : '1', `${word}.5`, '完成', 'null'][k % 6] as string;

const strip = (p: Project, file: string) =>
  p.findingsOf(file).map((f) => ({ ruleId: f.ruleId, severity: f.severity, span: f.span, range: f.range, path: f.path, message: f.message, related: f.related, fix: f.fix }));

describe('findings kept across an edit', () => {
  const file = join(tmpdir(), 'jixiao-subject-reuse', 'document.yaml');
  // A fresh check: the file forgotten, then checked with nothing before (one project: its packs load once).
  const checker = new Project(findRulesDir(), false);
  const fresh = (text: string) => {
    checker.remove(file);
    checker.update(file, text, 1);
    checker.refreshCrossChanged();
    return strip(checker, file);
  };
  const totals = { edits: 0, reused: 0, changed: 0 };

  it.each(scored)('are a fresh check’s, edit after edit, in %s', async (source, original) => {
    const words = wordValues(original);
    const step = Math.max(1, Math.ceil(words.length / 36));
    const editing = new Project(findRulesDir(), false);
    let version = 1;
    let text = original;
    editing.update(file, text, version);
    editing.refreshCrossChanged();
    const before = JSON.stringify(strip(editing, file));
    let k = 0;
    let last: { index: number; word: string } | null = null;
    for (let w = 0; w < words.length; w += step, k++) {
      await nextTurn();
      const index = (words[w] as { i: number }).i;
      // Every fifth step undoes the edit before instead (the tree, and so the value's index, is unchanged).
      const undo = k % 5 === 4 && last !== null;
      const target = undo ? (last as { index: number }).index : index;
      const node = (keyedScalarValues(parseYaml(text).root)[target] as { node: ScalarNode }).node;
      const word = text.slice(node.span[0], node.span[1]);
      const next = undo ? (last as { word: string }).word : retyped(word, k);
      last = undo ? null : { index: target, word };
      text = splice(text, node.span[0], node.span[1], next);
      editing.update(file, text, ++version);
      editing.refreshCrossChanged();
      const found = strip(editing, file);
      expect(found, `${source} step ${k}: ${word} → ${next}`).toEqual(fresh(text));
      totals.edits++;
      totals.reused += editing.get(file)?.reuse?.subjects.reused ?? 0;
      if (JSON.stringify(found) !== before) totals.changed++;
    }
  });

  it('are checked again for an indicator whose twin was retyped (its weight is the twin’s)', () => {
    // x in table a states no weight: its deduction is read against table b's weight for x.
    const text = 'format: jixiao/1\nkind: evaluation\nscorecards:\n  - { id: a, indicators: [ { name: x, score: 3.9 }, { name: y, weight: 6, score: 6 } ] }\n  - { id: b, indicators: [ { name: x, weight: 4, score: 4 }, { name: y, weight: 6, score: 6 } ] }\n';
    const at = text.indexOf('weight: 4') + 'weight: '.length;
    const editing = new Project(findRulesDir(), false);
    const ruleIds = () => editing.findingsOf(file).map((f) => `${f.ruleId} ${f.path}`);
    editing.update(file, text, 1);
    expect(ruleIds()).toEqual(['grades/deduction-without-reason scorecards[0].indicators[0].score']);
    const versions = [splice(text, at, at + 1, '3'), splice(text, at, at + 1, '4'), text];
    for (const [i, edited] of versions.entries()) {
      editing.update(file, edited, i + 2);
      expect(strip(editing, file), edited).toEqual(fresh(edited));
      // y's subjects (no twin retyped) kept theirs.
      expect(editing.get(file)?.reuse?.subjects.reused).toBeGreaterThan(0);
    }
    // 3.9 of 3 is no deduction: the finding went with the twin's weight, and came back with it.
    editing.update(file, versions[0] as string, 9);
    expect(ruleIds()).not.toContain('grades/deduction-without-reason scorecards[0].indicators[0].score');
  });

  it('are a fresh check’s when the retyped value is one the schema rejects, and once it is right again', () => {
    const text = 'format: jixiao/1\nkind: evaluation\nscorecards:\n  - id: a\n    indicators:\n      - { name: x, weight: 4, score: 3, incomplete: true }\n      - { name: y, weight: 4, score: 3 }\n';
    const editing = new Project(findRulesDir(), false);
    editing.update(file, text, 1);
    const wrong = text.replace('incomplete: true', 'incomplete: abc');
    for (const [i, edited] of [wrong, text.replace('incomplete: true', 'incomplete: false'), text].entries()) {
      editing.update(file, edited, i + 2);
      expect(strip(editing, file), edited).toEqual(fresh(edited));
    }
    editing.update(file, wrong, 9);
    expect(editing.findingsOf(file).map((f) => f.ruleId)).toContain('schema/invalid-type');
  });

  it('read a figure the model shares with the one before as a fresh one (a funds score that comes to equal its weight)', () => {
    // Score 9 of weight 8 is a rounded result (8.5–9.5); once the weight is 9 it is full marks, exact, and 9 × 95% = 8.55 misses it.
    const text = 'format: jixiao/1\nkind: self-evaluation\nfunds:\n  total: { adjusted: 100, spent: 95, rate: 95.00%, weight: 8, score: 9 }\n';
    const edited = text.replace('weight: 8', 'weight: 9');
    const editing = new Project(findRulesDir(), false);
    editing.update(file, text, 1);
    editing.update(file, edited, 2);
    expect(strip(editing, file)).toEqual(fresh(edited));
    expect(editing.findingsOf(file).map((f) => f.message.en).join('\n')).toContain('8.55');
    editing.update(file, text, 3);
    expect(strip(editing, file)).toEqual(fresh(text));
  });

  it('kept findings often, over edits that changed the findings (after the fixtures above)', () => {
    expect(totals.edits).toBeGreaterThan(300);
    expect(totals.changed).toBeGreaterThan(100);
    expect(totals.reused).toBeGreaterThan(2000);
  });
});
