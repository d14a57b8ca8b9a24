import { describe, expect, it } from 'vitest';
import fg from 'fast-glob';
import { checkFiles } from '@jixiao/core';

/**
 * Findings expected on the fixtures, each traced to its row in shared/design/seed-findings.md (seed)
 * or in the truth table beside the fixture (truth: fixtures/…/*.truth.md, verified by hand with exact
 * decimal arithmetic). Rows not yet covered by a rule pack are listed in the README's status.
 */
type Expected = { seed?: string; truth?: string; file: string; ruleId: string; severity: string; path: string };
const EXPECTED: Expected[] = [
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
  // Final accounts and budgets: zaozhuang-2023/final-accounts (seed 004 公开01–09 and narrative, truth
  // T/X/N rows), putuo-eco-2025 (A/B/C rows), putuo-welfarehome-2024 budget (A/B/C rows).
  { truth: 'A146', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/total-sum', severity: 'info', path: 'public_tables[2].rows[0].项目支出' },
  { truth: 'A208', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/row-sum', severity: 'info', path: 'public_tables[2].rows[14].本年支出合计' },
  { truth: 'A219', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/row-sum', severity: 'info', path: 'public_tables[2].rows[25].本年支出合计' },
  { truth: 'A220', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/row-sum', severity: 'info', path: 'public_tables[2].rows[26].本年支出合计' },
  { truth: 'A317', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/row-sum', severity: 'info', path: 'public_tables[4].rows[13].合计' },
  { truth: 'A328', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/row-sum', severity: 'info', path: 'public_tables[4].rows[24].合计' },
  { truth: 'A329', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/row-sum', severity: 'info', path: 'public_tables[4].rows[25].合计' },
  { truth: 'A335', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/row-sum', severity: 'info', path: 'public_tables[4].rows[31].合计' },
  { truth: 'A339', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/code-sum', severity: 'info', path: 'public_tables[5].rows[54].决算数' },
  { truth: 'A341', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/total-sum', severity: 'info', path: 'public_tables[5].rows[65].决算数' },
  { truth: 'C36', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'claims/statement-split', severity: 'info', path: 'statements[7].total' },
  { truth: 'C123', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/change-rate', severity: 'error', path: 'statements[39].changes[0].rate' },
  { truth: 'B153', file: 'fixtures/putuo-welfarehome-2024/budget.yaml', ruleId: 'accounts/code-digits', severity: 'warning', path: 'public_tables[2].rows[10]' },
  { truth: 'B154', file: 'fixtures/putuo-welfarehome-2024/budget.yaml', ruleId: 'accounts/code-digits', severity: 'warning', path: 'public_tables[4].rows[10]' },
  { truth: 'C32', file: 'fixtures/putuo-welfarehome-2024/budget.yaml', ruleId: 'accounts/narrative-amount', severity: 'error', path: 'statements[6].figures[0].value' },
  { seed: 'B2 T3', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/line-sum', severity: 'info', path: 'public_tables[0].expenditure.rows[26].金额' },
  { truth: 'T86', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/total-sum', severity: 'info', path: 'public_tables[2].rows[0].本年支出合计' },
  { seed: 'B7 T101', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/total-sum', severity: 'info', path: 'public_tables[2].rows[0].基本支出' },
  { seed: 'B5 T72', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/code-sum', severity: 'info', path: 'public_tables[2].rows[1].本年支出合计' },
  { seed: 'B7 T87', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/code-sum', severity: 'info', path: 'public_tables[2].rows[1].基本支出' },
  { seed: 'B6 T74', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/code-sum', severity: 'info', path: 'public_tables[2].rows[5].本年支出合计' },
  { seed: 'B7 T89', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/code-sum', severity: 'info', path: 'public_tables[2].rows[5].基本支出' },
  { truth: 'T153', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/line-sum', severity: 'info', path: 'public_tables[3].expenditure.rows[26].合计' },
  { seed: 'B9 T154', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/line-sum', severity: 'info', path: 'public_tables[3].expenditure.rows[26].一般公共预算财政拨款' },
  { truth: 'T187', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/total-sum', severity: 'info', path: 'public_tables[4].rows[0].小计' },
  { seed: 'B15 X30 / T200', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/cross-table', severity: 'info', path: 'public_tables[4].rows[0].基本支出' },
  { seed: 'B15 X30 / T200', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/total-sum', severity: 'info', path: 'public_tables[4].rows[0].基本支出' },
  { truth: 'T175', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/code-sum', severity: 'info', path: 'public_tables[4].rows[1].小计' },
  { truth: 'T188', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/code-sum', severity: 'info', path: 'public_tables[4].rows[1].基本支出' },
  { truth: 'T177', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/code-sum', severity: 'info', path: 'public_tables[4].rows[5].小计' },
  { truth: 'T190', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/code-sum', severity: 'info', path: 'public_tables[4].rows[5].基本支出' },
  { seed: 'B13 T243', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/code-sum', severity: 'info', path: 'public_tables[5].rows[27].金额' },
  { seed: 'B14 T248', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/total-sum', severity: 'info', path: 'public_tables[5].rows[89].金额' },
  { seed: 'B18 N106', file: 'fixtures/zaozhuang-2023/final-accounts.yaml', ruleId: 'accounts/narrative-amount', severity: 'warning', path: 'statements[32].figures[0].value' },
  { truth: 'B120', file: 'fixtures/putuo-welfarehome-2024/budget.yaml', ruleId: 'accounts/line-name', severity: 'warning', path: 'public_tables[0].expenditure.rows[2]' },
  { truth: 'B98', file: 'fixtures/putuo-welfarehome-2024/budget.yaml', ruleId: 'accounts/line-name', severity: 'warning', path: 'public_tables[3].expenditure.rows[2]' },
  { truth: 'C45', file: 'fixtures/putuo-welfarehome-2024/budget.yaml', ruleId: 'accounts/narrative-name', severity: 'warning', path: 'statements[7].text' },
  // Real budgets verified by hand (truth tables beside them): 万里街道 2025 prints 212 01 one 元 above its
  // 项 in tables 2, 3 and 5 (and names a 款 and 项 wrongly in narrative item 21); 上海市财政局 2025 prints 302
  // one 元 above its 款 in table 8, and tables 6 and 7 empty without a note.
  { truth: 'A131', file: 'fixtures/putuo-wanli-2025/budget.yaml', ruleId: 'accounts/code-sum', severity: 'error', path: 'public_tables[1].rows[48].合计' },
  { truth: 'A132', file: 'fixtures/putuo-wanli-2025/budget.yaml', ruleId: 'accounts/code-sum', severity: 'error', path: 'public_tables[1].rows[48].财政拨款收入' },
  { truth: 'A136', file: 'fixtures/putuo-wanli-2025/budget.yaml', ruleId: 'accounts/code-sum', severity: 'error', path: 'public_tables[1].rows[49].合计' },
  { truth: 'A137', file: 'fixtures/putuo-wanli-2025/budget.yaml', ruleId: 'accounts/code-sum', severity: 'error', path: 'public_tables[1].rows[49].财政拨款收入' },
  { truth: 'A318', file: 'fixtures/putuo-wanli-2025/budget.yaml', ruleId: 'accounts/code-sum', severity: 'error', path: 'public_tables[2].rows[48].合计' },
  { truth: 'A321', file: 'fixtures/putuo-wanli-2025/budget.yaml', ruleId: 'accounts/code-sum', severity: 'error', path: 'public_tables[2].rows[49].合计' },
  { truth: 'A394', file: 'fixtures/putuo-wanli-2025/budget.yaml', ruleId: 'accounts/row-sum', severity: 'error', path: 'public_tables[2].rows[49].合计' },
  { truth: 'A506', file: 'fixtures/putuo-wanli-2025/budget.yaml', ruleId: 'accounts/code-sum', severity: 'error', path: 'public_tables[4].rows[48].合计' },
  { truth: 'A509', file: 'fixtures/putuo-wanli-2025/budget.yaml', ruleId: 'accounts/code-sum', severity: 'error', path: 'public_tables[4].rows[49].合计' },
  { truth: 'A582', file: 'fixtures/putuo-wanli-2025/budget.yaml', ruleId: 'accounts/row-sum', severity: 'error', path: 'public_tables[4].rows[49].合计' },
  { truth: 'C57', file: 'fixtures/putuo-wanli-2025/budget.yaml', ruleId: 'accounts/narrative-name', severity: 'warning', path: 'statements[23].text' },
  { truth: 'C58', file: 'fixtures/putuo-wanli-2025/budget.yaml', ruleId: 'accounts/narrative-name', severity: 'warning', path: 'statements[23].text' },
  { truth: 'A227', file: 'fixtures/shanghai-finance-2025/budget.yaml', ruleId: 'accounts/code-sum', severity: 'error', path: 'public_tables[7].rows[11].合计' },
  { truth: 'A229', file: 'fixtures/shanghai-finance-2025/budget.yaml', ruleId: 'accounts/code-sum', severity: 'error', path: 'public_tables[7].rows[11].公用经费' },
  { truth: 'A221', file: 'fixtures/shanghai-finance-2025/budget.yaml', ruleId: 'accounts/empty-table-note', severity: 'warning', path: 'public_tables[5]' },
  { truth: 'A223', file: 'fixtures/shanghai-finance-2025/budget.yaml', ruleId: 'accounts/empty-table-note', severity: 'warning', path: 'public_tables[6]' },
  // 万里街道 2024: table 9 prints its 三公 figures under a note saying it is empty; table 8 prints two 款 codes short
  // (`301 2`, `301 7`); narrative item 31 says 352.67万元 (and +0.53% on it) where table 5 and its own first figure say 350.35.
  { truth: 'B392', file: 'fixtures/putuo-wanli-2024/budget.yaml', ruleId: 'accounts/code-digits', severity: 'info', path: 'public_tables[7].rows[2]' },
  { truth: 'B393', file: 'fixtures/putuo-wanli-2024/budget.yaml', ruleId: 'accounts/code-digits', severity: 'info', path: 'public_tables[7].rows[3]' },
  { truth: 'A650', file: 'fixtures/putuo-wanli-2024/budget.yaml', ruleId: 'accounts/empty-table', severity: 'error', path: 'public_tables[8].rows[0].合计' },
  { truth: 'C134', file: 'fixtures/putuo-wanli-2024/budget.yaml', ruleId: 'accounts/narrative-amount', severity: 'error', path: 'statements[33].figures[1].value' },
  { truth: 'C137', file: 'fixtures/putuo-wanli-2024/budget.yaml', ruleId: 'accounts/change-rate', severity: 'error', path: 'statements[33].changes[0].rate' },
  // 万里街道 2023: 政府性基金 0万元 said to be 增加1421.25万元 on 2022 (the line before's increase, copied); item 3's
  // rate 314.82% for 289.12%; item 16 restates item 15's 441.25万元 and 60.54% for its own 220.63万元.
  { truth: 'C14', file: 'fixtures/putuo-wanli-2023/budget.yaml', ruleId: 'accounts/change-below-zero', severity: 'error', path: 'statements[2].changes[1].amount' },
  { truth: 'C24', file: 'fixtures/putuo-wanli-2023/budget.yaml', ruleId: 'accounts/change-rate', severity: 'error', path: 'statements[5].changes[0].rate' },
  { truth: 'C62', file: 'fixtures/putuo-wanli-2023/budget.yaml', ruleId: 'accounts/narrative-amount', severity: 'error', path: 'statements[18].figures[1].value' },
  { truth: 'C64', file: 'fixtures/putuo-wanli-2023/budget.yaml', ruleId: 'accounts/change-rate', severity: 'error', path: 'statements[18].changes[0].rate' },
  // Real self-evaluation forms (issue 10): truth tables beside each fixture (Expected findings).
  { truth: 'C2', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/missed-target-full-marks', severity: 'warning', path: 'scorecards[0].indicators[0].score' },
  { truth: 'A8', file: 'fixtures/daying-justice-2023/self-evaluation-a.yaml', ruleId: 'weights/form-guidance', severity: 'info', path: 'indicators[0]' },
  { truth: 'B9', file: 'fixtures/huangshi-library-2022/self-evaluation.yaml', ruleId: 'weights/form-guidance', severity: 'info', path: 'indicators[0]' },
  { truth: 'C9', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/deduction-without-reason', severity: 'warning', path: 'scorecards[0].indicators[5].score' },
  { truth: 'C18', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/deduction-without-reason', severity: 'warning', path: 'scorecards[0].indicators[9].score' },
  { truth: 'C21', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/deduction-without-reason', severity: 'warning', path: 'scorecards[0].indicators[10].score' },
  { truth: 'C24', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/deduction-without-reason', severity: 'warning', path: 'scorecards[0].indicators[11].score' },
  { truth: 'C27', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/deduction-without-reason', severity: 'warning', path: 'scorecards[0].indicators[12].score' },
  { truth: 'C30', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/deduction-without-reason', severity: 'warning', path: 'scorecards[0].indicators[13].score' },
  { truth: 'C33', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/deduction-without-reason', severity: 'warning', path: 'scorecards[0].indicators[14].score' },
  { truth: 'C36', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/deduction-without-reason', severity: 'warning', path: 'scorecards[0].indicators[15].score' },
  { truth: 'C39', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/deduction-without-reason', severity: 'warning', path: 'scorecards[0].indicators[16].score' },
  { truth: 'C42', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/deduction-without-reason', severity: 'warning', path: 'scorecards[0].indicators[17].score' },
  { truth: 'C47', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/deduction-without-reason', severity: 'warning', path: 'scorecards[0].indicators[19].score' },
  { truth: 'C50', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/deduction-without-reason', severity: 'warning', path: 'scorecards[0].indicators[20].score' },
  { truth: 'C55', file: 'fixtures/jishan-zhaidian-2021/self-evaluation.yaml', ruleId: 'grades/deduction-without-reason', severity: 'warning', path: 'scorecards[0].indicators[22].score' },
  { truth: 'A10', file: 'fixtures/suiyang-taibai-2021/self-evaluation.yaml', ruleId: 'grades/execution-score', severity: 'error', path: 'funds.spending.basic.score' },
  // putuo-eco truth, observations: 公开02 prints 2080505 / 2080506 with shorter names than 03 and 05.
  { truth: 'obs. names', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/code-name', severity: 'info', path: 'public_tables[2].rows[5]' },
  { truth: 'obs. names', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/code-name', severity: 'info', path: 'public_tables[2].rows[6]' },
  { truth: 'obs. names', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/code-name', severity: 'info', path: 'public_tables[4].rows[4]' },
  { truth: 'obs. names', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/code-name', severity: 'info', path: 'public_tables[4].rows[5]' },
  { truth: 'C85', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'claims/undefined-ratio', severity: 'info', path: 'statements[29].figures[4].value' },
  { truth: 'C155', file: 'fixtures/putuo-eco-2025/final-accounts.yaml', ruleId: 'accounts/change-direction', severity: 'error', path: 'statements[30].changes[3].direction' },
];

describe('golden: the seed fixtures', () => {
  it('yield exactly the expected findings, and nothing on the consistent figures', async () => {
    const results = await checkFiles(fg.sync('fixtures/**/*.yaml').sort());
    const found = results.flatMap((r) => r.findings.map((f) => ({ file: f.file, ruleId: f.ruleId, severity: f.severity, path: f.path })));
    const key = (f: { file: string; path?: string; ruleId: string }) => `${f.file} ${f.path} ${f.ruleId}`;
    const sort = <T extends { file: string; path?: string; ruleId: string }>(xs: T[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(found)).toEqual(sort(EXPECTED.map(({ seed: _seed, truth: _truth, ...rest }) => rest)));
  });
});
