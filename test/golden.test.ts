import { describe, expect, it } from 'vitest';
import fg from 'fast-glob';
import { checkFiles } from '@jixiao/core';

/**
 * Findings expected on the seed fixtures, each traced to its row in shared/design/seed-findings.md.
 * Rows not yet covered by a rule pack are listed in the README's status; this list grows with them.
 */
const EXPECTED = [
  { seed: 'B40', file: 'fixtures/zaozhuang-2023/evaluation-12345-finance.yaml', ruleId: 'grades/stated-rate', severity: 'error', path: 'scorecards[9].indicators[3].children[0].children[2].rate' },
];

describe('golden: the seed fixtures', () => {
  it('yield exactly the expected findings, and nothing on the consistent figures', async () => {
    const results = await checkFiles(fg.sync('fixtures/**/*.yaml').sort());
    const found = results.flatMap((r) => r.findings.filter((f) => f.severity !== 'info').map((f) => ({ file: f.file, ruleId: f.ruleId, severity: f.severity, path: f.path })));
    expect(found).toEqual(EXPECTED.map(({ seed: _seed, ...rest }) => rest));
  });
});
