/** The typed document model produced by the located schemas: figures carry their source spans. */
import type { Figure, NumberFigure } from '../values/figure.js';

import type { KindFields } from '../kinds/models.js';
import type { DocumentKind } from '../kinds/schemas.js';
export type { EvaluatorType } from './evaluators.js';
import type { EvaluatorType } from './evaluators.js';
export type { DocumentKind };
export type { Indicator, Scorecard, ScoringRule, Total } from '../kinds/evaluation/model.js';
export type { SummaryEntry } from '../kinds/summary/model.js';

export interface FundsRow {
  name?: string;
  planned?: Figure;
  adjusted?: Figure;
  received?: Figure;
  spent?: Figure;
  rate?: Figure;
  weight?: Figure;
  score?: Figure;
  reason?: string;
  note?: string;
  /** Named rows: the row this one is part of (其中). */
  under?: string;
}

/** The same money by spending (部门整体支出): 基本支出 (人员经费 + 公用经费) and 项目支出. */
export interface FundsSpending {
  basic?: FundsRow;
  personnel?: FundsRow;
  public_use?: FundsRow;
  project?: FundsRow;
  rows?: FundsRow[];
}

export interface Funds {
  weight?: Figure;
  total?: FundsRow;
  current_year?: FundsRow;
  carried_over?: FundsRow;
  other?: FundsRow;
  rows?: FundsRow[];
  spending?: FundsSpending;
  /** Cut off in the source: its sums are not checked. */
  incomplete?: boolean;
}

export interface Claim {
  text: string;
  source?: unknown;
  /** Absent only when the schema repaired a document that lacks it (load.ts). */
  count?: number;
  scorecards?: string[];
  scorecard?: string;
  level?: number;
  under?: string;
  items?: string[];
  open?: boolean;
  parts?: Figure[];
  subject?: string;
  entries?: boolean;
  grade?: string;
}

export type Expression = string | { sum: Expression[] } | { difference: Expression[] } | { ratio: Expression[] };

export interface StatementFigure {
  /** Absent only when the schema repaired a document that lacks it (load.ts). */
  value?: Figure;
  name?: string;
  refers?: string;
  /** A table cell restated (final accounts, budgets): role/row/column. */
  cell?: string;
  share?: { part: string; whole: string };
  equals?: Expression;
  note?: string;
}

export interface Statement {
  text: string;
  source?: unknown;
  about?: { project: string; evaluator?: EvaluatorType; kind?: DocumentKind };
  figures?: StatementFigure[];
  total?: Figure;
  parts?: Figure[];
  changes?: Change[];
  shares?: 'complete';
}

export type ChangeDirection = '增加' | '增长' | '上升' | '大于' | '高于' | '减少' | '下降' | '小于' | '低于' | '持平';

/** A year-on-year change stated in the text (or against a budget: 大于 / 小于). */
export interface Change {
  name?: string;
  current: string;
  previous?: string;
  amount?: Figure;
  direction?: ChangeDirection | ChangeDirection[];
  rate?: Figure;
}

export interface AnnexTable {
  id: string;
  title?: string;
  note?: string;
  columns?: string[];
  /** Cut off in the source: the whole table, or the columns named. */
  incomplete?: boolean | string[];
  /** A blank cell is undefined (it counts as 0). */
  rows: { name?: string; code?: string; under?: string; values: (Figure | undefined)[] }[];
  total?: { name?: string; values: (Figure | undefined)[] };
}

export interface Project {
  id?: string;
  name?: string;
  code?: string;
  department?: string;
  department_code?: string;
  authority?: string;
  year?: number;
  scope?: 'project' | 'department';
}

/** A document: the fields every kind may have, and those of its kind (kinds/models.ts). */
export interface JixiaoDocument extends KindFields {
  format: 'jixiao/1';
  kind: DocumentKind;
  source?: unknown;
  project?: Project;
  evaluator?: { type?: EvaluatorType; name?: string };
  unit?: string;
  budget?: Record<'planned' | 'adjusted' | 'received' | 'spent' | 'execution_rate' | 'received_rate', Figure | undefined> & { note?: string };
  funds?: Funds;
  goal?: { planned?: string; achieved?: string };
  result?: { score?: Figure; rate?: Figure; grade?: string; deduction?: Figure };
  grading?: { text?: string; bands?: { grade: string; min?: Figure; max?: Figure }[] };
  claims?: Claim[];
  statements?: Statement[];
  tables?: AnnexTable[];
  notes?: string;
  /** The source is cut off: parts of the document are missing, so totals over the whole are not checked. */
  incomplete?: boolean;
}

export type { PublicTable, TableBlock } from '../kinds/accounts/model.js';

export function isNumber(f: Figure | undefined): f is NumberFigure {
  return f !== undefined && f.kind === 'number';
}
