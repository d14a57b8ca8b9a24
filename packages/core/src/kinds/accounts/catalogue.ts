/** The facts of the final-accounts and budget subjects (see facts/catalogue.ts). */
import type { Catalogue, FactEntry, FactType } from '../../facts/catalogue.js';

const f = (type: FactType, doc: string): FactEntry => ({ type, doc });

export const ACCOUNTS_CATALOGUE = {
  'accounts-identity': {
    check: f('value', 'the identity’s family: code-sum | total-sum | row-sum | line-sum | sides | balance | cross | bound'),
    table: f('text', 'the stated cell’s table, numbered and titled as printed'),
    otherTable: f('text', 'the other table of a cross-table identity (else the same)'),
    row: f('text', 'the stated cell’s row: code and name'),
    column: f('text', 'the stated cell’s column'),
    formula: f('text', 'what must hold, in Chinese'),
    formulaEn: f('text', 'what must hold, in English'),
    stated: f('figure', 'the stated cell (a blank reads as 0)'),
    statedText: f('text', 'the stated cell as printed, 空白 for a blank'),
    statedTextEn: f('text', 'the stated cell as printed, blank for a blank'),
    computed: f('comparable', 'the terms’ value in the stated cell’s unit'),
    difference: f('comparable', 'stated − computed'),
    termCount: f('number', 'how many cells are summed'),
    agreement: f('value', 'equal | rounding (within the terms’ half-units) | near (two statements one unit apart) | mismatch'),
    exceeds: f('boolean', 'inequalities: the stated cell is more than its bound beyond rounding'),
    terms: f('figures', 'the cells summed or compared'),
  },
  'accounts-table': {
    table: f('text', 'the table, numbered and titled as printed'),
    role: f('value', 'which of the nine tables'),
    emptyNote: f('text', 'the 空表说明, when printed'),
    hasFigures: f('boolean', 'some cell holds a non-zero figure'),
    firstFigure: f('figure', 'the first non-zero figure'),
    emptyAt: f('place', 'where the 空表说明 is written'),
    titleAt: f('place', 'where the table starts'),
    rowCount: f('number', 'rows transcribed'),
  },
  'accounts-row': {
    table: f('text', 'the table'),
    row: f('text', 'the row: code and name'),
    codeText: f('text', 'the code as printed'),
    code: f('text', 'the code as read into the hierarchy'),
    codeProblem: f('value', 'class-digits | part-digits, when the printed code is short of digits'),
    unreadableText: f('text', 'an amount cell that is not a number'),
    unreadableColumn: f('text', 'its column'),
    rowAt: f('place', 'the row'),
    unreadableAt: f('place', 'the unreadable cell'),
  },
  'accounts-name': {
    check: f('value', 'code-name: one code, two names | unmatched-line: a summary line with no class of its name'),
    table: f('text', 'this row’s table'), row: f('text', 'this row: code and name'), name: f('text', 'the name here'),
    otherTable: f('text', 'the other table'), otherName: f('text', 'the name there (or the class whose amount matches)'), otherCode: f('text', 'the other row’s code'),
    nameAt: f('place', 'where this row is'), otherAt: f('place', 'where the other row is'),
  },
  'narrative-amount': {
    text: f('text', 'the sentence'), ref: f('text', 'the cell reference'), resolved: f('boolean', 'the reference names a cell'), problem: f('text', 'why it does not'),
    stated: f('figure', 'the amount the sentence states'), cell: f('figure', 'the cell'), cellText: f('text', 'the cell as printed (空白 for a blank)'), cellTextEn: f('text', 'the cell as printed (blank for a blank)'),
    cellUnit: f('text', 'the cell’s money unit'), where: f('text', 'table, row and column of the cell'), inStatedUnit: f('comparable', 'the cell in the sentence’s unit'),
    agreement: f('value', 'equal | rounding | near | mismatch'), refAt: f('place', 'where the reference is written'),
  },
  'narrative-share': {
    text: f('text', 'the sentence'), stated: f('figure', 'the share as stated'), computed: f('comparable', 'part ÷ whole'), part: f('text', 'the part (a cell or a figure)'),
    whole: f('text', 'the whole'), resolved: f('boolean', 'both resolve'), zeroWhole: f('boolean', 'the whole is 0'), wholeText: f('text', 'the whole as printed'), terms: f('figures', 'part and whole'),
  },
  'narrative-shares-total': {
    text: f('text', 'the sentence'), total: f('comparable', 'Σ of its shares'), count: f('number', 'how many shares'), shares: f('figures', 'the shares'), firstShare: f('figure', 'the first share'),
    agreement: f('value', 'equal | rounding | mismatch against 100%'),
  },
  'narrative-change': {
    text: f('text', 'the sentence'), name: f('text', 'what changed'), direction: f('text', 'the direction word'), directionSign: f('number', '1 up, −1 down, 0 flat'),
    actualSign: f('number', 'the sign of this year − last year, when both are stated'), directionAt: f('place', 'where the direction word is'),
    amount: f('figure', '增减额 as stated'), computedAmount: f('comparable', '|this year − last year|'), rate: f('figure', '增减率 as stated'), computedRate: f('comparable', 'change ÷ last year'),
    previousText: f('text', 'last year’s figure (stated or derived)'), currentText: f('text', 'this year’s figure'), flatButMoved: f('boolean', '持平 with a non-zero amount'),
    rateText: f('text', 'the stated rate'), computedRateText: f('text', 'the computed rate'),
  },
} as const satisfies Catalogue;
