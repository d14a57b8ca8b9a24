/**
 * The model of an edit that retypes one value, from the model before (format/retype.ts): it must hold
 * what the model of a fresh load of the edited text holds, for values spread over every fixture
 * retyped in several ways, after the document views have read the model before; and it must not be
 * taken when the schema rejects the new value or cannot be followed to it. (That the views read a
 * shared figure as a fresh one is test/subject-reuse.test.ts's: findings against a fresh check.)
 */
import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { buildDocView } from '@jixiao/core';
import { loadDocument } from '../packages/core/dist/format/load.js';
import { locatedSchemas } from '../packages/core/dist/format/located-schema.js';
import { retypedDocument } from '../packages/core/dist/format/retype.js';
import { reparseScalarEdit } from '../packages/core/dist/yaml/reparse.js';
import { nextTurn, splice, spreadValues } from './scalar-values.js';

const fixtures = fg.sync('fixtures/**/*.yaml').sort();


const retypings = (word: string) => [`${word}5`, word.slice(0, -1), `${word}.5`, '7.25', '-3', 'null', 'true', 'abc', '完成', '12%'];

/**
 * A model as plain data: what it holds, without what the views keep on its figures (symbol-keyed
 * facts, and `rounded`, which they set again for every figure they view) — a shared figure carries those.
 */
const plainModel = (model: unknown) => JSON.parse(JSON.stringify(model, (key, v: unknown) => (key === 'rounded' ? undefined : v)));

describe('the model of a retyped value, from the model before', () => {
  const taken = { derived: 0, declined: 0 };
  it.each(fixtures)('is the model a fresh load builds, for values of %s retyped', async (file) => {
    const text = readFileSync(file, 'utf8');
    const before = loadDocument(file, text);
    if (!before.document || before.findings.length > 0 || !before.root) return;
    const schema = locatedSchemas[before.document.kind as keyof typeof locatedSchemas];
    // The views keep facts on the figures they read (places, `rounded`): the model derived must not carry them.
    buildDocView(file, before.document, before.root, text);
    for (const value of spreadValues(before.root, 30)) {
      const [start, end] = value.span;
      await nextTurn();
      for (const word of retypings(text.slice(start, end))) {
        const edited = splice(text, start, end, word);
        const reparsed = reparseScalarEdit(text, before.root, edited);
        if (!reparsed || reparsed.edit === 'same') continue;
        const derived = retypedDocument(schema, before.document, reparsed.root, reparsed.edit);
        const fresh = loadDocument(file, edited);
        if (derived === null) {
          taken.declined++;
          continue;
        }
        taken.derived++;
        expect(fresh.findings, `${file} @${start}: ${word}`).toEqual([]);
        expect(plainModel(derived), `${file} @${start}: ${word}`).toEqual(plainModel(fresh.document));
      }
    }
  });

  it('was taken often, and declined often (after the fixtures above)', () => {
    expect(taken.derived).toBeGreaterThan(500);
    expect(taken.declined).toBeGreaterThan(100);
  });
});
