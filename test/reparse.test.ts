/**
 * An edit that retypes one plain scalar value gets its tree from the tree before (yaml/reparse.ts)
 * rather than from a full parse: the tree must be exactly the one a full parse of the edited text
 * builds, for values spread over every fixture and several kinds of retyping; edits that could change
 * the structure must not take that path; and the language server's project must find the same as a
 * fresh check of the edited text.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { findRulesDir, Project } from '@jixiao/core';
import { parseYaml } from '../packages/core/dist/yaml/parse.js';
import { reparseScalarEdit } from '../packages/core/dist/yaml/reparse.js';
import { nextTurn, scalarValues, splice, spreadValues } from './scalar-values.js';

const fixtures = fg.sync('fixtures/**/*.yaml').sort();


/** Retypings of a value's source `word`: most keep it one word, some do not. */
function retypings(word: string): string[] {
  return [`${word}5`, word.slice(0, -1), `${word}.5`, '7.25', '-3', 'null', 'true', '1e3', '0x1F', 'abc', '完成', '---', `${word} x`, `${word}:`, `'${word}'`, `${word},`, `${word}#`];
}


describe('the tree of a retyped value, from the tree before', () => {
  // Totals over the fixtures, asserted once all have run.
  const taken = { derived: 0, declined: 0 };
  it.each(fixtures)('is the tree a full parse builds, for values of %s retyped', async (file) => {
    const text = readFileSync(file, 'utf8');
    const parsed = parseYaml(text);
    if (parsed.problems.length > 0 || !parsed.root) return;
    for (const value of spreadValues(parsed.root, 30)) {
      const [start, end] = value.span;
      await nextTurn();
      for (const word of retypings(text.slice(start, end))) {
        const edited = splice(text, start, end, word);
        const tree = reparseScalarEdit(text, parsed.root, edited)?.root ?? null;
        if (tree === null) {
          taken.declined++;
          continue;
        }
        taken.derived++;
        const full = parseYaml(edited);
        expect(full.problems, `${file} @${start}: ${word}`).toEqual([]);
        expect(tree, `${file} @${start}: ${word}`).toEqual(full.root);
      }
    }
    // The tree before is left as it was.
    expect(parsed.root).toEqual(parseYaml(text).root);
  });

  it('took the derived path often, and declined often (after the fixtures above)', () => {
    expect(taken.derived).toBeGreaterThan(500);
    expect(taken.declined).toBeGreaterThan(500);
  });

  it('is not derived when the edit touches a key, a comment, a quoted or empty value, or more than one value', () => {
    const text = 'format: jixiao/1\nkind: evaluation\nscore: 5 # out of 10\nname: "五"\nlist: [1, 2]\nempty:\nother: 7\n';
    const root = parseYaml(text).root;
    const at = (s: string) => text.indexOf(s);
    const cases: string[] = [
      text.replace('score:', 'scores:'), // a key
      text.replace('out of 10', 'out of 11'), // a comment
      text.replace('"五"', '"六"'), // a quoted value
      text.replace('empty:', 'empty: 3'), // an empty value
      text.replace('score: 5', 'score: 6').replace('other: 7', 'other: 8'), // two values
      text.replace('[1, 2]', '[1, 2, 3]'), // a flow list grows
      text.replace('score: 5', 'score: 5\n  x: 1'), // a new line
      splice(text, at('5 #'), at('5 #') + 1, ''), // emptied
    ];
    for (const edited of cases) expect(reparseScalarEdit(text, root, edited), edited).toBeNull();
    // A flow item retyped keeps its list.
    const flow = text.replace('[1, 2]', '[1, 25]');
    expect(reparseScalarEdit(text, root, flow)?.root).toEqual(parseYaml(flow).root);
    // What was retyped, in the text before, and by how much it grew; the same text is the same tree.
    expect(reparseScalarEdit(text, root, flow)?.edit).toEqual({ start: flow.indexOf('25'), oldEnd: flow.indexOf('25') + 1, delta: 1, key: null, path: ['list', 1] });
    expect(reparseScalarEdit(text, root, text.replace('other: 7', 'other: 75'))?.edit).toEqual({ start: text.indexOf('7\n'), oldEnd: text.indexOf('7\n') + 1, delta: 1, key: 'other', path: ['other'] });
    expect(reparseScalarEdit(text, root, text)).toEqual({ root, edit: 'same' });
  });
});

describe('an open document retyped in the project', () => {
  it('finds what a fresh check of the edited text finds, edit after edit', async () => {
    const source = 'fixtures/zaozhuang-2023/evaluation-12345-finance.yaml';
    const text = readFileSync(source, 'utf8');
    const file = join(tmpdir(), 'jixiao-reparse', 'evaluation.yaml');
    const strip = (p: Project) => p.findingsOf(file).map((f) => ({ ruleId: f.ruleId, span: f.span, range: f.range, message: f.message, related: f.related, fix: f.fix }));
    const freshFindings = (t: string) => {
      const fresh = new Project(findRulesDir(), false);
      fresh.update(file, t, 1);
      fresh.refreshCrossChanged();
      return strip(fresh);
    };
    const editing = new Project(findRulesDir(), false);
    editing.update(file, text, 1);
    editing.refreshCrossChanged();
    const unedited = strip(editing);
    const numbers = scalarValues(parseYaml(text).root).filter((n) => typeof n.value === 'number').slice(0, 40);
    expect(numbers.length).toBeGreaterThan(10);
    let version = 1;
    let differing = 0;
    for (const node of numbers) {
      await nextTurn();
      // Each number retyped, checked, then put back: one change at a time, as keystrokes come.
      const [start, end] = node.span;
      const word = text.slice(start, end);
      const retyped = splice(text, start, end, `${word}9`);
      for (const current of [retyped, text]) {
        editing.update(file, current, ++version);
        editing.refreshCrossChanged();
        const found = strip(editing);
        expect(found, `${word}9 @${start}`).toEqual(freshFindings(current));
        if (current === retyped && JSON.stringify(found) !== JSON.stringify(unedited)) differing++;
      }
    }
    // The retyped figures matter: many of them draw findings of their own (or move the others).
    expect(differing).toBeGreaterThan(5);
  });
});
