import { describe, expect, it } from 'vitest';
import fg from 'fast-glob';
import { checkFiles } from '@jixiao/core';

/**
 * Findings expected on the seed fixtures, each traced to its row in shared/design/seed-findings.md.
 * Rows not yet covered by a rule pack are listed in the README's status; this list grows with them.
 */
const EXPECTED = [
  { seed: 'A11', file: 'fixtures/zhengzhou-12319-2022/evaluation.yaml', ruleId: 'claims/count-items', severity: 'error', path: 'claims[6].count' },
  { seed: 'A12', file: 'fixtures/zhengzhou-12319-2022/evaluation.yaml', ruleId: 'claims/count-indicators', severity: 'error', path: 'claims[1].count' },
  { seed: 'A12', file: 'fixtures/zhengzhou-12319-2022/evaluation.yaml', ruleId: 'claims/count-indicators', severity: 'error', path: 'claims[2].count' },
  { seed: 'B34', file: 'fixtures/zaozhuang-2023/evaluation-12345-department.yaml', ruleId: 'weights/same-parent', severity: 'error', path: 'scorecards[2].indicators[1].children[0].children[0].children[0].name' },
  { seed: 'B34', file: 'fixtures/zaozhuang-2023/evaluation-12345-department.yaml', ruleId: 'weights/same-parent', severity: 'error', path: 'scorecards[2].indicators[1].children[0].children[1].children[0].name' },
  { seed: 'B34', file: 'fixtures/zaozhuang-2023/evaluation-12345-department.yaml', ruleId: 'weights/same-parent', severity: 'error', path: 'scorecards[2].indicators[1].children[0].children[2].children[0].name' },
  { seed: 'B34', file: 'fixtures/zaozhuang-2023/evaluation-12345-department.yaml', ruleId: 'weights/same-parent', severity: 'error', path: 'scorecards[2].indicators[1].children[0].children[3].children[0].name' },
  { seed: 'B40', file: 'fixtures/zaozhuang-2023/evaluation-12345-finance.yaml', ruleId: 'grades/stated-rate', severity: 'error', path: 'scorecards[9].indicators[3].children[0].children[2].rate' },
  { seed: 'B44', file: 'fixtures/zaozhuang-2023/evaluation-12345-finance.yaml', ruleId: 'claims/same-subject', severity: 'warning', path: 'claims[12].count' },
  { seed: 'B26', file: 'fixtures/zaozhuang-2023/summary.yaml', ruleId: 'claims/statement-figure', severity: 'error', path: 'statements[2].figures[1].value' },
  { seed: 'B26', file: 'fixtures/zaozhuang-2023/summary.yaml', ruleId: 'claims/statement-figure', severity: 'error', path: 'statements[2].figures[3].value' },
  { seed: 'B27', file: 'fixtures/zaozhuang-2023/summary.yaml', ruleId: 'claims/statement-figure', severity: 'error', path: 'statements[0].figures[0].value' },
  { seed: 'B35', file: 'fixtures/zaozhuang-2023/evaluation-12345-department.yaml', ruleId: 'gaps/figure-differs', severity: 'error', path: 'budget.execution_rate' },
  { seed: 'B36', file: 'fixtures/zaozhuang-2023/evaluation-12345-department.yaml', ruleId: 'gaps/score-gap', severity: 'warning', path: 'result.score' },
  { seed: 'B36', file: 'fixtures/zaozhuang-2023/summary.yaml', ruleId: 'gaps/score-gap', severity: 'warning', path: 'entries[16].score' },
  { seed: 'B41', file: 'fixtures/zaozhuang-2023/evaluation-12345-finance.yaml', ruleId: 'grades/scoring-rule', severity: 'error', path: 'scorecards[6].indicators[0].children[2].score' },
  { seed: 'B31', file: 'fixtures/zaozhuang-2023/self-evaluation-research-operating.yaml', ruleId: 'weights/form-guidance', severity: 'info', path: 'indicators[0]' },
  { seed: 'B31', file: 'fixtures/zaozhuang-2023/self-evaluation-research-operating.yaml', ruleId: 'weights/form-guidance', severity: 'info', path: 'indicators[3]' },
];

describe('golden: the seed fixtures', () => {
  it('yield exactly the expected findings, and nothing on the consistent figures', async () => {
    const results = await checkFiles(fg.sync('fixtures/**/*.yaml').sort());
    const found = results.flatMap((r) => r.findings.map((f) => ({ file: f.file, ruleId: f.ruleId, severity: f.severity, path: f.path })));
    const key = (f: { file: string; path?: string; ruleId: string }) => `${f.file} ${f.path} ${f.ruleId}`;
    const sort = <T extends { file: string; path?: string; ruleId: string }>(xs: T[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(found)).toEqual(sort(EXPECTED.map(({ seed: _seed, ...rest }) => rest)));
  });
});
