/** The typed document model produced by the located schemas: figures carry their source spans. */
import type { Figure, NumberFigure } from '../values/figure.js';

export type EvaluatorType = 'self' | 'department' | 'finance' | 'third-party';
export type DocumentKind = 'evaluation' | 'self-evaluation' | 'summary' | 'final-accounts' | 'budget';

export interface ScoringRule {
  text?: string;
  kind?: 'proportional' | 'linear' | 'per-failure' | 'checklist' | 'text';
  full_at?: Figure;
  step?: Figure;
  per_step?: Figure;
  per_step_of_weight?: Figure;
  zero_below?: Figure;
  cap?: Figure;
  per_failure?: Figure;
  failures?: number;
  items?: { text: string; points: Figure; met?: boolean }[];
}

export interface Indicator {
  name: string;
  printed_name?: string;
  no?: string;
  code?: string;
  weight?: Figure;
  deduction?: Figure;
  score?: Figure;
  rate?: Figure;
  grade?: string;
  target?: Figure;
  actual?: Figure;
  measured?: Figure;
  reason?: string;
  evidence?: string;
  explanation?: string;
  guidance?: string;
  nature?: string;
  measure_unit?: string;
  note?: string;
  rule?: ScoringRule;
  incomplete?: boolean;
  children?: Indicator[];
}

export interface Total {
  name?: string;
  weight?: Figure;
  deduction?: Figure;
  score?: Figure;
  rate?: Figure;
  grade?: string;
}

export interface Scorecard {
  id: string;
  title?: string;
  source?: unknown;
  role?: string;
  level?: number;
  weight?: Figure;
  incomplete?: boolean;
  note?: string;
  indicators: Indicator[];
  total?: Total;
}

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
}

export interface Funds {
  weight?: Figure;
  total?: FundsRow;
  current_year?: FundsRow;
  carried_over?: FundsRow;
  other?: FundsRow;
  rows?: FundsRow[];
}

export interface Claim {
  text: string;
  source?: unknown;
  count: number;
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
  value: Figure;
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
  rows: { name?: string; values: Figure[] }[];
  total?: { name?: string; values: Figure[] };
}

export interface SummaryEntry {
  no?: string;
  name: string;
  score?: Figure;
  grade?: string;
  project_id?: string;
  evaluator?: EvaluatorType;
  note?: string;
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

export interface JixiaoDocument {
  format: 'jixiao/1';
  kind: DocumentKind;
  source?: unknown;
  project?: Project;
  evaluator?: { type: EvaluatorType; name?: string };
  unit?: string;
  budget?: Record<'planned' | 'adjusted' | 'received' | 'spent' | 'execution_rate' | 'received_rate', Figure | undefined> & { note?: string };
  funds?: Funds;
  goal?: { planned?: string; achieved?: string };
  result?: { score?: Figure; rate?: Figure; grade?: string; deduction?: Figure };
  grading?: { text?: string; bands?: { grade: string; min: Figure; max?: Figure }[] };
  claims?: Claim[];
  statements?: Statement[];
  tables?: AnnexTable[];
  notes?: string;
  scorecards?: Scorecard[];
  indicators?: Indicator[];
  indicators_weight?: Figure;
  total?: Total;
  entries?: SummaryEntry[];
  /** Final accounts and budgets. */
  entity?: { name: string; code?: string; level?: 'department' | 'unit'; authority?: string };
  year?: number;
  public_tables?: PublicTable[];
}

export type { PublicTable, TableBlock } from '../kinds/accounts/model.js';
import type { PublicTable } from '../kinds/accounts/model.js';

export function isNumber(f: Figure | undefined): f is NumberFigure {
  return f !== undefined && f.kind === 'number';
}
